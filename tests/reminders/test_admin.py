"""The secretariat's screens: the delivery log with "resend" (never a double send), and pausing rules."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.mail.models import OutboundMail
from wsis_portal.reminders import services
from wsis_portal.reminders.models import ReminderDelivery, ReminderRule

pytestmark = pytest.mark.django_db
RULE = "consultations.draft_contribution"
# What the secretariat needs here (its role in stakeholders/roles.py is the lead's to extend).
PERMISSIONS = ("view_reminderdelivery", "change_reminderdelivery", "view_reminderrule", "change_reminderrule")


@pytest.fixture
def secretariat(secretariat):
    secretariat.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="reminders", codename__in=PERMISSIONS)
    )
    return secretariat


def test_the_delivery_log_lists_reminders_with_their_status(client, secretariat, draft):
    services.sweep()
    client.force_login(secretariat)
    page = client.get(reverse("admin:reminders_reminderdelivery_changelist"), {"status__exact": "sent"})
    assert page.status_code == 200
    assert list(page.context["cl"].result_list) == list(ReminderDelivery.objects.all())
    assert b"amina@example.org" in page.content


def test_resend_sends_a_reminder_once_more_even_when_clicked_twice(client, secretariat, draft):
    services.sweep()
    client.force_login(secretariat)
    url = reverse("admin:reminders_reminderdelivery_changelist")
    row = ReminderDelivery.objects.get()
    for _ in range(2):
        client.post(url, {"action": "resend", "_selected_action": [row.pk]})
    row.refresh_from_db()
    assert row.status == "pending"
    services.sweep()
    services.sweep()
    row.refresh_from_db()
    assert (row.status, row.attempts, OutboundMail.objects.count()) == ("sent", 2, 2)


def test_the_secretariat_pauses_and_resumes_a_rule_with_an_audit_entry(client, secretariat, db):
    client.force_login(secretariat)
    url = reverse("admin:reminders_reminderrule_changelist")
    assert client.get(url).status_code == 200
    rule = ReminderRule.objects.get(key=RULE)
    client.post(url, {"action": "pause", "_selected_action": [rule.pk]})
    assert list(ReminderRule.objects.filter(paused=True).values_list("key", flat=True)) == [RULE]
    client.post(url, {"action": "unpause", "_selected_action": [rule.pk]})
    assert ReminderRule.objects.filter(paused=True).count() == 0
    changes = (
        AuditEntry.objects.filter(object_id=str(rule.pk)).order_by("pk").values_list("changes", flat=True)
    )
    assert list(changes) == [{"paused": [False, True]}, {"paused": [True, False]}]

"""The secretariat's screens: the delivery log with "resend" (never a double send), and pausing rules."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from tests.consultations.factories import ContributionFactory
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


def test_pausing_and_resuming_say_what_was_done_in_arabic(client, secretariat, db):
    client.force_login(secretariat)
    services.sync_rules()
    rule = ReminderRule.objects.get(key=RULE)
    with translation.override("ar"):
        url = reverse("admin:reminders_reminderrule_changelist")
        said = [
            [
                str(m)
                for m in client.post(
                    url, {"action": action, "_selected_action": [rule.pk]}, follow=True
                ).context["messages"]
            ]
            for action in ("pause", "pause", "unpause")
        ]
    assert said == [
        ["أُوقفت قاعدة واحدة (1) مؤقتًا: لن يُرسل الفحص الدوري أيًّا من تذكيراتها حتى تُستأنف."],
        ["لم تُوقَف أي قاعدة (0)."],
        ["استُؤنفت قاعدة واحدة (1): تُرسَل تذكيراتها المستحقة مع الفحص الدوري التالي."],
    ]


def test_the_scheduled_page_lists_who_gets_which_mail_when_in_which_language(client, secretariat, draft):
    client.force_login(secretariat)
    page = client.get(reverse("admin:reminders_reminderrule_scheduled"))
    assert page.status_code == 200
    (rule,) = [each for each in page.context["rules"] if each["rule"].key == RULE]
    assert [
        (row["entry"].recipient, row["language"], row["when"], row["entry"].is_due) for row in rule["shown"]
    ] == [
        ("amina@example.org", "English", "13 March 2026, 23:59 CET", True),
        ("amina@example.org", "English", "19 March 2026, 23:59 CET", False),
    ]
    assert page.context["due"] == 1
    # Which mail: its subject as the recipient reads it, in their language.
    assert [row["subject"] for row in rule["shown"]] == [
        "Reminder: your contribution to the open consultation is not sent yet"
    ] * 2
    assert '<span dir="auto">Amina Diallo</span>' in page.content.decode()
    assert '<span dir="auto">Community networks first</span>' in page.content.decode()


def test_the_scheduled_page_is_translated_into_arabic(client, secretariat, draft):
    client.force_login(secretariat)
    with translation.override("ar"):
        page = client.get(reverse("admin:reminders_reminderrule_scheduled"))
    text = page.content.decode()
    assert '<html lang="ar" dir="rtl">' in text
    assert "التذكيرات المجدولة" in text
    assert "13 مارس 2026" in text
    # The recipient's mail is in their language (English), whatever the officer's.
    assert (
        '<td lang="en" dir="auto">Reminder: your contribution to the open consultation is not sent yet</td>'
        in text
    )


def test_the_rule_list_and_page_link_to_the_scheduled_reminders(client, secretariat, db):
    client.force_login(secretariat)
    scheduled_url = reverse("admin:reminders_reminderrule_scheduled")
    assert scheduled_url in client.get(reverse("admin:reminders_reminderrule_changelist")).content.decode()
    rule = ReminderRule.objects.get(key=RULE)
    change = client.get(reverse("admin:reminders_reminderrule_change", args=[rule.pk])).content.decode()
    assert f"{scheduled_url}#rule-{RULE}" in change


def test_send_due_now_sends_each_due_reminder_once_even_when_clicked_twice(client, secretariat, draft):
    client.force_login(secretariat)
    url = reverse("admin:reminders_reminderrule_send_due")
    first = client.post(url, follow=True)
    second = client.post(url, follow=True)
    assert [str(m) for m in first.context["messages"]] == ["1 due reminder was sent."]
    assert [str(m) for m in second.context["messages"]] == ["0 due reminders were sent."]
    assert list(OutboundMail.objects.values_list("to", flat=True)) == [["amina@example.org"]]
    assert ReminderDelivery.objects.get().status == "sent"


def test_send_due_now_is_a_post_only_for_who_may_change_the_rules(client, secretariat, draft):
    url = reverse("admin:reminders_reminderrule_send_due")
    client.force_login(secretariat)
    assert client.get(url).status_code == 405
    secretariat.groups.clear()
    secretariat.user_permissions.set(Permission.objects.filter(codename="view_reminderrule"))
    assert client.post(url).status_code == 403
    assert OutboundMail.objects.count() == 0


def test_the_secretariat_pauses_a_rule_from_its_page_and_it_is_no_longer_scheduled(
    client, secretariat, draft
):
    client.force_login(secretariat)
    services.sync_rules()
    rule = ReminderRule.objects.get(key=RULE)
    client.post(reverse("admin:reminders_reminderrule_change", args=[rule.pk]), {"paused": "on"})
    rule.refresh_from_db()
    assert rule.paused is True
    page = client.get(reverse("admin:reminders_reminderrule_scheduled"))
    (shown,) = [each for each in page.context["rules"] if each["rule"].key == RULE]
    assert (shown["paused"], shown["shown"], page.context["due"]) == (True, [], 0)
    client.post(reverse("admin:reminders_reminderrule_send_due"))
    assert OutboundMail.objects.count() == 0


@pytest.mark.parametrize("drafts", [1, 3])
def test_the_scheduled_page_runs_a_fixed_number_of_queries(
    client, secretariat, owner, clock, drafts, django_assert_num_queries
):
    for n in range(drafts):
        ContributionFactory(owner=owner, title=f"Draft {n}")
    client.force_login(secretariat)
    url = reverse("admin:reminders_reminderrule_scheduled")
    ContentType.objects.clear_cache()  # as in a fresh process: the kinds of objects are looked up once
    with django_assert_num_queries(26):
        page = client.get(url)
    assert page.context["due"] == drafts

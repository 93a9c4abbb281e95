"""manage.py send_reminders: one sweep, for deployments without beat; run twice, it sends a reminder once."""

from io import StringIO

import pytest
from django.core.management import call_command

from wsis_portal.mail.models import OutboundMail
from wsis_portal.reminders import services
from wsis_portal.reminders.models import ReminderDelivery, ReminderRule

pytestmark = pytest.mark.django_db


def send_reminders():
    out = StringIO()
    call_command("send_reminders", stdout=out)
    return out.getvalue()


def test_the_command_run_twice_sends_the_due_reminder_once(draft):
    assert send_reminders() == "1 reminder(s) sent, 0 failed, 0 no longer due.\n"
    assert send_reminders() == "0 reminder(s) sent, 0 failed, 0 no longer due.\n"
    assert list(OutboundMail.objects.values_list("to", flat=True)) == [["amina@example.org"]]
    assert list(ReminderDelivery.objects.values_list("recipient", "offset", "status")) == [
        ("amina@example.org", 7, "sent")
    ]


def test_the_command_sends_nothing_of_a_paused_rule_until_it_is_resumed(draft):
    services.sync_rules()
    ReminderRule.objects.filter(key="consultations.draft_contribution").update(paused=True)
    assert send_reminders() == "0 reminder(s) sent, 0 failed, 0 no longer due.\n"
    assert (OutboundMail.objects.count(), ReminderDelivery.objects.count()) == (0, 0)
    ReminderRule.objects.filter(key="consultations.draft_contribution").update(paused=False)
    assert send_reminders() == "1 reminder(s) sent, 0 failed, 0 no longer due.\n"
    assert send_reminders() == "0 reminder(s) sent, 0 failed, 0 no longer due.\n"
    assert list(OutboundMail.objects.values_list("to", flat=True)) == [["amina@example.org"]]

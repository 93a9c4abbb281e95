"""Reminders of prize drafts: the owner of a project still in draft is reminded 14, 7 and 1 days before the
deadline of the cycle's submission phase (15 March 2026, 23:59 Geneva time), in their language, once; not
for a project sent, nor after the deadline."""

import pytest

from prizes import services
from wsis_portal.editions.schedule import geneva_time
from wsis_portal.mail.models import OutboundMail
from wsis_portal.reminders import registry
from wsis_portal.reminders.models import ReminderDelivery
from wsis_portal.reminders.schedule import scheduled
from wsis_portal.reminders.services import sweep

pytestmark = pytest.mark.django_db
RULE = "prizes.draft_submission"
DEADLINE = geneva_time(2026, 3, 15, 23, 59)
# The 7-day reminder fell due on 8 March 2026, 23:59 (Geneva).
WEEK_BEFORE = geneva_time(2026, 3, 9, 9, 0)


def found(now):
    return [(c.obj.title, c.email, c.language, c.anchor) for c in registry.get(RULE).candidates(now)]


def prize_mails():
    return OutboundMail.objects.filter(subject__contains="WSIS Prizes 2026")


def test_the_draft_rule_is_registered_with_its_offsets_and_mail():
    rule = registry.get(RULE)
    assert (rule.offsets, rule.optional, rule.after, rule.template) == (
        (14, 7, 1),
        True,
        False,
        "prizes/email/draft_submission",
    )


def test_drafts_of_both_kinds_are_found_with_the_submission_deadline(draft, nomination_draft):
    assert sorted(found(WEEK_BEFORE)) == [
        ("Community networks for rural broadband", "omar@example.org", "en", DEADLINE),
        ("Mobile digital libraries", "amina@example.org", "en", DEADLINE),
    ]


def test_no_reminder_after_the_submission_deadline(draft):
    assert found(DEADLINE) == []


def test_a_submitted_project_is_not_reminded(draft, owner):
    services.submit(draft, owner)
    assert found(WEEK_BEFORE) == []


def test_the_english_reminder_names_the_project_the_cycle_and_the_geneva_deadline(draft, time_machine):
    time_machine.move_to(WEEK_BEFORE, tick=False)
    sweep()
    sweep()
    (mail,) = prize_mails()
    assert (mail.to, mail.language) == (["amina@example.org"], "en")
    assert mail.subject == "Reminder: your project for the WSIS Prizes 2026 is not submitted yet"
    assert mail.body.startswith(
        "Your project “Mobile digital libraries” for the WSIS Prizes 2026 is still a draft."
    )
    assert "until 15 March 2026, 23:59 CET (Geneva time)" in mail.body
    assert f"/en/prizes/mine/{draft.pk}/" in mail.body
    assert '<html lang="en" dir="ltr">' in mail.html_body
    assert '<span lang="en" dir="auto">Mobile digital libraries</span>' in mail.html_body
    assert list(ReminderDelivery.objects.filter(rule=RULE).values_list("offset", "status")) == [(7, "sent")]


def test_the_arabic_reminder_is_written_in_arabic_right_to_left(draft, owner, time_machine):
    owner.preferred_language = "ar"
    owner.save()
    time_machine.move_to(WEEK_BEFORE, tick=False)
    sweep()
    (mail,) = OutboundMail.objects.filter(to=["amina@example.org"])
    assert mail.language == "ar"
    assert mail.subject == "تذكير: لم يُقدَّم بعدُ مشروعك في جوائز القمة العالمية لمجتمع المعلومات 2026"
    assert mail.body.startswith("لا يزال مشروعك “Mobile digital libraries” في جوائز القمة")
    assert "15 مارس 2026" in mail.body
    assert f"/ar/prizes/mine/{draft.pk}/" in mail.body
    assert '<html lang="ar" dir="rtl">' in mail.html_body


def test_the_draft_reminder_is_listed_as_due_before_it_is_sent(draft, time_machine):
    time_machine.move_to(WEEK_BEFORE, tick=False)
    (entries,) = [entries for rule, _paused, entries in scheduled() if rule.key == RULE]
    assert [(e.recipient, e.language, e.offset, e.is_due) for e in entries] == [
        ("amina@example.org", "en", 7, True),
        ("amina@example.org", "en", 1, False),
    ]

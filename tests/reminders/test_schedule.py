"""What the reminders have scheduled (``schedule.scheduled``): the reminders listed as due are exactly those
the sweep then sends, in the same language; the next one coming follows; a paused rule lists none."""

import pytest

from consultations import services as consultation_services
from tests.consultations.factories import ContributionFactory
from tests.factories import UserFactory
from wsis_portal.editions.schedule import geneva_time
from wsis_portal.mail.models import OutboundMail
from wsis_portal.reminders import services
from wsis_portal.reminders.models import ReminderDelivery, ReminderRule
from wsis_portal.reminders.schedule import scheduled

pytestmark = pytest.mark.django_db
RULE = "consultations.draft_contribution"
SEVEN_DAYS_BEFORE = geneva_time(2026, 3, 13, 23, 59)
ONE_DAY_BEFORE = geneva_time(2026, 3, 19, 23, 59)


def listed(is_due):
    return [
        (
            entry.rule.key,
            entry.recipient,
            entry.name,
            str(entry.item),
            entry.language,
            entry.offset,
            entry.due_at,
        )
        for _rule, _paused, entries in scheduled()
        for entry in entries
        if entry.is_due == is_due
    ]


def sent():
    return list(
        ReminderDelivery.objects.filter(status="sent")
        .order_by("due_at", "recipient")
        .values_list("rule", "recipient", "language", "offset", "due_at")
    )


@pytest.fixture
def second_draft(draft):
    omar = UserFactory(email="omar@example.org", full_name="عمر الفاروق", preferred_language="ar")
    return ContributionFactory(owner=omar, title="الشبكات المجتمعية")


def test_the_due_reminders_listed_are_exactly_those_the_sweep_sends(draft, second_draft):
    due = listed(is_due=True)
    assert due == [
        (RULE, "amina@example.org", "Amina Diallo", "Community networks first", "en", 7, SEVEN_DAYS_BEFORE),
        (RULE, "omar@example.org", "عمر الفاروق", "الشبكات المجتمعية", "ar", 7, SEVEN_DAYS_BEFORE),
    ]
    services.sweep()
    assert sent() == [(key, email, language, offset, at) for key, email, _n, _i, language, offset, at in due]
    assert sorted(mail.to[0] for mail in OutboundMail.objects.all()) == [
        "amina@example.org",
        "omar@example.org",
    ]
    assert listed(is_due=True) == []


def test_listing_records_and_sends_nothing(draft):
    scheduled()
    assert (ReminderDelivery.objects.count(), OutboundMail.objects.count()) == (0, 0)


def test_the_next_reminder_coming_is_listed_after_the_due_one(draft):
    services.sweep()
    assert listed(is_due=False) == [
        (RULE, "amina@example.org", "Amina Diallo", "Community networks first", "en", 1, ONE_DAY_BEFORE)
    ]


def test_a_reminder_put_back_for_resending_is_listed_in_its_recorded_language(draft, owner):
    services.sweep()
    owner.preferred_language = "ar"
    owner.save()
    services.resend(ReminderDelivery.objects.all())
    assert [(entry[1], entry[4], entry[5]) for entry in listed(is_due=True)] == [
        ("amina@example.org", "en", 7)
    ]
    counts = services.sweep()
    assert (counts["sent"], ReminderDelivery.objects.get().attempts) == (1, 2)


def test_a_pending_reminder_no_longer_due_is_not_listed_and_the_sweep_cancels_it(draft, owner):
    services.sweep()
    services.resend(ReminderDelivery.objects.all())
    consultation_services.submit(draft, owner)
    assert listed(is_due=True) == []
    assert services.sweep()["cancelled"] == 1


def test_a_paused_rule_lists_nothing_and_the_sweep_sends_nothing(draft):
    services.sync_rules()
    ReminderRule.objects.filter(key=RULE).update(paused=True)
    assert [(rule.key, entries) for rule, paused, entries in scheduled() if paused] == [(RULE, [])]
    assert listed(is_due=True) == []
    services.sweep()
    assert sent() == []

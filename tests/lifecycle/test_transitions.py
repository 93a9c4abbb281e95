"""Submission transitions: reference numbers per prefix and Geneva year, never given twice; each change only
from the states that allow it, once, with its audit entry."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.db import connection, transaction

from stocktaking.models import Entry
from tests.factories import SecretariatFactory
from tests.stocktaking.factories import EntryFactory, SubmittedEntryFactory
from wsis_portal.lifecycle import transitions
from wsis_portal.lifecycle.models import AuditEntry, ReferenceSequence
from wsis_portal.lifecycle.transitions import TransitionRefused, next_reference

pytestmark = pytest.mark.django_db

MIDYEAR = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def test_first_reference_of_a_year_is_number_one():
    assert next_reference("WSIS-ST", MIDYEAR) == "WSIS-ST-2026-00001"


def test_references_of_a_prefix_follow_each_other():
    assert [next_reference("WSIS-ST", MIDYEAR) for _ in range(3)] == [
        "WSIS-ST-2026-00001",
        "WSIS-ST-2026-00002",
        "WSIS-ST-2026-00003",
    ]


def test_each_prefix_counts_on_its_own():
    next_reference("WSIS-ST", MIDYEAR)
    next_reference("WSIS-ST", MIDYEAR)
    assert next_reference("WSIS-PR", MIDYEAR) == "WSIS-PR-2026-00001"


def test_each_year_starts_again_at_one():
    next_reference("WSIS-ST", MIDYEAR)
    assert next_reference("WSIS-ST", datetime(2027, 6, 1, tzinfo=UTC)) == "WSIS-ST-2027-00001"
    assert next_reference("WSIS-ST", MIDYEAR) == "WSIS-ST-2026-00002"


def test_a_year_given_by_its_process_continues_the_same_sequence():
    next_reference("WSIS-ST", MIDYEAR)
    assert transitions.reference_in_year("WSIS-ST", 2026) == "WSIS-ST-2026-00002"
    assert transitions.reference_in_year("WSIS-ST", 2027) == "WSIS-ST-2027-00001"


def test_last_minutes_of_the_utc_year_are_already_new_year_in_geneva():
    # 31 December 23:30 UTC is 1 January 00:30 in Geneva (CET, UTC+1).
    assert next_reference("WSIS-ST", datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == "WSIS-ST-2027-00001"


def test_last_minute_of_the_geneva_year_still_counts_in_that_year():
    # 31 December 22:59 UTC is 23:59 in Geneva.
    assert next_reference("WSIS-ST", datetime(2026, 12, 31, 22, 59, tzinfo=UTC)) == "WSIS-ST-2026-00001"


def test_submission_at_new_year_in_geneva_gets_the_new_year(time_machine):
    time_machine.move_to(datetime(2026, 12, 31, 23, 30, tzinfo=UTC), tick=False)
    entry = EntryFactory()
    transitions.apply(entry, "submit", entry.owner)
    assert entry.reference == "WSIS-ST-2027-00001"


def test_number_of_a_deleted_submission_is_never_given_again():
    first = EntryFactory()
    transitions.apply(first, "submit", first.owner)
    first.delete()
    second = EntryFactory()
    transitions.apply(second, "submit", second.owner)
    assert second.reference.endswith("-00002")
    assert ReferenceSequence.objects.get(prefix="WSIS-ST").last == 2


def test_submit_sets_state_date_and_reference(time_machine):
    time_machine.move_to(MIDYEAR, tick=False)
    entry = EntryFactory()
    returned = transitions.apply(entry, "submit", entry.owner)
    assert returned is entry
    entry.refresh_from_db()
    assert (entry.state, entry.submitted_at, entry.reference) == ("submitted", MIDYEAR, "WSIS-ST-2026-00001")


def test_resubmission_keeps_the_reference_and_clears_the_comment():
    entry = EntryFactory()
    clerk = SecretariatFactory()
    transitions.apply(entry, "submit", entry.owner)
    transitions.apply(entry, "return", clerk, comment="Add the dates.")
    transitions.apply(entry, "submit", entry.owner)
    entry.refresh_from_db()
    assert (entry.state, entry.reference, entry.review_comment) == ("submitted", "WSIS-ST-2026-00001", "")


def test_decision_records_the_clerk_the_instant_and_the_comment(time_machine):
    time_machine.move_to(MIDYEAR, tick=False)
    entry = SubmittedEntryFactory()
    clerk = SecretariatFactory()
    transitions.apply(entry, "return", clerk, comment="Add the dates.")
    entry.refresh_from_db()
    assert (entry.state, entry.decided_by, entry.decided_at, entry.review_comment) == (
        "returned",
        clerk,
        MIDYEAR,
        "Add the dates.",
    )


def test_updates_are_written_with_the_transition():
    entry = SubmittedEntryFactory()
    transitions.apply(entry, "accept", SecretariatFactory(), updates={"year": 2031})
    assert Entry.objects.get(pk=entry.pk).year == 2031


@pytest.mark.parametrize(
    ("name", "state", "after"),
    [
        ("submit", "draft", "submitted"),
        ("submit", "returned", "submitted"),
        ("return", "submitted", "returned"),
        ("accept", "submitted", "accepted"),
        ("reject", "submitted", "rejected"),
    ],
)
def test_allowed_transition_changes_the_state(name, state, after):
    entry = SubmittedEntryFactory(state=state)
    transitions.apply(entry, name, SecretariatFactory(), comment="x")
    assert Entry.objects.get(pk=entry.pk).state == after


@pytest.mark.parametrize(
    ("name", "state"),
    [
        ("submit", "submitted"),
        ("submit", "accepted"),
        ("submit", "rejected"),
        ("return", "draft"),
        ("return", "returned"),
        ("return", "accepted"),
        ("accept", "draft"),
        ("accept", "returned"),
        ("accept", "accepted"),
        ("accept", "rejected"),
        ("reject", "draft"),
        ("reject", "accepted"),
        ("reject", "rejected"),
    ],
)
def test_transition_from_a_state_that_does_not_allow_it_is_refused(name, state):
    entry = SubmittedEntryFactory(state=state)
    with pytest.raises(TransitionRefused) as refused:
        transitions.apply(entry, name, SecretariatFactory(), comment="x")
    assert refused.value.code == "stale_state"
    assert Entry.objects.get(pk=entry.pk).state == state
    assert not AuditEntry.objects.exists()


def test_refusal_names_the_state_the_submission_is_in_now():
    entry = SubmittedEntryFactory()
    stale_copy = Entry.objects.get(pk=entry.pk)
    transitions.apply(entry, "accept", SecretariatFactory())
    with pytest.raises(TransitionRefused) as refused:
        transitions.apply(stale_copy, "reject", SecretariatFactory(), comment="Too late")
    assert refused.value.messages == [
        "This was changed in the meantime (it is now “Accepted”): reload the page."
    ]
    assert AuditEntry.objects.filter(action="rejected").count() == 0


def test_two_clerks_deciding_at_once_change_the_submission_once():
    entry = SubmittedEntryFactory()
    copies = [Entry.objects.get(pk=entry.pk), Entry.objects.get(pk=entry.pk)]
    transitions.apply(copies[0], "accept", SecretariatFactory())
    with pytest.raises(TransitionRefused):
        transitions.apply(copies[1], "accept", SecretariatFactory())
    assert AuditEntry.objects.filter(action="accepted", object_id=str(entry.pk)).count() == 1


def test_transition_is_audited_with_the_states_before_and_after():
    entry = SubmittedEntryFactory()
    clerk = SecretariatFactory()
    transitions.apply(entry, "reject", clerk, comment="Out of scope.")
    audit = AuditEntry.objects.get()
    assert (audit.actor, audit.action, audit.object_id, audit.changes, audit.note) == (
        clerk,
        "rejected",
        str(entry.pk),
        {"state": ["submitted", "rejected"]},
        "Out of scope.",
    )


def test_submission_is_audited_with_its_author():
    entry = EntryFactory()
    transitions.apply(entry, "submit", entry.owner)
    audit = AuditEntry.objects.get()
    assert (audit.actor, audit.action, audit.changes) == (
        entry.owner,
        "submitted",
        {"state": ["draft", "submitted"]},
    )


def test_a_reserved_reference_is_the_one_the_submission_gets(time_machine):
    time_machine.move_to(MIDYEAR, tick=False)
    entry = EntryFactory()
    reservation = transitions.reserve_reference(entry)
    time_machine.move_to(datetime(2026, 6, 1, 12, 0, 1, tzinfo=UTC), tick=False)
    transitions.apply(entry, "submit", entry.owner, reservation=reservation)
    entry.refresh_from_db()
    assert (entry.reference, entry.submitted_at) == ("WSIS-ST-2026-00001", MIDYEAR)


def test_a_reservation_of_a_refused_submission_leaves_a_gap_never_a_duplicate():
    entry = EntryFactory()
    copies = [Entry.objects.get(pk=entry.pk), Entry.objects.get(pk=entry.pk)]  # a double click
    reservations = [transitions.reserve_reference(copy) for copy in copies]
    transitions.apply(copies[0], "submit", entry.owner, reservation=reservations[0])
    with pytest.raises(TransitionRefused):
        transitions.apply(copies[1], "submit", entry.owner, reservation=reservations[1])
    later = EntryFactory()
    transitions.apply(later, "submit", later.owner, reservation=transitions.reserve_reference(later))
    references = sorted(Entry.objects.values_list("reference", flat=True))
    assert references == ["WSIS-ST-2026-00001", "WSIS-ST-2026-00003"]


def test_nothing_is_reserved_for_a_submission_that_keeps_its_reference_or_cannot_be_sent():
    entry = SubmittedEntryFactory()
    numbers = list(ReferenceSequence.objects.values_list("prefix", "year", "last"))
    assert transitions.reserve_reference(entry) is None  # already sent
    transitions.apply(entry, "return", SecretariatFactory(), comment="Add the dates.")
    assert transitions.reserve_reference(entry) is None  # returned: keeps its reference
    assert list(ReferenceSequence.objects.values_list("prefix", "year", "last")) == numbers


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"), reason="row locks: PostgreSQL (CI)"
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_the_year_sequence_is_free_while_a_submission_is_being_written():
    first, second = EntryFactory(), EntryFactory()

    def other_submission_takes_its_number():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '2s'")  # waiting on the sequence row fails the test
            return transitions.reserve_reference(Entry.objects.get(pk=second.pk)).reference
        finally:
            connection.close()

    reservation = transitions.reserve_reference(first)
    with transaction.atomic():
        transitions.apply(first, "submit", first.owner, reservation=reservation)
        # The services write the audit entry and the receipt here, still inside the transaction.
        with ThreadPoolExecutor(1) as pool:
            taken = pool.submit(other_submission_takes_its_number).result(timeout=30)
    assert taken == reservation.reference[:-5] + "00002"


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"), reason="races: PostgreSQL (CI)"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_first_references_of_a_year_are_each_given_once():
    def take(_):
        try:
            return next_reference("WSIS-RACE", MIDYEAR)
        finally:
            connection.close()

    with ThreadPoolExecutor(20) as pool:
        references = list(pool.map(take, range(40)))
    assert sorted(references) == [f"WSIS-RACE-2026-{number:05d}" for number in range(1, 41)]

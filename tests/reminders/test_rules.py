"""Rules compute their due instant on Geneva's wall clock, and each registered rule finds exactly the
objects it should: drafts before the deadline, returned workshop requests, unanswered invitations."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from consultations import services as consultation_services
from forum_events import high_level
from forum_events.models import Invitation
from tests.consultations.factories import WorkshopRequestFactory
from tests.factories import EditionFactory, PhaseFactory, SecretariatFactory
from tests.stocktaking.factories import EntryFactory
from wsis_portal.editions.models import Process
from wsis_portal.editions.schedule import GENEVA, geneva_time
from wsis_portal.reminders import registry
from wsis_portal.stakeholders.models import MemberState

from .conftest import AFTER_SEVEN_DAYS


def rule(key):
    return registry.get(key)


def found(key, now):
    return [(c.obj, c.email, c.language, c.anchor) for c in rule(key).candidates(now)]


def test_reminder_before_a_deadline_after_the_spring_dst_change_keeps_the_geneva_time():
    # Summer time starts on 28 March 2027: the deadline is at UTC+2, the reminder a week before at UTC+1.
    deadline = datetime(2027, 3, 29, 12, 0, tzinfo=GENEVA)
    due = rule("consultations.draft_contribution").send_at(deadline, 7)
    assert due.astimezone(GENEVA).replace(tzinfo=None) == datetime(2027, 3, 22, 12, 0)
    assert due.astimezone(UTC) == datetime(2027, 3, 22, 11, 0, tzinfo=UTC)
    assert deadline.astimezone(UTC) - due.astimezone(UTC) == timedelta(days=6, hours=23)


def test_reminder_before_a_deadline_after_the_autumn_dst_change_keeps_the_geneva_time():
    # Summer time ends on 31 October 2027: the deadline is at UTC+1, the reminder a week before at UTC+2.
    deadline = datetime(2027, 11, 2, 12, 0, tzinfo=GENEVA)
    due = rule("consultations.draft_contribution").send_at(deadline, 7)
    assert due.astimezone(UTC) == datetime(2027, 10, 26, 10, 0, tzinfo=UTC)


def test_reminder_after_an_event_across_dst_keeps_the_geneva_time():
    returned = datetime(2027, 3, 25, 9, 30, tzinfo=GENEVA)
    due = rule("consultations.returned_workshop").send_at(returned, 7)
    assert due.astimezone(UTC) == datetime(2027, 4, 1, 7, 30, tzinfo=UTC)


def test_only_the_latest_passed_offset_is_due_and_none_after_the_deadline():
    drafts = rule("consultations.draft_contribution")
    deadline = geneva_time(2026, 3, 20, 23, 59)
    assert drafts.due_offset(deadline, geneva_time(2026, 3, 6, 23, 58)) is None
    assert drafts.due_offset(deadline, geneva_time(2026, 3, 6, 23, 59)) == 14
    assert drafts.due_offset(deadline, geneva_time(2026, 3, 19, 23, 59)) == 1
    assert drafts.due_offset(deadline, deadline) is None


def test_the_four_rules_of_this_issue_are_registered():
    # The WSIS Prizes register rules of their own, tested with the prizes.
    assert [
        (r.key, r.offsets, r.optional, r.after) for r in registry.rules() if r.key.split(".")[0] != "prizes"
    ] == [
        ("consultations.draft_contribution", (14, 7, 1), True, False),
        ("consultations.returned_workshop", (7, 14), True, True),
        ("forum_events.unanswered_invitation", (14, 7, 1), False, False),
        ("stocktaking.draft_entry", (14, 7, 1), True, False),
    ]


def test_draft_contribution_is_found_before_the_deadline_and_submitted_one_is_not(draft, owner):
    other = type(draft).objects.create(
        consultation=draft.consultation, owner=owner, title="Sent already", language="en", kind=draft.kind
    )
    type(draft).objects.filter(pk=other.pk).update(state="submitted")
    deadline = geneva_time(2026, 3, 20, 23, 59)
    assert found("consultations.draft_contribution", AFTER_SEVEN_DAYS) == [
        (draft, "amina@example.org", "en", deadline)
    ]
    assert found("consultations.draft_contribution", deadline) == []


def test_returned_workshop_request_is_found_until_it_is_sent_again(clock):
    request = WorkshopRequestFactory()
    consultation_services.submit(request, request.owner)
    consultation_services.return_for_changes(request, SecretariatFactory(), "Add a speaker from Africa.")
    request.refresh_from_db()
    assert found("consultations.returned_workshop", AFTER_SEVEN_DAYS) == [
        (request, request.owner.email, request.owner.preferred_language, AFTER_SEVEN_DAYS)
    ]
    consultation_services.submit(request, request.owner)
    assert found("consultations.returned_workshop", AFTER_SEVEN_DAYS) == []


def test_unanswered_invitation_reminds_the_protocol_office_in_the_invitation_language(time_machine):
    time_machine.move_to(geneva_time(2027, 4, 1, 9, 0), tick=False)
    edition = EditionFactory(year=2027)
    deadline = geneva_time(2027, 4, 30, 23, 59)
    PhaseFactory(
        edition=edition,
        process=Process.FORUM,
        key=high_level.CONFIRMATIONS_PHASE,
        opens_at=geneva_time(2027, 1, 10, 9, 0),
        closes_at=deadline,
    )
    morocco, jordan = MemberState.objects.get(country="MA"), MemberState.objects.get(country="JO")
    MemberState.objects.filter(pk__in=[morocco.pk, jordan.pk]).update(
        protocol_office_email="protocol@example.org"
    )
    waiting = Invitation.objects.create(
        edition=edition, member_state=morocco, token_digest="a", issued_at=timezone.now(), language="ar"
    )
    Invitation.objects.create(
        edition=edition, member_state=jordan, token_digest="b", issued_at=timezone.now(), answer="accepted"
    )
    assert found("forum_events.unanswered_invitation", timezone.now()) == [
        (waiting, "protocol@example.org", "ar", deadline)
    ]


def test_draft_stocktaking_entry_is_found_before_the_submission_deadline(time_machine):
    time_machine.move_to(geneva_time(2026, 5, 1, 9, 0), tick=False)
    edition = EditionFactory(year=2026)
    deadline = geneva_time(2026, 5, 10, 23, 59)
    PhaseFactory(
        edition=edition,
        process=Process.STOCKTAKING,
        key="submissions",
        opens_at=geneva_time(2026, 1, 10, 9, 0),
        closes_at=deadline,
    )
    entry = EntryFactory()
    EntryFactory(state="submitted")
    assert found("stocktaking.draft_entry", timezone.now()) == [
        (entry, entry.owner.email, entry.owner.preferred_language, deadline)
    ]
    assert ContentType.objects.get_for_model(entry).model == "entry"


pytestmark = pytest.mark.django_db

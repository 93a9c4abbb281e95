"""The allocation of speaking slots by protocol: rank, then time of request; the slots never overbooked;
the waiting list moving up. The concurrency proofs run on PostgreSQL only (CI), where requests really race:
SQLite serialises every write, so it could prove nothing."""

import random
import secrets
import string
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from forum_events import high_level
from forum_events.models import Invitation, Session, SessionType, SlotRequest
from tests.factories import EditionFactory, PhaseFactory
from wsis_portal.editions.models import Process
from wsis_portal.editions.schedule import GENEVA
from wsis_portal.mail.models import OutboundMail
from wsis_portal.stakeholders.models import MemberState

CONFIRMED, WAITING, WITHDRAWN = "confirmed", "waiting", "withdrawn"


def open_edition():
    edition = EditionFactory(year=2026)
    PhaseFactory(
        edition=edition,
        process=Process.FORUM,
        key=high_level.CONFIRMATIONS_PHASE,
        opens_at=datetime(2020, 1, 1, 9, 0, tzinfo=GENEVA),
        closes_at=datetime(2099, 4, 15, 23, 59, tzinfo=GENEVA),
    )
    return edition


def policy_session(edition, number, capacity):
    return Session.objects.create(
        edition=edition,
        kind=SessionType.HIGH_LEVEL_POLICY,
        title_en=f"High-level policy session {number}",
        title_ar=f"الجلسة الرفيعة المستوى بشأن السياسات {number}",
        speaking_capacity=capacity,
        minutes_per_speaker=3,
    )


def invite(edition, state, email=""):
    if email:
        MemberState.objects.filter(pk=state.pk).update(protocol_office_email=email)
        state.protocol_office_email = email
    return Invitation.objects.create(
        edition=edition,
        member_state=state,
        token_digest=secrets.token_hex(32),
        issued_at=timezone.now(),
        answer=Invitation.Answer.ACCEPTED,
    )


def speaker(rank, name="H.E. Speaker"):
    return {"speaker_name": name, "speaker_title": "Minister", "rank": rank, "attendance": "in_person"}


def statuses(session):
    return [(r.member_state.country.code, r.status) for r in high_level.order(session)]


@pytest.fixture
def track(db):
    edition = open_edition()
    states = {code: MemberState.objects.get(country=code) for code in ("EG", "JO", "MA", "TN")}
    invitations = {
        code: invite(edition, state, f"protocol.{code.lower()}@example.org") for code, state in states.items()
    }
    return edition, policy_session(edition, 1, 2), invitations


def test_rank_comes_first_then_the_time_of_request(track):
    _edition, session, invitations = track
    high_level.request_slot(invitations["EG"], session, speaker(3))
    high_level.request_slot(invitations["JO"], session, speaker(3))
    high_level.request_slot(invitations["MA"], session, speaker(1))
    assert statuses(session) == [("MA", CONFIRMED), ("EG", CONFIRMED), ("JO", WAITING)]


def test_the_slots_are_never_more_than_the_capacity(track):
    _edition, session, invitations = track
    for code in ("EG", "JO", "MA", "TN"):
        high_level.request_slot(invitations[code], session, speaker(3))
    assert statuses(session) == [("EG", CONFIRMED), ("JO", CONFIRMED), ("MA", WAITING), ("TN", WAITING)]


def test_the_waiting_list_moves_up_when_a_confirmed_request_is_withdrawn(track):
    _edition, session, invitations = track
    requests = {
        code: high_level.request_slot(invitations[code], session, speaker(3)) for code in ("EG", "JO", "MA")
    }
    OutboundMail.objects.all().delete()
    high_level.withdraw(requests["EG"])
    assert statuses(session) == [("JO", CONFIRMED), ("MA", CONFIRMED)]
    assert SlotRequest.objects.get(pk=requests["EG"].pk).status == WITHDRAWN
    assert list(OutboundMail.objects.values_list("to", flat=True)) == [["protocol.ma@example.org"]]
    assert high_level.position_in(SlotRequest.objects.get(pk=requests["MA"].pk)) == 2


def test_a_change_to_a_lower_rank_moves_the_request_down(track):
    _edition, session, invitations = track
    requests = {
        code: high_level.request_slot(invitations[code], session, speaker(3)) for code in ("EG", "JO", "MA")
    }
    changed = high_level.update_request(requests["EG"], {"rank": 5, "is_delegate": True})
    assert (changed.status, changed.is_delegate) == (WAITING, True)
    assert statuses(session) == [("JO", CONFIRMED), ("MA", CONFIRMED), ("EG", WAITING)]
    high_level.update_request(changed, {"rank": 1})
    assert statuses(session) == [("EG", CONFIRMED), ("JO", CONFIRMED), ("MA", WAITING)]


def test_a_member_state_speaks_once_per_session(track):
    _edition, session, invitations = track
    high_level.request_slot(invitations["EG"], session, speaker(3))
    with pytest.raises(ValidationError) as refused:
        high_level.request_slot(invitations["EG"], session, speaker(1, "Another"), preference=2)
    assert refused.value.code == "duplicate"
    assert SlotRequest.objects.filter(session=session, member_state__country="EG").count() == 1


def test_a_withdrawn_state_may_request_the_session_again_at_the_end_of_its_rank(track):
    _edition, session, invitations = track
    first = high_level.request_slot(invitations["EG"], session, speaker(3))
    high_level.request_slot(invitations["JO"], session, speaker(3))
    high_level.request_slot(invitations["MA"], session, speaker(3))
    high_level.withdraw(first)
    high_level.request_slot(invitations["EG"], session, speaker(3))
    assert statuses(session) == [("JO", CONFIRMED), ("MA", CONFIRMED), ("EG", WAITING)]


# --- Concurrency, PostgreSQL only ---------------------------------------------------------------------------

SESSIONS, SLOTS, STATES = 5, 50, 500  # 500 Member States × 2 choices = 1,000 requests, 200 per session


def extra_member_states(count):
    """``count`` Member States: those the migrations created, then rows for unused two-letter codes."""
    states = list(MemberState.objects.order_by("country"))
    taken = {state.country.code for state in states}
    codes = (a + b for a in string.ascii_uppercase for b in string.ascii_uppercase)
    new = [MemberState(country=code) for code in codes if code not in taken][: count - len(states)]
    MemberState.objects.bulk_create(new)
    return list(MemberState.objects.order_by("country"))[:count]


def attempt(invitation, session, data, preference):
    try:
        return high_level.request_slot(invitation, session, data, preference=preference).pk
    except ValidationError:
        return None
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_thousand_concurrent_requests_never_overbook_and_follow_protocol_order():
    if connection.vendor != "postgresql":
        pytest.skip("Concurrent requests only race on PostgreSQL (CI).")
    edition = open_edition()
    sessions = [policy_session(edition, number, SLOTS) for number in range(1, SESSIONS + 1)]
    states = extra_member_states(STATES)
    assert len(states) == STATES
    draw = random.Random(6)  # noqa: S311 - a reproducible mix of ranks, not a secret
    calls = []
    for index, state in enumerate(states):
        invitation = invite(edition, state)
        first = sessions[index % SESSIONS]
        # Every 25th state asks for the same session twice: the second choice must be refused.
        second = first if index % 25 == 0 else sessions[(index + 1) % SESSIONS]
        calls.append((invitation, first, speaker(draw.randint(1, 6)), 1))
        calls.append((invitation, second, speaker(draw.randint(1, 6)), 2))
    draw.shuffle(calls)
    assert len(calls) == 1000

    with ThreadPoolExecutor(max_workers=32) as pool:
        results = list(pool.map(lambda call: attempt(*call), calls))

    succeeded = [pk for pk in results if pk is not None]
    assert len(results) == 1000
    assert len(succeeded) == 980
    assert sorted(SlotRequest.objects.values_list("pk", flat=True)) == sorted(succeeded)
    for session in sessions:
        requests = list(SlotRequest.objects.filter(session=session).order_by("rank", "requested_at", "pk"))
        confirmed = [r.pk for r in requests if r.status == CONFIRMED]
        assert len(requests) > SLOTS
        assert len(confirmed) == min(SLOTS, len(requests)) == SLOTS
        assert len({r.member_state_id for r in requests}) == len(requests)
        assert confirmed == [r.pk for r in requests[:SLOTS]]
        assert all(r.status == WAITING for r in requests[SLOTS:])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_concurrent_requests_of_one_state_for_one_session_give_one_request():
    if connection.vendor != "postgresql":
        pytest.skip("Concurrent requests only race on PostgreSQL (CI).")
    edition = open_edition()
    session = policy_session(edition, 1, SLOTS)
    invitation = invite(edition, MemberState.objects.get_or_create(country="EG")[0])
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(
            pool.map(lambda n: attempt(invitation, session, speaker(3, f"Speaker {n}"), 1), range(20))
        )
    assert len([pk for pk in results if pk is not None]) == 1
    assert results.count(None) == 19
    assert SlotRequest.objects.filter(session=session).count() == 1
    assert SlotRequest.objects.get(session=session).status == CONFIRMED

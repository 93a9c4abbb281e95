"""Deadlines are Geneva wall-clock times stored as instants; ``is_open`` is the one answer, across DST."""

from datetime import UTC, datetime, timedelta

import pytest

from wsis_portal.editions import schedule
from wsis_portal.editions.models import Phase


def phase(opens, closes):
    return Phase(opens_at=opens, closes_at=closes)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_deadline_at_23_00_cest_is_21_00_utc():
    assert schedule.geneva_time(2026, 7, 1, 23, 0) == utc(2026, 7, 1, 21, 0)


def test_deadline_at_23_00_cest_accepts_the_last_microsecond_before_it():
    p = phase(utc(2026, 6, 1), schedule.geneva_time(2026, 7, 1, 23, 0))
    assert schedule.is_open(p, utc(2026, 7, 1, 20, 59, 59, 999999)) is True


def test_deadline_at_23_00_cest_refuses_the_deadline_instant_itself():
    p = phase(utc(2026, 6, 1), schedule.geneva_time(2026, 7, 1, 23, 0))
    assert schedule.is_open(p, utc(2026, 7, 1, 21, 0)) is False


def test_winter_deadline_is_one_hour_ahead_of_utc():
    assert schedule.geneva_time(2026, 3, 20, 23, 59) == utc(2026, 3, 20, 22, 59)


def test_spring_forward_same_wall_clock_time_is_one_hour_earlier_in_utc():
    # Geneva moves from CET to CEST on Sunday 29 March 2026 at 02:00.
    before = schedule.geneva_time(2026, 3, 28, 12, 0)
    after = schedule.geneva_time(2026, 3, 29, 12, 0)
    assert (before, after) == (utc(2026, 3, 28, 11, 0), utc(2026, 3, 29, 10, 0))
    # Subtracting in UTC: Python subtracts wall-clock times when both sides share one zone.
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(hours=23)


def test_spring_forward_deadline_closes_at_its_summer_time_instant():
    p = phase(utc(2026, 3, 1), schedule.geneva_time(2026, 3, 29, 12, 0))
    assert schedule.is_open(p, utc(2026, 3, 29, 9, 59)) is True
    assert schedule.is_open(p, utc(2026, 3, 29, 10, 0)) is False


def test_fall_back_same_wall_clock_time_is_one_hour_later_in_utc():
    # Geneva moves from CEST back to CET on Sunday 25 October 2026 at 03:00.
    before = schedule.geneva_time(2026, 10, 24, 23, 0)
    after = schedule.geneva_time(2026, 10, 25, 23, 0)
    assert (before, after) == (utc(2026, 10, 24, 21, 0), utc(2026, 10, 25, 22, 0))
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(hours=25)


def test_fall_back_deadline_closes_at_its_winter_time_instant():
    p = phase(utc(2026, 10, 1), schedule.geneva_time(2026, 10, 25, 23, 0))
    assert schedule.is_open(p, utc(2026, 10, 25, 21, 59)) is True
    assert schedule.is_open(p, utc(2026, 10, 25, 22, 0)) is False


def test_phase_is_closed_before_it_opens():
    p = phase(schedule.geneva_time(2026, 1, 10, 9, 0), schedule.geneva_time(2026, 3, 1, 23, 59))
    assert schedule.is_open(p, utc(2026, 1, 10, 7, 59)) is False
    assert schedule.is_open(p, utc(2026, 1, 10, 8, 0)) is True


def test_phase_without_deadline_stays_open():
    p = phase(utc(2025, 12, 23), None)
    assert schedule.is_open(p, utc(2035, 1, 1)) is True


def test_phase_property_asks_the_clock(time_machine):
    time_machine.move_to(utc(2026, 7, 1, 21, 0), tick=False)
    assert phase(utc(2026, 6, 1), schedule.geneva_time(2026, 7, 1, 23, 0)).is_open is False


@pytest.mark.parametrize(
    ("at", "open_key", "next_key", "next_deadline", "last_deadline"),
    [
        (utc(2026, 1, 5), None, "submission", utc(2026, 3, 15, 22, 59), None),
        (utc(2026, 2, 1), "submission", "voting", utc(2026, 3, 15, 22, 59), None),
        (utc(2026, 3, 16), None, "voting", utc(2026, 4, 30, 21, 59), utc(2026, 3, 15, 22, 59)),
        (utc(2026, 5, 1), None, None, None, utc(2026, 4, 30, 21, 59)),
    ],
)
def test_process_state_names_open_phase_next_phase_and_deadlines(
    at, open_key, next_key, next_deadline, last_deadline
):
    submission = Phase(
        key="submission",
        opens_at=schedule.geneva_time(2026, 1, 10, 9, 0),
        closes_at=schedule.geneva_time(2026, 3, 15, 23, 59),
    )
    voting = Phase(
        key="voting",
        opens_at=schedule.geneva_time(2026, 4, 1, 9, 0),
        closes_at=schedule.geneva_time(2026, 4, 30, 23, 59),
    )
    state = schedule.process_state([voting, submission], at)
    assert getattr(state.open_phase, "key", None) == open_key
    assert getattr(state.next_phase, "key", None) == next_key
    assert state.next_deadline == next_deadline
    assert state.last_deadline == last_deadline

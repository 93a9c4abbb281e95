"""Time for the whole portal: one clock, Geneva's zone, and the one answer to "is this phase open now?".

A deadline is defined in Geneva time and stored as one instant (UTC). Every process asks ``is_open`` and
nothing else, so a deadline is enforced the same way on every page and in every service.
"""

import zoneinfo
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")


def now() -> datetime:
    """The current instant (aware, UTC). Tests move it with time-machine."""
    return timezone.now()


def is_open(phase, at: datetime | None = None) -> bool:
    """True when ``phase`` has started and its deadline has not passed at ``at`` (default: now).

    A phase opens at ``opens_at`` inclusive and closes at ``closes_at`` exclusive: a deadline of
    23:00 Geneva time accepts 22:59:59.999 and refuses 23:00:00. A phase without a deadline stays open.
    """
    at = at or now()
    if at < phase.opens_at:
        return False
    return phase.closes_at is None or at < phase.closes_at


@dataclass(frozen=True)
class ProcessState:
    """Where a process stands in an edition: the phase open now, the next one, the next deadline."""

    open_phase: object | None
    next_phase: object | None
    next_deadline: datetime | None
    last_deadline: datetime | None

    @property
    def is_open(self) -> bool:
        return self.open_phase is not None


def process_state(phases, at: datetime | None = None) -> ProcessState:
    """Summarise the phases of one process (any iterable, ordered or not) at ``at``."""
    at = at or now()
    phases = sorted(phases, key=lambda p: p.opens_at)
    open_phase = next((p for p in phases if is_open(p, at)), None)
    next_phase = next((p for p in phases if p.opens_at > at), None)
    ahead = [p.closes_at for p in phases if p.closes_at is not None and p.closes_at > at]
    passed = [p.closes_at for p in phases if p.closes_at is not None and p.closes_at <= at]
    return ProcessState(open_phase, next_phase, min(ahead, default=None), max(passed, default=None))


def geneva_time(year, month, day, hour=23, minute=59) -> datetime:
    """An instant given as a Geneva wall-clock time (used by fixtures and demo data)."""
    return datetime(year, month, day, hour, minute, tzinfo=GENEVA)

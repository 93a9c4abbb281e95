"""Reminder rules, written in code by the process that owns the deadline.

A process app registers its rules from its ``reminders.py`` (imported in ``AppConfig.ready``). A rule says
whom to remind of what (``candidates``), when (``offsets`` in days before a deadline, or after an event)
and with which mail (``template``); the sweep in ``services`` does the rest, once per reminder.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import F

from wsis_portal.editions.schedule import GENEVA


@dataclass(frozen=True)
class Candidate:
    """Someone who may need reminding about ``obj``: the address, its language, the anchor instant
    (a deadline for rules that count down, the event for rules that count up), extra context for the
    mail, and the recipient's own time zone (an IANA name, empty when they have none), in which the mail
    shows the deadline too."""

    obj: object
    email: str
    language: str
    anchor: datetime
    context: dict = field(default_factory=dict)
    time_zone: str = ""


def with_owner(queryset, *fields):
    """``queryset`` loading only ``fields`` and its owner's address, language and time zone as
    annotations: the owner is not loaded as a model, which halves the cost of a large sweep."""
    return queryset.only(*fields).annotate(
        owner_email=F("owner__email"),
        owner_language=F("owner__preferred_language"),
        owner_time_zone=F("owner__time_zone"),
    )


def owner_candidate(item, anchor, **context) -> Candidate:
    """The owner of ``item`` (loaded through ``with_owner``) as the one to remind."""
    return Candidate(item, item.owner_email, item.owner_language, anchor, context, item.owner_time_zone)


@dataclass(frozen=True)
class Rule:
    """``candidates(now, pks)`` yields ``Candidate`` items (only for objects whose primary key is in
    ``pks`` unless it is None); ``offsets`` are whole days on Geneva's wall clock.

    With ``after=False`` (the default) a reminder is due ``offset`` days before the anchor (a deadline) and
    until that deadline; with ``after=True`` it is due ``offset`` days after the anchor (an event such as
    "returned for changes"), for as long as the object is still a candidate. ``optional`` rules carry an
    opt-out link and skip recipients who used it.
    """

    key: str
    kind: str
    offsets: tuple
    candidates: object
    template: str
    optional: bool = True
    after: bool = False

    def send_at(self, anchor: datetime, offset: int) -> datetime:
        """The instant a reminder is due: computed on Geneva's wall clock, so a DST change between the
        anchor and the reminder does not move it by an hour."""
        local = anchor.astimezone(GENEVA)
        shift = timedelta(days=offset)
        return local + shift if self.after else local - shift

    def due_offset(self, anchor: datetime, now: datetime):
        """The one offset due at ``now`` for ``anchor``, or None. When several are past (an item created
        late, a sweep that did not run), only the latest is due: nobody gets three reminders at once."""
        if not self.after and now >= anchor:
            return None
        passed = [offset for offset in self.offsets if self.send_at(anchor, offset) <= now]
        if not passed:
            return None
        return max(passed) if self.after else min(passed)

    def next_offset(self, anchor: datetime, now: datetime):
        """The offset of the first reminder for ``anchor`` that falls due after ``now``, or None."""
        coming = [offset for offset in self.offsets if self.send_at(anchor, offset) > now]
        if not coming:
            return None
        return min(coming) if self.after else max(coming)


_rules: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    """Add ``rule``; registering the same key again replaces it (module reloads in development)."""
    _rules[rule.key] = rule
    return rule


def rules() -> list[Rule]:
    return [_rules[key] for key in sorted(_rules)]


def get(key: str) -> Rule | None:
    return _rules.get(key)

"""The agenda's filters: a day, a session type, an action line and a format, read from the URL.

The agenda page and its iCal export read their filters through ``AgendaParams`` and query through
``sessions()``, so a calendar downloaded from a filtered page holds exactly the sessions listed there.
Values that are not valid (a day outside the Forum week, an unknown code) are ignored, never an error.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.db.models import F

from wsis_portal.editions.models import Format

from .models import Session, SessionType


def forum_days(edition):
    """The days of the Forum week, first to last."""
    if edition is None:
        return []
    count = (edition.ends_on - edition.starts_on).days + 1
    return [edition.starts_on + timedelta(days=offset) for offset in range(count)]


@dataclass(frozen=True)
class AgendaParams:
    day: date | None = None
    kind: str = ""
    action_line: str = ""
    format: str = ""

    @classmethod
    def from_query(cls, query, edition, action_line_codes):
        """The valid filters of the query string ``query`` (a QueryDict) for ``edition``."""
        day = None
        raw_day = query.get("day", "")
        try:
            parsed = date.fromisoformat(raw_day) if len(raw_day) == 10 else None
        except ValueError:
            parsed = None
        if parsed is not None and parsed in forum_days(edition):
            day = parsed
        kind = query.get("kind", "")
        action_line = query.get("action_line", "")
        session_format = query.get("format", "")
        return cls(
            day=day,
            kind=kind if kind in SessionType.values else "",
            action_line=action_line if action_line in action_line_codes else "",
            format=session_format if session_format in Format.values else "",
        )

    @property
    def is_filtered(self) -> bool:
        return bool(self.day or self.kind or self.action_line or self.format)

    def as_query(self, **changes) -> str:
        """The query string of these filters with ``changes`` applied ("" for none), for links."""
        values = {
            "day": self.day.isoformat() if self.day else "",
            "kind": self.kind,
            "action_line": self.action_line,
            "format": self.format,
        }
        values.update(changes)
        pairs = [(name, value) for name, value in values.items() if value]
        return f"?{urlencode(pairs)}" if pairs else ""

    def apply(self, queryset):
        if self.day:
            queryset = queryset.filter(day=self.day)
        if self.kind:
            queryset = queryset.filter(kind=self.kind)
        if self.action_line:
            # A session has an action line at most once, so the join repeats no session.
            queryset = queryset.filter(action_lines__code=self.action_line)
        if self.format:
            queryset = queryset.filter(format=self.format)
        return queryset


def sessions(edition, params):
    """The sessions of ``edition`` that ``params`` select, by day and start, unscheduled ones last."""
    queryset = Session.objects.filter(edition=edition).select_related("workshop_request")
    return params.apply(queryset).order_by(
        F("day").asc(nulls_last=True), F("starts_at").asc(nulls_last=True), "title", "pk"
    )

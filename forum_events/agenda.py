"""The agenda's filters: a day, a session type, an action line, a format and words to search for, read
from the URL.

The agenda page, its iCal export and the API read their filters into ``AgendaParams`` and query through
``sessions()``, so a calendar downloaded from a filtered page holds exactly the sessions listed there, and
the API answers the same. On the page, values that are not valid (a day outside the Forum week, an unknown
code) are ignored, never an error; the API refuses a value it does not know with a 400, and applies a day
outside the week as it is, finding no session (``forum_events.api``).
"""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import F

from wsis_portal.editions.models import ActionLine, Format
from wsis_portal.textsearch.analysis import terms
from wsis_portal.textsearch.query import query_terms

from .models import Session, SessionSpeaker, SessionType

# As many characters of a search as are read (the API refuses more).
QUERY_LENGTH = 200


def filter_action_lines():
    """The action lines the agenda offers as filters, in the order of the Geneva Plan of Action (C1, C2 … C7,
    its e-applications, … C11), not by code, which would put C10 and C11 before C2."""
    return list(ActionLine.objects.order_by("position", "code").only("code", "name"))


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
    q: str = ""

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
            q=" ".join(query.get("q", "")[:QUERY_LENGTH].split()),
        )

    @property
    def is_filtered(self) -> bool:
        return bool(self.day or self.kind or self.action_line or self.format or self.q)

    def as_query(self, **changes) -> str:
        """The query string of these filters with ``changes`` applied ("" for none), for links."""
        values = {
            "day": self.day.isoformat() if self.day else "",
            "kind": self.kind,
            "action_line": self.action_line,
            "format": self.format,
            "q": self.q,
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
        if self.q:
            queryset = search(queryset, self.q)
        return queryset


def without_accents(text: str) -> str:
    """``text`` with the accents of Latin letters removed (é → e, ü → u), so that a search for "Geneve"
    finds "Genève"; Arabic marks are left to the shared analysis, which reads them its own way."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) or "\u0600" <= c <= "\u06ff")
    return unicodedata.normalize("NFC", kept)


def search_terms(text: str) -> set[str]:
    return set(terms(without_accents(text)))


def search(queryset, text):
    """The sessions of ``queryset`` whose title, description (in every portal language) or speakers' and
    moderators' names hold every term of ``text``, whatever its case, accents or Arabic spelling variant
    (the stocktaking search's analysis). An edition's agenda is a few hundred sessions: their texts are
    read in two queries and matched here, which needs no search column to keep up to date with the
    speakers."""
    wanted = set(query_terms(without_accents(text)))
    if not wanted:
        return queryset
    fields = [f"{name}_{code}" for name in ("title", "description") for code, _name in settings.LANGUAGES]
    texts = defaultdict(list)
    for pk, *parts in queryset.order_by().values_list("pk", *fields):
        texts[pk] += parts
    speakers = SessionSpeaker.objects.filter(session__in=list(texts)).values_list("session_id", "name")
    for session_id, name in speakers:
        texts[session_id].append(name)
    found = [pk for pk, parts in texts.items() if wanted <= search_terms(" ".join(filter(None, parts)))]
    return queryset.filter(pk__in=found)


def sessions(edition, params):
    """The sessions of ``edition`` that ``params`` select, by day and start, unscheduled ones last."""
    queryset = Session.objects.filter(edition=edition).select_related("workshop_request")
    return params.apply(queryset).order_by(
        F("day").asc(nulls_last=True), F("starts_at").asc(nulls_last=True), "title", "pk"
    )


def published_sessions(edition, params):
    """``sessions()`` once the edition's agenda is published; none while it is a draft."""
    return sessions(edition, params).filter(edition__agenda__published_at__isnull=False)

"""The review lists as tables: every contribution, workshop request or nomination of a queryset with its
tags, read CHUNK rows at a time (keyset pagination), so a CSV of any length streams in flat memory with a
fixed number of queries per chunk. Values are codes (states, types, action lines, topics), as in the
stocktaking's open data, so that spreadsheets can count them; instants are in UTC."""

from dataclasses import dataclass, field

from wsis_portal import exports as tables

from .models import Contribution, FacilitatorNomination, Speaker, WorkshopRequest

CHUNK = 1000
# What the three kinds share, in this order after their own columns.
ORIGIN = ("language", "organisation", "stakeholder_type", "country", "region", "owner_email")
DATES = ("submitted_at", "decided_at", "review_comment", "edition")
SHARED_FIELDS = {
    "pk": "pk",
    "reference": "reference",
    "state": "state",
    "language": "language",
    "organisation": "organisation__name",
    "stakeholder_type": "stakeholder_type",
    "country": "country",
    "region": "region__code",
    "owner_email": "owner__email",
    "submitted_at": "submitted_at",
    "decided_at": "decided_at",
    "review_comment": "review_comment",
    "edition": "consultation__edition__year",
}


@dataclass(frozen=True)
class Link:
    """A many-to-many tag: its link table, the column naming the item, and the value to export."""

    through: object
    item: str
    value: str
    order: str

    def values(self, ids):
        found = {}
        for item_id, value in (
            self.through.objects.filter(**{f"{self.item}__in": ids})
            .order_by(self.item, self.order)
            .values_list(self.item, self.value)
        ):
            found.setdefault(item_id, []).append(value)
        return found


@dataclass(frozen=True)
class Table:
    """How one kind of submission is exported: its own fields (column → ORM path) and its tags."""

    model: object
    filename: str
    own: dict
    links: dict = field(default_factory=dict)

    @property
    def columns(self):
        return ("reference", "state", *self.own, *self.links, *ORIGIN, *DATES)

    def rows(self, queryset):
        """Lists of cell values, in ``columns`` order, CHUNK items at a time in id order."""
        paths = {**SHARED_FIELDS, **self.own}
        columns = self.columns
        last = 0
        while True:
            chunk = list(
                queryset.filter(pk__gt=last).order_by("pk").values(*dict.fromkeys(paths.values()))[:CHUNK]
            )
            if not chunk:
                return
            ids = [row["pk"] for row in chunk]
            last = ids[-1]
            tags = {name: link.values(ids) for name, link in self.links.items()}
            for row in chunk:
                cells = {name: _plain(row[path]) for name, path in paths.items()}
                cells.update({name: found.get(row["pk"], []) for name, found in tags.items()})
                yield [cells[column] for column in columns]

    def csv_response(self, queryset, filename=None):
        return tables.csv_response(self.columns, self.rows(queryset), filename or f"{self.filename}.csv")


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _action_lines(model, item):
    return Link(model.action_lines.through, item, "actionline__code", "actionline__position")


class _SpeakerLink:
    """The proposed speakers as "name (organization, country)", in the order they were given."""

    def values(self, ids):
        found = {}
        for request_id, name, organisation, country in (
            Speaker.objects.filter(request_id__in=ids)
            .order_by("request_id", "position", "pk")
            .values_list("request_id", "name", "organisation", "country")
        ):
            found.setdefault(request_id, []).append(f"{name} ({organisation}, {country})")
        return found


CONTRIBUTIONS = Table(
    Contribution,
    "wsis-ocp-contributions",
    own={"kind": "kind", "title": "title", "text": "text"},
    links={
        "topics": Link(Contribution.topics.through, "contribution_id", "topic__code", "topic__position"),
        "action_lines": _action_lines(Contribution, "contribution_id"),
    },
)
WORKSHOPS = Table(
    WorkshopRequest,
    "wsis-ocp-workshop-requests",
    own={
        "title": "title",
        "description": "description",
        "format": "format",
        "organisers": "organisers",
        "session_languages": "session_languages",
        "preferred_day": "preferred_day",
        "hybrid_needs": "hybrid_needs",
        "merged_into": "merged_into__reference",
        "session": "session_id",
    },
    links={
        "speakers": _SpeakerLink(),
        "action_lines": _action_lines(WorkshopRequest, "workshoprequest_id"),
        "sdgs": Link(
            WorkshopRequest.sdgs.through,
            "workshoprequest_id",
            "sustainabledevelopmentgoal__number",
            "sustainabledevelopmentgoal__number",
        ),
    },
)
NOMINATIONS = Table(
    FacilitatorNomination,
    "wsis-ocp-facilitator-nominations",
    own={
        "nominee_group": "nominee_group",
        "nominee_name": "nominee_name",
        "nominee_email": "nominee_email",
        "nominee_organisation": "nominee_organisation",
        "biography": "biography",
        "consent": "consent",
        "consent_at": "consent_at",
    },
)
TABLES = {table.model: table for table in (CONTRIBUTIONS, WORKSHOPS, NOMINATIONS)}

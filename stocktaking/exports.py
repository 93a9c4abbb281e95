"""Open data: any search result as CSV or JSON, streamed in chunks so memory stays flat however many rows."""

import json

from wsis_portal import exports as tables
from wsis_portal.links import absolute_url

from . import reference
from .models import Entry, EntryActionLine, EntryCountry

CHUNK = 1000
COLUMNS = (
    "reference",
    "title",
    "description",
    "language",
    "kind",
    "work_status",
    "organisation",
    "stakeholder_type",
    "global",
    "regions",
    "countries",
    "action_lines",
    "main_action_line",
    "sdgs",
    "gdc_objectives",
    "start_date",
    "end_date",
    "website",
    "year",
    "published_at",
    "url",
)
ENTRY_FIELDS = (
    "pk",
    "state",
    "reference",
    "title",
    "description",
    "language",
    "kind",
    "work_status",
    "organisation__name",
    "stakeholder_type",
    "is_global",
    "start_date",
    "end_date",
    "website",
    "year",
    "published_at",
)


def _links(model, column, ids, label):
    found = {}
    for entry_id, value in (
        model.objects.filter(entry_id__in=ids).values_list("entry_id", column).order_by(column)
    ):
        found.setdefault(entry_id, []).append(label(value))
    return found


def rows(queryset):
    """Dicts of the entries of ``queryset`` in id order, CHUNK at a time (keyset pagination)."""
    lines = {choice.pk: choice.value for choice in reference.action_lines()}
    goals = {choice.pk: choice.value for choice in reference.sdgs()}
    objectives = {choice.pk: choice.value for choice in reference.gdc_objectives()}
    regions = {choice.pk: choice.value for choice in reference.regions()}
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last).order_by("pk").values(*ENTRY_FIELDS)[:CHUNK])
        if not chunk:
            return
        ids = [row["pk"] for row in chunk]
        last = ids[-1]
        tags = {
            "action_lines": _links(EntryActionLine, "action_line_id", ids, lines.get),
            "countries": _links(EntryCountry, "country", ids, str),
            "regions": _links(Entry.regions.through, "region_id", ids, regions.get),
            "sdgs": _links(Entry.sdgs.through, "sustainabledevelopmentgoal_id", ids, goals.get),
            "gdc_objectives": _links(Entry.gdc_objectives.through, "gdcobjective_id", ids, objectives.get),
        }
        main = dict(
            EntryActionLine.objects.filter(entry_id__in=ids, is_main=True).values_list(
                "entry_id", "action_line_id"
            )
        )
        for row in chunk:
            pk = row["pk"]
            yield {
                "state": row["state"],
                "reference": row["reference"],
                "title": row["title"],
                "description": row["description"],
                "language": row["language"],
                "kind": row["kind"],
                "work_status": row["work_status"],
                "organisation": row["organisation__name"] or "",
                "stakeholder_type": row["stakeholder_type"],
                "global": row["is_global"],
                "regions": tags["regions"].get(pk, []),
                "countries": tags["countries"].get(pk, []),
                "action_lines": tags["action_lines"].get(pk, []),
                "main_action_line": lines.get(main.get(pk), ""),
                "sdgs": [int(value) for value in tags["sdgs"].get(pk, [])],
                "gdc_objectives": [int(value) for value in tags["gdc_objectives"].get(pk, [])],
                "start_date": row["start_date"].isoformat() if row["start_date"] else None,
                "end_date": row["end_date"].isoformat() if row["end_date"] else None,
                "website": row["website"],
                "year": row["year"],
                "published_at": row["published_at"].isoformat() if row["published_at"] else None,
                "url": absolute_url(f"/en/stocktaking/entries/{pk}/"),
            }


def _json_lines(queryset):
    yield "[\n"
    first = True
    for row in rows(queryset):
        yield ("" if first else ",\n") + json.dumps(
            {column: row[column] for column in COLUMNS}, ensure_ascii=False
        )
        first = False
    yield "\n]\n"


def csv_response(queryset, filename="wsis-stocktaking.csv", columns=COLUMNS):
    lines = ([row[column] for column in columns] for row in rows(queryset))
    return tables.csv_response(columns, lines, filename)


def json_response(queryset, filename="wsis-stocktaking.json"):
    return tables.streamed(_json_lines(queryset), filename, "application/json; charset=utf-8")

"""Prize submissions as tables for the secretariat: every submission of a queryset with its tags, CHUNK rows
at a time in id order (keyset pagination), so a CSV of any length streams in flat memory with a fixed
number of queries per chunk. Values are codes (states, categories, SDG and GDC numbers), as in the other
processes' exports, so that spreadsheets can count them; instants are in UTC."""

from .models import Submission

CHUNK = 1000
# column: ORM path
FIELDS = {
    "reference": "reference",
    "state": "state",
    "cycle": "cycle__edition__year",
    "category": "category__action_line__code",
    "kind": "kind",
    "confirmation": "confirmation",
    "title": "title",
    "language": "language",
    "organisation": "organisation__name",
    "stakeholder_type": "organisation__stakeholder_type",
    "country": "organisation__country",
    "owner_email": "owner__email",
    "short_description": "short_description",
    "description": "description",
    "impact_qualitative": "impact_qualitative",
    "impact_quantitative": "impact_quantitative",
    "partnerships": "partnerships",
    "challenges": "challenges",
    "future_plans": "future_plans",
    "project_status": "project_status",
    "website": "website",
    "stocktaking_entry": "stocktaking_entry__reference",
    "contact_name": "contact_name",
    "contact_email": "contact_email",
    "submitted_at": "submitted_at",
    "confirmed_at": "confirmed_at",
}
LINKS = {
    "sdgs": (Submission.sdgs.through, "sustainabledevelopmentgoal__number"),
    "gdc_objectives": (Submission.gdc_objectives.through, "gdcobjective__number"),
}
COLUMNS = (*FIELDS, *LINKS)


def _tags(through, value, ids):
    found = {}
    for submission_id, number in (
        through.objects.filter(submission_id__in=ids)
        .order_by("submission_id", value)
        .values_list("submission_id", value)
    ):
        found.setdefault(submission_id, []).append(number)
    return found


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def rows(queryset):
    """Lists of cell values in ``COLUMNS`` order."""
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last).order_by("pk").values("pk", *FIELDS.values())[:CHUNK])
        if not chunk:
            return
        ids = [row["pk"] for row in chunk]
        last = ids[-1]
        tags = {name: _tags(through, value, ids) for name, (through, value) in LINKS.items()}
        for row in chunk:
            yield [_plain(row[path]) for path in FIELDS.values()] + [
                tags[name].get(row["pk"], []) for name in LINKS
            ]

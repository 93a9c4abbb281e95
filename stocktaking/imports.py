"""Importing legacy entries from CSV, as published entries.

Idempotent: an entry is found by its ``external_id`` and updated, never duplicated. All or nothing: every
row is checked first; if any is bad, every bad row is reported with its line and reason and nothing is
imported.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsis_portal.direction import list_separator
from wsis_portal.editions.models import ActionLine
from wsis_portal.editions.schedule import GENEVA
from wsis_portal.lifecycle.audit import record
from wsis_portal.lifecycle.models import AuditEntry, SubmissionState
from wsis_portal.lifecycle.transitions import reference_for
from wsis_portal.stakeholders.countries import PORTAL_COUNTRIES
from wsis_portal.stakeholders.models import Organisation, StakeholderType

from . import reference, search, services
from .models import Entry, content_languages

COLUMNS = (
    "external_id",
    "kind",
    "title",
    "description",
    "language",
    "organisation",
    "organisation_country",
    "stakeholder_type",
    "is_global",
    "countries",
    "regions",
    "action_lines",
    "main_action_line",
    "sdgs",
    "gdc_objectives",
    "start_date",
    "end_date",
    "work_status",
    "website",
    "contact_name",
    "contact_email",
    "year",
)
REQUIRED = (
    "external_id",
    "kind",
    "title",
    "description",
    "language",
    "organisation",
    "stakeholder_type",
    "action_lines",
    "work_status",
)


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)  # (line, message)

    @property
    def ok(self):
        return not self.errors


def _split(value):
    return [part.strip() for part in (value or "").replace(",", ";").split(";") if part.strip()]


def _date(value, name):
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            _("%(column)s is not a date like 2026-03-20: “%(value)s”.") % {"column": name, "value": value}
        ) from None


def _website(value):
    """A web address as the entry form takes it (https:// added when no scheme is given), or ""."""
    if not value:
        return ""
    address = value if "://" in value else f"https://{value}"
    try:
        URLValidator(schemes=("http", "https"))(address)
        fits = len(address) <= Entry._meta.get_field("website").max_length
    except ValidationError:
        fits = False
    if not fits:
        raise ValueError(_("website is not a web address: “%(value)s”.") % {"value": value})
    return address


def _email(value):
    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValueError(
                _("contact_email is not an e-mail address: “%(value)s”.") % {"value": value}
            ) from None
    return value


def _lookup(values, choices, column):
    known = reference.by_value(choices)
    unknown = [value for value in values if value not in known]
    if unknown:
        raise ValueError(
            _("%(column)s: unknown value(s) %(values)s.")
            % {"column": column, "values": list_separator().join(unknown)}
        )
    return [known[value].pk for value in values]


def clean_row(row):
    """The import-ready values of one CSV row; raises ValueError naming what is wrong."""
    row = {key.strip(): (value or "").strip() for key, value in row.items() if key}
    missing = [name for name in REQUIRED if not row.get(name)]
    if missing:
        raise ValueError(_("missing: %(columns)s.") % {"columns": list_separator().join(missing)})
    if row["kind"] not in Entry.Kind.values:
        raise ValueError(
            _("kind must be one of %(values)s.") % {"values": list_separator().join(Entry.Kind.values)}
        )
    if row["language"] not in dict(content_languages()):
        raise ValueError(_("language “%(value)s” is not one of ours.") % {"value": row["language"]})
    if row["stakeholder_type"] not in StakeholderType.values:
        raise ValueError(
            _("stakeholder_type must be one of %(values)s.")
            % {"values": list_separator().join(StakeholderType.values)}
        )
    if row["work_status"] not in Entry.WorkStatus.values:
        raise ValueError(
            _("work_status must be one of %(values)s.")
            % {"values": list_separator().join(Entry.WorkStatus.values)}
        )
    organisation_country = row.get("organisation_country", "").upper()
    if organisation_country and organisation_country not in PORTAL_COUNTRIES:
        raise ValueError(_("organisation_country: unknown code %(value)s.") % {"value": organisation_country})
    codes = [code.upper() for code in _split(row.get("countries"))]
    unknown = [code for code in codes if code not in PORTAL_COUNTRIES]
    if unknown:
        raise ValueError(
            _("countries: unknown code(s) %(values)s.") % {"values": list_separator().join(unknown)}
        )
    lines = _lookup(_split(row["action_lines"]), reference.action_lines(), "action_lines")
    main = _lookup(_split(row.get("main_action_line")), reference.action_lines(), "main_action_line")
    if main and main[0] not in lines:
        raise ValueError(_("main_action_line must be one of action_lines."))
    is_global = row.get("is_global", "").lower() in ("1", "yes", "true", "y")
    regions = _lookup(_split(row.get("regions")), reference.regions(), "regions")
    if not (is_global or regions or codes):
        raise ValueError(_("say where the work takes place: is_global, regions or countries."))
    start, end = _date(row.get("start_date"), "start_date"), _date(row.get("end_date"), "end_date")
    if start and end and end < start:
        raise ValueError(_("end_date is before start_date."))
    year = row.get("year")
    if year and not (year.isdecimal() and 1990 <= int(year) <= 2100):
        raise ValueError(_("year must be a year like 2024."))
    return {
        "external_id": row["external_id"][:64],
        "kind": row["kind"],
        "title": row["title"][:300],
        "description": row["description"],
        "language": row["language"],
        "organisation": (row["organisation"][:250], organisation_country, row["stakeholder_type"]),
        "is_global": is_global,
        "countries": codes,
        "regions": regions,
        "action_lines": lines,
        "main_action_line": main[0] if main else lines[0],
        "sdgs": _lookup(_split(row.get("sdgs")), reference.sdgs(), "sdgs"),
        "gdc_objectives": _lookup(
            _split(row.get("gdc_objectives")), reference.gdc_objectives(), "gdc_objectives"
        ),
        "start_date": start,
        "end_date": end,
        "work_status": row["work_status"],
        "website": _website(row.get("website", "")),
        "contact_name": row.get("contact_name", "")[:200],
        "contact_email": _email(row.get("contact_email", "")),
        "year": int(year) if year else None,
    }


def import_csv(reader, by=None) -> Report:
    """Check every row of ``reader`` (a csv.DictReader), then import them all, or none."""
    report = Report()
    cleaned = []
    seen = set()
    for line, row in enumerate(reader, start=2):
        try:
            values = clean_row(row)
            if values["external_id"] in seen:
                raise ValueError(
                    _("external_id “%(value)s” appears twice in the file.") % {"value": values["external_id"]}
                )
            seen.add(values["external_id"])
            cleaned.append(values)
        except ValueError as error:
            report.errors.append((line, str(error)))
    if report.errors:
        return report
    lines = {line.pk: line for line in ActionLine.objects.all()}
    with transaction.atomic():
        for values in cleaned:
            created = _import_one(values, by, lines)
            report.created += created
            report.updated += not created
        # robust: a cache outage must not turn a committed change into an error page.
        transaction.on_commit(search.published_changed, robust=True)
    return report


def _import_one(values, by, lines) -> bool:
    name, country, stakeholder_type = values.pop("organisation")
    organisation, _created = Organisation.objects.get_or_create(
        name=name, country=country, defaults={"stakeholder_type": stakeholder_type, "is_verified": True}
    )
    given_year = values.pop("year")
    year = given_year or timezone.now().astimezone(GENEVA).year
    published_at = datetime(year, 1, 1, 12, tzinfo=GENEVA)
    relations = {
        key: values.pop(key)
        for key in ("countries", "regions", "action_lines", "main_action_line", "sdgs", "gdc_objectives")
    }
    entry = Entry.objects.filter(external_id=values["external_id"]).first()
    created = entry is None
    if created:
        entry = Entry(
            state=SubmissionState.ACCEPTED,
            published_at=published_at,
            year=year,
            submitted_at=published_at,
            decided_at=published_at,
        )
        entry.reference = reference_for(entry, published_at)
    elif given_year and given_year != entry.year:
        # A corrected year is taken; the reference, once given, stays as it is.
        entry.year, entry.published_at = given_year, published_at
    for key, value in values.items():
        setattr(entry, key, value)
    entry.organisation = organisation
    entry.stakeholder_type = organisation.stakeholder_type
    entry.save()
    services.save_relations(
        entry,
        {
            "action_lines": [lines[pk] for pk in relations["action_lines"]],
            "main_action_line": lines[relations["main_action_line"]],
            "countries": relations["countries"],
            "regions": relations["regions"],
            "sdgs": relations["sdgs"],
            "gdc_objectives": relations["gdc_objectives"],
        },
    )
    services.refresh_search_document(entry)
    record(by, AuditEntry.Action.IMPORTED, entry, note=values["external_id"])
    return created

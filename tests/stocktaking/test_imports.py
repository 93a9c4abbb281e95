"""Importing legacy entries: published at once, found again by external_id (updated, never duplicated), and
all or nothing: every bad row is reported with its line and reason, and then nothing is imported."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from stocktaking import imports
from stocktaking.models import Entry
from tests.factories import OrganisationFactory
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.stakeholders.models import Organisation

pytestmark = pytest.mark.django_db

HEADER = ",".join(imports.COLUMNS)


def row(**values):
    base = {
        "external_id": "legacy-1",
        "kind": "project",
        "title": "Mobile digital libraries",
        "description": "Buses with computers visit remote villages.",
        "language": "ar",
        "organisation": "Nile Digital Inclusion Forum",
        "organisation_country": "eg",
        "stakeholder_type": "civil_society",
        "countries": "EG; tn",
        "action_lines": "C3;C7.3",
        "main_action_line": "C7.3",
        "sdgs": "4,10",
        "gdc_objectives": "1",
        "start_date": "2023-01-15",
        "end_date": "",
        "work_status": "ongoing",
        "website": "https://example.org",
        "year": "2019",
    }
    base.update(values)
    return base


def as_csv(*rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=imports.COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def run(*rows):
    return imports.import_csv(csv.DictReader(io.StringIO(as_csv(*rows))))


def test_rows_become_published_entries(db):
    report = run(row(), row(external_id="legacy-2", title="Second", year="2020"))
    assert (report.ok, report.created, report.updated) == (True, 2, 0)
    entry = Entry.objects.get(external_id="legacy-1")
    assert (entry.state, entry.reference, entry.year, entry.owner) == (
        "accepted",
        "WSIS-ST-2019-00001",
        2019,
        None,
    )
    assert list(Entry.objects.published().order_by("year").values_list("title", flat=True)) == [
        "Mobile digital libraries",
        "Second",
    ]


def test_imported_entry_keeps_its_tags(db):
    run(row())
    entry = Entry.objects.get()
    assert sorted(entry.action_line_links.values_list("action_line__code", "is_main")) == [
        ("C3", False),
        ("C7", False),
        ("C7.3", True),
    ]
    assert sorted(entry.country_links.values_list("country", flat=True)) == ["EG", "TN"]
    assert sorted(entry.regions.values_list("code", flat=True)) == ["arab-states"]
    assert sorted(entry.sdgs.values_list("number", flat=True)) == [4, 10]
    assert list(entry.gdc_objectives.values_list("number", flat=True)) == [1]
    assert (entry.organisation.name, entry.organisation.country.code, entry.stakeholder_type) == (
        "Nile Digital Inclusion Forum",
        "EG",
        "civil_society",
    )


def test_imported_entry_is_searchable(client, db):
    run(row())
    response = client.get("/en/stocktaking/?q=libraries+egypt")
    assert [r.entry.title for r in response.context["results"]] == ["Mobile digital libraries"]


def test_importing_again_updates_and_never_duplicates(db):
    run(row())
    entry = Entry.objects.get()
    report = run(row(title="Mobile digital libraries, phase two", countries="JO", year="2021"))
    assert (report.created, report.updated) == (0, 1)
    assert Entry.objects.count() == 1
    updated = Entry.objects.get()
    assert (updated.pk, updated.reference, updated.title) == (
        entry.pk,
        "WSIS-ST-2019-00001",
        "Mobile digital libraries, phase two",
    )
    assert list(updated.country_links.values_list("country", flat=True)) == ["JO"]
    assert Organisation.objects.count() == 1


def test_importing_again_takes_the_corrected_year(db):
    run(row())
    run(row(year="2021"))
    entry = Entry.objects.get()
    assert (entry.year, entry.published_at.year) == (2021, 2021)


def test_existing_organisation_is_reused(db):
    organisation = OrganisationFactory(name="Nile Digital Inclusion Forum", country="EG")
    run(row())
    assert Entry.objects.get().organisation == organisation


def test_import_is_audited(db):
    run(row())
    audit = AuditEntry.objects.get(action="imported")
    assert (audit.actor, audit.note) == (None, "legacy-1")


def test_every_bad_row_is_reported_with_its_line_and_reason_and_nothing_is_imported(db):
    report = run(
        row(external_id="ok-1"),
        row(external_id="bad-kind", kind="poem"),
        row(external_id="ok-2"),
        row(external_id="bad-line", action_lines="C3;C99"),
        row(external_id="bad-dates", start_date="2024-05-01", end_date="2024-04-01"),
    )
    assert report.errors == [
        (3, "kind must be one of project, initiative, event, publication."),
        (5, "action_lines: unknown value(s) C99."),
        (6, "end_date is before start_date."),
    ]
    assert (report.ok, report.created, report.updated) == (False, 0, 0)
    assert not Entry.objects.exists()
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"title": "", "language": ""}, "missing: title, language."),
        ({"language": "xx"}, "language “xx” is not one of ours."),
        (
            {"stakeholder_type": "pirates"},
            "stakeholder_type must be one of government, private_sector, civil_society, academia, "
            "international_organization.",
        ),
        ({"work_status": "paused"}, "work_status must be one of planned, ongoing, completed."),
        ({"countries": "EG;ZZ"}, "countries: unknown code(s) ZZ."),
        ({"countries": "EG;AQ"}, "countries: unknown code(s) AQ."),  # a territory no process knows
        ({"main_action_line": "C9"}, "main_action_line must be one of action_lines."),
        ({"regions": "atlantis"}, "regions: unknown value(s) atlantis."),
        (
            {"countries": "", "is_global": "no"},
            "say where the work takes place: is_global, regions or countries.",
        ),
        ({"start_date": "15/01/2023"}, "start_date is not a date like 2026-03-20: “15/01/2023”."),
        ({"year": "19"}, "year must be a year like 2024."),
        ({"sdgs": "4;18"}, "sdgs: unknown value(s) 18."),
        ({"gdc_objectives": "9"}, "gdc_objectives: unknown value(s) 9."),
        ({"organisation_country": "XX"}, "organisation_country: unknown code XX."),
        ({"contact_email": "not an address"}, "contact_email is not an e-mail address: “not an address”."),
        ({"website": "javascript:alert(1)"}, "website is not a web address: “javascript:alert(1)”."),
        ({"website": "ftp://example.org/"}, "website is not a web address: “ftp://example.org/”."),
    ],
)
def test_bad_value_is_explained(db, values, message):
    report = run(row(**values))
    ((line, reason),) = report.errors
    assert (line, reason) == (2, message)
    assert not Entry.objects.exists()


def test_external_id_twice_in_the_file_is_refused(db):
    report = run(row(), row())
    assert report.errors == [(3, "external_id “legacy-1” appears twice in the file.")]


def test_line_is_the_row_a_spreadsheet_shows_even_after_a_multiline_description(db):
    report = run(row(external_id="a", description="One.\nTwo.\nThree."), row(external_id="b", kind="poem"))
    assert report.errors == [(3, "kind must be one of project, initiative, event, publication.")]


def test_website_without_a_scheme_is_taken_as_https(db):
    run(row(website="example.org/library"))
    assert Entry.objects.get().website == "https://example.org/library"


def test_rows_given_as_dicts_are_imported_too(db):
    assert imports.import_csv([row()]).created == 1


# The command


def test_command_imports_a_file_with_a_byte_order_mark(tmp_path, capsys):
    path = tmp_path / "legacy.csv"
    path.write_text(as_csv(row(), row(external_id="legacy-2")), encoding="utf-8-sig")
    call_command("import_stocktaking", str(path))
    assert capsys.readouterr().out == "2 created, 0 updated.\n"
    call_command("import_stocktaking", str(path))
    assert capsys.readouterr().out == "0 created, 2 updated.\n"
    assert Entry.objects.count() == 2


def test_command_reports_bad_rows_and_fails(tmp_path, capsys):
    path = tmp_path / "legacy.csv"
    path.write_text(as_csv(row(), row(external_id="x", kind="poem")), encoding="utf-8")
    with pytest.raises(CommandError) as failed:
        call_command("import_stocktaking", str(path))
    assert str(failed.value) == "1 bad row(s); nothing was imported."
    assert capsys.readouterr().err == "line 3: kind must be one of project, initiative, event, publication.\n"
    assert not Entry.objects.exists()


def test_command_refuses_a_file_that_is_not_utf8_and_imports_nothing(tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_bytes(as_csv(row(title="Bibliothèques numériques")).encode("latin-1"))
    with pytest.raises(CommandError) as failed:
        call_command("import_stocktaking", str(path))
    assert "not UTF-8" in str(failed.value)
    assert not Entry.objects.exists()


def test_reindex_recomputes_the_search_terms_of_every_entry(capsys):
    run(row(title="Mobile digital libraries"))
    Entry.objects.update(search_title="", search_body="")
    call_command("reindex_stocktaking")
    assert capsys.readouterr().out == "1 entries reindexed.\n"
    assert Entry.objects.get().search_title == " mobil digit librari "


def test_migration_0008_recomputes_terms_stored_by_the_former_analysis():
    from importlib import import_module

    from django.apps import apps

    from wsis_portal.textsearch.query import match

    run(row(title="مکتبة e-government"))
    # As the analysis before Persian and Urdu letters and compounds stored it.
    Entry.objects.update(search_title=" مکتب e govern ", search_body="")
    assert not match(Entry.objects.all(), "مكتبة egovernment").exists()
    migration = import_module("stocktaking.migrations.0008_reindex_persian_urdu_letters_and_compounds")
    migration.reindex(apps, None)
    assert Entry.objects.get().search_title == " مكتب e govern egovern "
    assert match(Entry.objects.all(), "مكتبة egovernment").count() == 1

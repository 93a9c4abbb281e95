"""PostgreSQL keeps each entry's action lines, SDGs, GDC objectives, regions and countries in arrays on its
row too (migration 0007), and counts the facets from them: the arrays follow every path that changes an
entry's tags, and the counts they give are those of the link tables, which SQLite counts."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from stocktaking import imports, reference, search, services
from stocktaking.models import Entry
from stocktaking.search import FACETS_BY_NAME, SearchParams
from tests.stocktaking.factories import action_lines, entry_content, publish
from wsis_portal.editions.models import GDCObjective, SustainableDevelopmentGoal

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the arrays exist on PostgreSQL only"),
]

ARRAY_FACETS = [facet for facet in search.FACETS if facet.array]


def arrays(entry):
    """{facet name: the set of URL values (codes) its array holds} for ``entry``, read from its row."""
    columns = ", ".join(connection.ops.quote_name(facet.array) for facet in ARRAY_FACETS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM stocktaking_entry WHERE id = %s", [entry.pk])  # noqa: S608 - our names
        row = cursor.fetchone()
    found = {}
    for facet, values in zip(ARRAY_FACETS, row, strict=True):
        labels = reference.by_pk(facet.choices()) if facet.choices else None
        found[facet.name] = {labels[value].value if labels else value for value in values}
    return found


def tags(action_line=(), sdg=(), gdc=(), region=(), country=()):
    return {
        "action_line": set(action_line),
        "sdg": set(sdg),
        "gdc": set(gdc),
        "region": set(region),
        "country": set(country),
    }


def goals(*numbers):
    return list(SustainableDevelopmentGoal.objects.filter(number__in=numbers))


def test_new_draft_has_its_tags_in_the_arrays(draft):
    assert arrays(draft) == tags(["C2", "C6"], ["9", "11"], [], ["africa"], ["KE", "SN"])


def test_saving_a_draft_again_replaces_the_arrays(draft, owner):
    changed = entry_content(
        draft.organisation,
        countries=["EG"],
        action_lines=action_lines("C7.4"),
        sdgs=goals(3),
        gdc_objectives=list(GDCObjective.objects.filter(number=2)),
    )
    services.save_content(draft, changed, owner)
    # C7.4 (e-health) brings C7 with it; Egypt brings the Arab States.
    assert arrays(draft) == tags(["C7", "C7.4"], ["3"], ["2"], ["arab-states"], ["EG"])


def test_published_entry_keeps_its_arrays(draft, clerk):
    entry = publish(draft, clerk)
    assert arrays(entry) == tags(["C2", "C6"], ["9", "11"], [], ["africa"], ["KE", "SN"])


def test_approved_revision_brings_its_tags_to_the_published_entry(draft, owner, clerk):
    entry = publish(draft, clerk)
    revision = services.revision_for(entry, owner)
    changed = entry_content(entry.organisation, countries=["FR"], action_lines=action_lines("C4"), sdgs=[])
    services.save_content(revision, changed, owner)
    assert arrays(entry) == tags(["C2", "C6"], ["9", "11"], [], ["africa"], ["KE", "SN"])
    services.submit(revision, owner)
    services.approve(revision, clerk)
    assert arrays(entry) == tags(["C4"], [], [], ["europe"], ["FR"])


def test_revision_approved_in_the_admin_brings_its_tags_to_the_published_entry(client, draft, owner, clerk):
    entry = publish(draft, clerk)
    revision = services.revision_for(entry, owner)
    services.save_content(revision, entry_content(entry.organisation, countries=["EG"], sdgs=goals(4)), owner)
    services.submit(revision, owner)
    client.force_login(clerk)
    response = client.post(f"/en/admin/stocktaking/entry/{revision.pk}/review/", {"decision": "approve"})
    assert response.status_code == 302
    assert arrays(entry) == tags(["C2", "C6"], ["4"], [], ["arab-states"], ["EG"])


def legacy_row(**values):
    return {
        "external_id": "legacy-1",
        "kind": "project",
        "title": "Mobile digital libraries",
        "description": "Buses with computers visit remote villages.",
        "language": "en",
        "organisation": "Nile Digital Inclusion Forum",
        "organisation_country": "eg",
        "stakeholder_type": "civil_society",
        "countries": "EG; tn",
        "action_lines": "C3;C7.3",
        "main_action_line": "C7.3",
        "sdgs": "4,10",
        "gdc_objectives": "1",
        "work_status": "ongoing",
        "year": "2019",
        **values,
    }


def as_csv(*rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=imports.COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def test_imported_entry_has_its_tags_in_the_arrays_and_importing_again_replaces_them(db):
    imports.import_csv(csv.DictReader(io.StringIO(as_csv(legacy_row()))))
    entry = Entry.objects.get(external_id="legacy-1")
    assert arrays(entry) == tags(["C3", "C7", "C7.3"], ["4", "10"], ["1"], ["arab-states"], ["EG", "TN"])
    again = legacy_row(countries="KE", action_lines="C5", main_action_line="C5", sdgs="", gdc_objectives="")
    imports.import_csv(csv.DictReader(io.StringIO(as_csv(again))))
    assert arrays(entry) == tags(["C5"], [], [], ["africa"], ["KE"])


def test_entry_imported_in_the_admin_has_its_tags_in_the_arrays(client, clerk):
    client.force_login(clerk)
    upload = SimpleUploadedFile("legacy.csv", as_csv(legacy_row()).encode(), "text/csv")
    assert client.post("/en/admin/stocktaking/entry/import/", {"file": upload}).status_code == 200
    entry = Entry.objects.get(external_id="legacy-1")
    assert arrays(entry) == tags(["C3", "C7", "C7.3"], ["4", "10"], ["1"], ["arab-states"], ["EG", "TN"])


def test_reindex_rebuilds_lost_arrays(draft):
    columns = ", ".join(f"{connection.ops.quote_name(facet.array)} = '{{}}'" for facet in ARRAY_FACETS)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE stocktaking_entry SET {columns}, search_tags = ''")  # noqa: S608 - our names
    assert arrays(draft) == tags()
    call_command("reindex_stocktaking")
    assert arrays(draft) == tags(["C2", "C6"], ["9", "11"], [], ["africa"], ["KE", "SN"])


QUERIES = [
    {},
    {"q": "rural"},
    {"q": "broadband library"},
    {"selected": {"country": ("KE",)}},
    {"selected": {"country": ("KE", "EG"), "sdg": "9"}},
    {"q": "rural", "selected": {"kind": ("project",), "stakeholder_type": ("civil_society",)}},
    {"q": "rural", "selected": {"country": ("KE",), "kind": ("project",), "region": "africa"}},
    {"selected": {"action_line": "C2 C3", "year": (2024, 2025), "gdc": "1", "country": ("FR",)}},
    {"q": "nothing matches this"},
]


def choose(selected):
    """Selections given by URL values ("C2 C3") or by database values (a tuple), as database values."""
    return {
        name: values if isinstance(values, tuple) else tuple(FACETS_BY_NAME[name].parse(values.split()))
        for name, values in selected.items()
    }


@pytest.mark.parametrize("own_choice_applies", [False, True])
@pytest.mark.parametrize("query", QUERIES)
def test_counts_from_the_arrays_are_those_of_the_link_tables(
    published, unpublished, query, own_choice_applies
):
    params = SearchParams(q=query.get("q", ""), selected=choose(query.get("selected", {})))
    names = tuple(FACETS_BY_NAME)
    from_links = search._counts_from_links(params, names, own_choice_applies)
    assert search._counts_from_arrays(params, names, own_choice_applies) == from_links
    assert from_links[0] == search.filtered(params).count()


def test_counts_from_the_arrays_leave_out_unpublished_entries(published, unpublished):
    count, counts = search._counts_from_arrays(
        SearchParams(selected={"country": ("FR",)}), ("country",), False
    )
    assert (count, counts) == (0, {"country": {"KE": 2, "SN": 1, "EG": 1}})

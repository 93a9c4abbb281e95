"""Open data: any search as CSV (with a BOM for spreadsheets) or JSON, streamed; published entries only."""

import csv
import io
import json
from datetime import date

import pytest

from stocktaking import exports
from tests.factories import OrganisationFactory
from tests.stocktaking.factories import PublishedEntryFactory

pytestmark = pytest.mark.django_db

COLUMNS = [
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
]


@pytest.fixture
def entry(db):
    return PublishedEntryFactory(
        title='مكتبات رقمية متنقلة, "on wheels"',
        description="Line one.\nLine two.",
        language="ar",
        kind="project",
        work_status="completed",
        organisation=OrganisationFactory(
            name="Nile Digital Inclusion Forum", stakeholder_type="civil_society"
        ),
        is_global=False,
        action_lines=["C4", "C3"],
        countries=["TN", "EG"],
        regions=["arab-states", "africa"],
        sdgs=[10, 4],
        gdc_objectives=[1],
        start_date=date(2023, 1, 15),
        end_date=date(2025, 12, 31),
        website="https://example.org/library",
        year=2025,
    )


def body(response):
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(response):
    text = body(response)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_has_the_columns_and_values_of_each_entry(client, entry):
    response = client.get("/en/stocktaking/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="wsis-stocktaking.csv"'
    header, row = csv_rows(response)
    assert header == COLUMNS
    assert dict(zip(header, row, strict=True)) == {
        "reference": "WSIS-ST-2026-00001",
        "title": 'مكتبات رقمية متنقلة, "on wheels"',
        "description": "Line one.\nLine two.",
        "language": "ar",
        "kind": "project",
        "work_status": "completed",
        "organisation": "Nile Digital Inclusion Forum",
        "stakeholder_type": "civil_society",
        "global": "no",
        "regions": "africa;arab-states",
        "countries": "EG;TN",
        "action_lines": "C3;C4",
        "main_action_line": "C4",
        "sdgs": "4;10",
        "gdc_objectives": "1",
        "start_date": "2023-01-15",
        "end_date": "2025-12-31",
        "website": "https://example.org/library",
        "year": "2025",
        "published_at": "2025-03-01T12:00:00+00:00",
        "url": f"http://127.0.0.1:8000/en/stocktaking/entries/{entry.pk}/",
    }


def test_csv_starts_with_a_byte_order_mark_so_spreadsheets_read_arabic(client, entry):
    raw = b"".join(client.get("/en/stocktaking/export.csv").streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf" + b"reference,title,")


def test_global_entry_says_yes(client, db):
    PublishedEntryFactory(is_global=True)
    assert csv_rows(client.get("/en/stocktaking/export.csv"))[1][COLUMNS.index("global")] == "yes"


def test_json_is_a_valid_list_of_entries_with_typed_values(client, entry):
    response = client.get("/en/stocktaking/export.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="wsis-stocktaking.json"'
    (found,) = json.loads(body(response))
    assert list(found) == COLUMNS
    assert {key: found[key] for key in ("title", "global", "sdgs", "regions", "year", "end_date")} == {
        "title": 'مكتبات رقمية متنقلة, "on wheels"',
        "global": False,
        "sdgs": [4, 10],
        "regions": ["africa", "arab-states"],
        "year": 2025,
        "end_date": "2025-12-31",
    }


def test_empty_json_export_is_an_empty_list(client, db):
    assert json.loads(body(client.get("/en/stocktaking/export.json"))) == []


def test_exports_apply_the_search_filters(client, published):
    rows = csv_rows(client.get("/en/stocktaking/export.csv?q=rural&country=KE&sort=date"))
    assert sorted(row[1] for row in rows[1:]) == [
        "Community networks for rural broadband",
        "E-health records for rural clinics",
    ]
    found = json.loads(body(client.get("/en/stocktaking/export.json?action_line=C3")))
    assert [entry["title"] for entry in found] == ["Digital library on wheels"]


def test_exports_leave_out_unpublished_entries(client, published, unpublished):
    rows = csv_rows(client.get("/en/stocktaking/export.csv"))
    assert sorted(row[1] for row in rows[1:]) == [
        "Community networks for rural broadband",
        "Digital library on wheels",
        "E-health records for rural clinics",
    ]
    assert len(json.loads(body(client.get("/en/stocktaking/export.json?q=hidden")))) == 0


def test_export_is_read_in_chunks_and_misses_no_entry(client, db, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK", 2)
    entries = PublishedEntryFactory.create_batch(5)
    found = json.loads(body(client.get("/en/stocktaking/export.json")))
    assert [row["reference"] for row in found] == [entry.reference for entry in entries]


@pytest.mark.parametrize("count", [1, 3])
def test_export_queries_do_not_grow_with_the_rows_of_a_chunk(client, db, django_assert_num_queries, count):
    PublishedEntryFactory.create_batch(count, countries=["KE"], sdgs=[4])
    response = client.get("/en/stocktaking/export.csv")
    # a chunk of entries, its five kinds of tags, its main action lines, the empty chunk that ends it
    with django_assert_num_queries(8):
        assert len(csv_rows(response)) == count + 1

"""The read-only API: published entries filtered like the search page, the WSIS reference data, a valid
OpenAPI document and its docs page served from the portal's own static files."""

import json

import pytest
import yaml
from django.contrib.staticfiles import finders
from drf_spectacular.validation import validate_schema

from stocktaking import reference
from stocktaking.api import EntryPagination
from tests.stocktaking.factories import PublishedEntryFactory

pytestmark = pytest.mark.django_db

ENTRIES = "/api/v1/stocktaking/entries/"


def titles(response):
    return [entry["title"] for entry in response.json()["results"]]


def test_entry_is_given_with_its_tags(client, published):
    entry = published["networks"]
    found = client.get(f"{ENTRIES}{entry.pk}/").json()
    assert found == {
        "id": entry.pk,
        "reference": "WSIS-ST-2026-00001",
        "title": "Community networks for rural broadband",
        "description": "Cooperatives run wireless networks.",
        "language": "en",
        "kind": "initiative",
        "work_status": "ongoing",
        "organisation": entry.organisation.name,
        "stakeholder_type": "civil_society",
        "is_global": True,
        "regions": ["africa"],
        "countries": ["KE", "SN"],
        "action_lines": ["C2", "C6"],
        "main_action_line": "C2",
        "sdgs": [9],
        "gdc_objectives": [],
        "start_date": None,
        "end_date": None,
        "website": "",
        "year": 2024,
        "published_at": "2024-03-01T12:00:00Z",
        "url": f"http://127.0.0.1:8000/en/stocktaking/entries/{entry.pk}/",
    }


def test_tags_come_in_the_order_of_the_exports_whatever_order_they_were_stored_in(client, db):
    entry = PublishedEntryFactory(action_lines=["C7.4", "C2"], countries=["SN", "KE"])
    found = client.get(f"{ENTRIES}{entry.pk}/").json()
    assert (found["action_lines"], found["main_action_line"], found["countries"]) == (
        ["C2", "C7.4"],
        "C7.4",
        ["KE", "SN"],
    )


def test_unknown_reference_value_is_not_found(client, db):
    assert client.get("/api/v1/reference/sdgs/abc/").status_code == 404
    assert client.get("/api/v1/reference/action-lines/C7.9/").status_code == 404


def test_publication_instant_is_given_in_utc_whatever_the_readers_zone(client, published):
    client.cookies["wsis_tz"] = "Asia/Tokyo"
    found = client.get(f"{ENTRIES}{published['library'].pk}/").json()
    assert found["published_at"] == "2025-03-01T12:00:00Z"


def test_list_gives_published_entries_newest_first(client, published, unpublished):
    response = client.get(ENTRIES)
    assert response.json()["count"] == 3
    assert titles(response) == [
        "E-health records for rural clinics",
        "Digital library on wheels",
        "Community networks for rural broadband",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=broadband", ["Community networks for rural broadband", "Digital library on wheels"]),
        ("q=broadband&sort=date", ["Digital library on wheels", "Community networks for rural broadband"]),
        (
            "action_line=C2&action_line=C3",
            ["Digital library on wheels", "Community networks for rural broadband"],
        ),
        ("country=KE&sdg=3", ["E-health records for rural clinics"]),
        ("region=arab-states", ["Digital library on wheels"]),
        ("year=2024&kind=initiative", ["Community networks for rural broadband"]),
        ("stakeholder_type=academia", ["Digital library on wheels"]),
        ("q=hidden", []),
    ],
)
def test_list_takes_the_filters_of_the_search_page(client, published, unpublished, query, expected):
    assert titles(client.get(f"{ENTRIES}?{query}")) == expected
    page = client.get(f"/en/stocktaking/?{query}")
    assert [row.entry.title for row in page.context["results"]] == expected


def not_a_choice(*values):
    return [f'"{value}" is not a valid choice.' for value in values]


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("sort=random", {"sort": not_a_choice("random")}),
        ("sort=", {"sort": not_a_choice("")}),
        ("sort=date&sort=random", {"sort": not_a_choice("random")}),
        ("sdg=99", {"sdg": not_a_choice("99")}),
        ("sdg=3&sdg=99&sdg=x", {"sdg": not_a_choice("99", "x")}),
        ("sdg=", {"sdg": not_a_choice("")}),
        ("gdc=6", {"gdc": not_a_choice("6")}),
        ("action_line=C7.9", {"action_line": not_a_choice("C7.9")}),
        ("region=arab-states&country=XX", {"country": not_a_choice("XX")}),
        ("country=ke", {"country": not_a_choice("ke")}),
        ("stakeholder_type=robots", {"stakeholder_type": not_a_choice("robots")}),
        ("kind=poem", {"kind": not_a_choice("poem")}),
        ("year=abc", {"year": ["A valid integer is required."]}),
        ("year=1989", {"year": ["Ensure this value is greater than or equal to 1990."]}),
        ("&".join(["sdg=3"] * 51), {"sdg": ["Ensure this field has no more than 50 elements."]}),
        ("page=abc", {"page": ["A valid integer is required."]}),
        ("page=last", {"page": ["A valid integer is required."]}),
        ("page=0", {"page": ["Ensure this value is greater than or equal to 1."]}),
        ("page_size=abc", {"page_size": ["A valid integer is required."]}),
        ("page_size=-1", {"page_size": ["Ensure this value is greater than or equal to 1."]}),
        ("q=broad%00band", {"q": ["Null characters are not allowed."]}),
    ],
)
def test_value_the_schema_does_not_allow_is_refused(client, published, query, errors):
    response = client.get(f"{ENTRIES}?{query}")
    assert (response.status_code, response.json()) == (400, errors)


def test_refusal_is_in_the_readers_language(client, db):
    response = client.get(f"{ENTRIES}?sort=random", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.json() == {"sort": ['"random" ليس خياراً صالحاً.']}
    response = client.get(f"{ENTRIES}?page=0", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.json() == {"page": ["تأكد ان القيمة أكبر من أو تساوي 1."]}


def test_search_page_still_drops_the_values_the_api_refuses(client, published):
    page = client.get("/en/stocktaking/?sort=random&sdg=99&country=XX")
    assert (page.status_code, len(page.context["results"])) == (200, 3)


def test_a_number_written_otherwise_filters_as_the_number(client, published):
    assert titles(client.get(f"{ENTRIES}?year=%2B2024")) == ["Community networks for rural broadband"]
    assert titles(client.get(f"{ENTRIES}?year=2024.0")) == ["Community networks for rural broadband"]


def test_list_is_paginated(client, published):
    first = client.get(f"{ENTRIES}?page_size=2").json()
    assert (first["count"], len(first["results"])) == (3, 2)
    assert first["next"] == "http://testserver/api/v1/stocktaking/entries/?page=2&page_size=2"
    second = client.get(first["next"]).json()
    assert [entry["title"] for entry in second["results"]] == ["Community networks for rural broadband"]
    assert second["next"] is None


def test_page_size_is_capped(client, db, monkeypatch):
    assert EntryPagination.max_page_size == 200
    monkeypatch.setattr(EntryPagination, "max_page_size", 2)
    PublishedEntryFactory.create_batch(3)
    assert len(client.get(f"{ENTRIES}?page_size=100000").json()["results"]) == 2


def test_unpublished_entry_is_not_found(client, unpublished):
    for entry in unpublished:
        assert client.get(f"{ENTRIES}{entry.pk}/").status_code == 404


def test_api_is_read_only(client, published):
    assert client.post(ENTRIES, {"title": "x"}, content_type="application/json").status_code == 405
    assert client.delete(f"{ENTRIES}{published['networks'].pk}/").status_code == 405


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_does_not_grow_with_entries(client, django_assert_num_queries, count):
    PublishedEntryFactory.create_batch(
        count, countries=["KE"], regions=["africa"], sdgs=[4], gdc_objectives=[1]
    )
    reference.action_lines()
    # the count, the page, then its action lines, countries, regions, SDGs and GDC objectives
    with django_assert_num_queries(7):
        response = client.get(f"{ENTRIES}?q=entry")
    assert len(response.json()["results"]) == count


# Reference data


def test_action_lines_are_listed_in_order_with_their_parent(client, db):
    found = client.get("/api/v1/reference/action-lines/").json()
    assert [line["code"] for line in found][:8] == ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C7.1"]
    assert len(found) == 19
    assert found[7] == {
        "code": "C7.1",
        "name_en": "E-government",
        "name_ar": "الحكومة الإلكترونية",
        "parent": "C7",
    }


@pytest.mark.parametrize("code", ["C3", "C7.1", "C7.8"])
def test_one_action_line_is_found_by_its_code(client, db, code):
    response = client.get(f"/api/v1/reference/action-lines/{code}/")
    assert (response.status_code, response.json()["code"]) == (200, code)


def test_sdgs_gdc_objectives_and_regions_are_listed(client, db):
    assert len(client.get("/api/v1/reference/sdgs/").json()) == 17
    assert client.get("/api/v1/reference/sdgs/5/").json() == {
        "number": 5,
        "name_en": "Gender equality",
        "name_ar": "المساواة بين الجنسين",
    }
    assert [o["number"] for o in client.get("/api/v1/reference/gdc-objectives/").json()] == [1, 2, 3, 4, 5]
    assert [r["code"] for r in client.get("/api/v1/reference/regions/").json()] == [
        "africa",
        "americas",
        "arab-states",
        "asia-pacific",
        "cis",
        "europe",
    ]
    assert client.get("/api/v1/reference/regions/arab-states/").json()["name_ar"] == "الدول العربية"


# Schema and docs


def test_schema_is_a_valid_openapi_document(client, db):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate_schema(schema)
    assert schema["info"]["title"] == "WSIS Forum Portal API"
    parameters = {p["name"] for p in schema["paths"]["/api/v1/stocktaking/entries/"]["get"]["parameters"]}
    assert parameters == {
        "q",
        "sort",
        "page",
        "page_size",
        "action_line",
        "sdg",
        "gdc",
        "region",
        "country",
        "stakeholder_type",
        "kind",
        "year",
    }


def test_schema_lists_the_values_each_filter_takes(client, db):
    schema = client.get("/api/v1/schema/?format=json").json()
    parameters = {p["name"]: p["schema"] for p in schema["paths"][ENTRIES]["get"]["parameters"]}
    assert parameters["sort"]["enum"] == ["relevance", "date"]
    assert parameters["sdg"]["items"]["enum"] == list(range(1, 18))
    assert parameters["gdc"]["items"]["enum"] == [1, 2, 3, 4, 5]
    assert parameters["region"]["items"]["enum"] == [
        "africa",
        "americas",
        "arab-states",
        "asia-pacific",
        "cis",
        "europe",
    ]
    assert parameters["kind"]["items"]["enum"] == ["project", "initiative", "event", "publication"]
    assert len(parameters["action_line"]["items"]["enum"]) == 19
    assert {"KE", "EG", "SN"} < set(parameters["country"]["items"]["enum"])
    assert parameters["year"]["items"] == {"type": "integer", "minimum": 1990, "maximum": 2100}
    assert parameters["year"]["maxItems"] == 50
    assert parameters["page"] == parameters["page_size"] == {"type": "integer", "minimum": 1}


def test_schema_is_also_given_as_json(client, db):
    response = client.get("/api/v1/schema/?format=json")
    validate_schema(json.loads(response.content))


def test_docs_page_loads_its_assets_from_the_portal(client, db):
    response = client.get("/api/v1/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assets = [
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-standalone-preset.js",
    ]
    for asset in assets:
        assert f'"/static/{asset}"' in html
        assert finders.find(asset) is not None
    for cdn in ("cdn.jsdelivr", "unpkg.com", "cdnjs", "https://"):
        assert cdn not in html
    # The initialising script is a file of its own (no inline script under the Content-Security-Policy).
    assert '<script src="/api/v1/docs/?script="></script>' in html
    script = client.get("/api/v1/docs/?script=")
    assert script["Content-Type"] == "application/javascript"
    assert '"/api/v1/schema/"' in script.content.decode()


def test_page_past_the_last_is_not_found(client, published):
    response = client.get(f"{ENTRIES}?page=9")
    assert (response.status_code, response["Content-Type"]) == (404, "application/json")
    assert response.json() == {"detail": "Invalid page."}

"""The secretariat's list of prize submissions: by cycle, category and state, searchable, read-only, and
exported as CSV or XLSX through the platform's tables."""

import csv
import io

import openpyxl
import pytest

from tests.factories import PrizeCycleFactory, PrizeSubmissionFactory, UserFactory, prize_category

pytestmark = pytest.mark.django_db
LIST = "/en/admin/prizes/submission/"


@pytest.fixture
def clerk(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def submissions(db, in_february):
    cycle = PrizeCycleFactory()
    return {
        "library": PrizeSubmissionFactory(
            cycle=cycle, title="Mobile libraries", state="submitted", reference="WSIS-PR-2026-00001"
        ),
        "health": PrizeSubmissionFactory(
            cycle=cycle,
            category=prize_category("C7.4"),
            title='=HYPERLINK("http://evil")',
            state="submitted",
            reference="WSIS-PR-2026-00002",
        ),
        "draft": PrizeSubmissionFactory(cycle=cycle, title="A draft"),
    }


def shown(response):
    return sorted(item.title for item in response.context["cl"].result_list)


def test_filters_by_category_and_state(clerk, submissions):
    assert shown(clerk.get(f"{LIST}?category=C7.4")) == ['=HYPERLINK("http://evil")']
    assert shown(clerk.get(f"{LIST}?state__exact=draft")) == ["A draft"]
    assert shown(clerk.get(f"{LIST}?cycle=2026&state__exact=submitted")) == [
        '=HYPERLINK("http://evil")',
        "Mobile libraries",
    ]


def test_search_by_reference_and_title(clerk, submissions):
    assert shown(clerk.get(f"{LIST}?q=WSIS-PR-2026-00001")) == ["Mobile libraries"]
    assert shown(clerk.get(f"{LIST}?q=draft")) == ["A draft"]


def test_submissions_are_read_only_in_the_admin(clerk, submissions):
    url = f"{LIST}{submissions['library'].pk}/change/"
    page = clerk.get(url).content.decode()
    assert 'name="_save"' not in page
    assert clerk.post(url, {"title": "Changed"}).status_code == 403
    assert clerk.get(f"{LIST}add/").status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_list_runs_a_fixed_number_of_queries(clerk, in_february, django_assert_num_queries, count):
    cycle = PrizeCycleFactory()
    for _n in range(count):
        PrizeSubmissionFactory(cycle=cycle, state="submitted")
    # session, user, 2 counts, the page, the cycles and categories of the filters
    with django_assert_num_queries(7):
        clerk.get(LIST)


def test_csv_export_of_the_filtered_list_keeps_formulas_as_text(clerk, submissions):
    response = clerk.get("/en/admin/prizes/submission/export/csv/?state__exact=submitted")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [(row["reference"], row["category"], row["sdgs"], row["gdc_objectives"]) for row in rows] == [
        ("WSIS-PR-2026-00001", "C3", "4", "1"),
        ("WSIS-PR-2026-00002", "C7.4", "4", "1"),
    ]
    assert rows[1]["title"] == '\'=HYPERLINK("http://evil")'
    assert (rows[0]["cycle"], rows[0]["kind"], rows[0]["project_status"]) == (
        "2026",
        "submission",
        "completed",
    )


def test_xlsx_export_action_of_the_selected_submissions(clerk, submissions):
    response = clerk.post(
        LIST,
        {"action": "export_xlsx", "_selected_action": [submissions["library"].pk, submissions["draft"].pk]},
    )
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][:4] == ("reference", "state", "cycle", "category")
    assert [row[6] for row in values[1:]] == ["Mobile libraries", "A draft"]


def test_export_refuses_another_format(clerk, submissions):
    assert clerk.get("/en/admin/prizes/submission/export/pdf/").status_code == 404

"""The secretariat's screens of the vote: the votes read-only and filtered, excluding votes with a reason
(and counting them again) through the services, each project's counts explained, exported as CSV and
XLSX, and the champions computed and published from the counts page."""

import csv
import io
import sys
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import openpyxl
import pytest
from django.contrib.auth.models import Permission

from prizes import voting
from prizes.models import PrizeCycle, Submission, Vote
from tests.factories import UserFactory
from tests.prizes import test_voting as base
from tests.prizes.test_voting import APRIL, NETWORK, VOTING_CLOSES, cast

pytestmark = pytest.mark.django_db
# The fixtures of the services' tests.
in_april, voting_cycle, nominees = base.in_april, base.voting_cycle, base.nominees

LIST = "/en/admin/prizes/vote/"
COUNTS = "/en/admin/prizes/vote/counts/"
OLD = datetime(2025, 1, 1, tzinfo=UTC)


@pytest.fixture
def clerk_user(db):
    return UserFactory(email="clerk@itu.example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def clerk(client, clerk_user):
    client.force_login(clerk_user)
    return client


@pytest.fixture
def votes(voting_cycle, nominees):
    """Library: 2 valid and 1 disposable; networks: 1 valid; health: 1 valid."""
    made = {
        "amina": cast(voting_cycle, nominees["library"], "amina@example.org", NETWORK, OLD, APRIL),
        "omar": cast(voting_cycle, nominees["library"], "omar@example.org", "198.51.100.0/24", OLD, APRIL),
        "throwaway": cast(voting_cycle, nominees["library"], "x@yopmail.com", "", OLD, APRIL),
        "thandi": cast(voting_cycle, nominees["networks"], "thandi@example.org", NETWORK, OLD, APRIL),
        "ravi": cast(voting_cycle, nominees["health"], "ravi@example.org", NETWORK, OLD, APRIL),
    }
    voting.evaluate(voting_cycle)
    return made


def shown(response):
    return sorted(
        vote.email_domain + " " + vote.submission.title for vote in response.context["cl"].result_list
    )


def test_votes_are_filtered_by_category_policy_and_exclusion(clerk, votes, clerk_user):
    voting.exclude_vote(votes["thandi"], "Same household", clerk_user)
    assert shown(clerk.get(f"{LIST}?category=C7.4")) == ["example.org Telemedicine for islands"]
    assert shown(clerk.get(f"{LIST}?policy_reason__exact=disposable_domain")) == [
        "yopmail.com Mobile digital libraries"
    ]
    assert shown(clerk.get(f"{LIST}?excluded=yes")) == ["example.org Community networks"]
    assert len(shown(clerk.get(f"{LIST}?cycle=2026&excluded=no"))) == 4


def test_votes_are_read_only_in_the_admin(clerk, votes):
    url = f"{LIST}{votes['amina'].pk}/change/"
    page = clerk.get(url).content.decode()
    assert 'name="_save"' not in page
    assert "voter_key" not in page
    assert clerk.post(url, {"ip_network": "10.0.0.0/24"}).status_code == 403
    assert clerk.get(f"{LIST}add/").status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_the_vote_list_runs_a_fixed_number_of_queries(
    clerk, voting_cycle, nominees, django_assert_num_queries, count
):
    for n in range(count):
        cast(voting_cycle, nominees["library"], f"voter{n}@example.org", NETWORK, OLD, APRIL)
    # session, user, 2 counts, the page, the cycles and categories of the filters
    with django_assert_num_queries(7):
        response = clerk.get(LIST)
    assert len(response.context["cl"].result_list) == count


def exclude(client, ids, **data):
    return client.post(LIST, {"action": "exclude_with_reason", "_selected_action": ids, **data})


def test_excluding_votes_asks_for_the_reason_first(clerk, votes):
    response = exclude(clerk, [votes["amina"].pk, votes["omar"].pk])
    assert response.status_code == 200
    page = response.content.decode()
    assert "You are excluding 2 votes from the count." in page
    assert page.count('name="_selected_action"') == 2
    assert Vote.objects.filter(excluded_at__isnull=False).count() == 0


def test_votes_are_not_excluded_without_a_reason(clerk, votes):
    response = exclude(clerk, [votes["amina"].pk], apply="1", reason="   ")
    assert response.status_code == 400
    assert "Give the reason for excluding the votes." in response.content.decode()
    assert Vote.objects.filter(excluded_at__isnull=False).count() == 0


def test_the_secretariat_excludes_votes_with_a_reason_and_counts_them_again(clerk, votes, clerk_user):
    response = exclude(
        clerk, [votes["amina"].pk, votes["omar"].pk], apply="1", reason="Paid clicks, ticket 7"
    )
    assert response.status_code == 302
    assert sorted(
        Vote.objects.filter(excluded_at__isnull=False).values_list("excluded_reason", "excluded_by")
    ) == [
        ("Paid clicks, ticket 7", clerk_user.pk),
        ("Paid clicks, ticket 7", clerk_user.pk),
    ]
    clerk.post(LIST, {"action": "restore", "_selected_action": [votes["amina"].pk]})
    assert list(Vote.objects.filter(excluded_at__isnull=False).values_list("pk", flat=True)) == [
        votes["omar"].pk
    ]


def test_staff_who_may_only_view_votes_cannot_exclude_them(client, votes):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_vote"))
    client.force_login(viewer)
    assert client.get(LIST).status_code == 200
    exclude(client, [votes["amina"].pk], apply="1", reason="Not mine to decide")
    assert Vote.objects.filter(excluded_at__isnull=False).count() == 0
    assert client.post(COUNTS, {"cycle": "2026", "do": "evaluate"}).status_code == 403


def rows(cycle_year=2026):
    return [
        (row.title, row.valid, row.disposable_domain, row.secretariat, row.total)
        for row in voting.tally(PrizeCycle.objects.get(edition__year=cycle_year))
    ]


def test_the_counts_page_explains_each_project_s_votes(clerk, votes, clerk_user):
    voting.exclude_vote(votes["thandi"], "Same household", clerk_user)
    response = clerk.get(f"{COUNTS}?cycle=2026")
    page = " ".join(response.content.decode().split())
    assert [
        (row.title, row.valid, row.disposable_domain, row.secretariat, row.total)
        for row in response.context["rows"]
    ] == [
        ("Mobile digital libraries", 2, 1, 0, 3),
        ("Community networks", 0, 0, 1, 1),
        ("Telemedicine for islands", 1, 0, 0, 1),
    ]
    assert "<td>2</td><td>1</td><td>0</td><td>0</td><td>0</td><td>3</td>" in page


def test_the_counts_page_has_no_inline_style_the_content_security_policy_would_refuse(clerk, votes):
    page = clerk.get(f"{COUNTS}?cycle=2026").content.decode()
    assert '<ul class="object-tools in-page">' in page
    assert "style=" not in page.split('id="content"', 1)[1]


def test_the_counts_are_exported_as_csv(clerk, votes):
    response = clerk.get(f"{COUNTS}export/csv/?cycle=2026")
    assert response["Content-Disposition"] == 'attachment; filename="wsis-prizes-votes-2026.csv"'
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [
        [
            "cycle",
            "category",
            "reference",
            "title",
            "state",
            "valid",
            "disposable_domain",
            "account_burst",
            "network_limit",
            "secretariat",
            "total",
        ],
        ["2026", "C3", "", "Mobile digital libraries", "nominee", "2", "1", "0", "0", "0", "3"],
        ["2026", "C3", "", "Community networks", "nominee", "1", "0", "0", "0", "0", "1"],
        ["2026", "C7.4", "", "Telemedicine for islands", "nominee", "1", "0", "0", "0", "0", "1"],
    ]


def test_the_counts_are_exported_as_xlsx(clerk, votes):
    response = clerk.get(f"{COUNTS}export/xlsx/?cycle=2026")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))["votes"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:6] == ["cycle", "category", "reference", "title", "state", "valid"]
    assert values[1] == [2026, "C3", None, "Mobile digital libraries", "nominee", 2, 1, 0, 0, 0, 3]
    assert len(values) == 4


def test_an_unknown_export_format_is_missing(clerk, votes):
    assert clerk.get(f"{COUNTS}export/pdf/?cycle=2026").status_code == 404


def test_the_counts_page_applies_the_policy_on_request(clerk, voting_cycle, nominees):
    cast(voting_cycle, nominees["library"], "x@yopmail.com", "", OLD, APRIL)
    response = clerk.post(COUNTS, {"cycle": "2026", "do": "evaluate"})
    assert response["Location"] == f"{COUNTS}?cycle=2026"
    assert Vote.objects.get().policy_reason == "disposable_domain"


def test_the_champions_are_computed_and_published_from_the_counts_page(
    clerk, votes, time_machine, monkeypatch, django_capture_on_commit_callbacks
):
    issued = []
    monkeypatch.setitem(sys.modules, "prizes.results", SimpleNamespace(issue_certificates=issued.append))
    response = clerk.post(COUNTS, {"cycle": "2026", "do": "champions"}, follow=True)
    assert "The champions are computed once voting has closed." in response.content.decode()
    time_machine.move_to(VOTING_CLOSES + timedelta(minutes=5), tick=False)
    response = clerk.post(COUNTS, {"cycle": "2026", "do": "champions"}, follow=True)
    assert "3 champions in the cycle." in response.content.decode()
    assert set(Submission.objects.values_list("state", flat=True)) == {"champion"}
    with django_capture_on_commit_callbacks(execute=True):
        clerk.post(COUNTS, {"cycle": "2026", "do": "publish"})
    assert [cycle.edition.year for cycle in issued] == [2026]
    assert PrizeCycle.objects.get().champions_published_at == VOTING_CLOSES + timedelta(minutes=5)


def test_disposable_domains_are_kept_by_the_secretariat(clerk, db):
    response = clerk.post("/en/admin/prizes/disposableemaildomain/add/", {"domain": " Throwaway.Example "})
    assert response.status_code == 302
    assert "throwaway.example" in voting.disposable_domains()

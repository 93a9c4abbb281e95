"""Pages whose input is in the URL (searches, filters, pages, the API's parameters, codes and tokens in
the path): whatever the text, never a 5xx."""

from urllib.parse import quote

import pytest
from hypothesis import example, given

from stocktaking.search import FACETS
from tests.factories import UserFactory
from tests.hostile.checks import FUZZ
from tests.hostile.strategies import hostile_text

pytestmark = pytest.mark.django_db

FACET_NAMES = tuple(facet.name for facet in FACETS)
PAGES = [
    ("/en/stocktaking/", ("q", "sort", "page", *FACET_NAMES)),
    ("/ar/stocktaking/statistics/", ("q", "country", "year")),
    ("/en/stocktaking/export.csv", ("q", "sdg")),
    ("/ar/stocktaking/export.json", ("q", "gdc", "stakeholder_type")),
    ("/ar/forum/", ("day", "kind", "action_line", "format")),
    ("/en/forum/calendar.ics", ("day", "kind", "action_line", "format")),
    ("/api/v1/stocktaking/entries/", ("q", "sort", "page", "page_size", *FACET_NAMES)),
    ("/ar/prizes/vote/C3/", ("q",)),
    ("/en/prizes/verify/", ("code",)),
    ("/ar/letters/", ("edition",)),
    ("/en/accounts/login/", ("next",)),
    ("/en/admin/login/", ("next",)),
]
# Codes and tokens in the path: {} is where the text goes.
PATHS = [
    "/api/v1/reference/action-lines/{}/",
    "/api/v1/reference/regions/{}/",
    "/api/v1/reference/sdgs/{}/",
    "/api/v1/stocktaking/entries/{}/",
    "/ar/consultations/consent/{}/",
    "/en/prizes/confirm/{}/",
    "/ar/prizes/vote/{}/",
    "/en/prizes/verify/{}/",
    "/en/prizes/verify/{}/ar.pdf",
    "/en/prizes/verify/7KQ2-M9XD-4HTA/{}.pdf",
    "/ar/reminders/stop/{}/",
    "/en/forum/invitation/{}/",
]


@pytest.mark.parametrize(("url", "parameters"), PAGES, ids=[url for url, _ in PAGES])
def test_a_public_page_never_fails_whatever_its_query(client, url, parameters):
    @given(value=hostile_text)
    @example(value="²")
    @example(value="\x00")
    @FUZZ
    def answers(value):
        response = client.get(url, {name: value for name in parameters})
        assert response.status_code < 500

    answers()


@pytest.mark.parametrize("url", PATHS)
def test_a_code_or_token_in_the_path_never_fails_whatever_it_is(client, url):
    @given(value=hostile_text)
    @example(value="²")
    @example(value="C3\x00")
    @FUZZ
    def answers(value):
        path = quote(value, safe="")
        if path:
            assert client.get(url.format(path)).status_code < 500
            assert client.post(url.format(path), {"answer": value}).status_code < 500

    answers()


def test_my_participation_ignores_any_query(client):
    """The dashboard takes no filter: whatever the query says, the page."""
    client.force_login(UserFactory(full_name="أمينة \u200fDiallo"))

    @given(value=hostile_text)
    @FUZZ
    def answers(value):
        response = client.get("/ar/me/", {name: value for name in ("q", "process", "state", "page")})
        assert response.status_code == 200

    answers()

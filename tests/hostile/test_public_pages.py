"""Public pages whose input is in the URL (searches, filters, pages): whatever the text, never a 5xx."""

import pytest
from hypothesis import HealthCheck, given, settings

from tests.hostile.strategies import hostile_text

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))

PAGES = [
    ("/en/stocktaking/", ("q", "action_line", "sdg", "country", "region", "year", "kind", "sort", "page")),
    ("/ar/stocktaking/statistics/", ("q", "country", "year")),
    ("/en/stocktaking/export.csv", ("q", "sdg")),
    ("/ar/forum/", ("day", "type", "action_line", "format")),
    ("/api/v1/stocktaking/entries/", ("search", "action_line", "country", "page")),
]


@pytest.mark.parametrize(("url", "parameters"), PAGES, ids=[url for url, _ in PAGES])
def test_a_public_page_never_fails_whatever_its_query(client, url, parameters):
    @given(value=hostile_text)
    @FUZZ
    def answers(value):
        response = client.get(url, {name: value for name in parameters})
        assert response.status_code < 500

    answers()

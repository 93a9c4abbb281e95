"""The API's rate, per client address: past it the answer is 429 with Retry-After and a body in the
reader's language; the address is the client's, not one a forged X-Forwarded-For names."""

import pytest
from rest_framework.throttling import AnonRateThrottle

pytestmark = pytest.mark.django_db

SDGS = "/api/v1/reference/sdgs/"


class Clock:
    now = 1_800_000_000.0


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """Two requests a minute, on a clock that moves only when told. DRF reads the rates once, on import:
    the suite's own (tests/settings.py) is too high to reach."""
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    clock = Clock()
    monkeypatch.setattr(AnonRateThrottle, "timer", lambda throttle: clock.now)
    return clock


def test_client_past_the_rate_is_told_when_to_come_back(client):
    assert [client.get(SDGS).status_code for _ in range(2)] == [200, 200]
    response = client.get(SDGS)
    assert (response.status_code, response["Retry-After"]) == (429, "60")
    assert response.json() == {"detail": "Too many requests: try again in 60 seconds."}


@pytest.mark.parametrize(
    ("waited", "wait", "detail"),
    [
        (0, "60", "طلبات كثيرة جداً: أعد المحاولة بعد 60 ثانية."),
        (53, "7", "طلبات كثيرة جداً: أعد المحاولة بعد 7 ثوانٍ."),
        (58, "2", "طلبات كثيرة جداً: أعد المحاولة بعد ثانيتين (2)."),
        (59, "1", "طلبات كثيرة جداً: أعد المحاولة بعد ثانية واحدة (1)."),
    ],
)
def test_wait_is_told_in_arabic_with_its_plural_form(client, clock, waited, wait, detail):
    for _ in range(2):
        client.get(SDGS)
    clock.now += waited
    response = client.get(SDGS, HTTP_ACCEPT_LANGUAGE="ar")
    assert (response.status_code, response["Retry-After"], response.json()) == (429, wait, {"detail": detail})


def test_client_is_answered_again_once_the_minute_is_over(client, clock):
    for _ in range(2):
        client.get(SDGS)
    clock.now += 60
    assert client.get(SDGS).status_code == 200


def test_every_operation_counts_against_the_same_rate(client):
    client.get(SDGS)
    client.get("/api/v1/stocktaking/entries/")
    assert client.get("/api/v1/reference/regions/").status_code == 429


def test_forged_forwarded_for_does_not_earn_a_fresh_count(client):
    statuses = [client.get(SDGS, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(3)]
    assert statuses == [200, 200, 429]


def test_behind_a_proxy_each_client_has_its_own_count(client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(2):
        client.get(SDGS, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert client.get(SDGS, HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy).status_code == 200
    assert client.get(SDGS, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code == 429

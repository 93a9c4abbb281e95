"""When the database does not answer, a page is a 503 "temporarily unavailable" in the page's language,
with Retry-After, rendered without the database; any other unhandled error is the translated 500 page.
Never a traceback."""

import pytest
from django.db import InterfaceError, OperationalError

from consultations import services

pytestmark = pytest.mark.django_db

NEW_CONTRIBUTION = "/{language}/consultations/contributions/new/"


@pytest.fixture
def browser(client, user):
    client.raise_request_exception = False
    client.force_login(user)
    return client


def page(response):
    return " ".join(response.content.decode().split())


@pytest.mark.parametrize("error", [OperationalError("could not connect to server"), InterfaceError("closed")])
def test_a_database_that_does_not_answer_gives_the_arabic_unavailable_page(browser, monkeypatch, error):
    def unreachable():
        raise error

    monkeypatch.setattr(services, "current_consultation", unreachable)
    response = browser.get(NEW_CONTRIBUTION.format(language="ar"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = page(response)
    assert '<html lang="ar" dir="rtl">' in body
    assert "<h1>البوابة غير متاحة مؤقتاً</h1>" in body
    assert "تعذّر على البوابة إتمام طلبك. لم يُحفظ أي جزء مما أرسلته بصورة منقوصة" in body
    assert "Traceback" not in body and "could not connect" not in body


def test_the_unavailable_page_is_english_under_en(browser, monkeypatch):
    def unreachable():
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "current_consultation", unreachable)
    response = browser.get(NEW_CONTRIBUTION.format(language="en"))
    assert response.status_code == 503
    body = page(response)
    assert '<html lang="en" dir="ltr">' in body
    assert "<h1>The portal is temporarily unavailable</h1>" in body
    assert "Nothing you sent was half-saved: please try again in a moment." in body


def test_another_error_gives_the_translated_500_page(browser, monkeypatch):
    def broken():
        raise RuntimeError("a bug")

    monkeypatch.setattr(services, "current_consultation", broken)
    response = browser.get(NEW_CONTRIBUTION.format(language="ar"))
    assert response.status_code == 500
    assert "Retry-After" not in response
    body = page(response)
    assert '<html lang="ar" dir="rtl">' in body
    assert "<h1>حدث خطأ</h1>" in body
    assert "a bug" not in body and "Traceback" not in body

"""Arabic and English from the first page: prefixes, the browser's choice, the switcher, the remembered
preference, <html lang dir>, and an unknown prefix refused with a translated page."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from wsis_portal.editions.models import ActionLine
from wsis_portal.languages import in_language
from wsis_portal.stakeholders.models import User


@pytest.mark.parametrize(
    ("accept", "target"), [("ar", "/ar/"), ("ar-EG,ar;q=0.9", "/ar/"), ("en-GB", "/en/"), ("de-CH", "/en/")]
)
def test_first_visit_follows_the_browser_language(client, db, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert (response.status_code, response["Location"]) == (302, target)


def test_language_cookie_wins_over_the_browser(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/ar/"


@pytest.mark.parametrize(("prefix", "lang", "direction"), [("ar", "ar", "rtl"), ("en", "en", "ltr")])
def test_html_element_carries_language_and_direction(client, db, prefix, lang, direction):
    html = client.get(f"/{prefix}/").content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in html


@pytest.mark.parametrize("path", ["/fr/", "/xx/me/profile/", "/ar-xx/"])
def test_unknown_language_prefix_is_a_translated_404_that_changes_nothing(client, db, path):
    users = User.objects.count()
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 404
    assert "الصفحة غير موجودة" in response.content.decode()
    assert User.objects.count() == users


def test_switcher_keeps_the_current_page_and_its_query(client, db):
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/en/accounts/login/?next=/en/me/"})
    assert response.status_code == 302
    assert response["Location"] == "/ar/accounts/login/?next=/en/me/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"


def test_switcher_works_when_the_browser_prefers_the_other_language(client, db):
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/en/"}, HTTP_ACCEPT_LANGUAGE="ar")
    assert response["Location"] == "/ar/"


def test_switcher_refuses_a_foreign_next_url(client, db):
    response = client.post(
        "/i18n/setlang/",
        {"language": "ar", "next": "https://evil.example/"},
        HTTP_REFERER="https://evil.example/",
    )
    assert response["Location"] == "/"


def test_switcher_is_post_only(client, db):
    assert client.get("/i18n/setlang/?language=ar&next=/en/").status_code == 405


def test_switcher_remembers_the_choice_of_a_signed_in_user(client, user):
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "ar", "next": "/en/me/"})
    user.refresh_from_db()
    assert user.preferred_language == "ar"


def test_visitor_switches_with_a_link_to_the_same_page_in_the_other_language(client, db):
    html = client.get("/en/accounts/login/?next=/en/me/").content.decode()
    assert '<a href="/ar/accounts/login/?next=/en/me/" hreflang="ar" lang="ar" dir="rtl">' in html
    assert "csrfmiddlewaretoken" not in client.get("/en/").content.decode()


def test_error_page_links_to_the_home_page_of_the_other_language(client, db):
    html = client.get("/en/no-such-page/").content.decode()
    assert '<a href="/ar/" hreflang="ar"' in html


def test_visitor_cookie_follows_the_language_last_read(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/ar/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    assert client.get("/")["Location"] == "/ar/"


def test_signed_in_user_switches_with_a_form_that_saves_the_choice(client, user):
    client.force_login(user)
    html = client.get("/en/me/").content.decode()
    assert '<button type="submit" name="language" value="ar" lang="ar" dir="rtl">' in html


def test_sign_in_lands_on_the_dashboard_in_the_preferred_language(client, db):
    UserFactory(email="amal@example.org", preferred_language="ar")
    response = client.post("/en/accounts/login/", {"login": "amal@example.org", "password": PASSWORD})
    assert response["Location"] == "/ar/me/"


def test_signed_in_user_gets_the_cookie_of_their_preferred_language(client, db):
    client.force_login(UserFactory(preferred_language="ar"))
    response = client.get("/en/me/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    assert client.get("/")["Location"] == "/ar/"


def test_admin_is_right_to_left_in_arabic(client, secretariat):
    client.force_login(secretariat)
    html = client.get("/ar/admin/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "admin/css/rtl.css" in html
    assert "بوابة منتدى القمة العالمية لمجتمع المعلومات — الأمانة" in html


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/en/me/profile/?a=1", "/ar/me/profile/?a=1"),
        (
            "https://wsis.example.org/en/accounts/confirm-email/k/",
            "https://wsis.example.org/ar/accounts/confirm-email/k/",
        ),
        ("/ar/", "/ar/"),
        ("/healthz/", "/healthz/"),
        ("/english/", "/english/"),
    ],
)
def test_in_language_swaps_only_a_language_prefix(url, expected):
    assert in_language(url, "ar") == expected


def test_translated_fields_follow_languages_setting():
    fields = {field.name for field in ActionLine._meta.get_fields()}
    assert {f"name_{code}" for code, _name in settings.LANGUAGES} <= fields


def test_home_url_exists_in_every_language(client, db):
    for code, _name in settings.LANGUAGES:
        assert client.get(f"/{code}/").status_code == 200
        assert reverse("home") in ("/en/", "/ar/")

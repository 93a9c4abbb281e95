"""Security headers on every page: a Content-Security-Policy that allows only the portal's own files,
frame denial, no MIME sniffing, a Referrer-Policy, and a Permissions-Policy; files opened in the browser's
own viewer (PDF, CSV) carry no page policy."""

import pytest

from wsis_portal.security import policy

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/en/", "/ar/stocktaking/", "/en/accounts/login/", "/api/v1/docs/"])
def test_pages_carry_the_security_headers(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == policy()
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Permissions-Policy"] == "camera=(), microphone=(), geolocation=(), payment=()"


def test_policy_allows_only_the_portals_own_files():
    directives = dict(part.split(" ", 1) for part in policy().split("; "))
    assert directives == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def test_no_page_has_an_inline_script_or_style(client):
    body = client.get("/en/").content.decode()
    assert "<script>" not in body and "<style" not in body


def test_a_csv_export_carries_no_page_policy(client):
    response = client.get("/en/stocktaking/export.csv")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response

"""Absolute links come from PORTAL_URL alone, and production refuses a PORTAL_URL nobody else can open."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from wsis_portal.links import absolute_url, check_portal_url, portal_host, portal_url


@pytest.mark.parametrize("setting", ["https://wsis.example.org", "https://wsis.example.org/"])
def test_absolute_url_puts_a_path_on_portal_url_with_one_slash(settings, setting):
    settings.PORTAL_URL = setting
    assert absolute_url("/ar/prizes/verify/ABC/") == "https://wsis.example.org/ar/prizes/verify/ABC/"
    assert portal_url() == "https://wsis.example.org"


def test_absolute_url_refuses_a_path_not_from_the_root(settings):
    settings.PORTAL_URL = "https://wsis.example.org"
    with pytest.raises(ValueError, match="Not a path from the portal's root: 'ar/'"):
        absolute_url("ar/")


def test_portal_host_is_the_host_name_of_portal_url(settings):
    settings.PORTAL_URL = "https://wsis.example.org:8443/"
    assert portal_host() == "wsis.example.org"


@pytest.mark.parametrize(
    "address",
    [
        "https://127.0.0.1:8000",
        "https://localhost",
        "https://portal.localhost",
        "https://[::1]:8000",
        "https://0.0.0.0",
        "https://127.8.9.10",
    ],
)
def test_deploy_check_refuses_a_loopback_portal_url_in_production(address):
    with override_settings(PRODUCTION=True, PORTAL_URL=address):
        assert [error.id for error in check_portal_url()] == ["wsis_portal.E001"]


def test_deploy_check_refuses_a_portal_url_without_https_in_production():
    with override_settings(PRODUCTION=True, PORTAL_URL="http://wsis.example.org"):
        assert [error.id for error in check_portal_url()] == ["wsis_portal.E002"]


def test_deploy_check_refuses_the_default_portal_url_for_both_reasons_in_production():
    with override_settings(PRODUCTION=True, PORTAL_URL="http://127.0.0.1:8000"):
        assert [error.id for error in check_portal_url()] == ["wsis_portal.E001", "wsis_portal.E002"]


def test_deploy_check_accepts_a_public_https_portal_url_in_production():
    with override_settings(PRODUCTION=True, PORTAL_URL="https://wsis.example.org"):
        assert check_portal_url() == []


def test_deploy_check_leaves_development_alone():
    with override_settings(PRODUCTION=False, PORTAL_URL="http://127.0.0.1:8000"):
        assert check_portal_url() == []


def test_check_deploy_fails_on_a_loopback_portal_url_in_production():
    with (
        override_settings(PRODUCTION=True, PORTAL_URL="http://localhost:8000"),
        pytest.raises(SystemCheckError, match=r"\(wsis_portal\.E001\) PORTAL_URL is 'http://localhost:8000'"),
    ):
        call_command("check", deploy=True, tags=["security"])


def test_plain_check_does_not_run_the_deploy_check():
    with override_settings(PRODUCTION=True, PORTAL_URL="http://localhost:8000"):
        call_command("check", tags=["security"])

"""The production stack, kept correct by reading docker-compose.yml and by running its commands here:
gunicorn with whitenoise under production settings, and Celery beat."""

import http.client
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from bench.gunicorn import gunicorn, manage, production_env

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
LONG_RUNNING = ("db", "redis", "web", "worker", "beat")


def test_compose_runs_web_worker_beat_postgresql_and_redis():
    assert set(COMPOSE["services"]) == {"db", "redis", "migrate", "web", "worker", "beat"}
    assert COMPOSE["services"]["db"]["image"].startswith("postgres:15")
    assert COMPOSE["services"]["redis"]["image"].startswith("redis:7")


@pytest.mark.parametrize("service", LONG_RUNNING)
def test_every_long_running_service_has_a_health_check(service):
    assert COMPOSE["services"][service]["healthcheck"]["test"]


def test_there_is_exactly_one_beat():
    services = COMPOSE["services"]
    assert [name for name, spec in services.items() if "beat" in spec.get("command", [])] == ["beat"]
    assert services["beat"]["deploy"]["replicas"] == 1


def test_data_lives_in_named_volumes():
    assert set(COMPOSE["volumes"]) == {"pgdata", "redisdata", "media", "private", "beat"}
    assert "pgdata:/var/lib/postgresql/data" in COMPOSE["services"]["db"]["volumes"]
    # Personalised letters are written by the worker and served by the web process, apart from media.
    for service in ("web", "worker"):
        assert "private:/app/private" in COMPOSE["services"][service]["volumes"]
    assert COMPOSE["x-portal"]["environment"]["PRIVATE_MEDIA_ROOT"] == "/app/private"


@pytest.mark.parametrize("service", ("migrate", "web", "worker", "beat"))
def test_every_portal_service_must_be_given_portal_url(service):
    assert COMPOSE["services"][service]["environment"]["PORTAL_URL"] == (
        "${PORTAL_URL:?set PORTAL_URL, e.g. https://wsis.example.org}"
    )


def test_web_runs_gunicorn_in_production_mode():
    web = COMPOSE["services"]["web"]
    assert web["command"][0] == "gunicorn"
    assert web["environment"]["PORTAL_ENV"] == "production"
    assert web["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def get(port, path, **headers):
    """One GET on loopback, redirects not followed: (status, headers, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.mark.slow
def test_gunicorn_serves_pages_and_static_files_in_production_mode(tmp_path):
    env = production_env(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}")
    manage(env, ["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"])
    with gunicorn(env) as port:
        assert get(port, "/healthz/")[0] == 200
        status, headers, _ = get(port, "/en/", Host="wsis.example.org")
        assert (status, headers["Location"]) == (301, "https://wsis.example.org/en/")
        status, headers, body = get(port, "/ar/", Host="wsis.example.org", **{"X-Forwarded-Proto": "https"})
        assert status == 200
        assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        stylesheet = body.decode().split('rel="stylesheet" href="')[1].split('"')[0]
        assert stylesheet.startswith("/static/css/portal.") and stylesheet != "/static/css/portal.css"
        status, headers, _ = get(port, stylesheet, Host="wsis.example.org", **{"X-Forwarded-Proto": "https"})
        assert (status, headers["Cache-Control"]) == (200, "max-age=315360000, public, immutable")


@pytest.mark.slow
def test_celery_beat_starts_with_the_schedule_kept_in_code(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    schedule = tmp_path / "celerybeat-schedule"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "wsis_portal",
            "beat",
            "--loglevel",
            "DEBUG",
            "--schedule",
            str(schedule),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    time.sleep(6)
    process.terminate()
    output, _ = process.communicate(timeout=15)
    assert "beat: Starting..." in output
    assert "outbox-requeue-stale" in output or "requeue_stale_mail" in output
    assert "Traceback" not in output
    assert list(tmp_path.glob("celerybeat-schedule*"))

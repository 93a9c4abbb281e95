"""Settings from the environment: embedded defaults, the production mode, Celery's configuration."""

import json
import os
import subprocess
import sys
from pathlib import Path

from wsis_portal.celery import app

ROOT = Path(__file__).resolve().parent.parent
PORTAL_VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "PORTAL_ENV",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "PORTAL_URL",
    "DEBUG",
    "CELERY_TASK_ALWAYS_EAGER",
    "CELERY_TASK_DEFAULT_QUEUE",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def manage(*args, **variables):
    env = {k: v for k, v in os.environ.items() if k not in PORTAL_VARIABLES}
    env.update(variables)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_embedded_defaults_are_sqlite_eager_celery_and_console_mail():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; import json; print(json.dumps(["
        "s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.OUTBOX_DELIVERY_BACKEND,"
        "s.CACHES['default']['BACKEND'], s.DEBUG]))",
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [
        "django.db.backends.sqlite3",
        True,
        "django.core.mail.backends.console.EmailBackend",
        "django.core.cache.backends.locmem.LocMemCache",
        True,
    ]


def test_urls_switch_to_postgresql_redis_and_a_worker():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; import json; print(json.dumps(["
        "s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL]))",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/x",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [
        "django.db.backends.postgresql",
        False,
        "redis://127.0.0.1:6379/3",
    ]


def production_check(tmp_path, **variables):
    return manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        PORTAL_ENV="production",
        SECRET_KEY="k" * 20 + "-production-secret-key-for-the-deploy-check-" + "9" * 10,
        ALLOWED_HOSTS="wsis.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **variables,
    )


def test_production_mode_passes_the_deployment_check(tmp_path):
    result = production_check(tmp_path, PORTAL_URL="https://wsis.example.org")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_production_deployment_check_fails_when_portal_url_is_left_at_its_loopback_default(tmp_path):
    result = production_check(tmp_path)
    assert result.returncode == 1
    assert "?: (wsis_portal.E001) PORTAL_URL is 'http://127.0.0.1:8000'" in result.stderr
    assert "?: (wsis_portal.E002) PORTAL_URL is 'http://127.0.0.1:8000'" in result.stderr


def test_production_mode_refuses_to_start_without_a_secret_key():
    result = manage("check", PORTAL_ENV="production", ALLOWED_HOSTS="wsis.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_celery_acknowledges_late_and_speaks_only_json():
    assert (app.conf.task_acks_late, app.conf.accept_content, app.conf.task_serializer) == (
        True,
        ["json"],
        "json",
    )


def test_beat_schedule_is_kept_in_code():
    app.loader.import_default_modules()  # what a worker or beat does at start: discover the tasks
    assert (
        app.conf.beat_schedule["outbox-requeue-stale"]["task"] == "wsis_portal.mail.tasks.requeue_stale_mail"
    )
    assert "wsis_portal.mail.tasks.requeue_stale_mail" in app.tasks

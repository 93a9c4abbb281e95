"""Fixtures shared by every test: services checked (fail, never skip), a real Celery worker when a broker
is configured, the active language and the cache reset after each test."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests import factories
from tests.authorization.fixtures import clients, world  # noqa: F401 (the matrix's fixtures)

ROOT = Path(__file__).resolve().parent.parent


def _reachable(url, default_port):
    parts = urlparse(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port), timeout=3):
            return True
    except OSError:
        return False


def pytest_sessionstart(session):
    database_url, redis_url = os.environ.get("DATABASE_URL"), os.environ.get("REDIS_URL")
    if database_url and database_url.startswith("postgres") and not _reachable(database_url, 5432):
        pytest.exit(f"DATABASE_URL is set but PostgreSQL does not answer: {database_url}", returncode=1)
    if redis_url and not _reachable(redis_url, 6379):
        pytest.exit(f"REDIS_URL is set but Redis does not answer: {redis_url}", returncode=1)


@pytest.fixture(autouse=True)
def _outbox_backend(settings):
    """Django's test set-up swaps EMAIL_BACKEND for locmem; the portal's mail goes through its outbox."""
    settings.EMAIL_BACKEND = "wsis_portal.mail.backends.OutboxBackend"


@pytest.fixture(autouse=True)
def _reset_language_and_cache():
    cache.clear()
    yield
    translation.activate(settings.LANGUAGE_CODE)
    cache.clear()


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker, tmp_path_factory):
    """A real Celery worker on the test database when REDIS_URL is set; None when Celery runs eagerly.

    Yields the folder where the worker's mail backend writes delivered messages.
    """
    if settings.CELERY_TASK_ALWAYS_EAGER:
        yield None
        return
    from django.db import connection

    from wsis_portal.celery import app

    if connection.vendor != "postgresql":
        pytest.fail(
            "A real Celery worker needs a shared database: set DATABASE_URL to PostgreSQL with REDIS_URL."
        )
    mail_dir = tmp_path_factory.mktemp("worker-mail")
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            # django-environ drops one leading slash of the path.
            "EMAIL_URL": f"filemail:///{mail_dir}",
            "CELERY_TASK_DEFAULT_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
        }
    )
    hostname = f"test-worker-{os.getpid()}@localhost"
    log = open(tmp_path_factory.mktemp("worker-log") / "worker.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "wsis_portal",
            "worker",
            "--pool=solo",
            "-n",
            hostname,
            "-Q",
            settings.CELERY_TASK_DEFAULT_QUEUE,
            "--without-gossip",
            "--without-mingle",
            "-l",
            "INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while not app.control.ping(destination=[hostname], timeout=1):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"The Celery worker did not start; see {log.name}")
    yield mail_dir
    process.terminate()
    process.wait(timeout=30)
    log.close()


@pytest.fixture
def eager_celery():
    """Run tasks in-process for this test, even when the suite has a broker and a worker."""
    from wsis_portal.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def user(db):
    return factories.UserFactory()


@pytest.fixture
def secretariat(db):
    return factories.SecretariatFactory()


@pytest.fixture
def reference_data(transactional_db):
    """The reference data the migrations load (action lines, SDGs, GDC objectives, regions, Member
    States, consultation topics, prize categories), loaded again: a transactional test before this one
    emptied every table."""
    from importlib import import_module

    from django.apps import apps

    for module in (
        "wsis_portal.editions.migrations.0002_reference_data",
        "wsis_portal.stakeholders.migrations.0002_member_states",
        "wsis_portal.stakeholders.migrations.0004_regions",
    ):
        import_module(module).load(apps, None)
    import_module("consultations.migrations.0002_topics").add_topics(apps, None)
    import_module("prizes.migrations.0002_categories").load(apps, None)
    # Reloaded rows have new ids: forget what the processes remembered of the old ones.
    from stocktaking import reference

    for loader in (reference.action_lines, reference.sdgs, reference.gdc_objectives, reference.regions):
        loader.cache_clear()

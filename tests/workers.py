"""Real Celery workers for the tests that run on PostgreSQL and Redis: subprocesses on the test database
that the test starts itself, so that it may kill them, and must stop them."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import ROOT

needs_real_worker = pytest.mark.skipif(
    connection.vendor != "postgresql" or settings.CELERY_TASK_ALWAYS_EAGER,
    reason="needs PostgreSQL and a real worker on Redis",
)


def worker_env(**overrides):
    """The environment of a process of the portal (a worker, a web process) on the test database."""
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        }
    )
    env.update(overrides)
    return env


def worker_name(name):
    return f"{name}-{os.getpid()}@localhost"


def start_worker(name, queue, env, log=subprocess.DEVNULL, level="WARNING"):
    """A solo worker consuming only ``queue``; the caller stops it (``stop``) or kills it."""
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "wsis_portal", "worker", "--pool=solo", "-l", level,
         "-n", worker_name(name), "-Q", queue, "--without-gossip", "--without-mingle"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip


def stop(process, seconds=15):
    """Terminate a process the test started, and kill it if it does not end in time."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    return condition()

"""On PostgreSQL with a real Celery worker: Redis is stopped while the secretariat issues a letter. The
request succeeds, the letter is issued and its PDFs wait; once Redis is back, the requeue that beat runs
has the worker render each PDF exactly once. The test owns every process involved: its redis-server
(stopped, then started again on the same port), its worker, and the web process that issues the letter."""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from datetime import timedelta

import pytest
import redis
from celery import Celery
from django.conf import settings
from django.utils import timezone

from tests.conftest import ROOT
from tests.factories import SecretariatFactory
from tests.workers import needs_real_worker, start_worker, stop, wait_for, worker_env, worker_name
from wsis_portal.letters.models import LetterPDF
from wsis_portal.letters.services import PDF_LOST_AFTER
from wsis_portal.lifecycle.models import AuditEntry

from .factories import CircularLetterFactory

pytestmark = [pytest.mark.django_db(transaction=True), needs_real_worker]
QUEUE = f"wsis-letters-outage-{os.getpid()}"
REQUEUE = settings.CELERY_BEAT_SCHEDULE["letters-requeue-stale-pdfs"]["task"]
RENDER = "wsis_portal.letters.tasks.render_letter_pdf"
WORKER = "letters-outage"
# What the secretariat's issue action runs, in a process configured as the web one is; it prints the errors
# that Django logged for the callbacks run after the commit (the publishes of the rendering tasks).
ISSUE = """
import json, logging.handlers
from wsis_portal.letters import services
from wsis_portal.letters.models import CircularLetter
from wsis_portal.stakeholders.models import User
after_commit = logging.handlers.BufferingHandler(100)
logging.getLogger("django.db.backends.base").addHandler(after_commit)
services.issue(CircularLetter.objects.get(pk={letter}), User.objects.get(pk={user}))
print(json.dumps([record.getMessage() for record in after_commit.buffer]))
"""


class RedisServer:
    """A redis-server of the test's own, on a free port: stopped, and started again on the same port."""

    def __init__(self, folder):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            pytest.fail(
                "redis-server is not installed: this test starts its own (apt-get install redis-server)"
            )
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log = folder / "redis.log"
        self.process = None

    def answers(self):
        try:
            with redis.Redis(port=self.port, socket_timeout=1) as client:
                return client.ping()
        except redis.RedisError:
            return False

    def start(self):
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [
                    self.binary,
                    "--port",
                    str(self.port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        if not wait_for(lambda: self.process.poll() is not None or self.answers(), 10) or not self.answers():
            self.stop()
            pytest.fail(f"redis-server did not start on port {self.port}:\n{self.log.read_text()}")

    def stop(self):
        if self.process is not None:
            stop(self.process)


@pytest.fixture
def broker(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def portal_env(broker, tmp_path):
    """The portal's processes (web and worker) on the test's broker, queue and a folder of files."""
    return worker_env(REDIS_URL=broker.url, CELERY_TASK_DEFAULT_QUEUE=QUEUE, WSIS_TEST_FILES=str(tmp_path))


@pytest.fixture
def beat(broker):
    """Sends a task as beat does: by its name, through the broker."""
    app = Celery("beat", broker=broker.url, set_as_current=False)
    yield app
    app.close()


@pytest.fixture
def worker_log(tmp_path):
    return tmp_path / "worker.log"


@pytest.fixture
def worker(portal_env, beat, worker_log):
    with worker_log.open("w") as log:
        process = start_worker(WORKER, QUEUE, portal_env, log=log, level="INFO")
    try:
        ready = wait_for(
            lambda: (
                process.poll() is not None or beat.control.ping(destination=[worker_name(WORKER)], timeout=1)
            ),
            60,
        )
        if not ready or process.poll() is not None:
            pytest.fail(f"The Celery worker did not start:\n{worker_log.read_text()}")
        yield process
    finally:
        stop(process)


def issue_from_the_web(letter, user, env):
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", ISSUE.format(letter=letter.pk, user=user.pk)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,  # a publish hanging on the stopped broker fails the test
    )


def task_outcomes(log, name, task_id=r"[\w-]+"):
    """What the worker's tasks of this name returned, in order, as its log tells."""
    return re.findall(rf"{re.escape(name)}\[{task_id}\] succeeded in [\d.]+s: (\w+)", log.read_text())


def test_a_letter_issued_while_redis_is_stopped_is_kept_and_rendered_once_redis_is_back(
    broker, worker, beat, portal_env, worker_log, tmp_path
):
    letter, secretariat = CircularLetterFactory(), SecretariatFactory()
    broker.stop()

    web = issue_from_the_web(letter, secretariat, portal_env)
    assert web.returncode == 0, web.stderr  # the secretariat's request succeeded
    refused = json.loads(web.stdout.splitlines()[-1])
    assert len(refused) == 2, web.stderr  # one publish per language was tried, on this broker, and failed
    assert all(f"127.0.0.1:{broker.port}. Connection refused" in message for message in refused), refused
    letter.refresh_from_db()
    assert (letter.state, letter.issued_by) == ("issued", secretariat)
    assert AuditEntry.objects.filter(object_id=str(letter.pk), note="issued").count() == 1
    assert sorted(LetterPDF.objects.filter(letter=letter).values_list("language", "status", "file")) == [
        ("ar", "pending", ""),
        ("en", "pending", ""),
    ]
    assert worker.poll() is None  # it waits for Redis

    broker.start()
    # The worker's clock is real: age the rows past the delay after which a waiting PDF counts as lost.
    LetterPDF.objects.filter(letter=letter).update(
        created_at=timezone.now() - PDF_LOST_AFTER - timedelta(seconds=1)
    )
    # Two beats tick at once (or a tick is retried): each queues both PDFs again, the claims keep one.
    ticks = [beat.send_task(REQUEUE, queue=QUEUE) for _ in range(2)]
    assert wait_for(lambda: len(task_outcomes(worker_log, RENDER)) == 4, 60), worker_log.read_text()
    assert [task_outcomes(worker_log, REQUEUE, tick.id) for tick in ticks] == [["2"], ["2"]]
    assert sorted(task_outcomes(worker_log, RENDER)) == ["False", "False", "True", "True"]
    later = beat.send_task(REQUEUE, queue=QUEUE)  # the next tick finds nothing left to do
    assert wait_for(lambda: task_outcomes(worker_log, REQUEUE, later.id), 60), worker_log.read_text()
    assert task_outcomes(worker_log, REQUEUE, later.id) == ["0"]

    written = sorted(path.relative_to(tmp_path / "media") for path in (tmp_path / "media").rglob("*.pdf"))
    rows = LetterPDF.objects.filter(letter=letter).order_by("language")
    assert [str(path) for path in written] == [row.file.name for row in rows]  # each written once
    stem = letter.reference.replace("/", "-")
    assert [path.name for path in written] == [f"{stem}-ar.pdf", f"{stem}-en.pdf"]
    for path in written:
        assert (tmp_path / "media" / path).read_bytes()[:5] == b"%PDF-"
    assert [(row.status, row.error) for row in rows] == [("done", ""), ("done", "")]

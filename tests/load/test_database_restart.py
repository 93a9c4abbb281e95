"""PostgreSQL stopped and started again under load. The test runs a throw-away PostgreSQL instance of its
own (never the shared cluster), copies the test database's schema into it, and serves the portal from it
with gunicorn in production mode (persistent connections, as in production) while stakeholders save and
submit contributions. While the database is down every answer is the 503 "temporarily unavailable" page in
the page's language, never a traceback; once it is back every request succeeds again (stale connections
are replaced, not failed on); and no submission is half-written: each has its reference and its receipt,
or is still a draft."""

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.db import connection

from bench.gunicorn import free_port, gunicorn
from bench.surge import Browser, Tally, contribution_fields, one_submission, web_env
from tests.conftest import ROOT

from .stack import needs_postgresql_and_redis

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow, needs_postgresql_and_redis]
BIN = Path("/usr/lib/postgresql/15/bin")
STAKEHOLDERS = 6
# The Arabic of the sentence both error pages carry (templates/500.html, templates/503.html).
ARABIC_APOLOGY = "تعذّر على البوابة إتمام طلبك. لم يُحفظ أي جزء مما أرسلته بصورة منقوصة"
ENGLISH_APOLOGY = "Nothing you sent was half-saved: please try again in a moment."
# Run in a portal process on the throw-away database: the open consultation and signed-in stakeholders.
SET_UP = """
import json
from bench.surge import make_stakeholders, open_consultation
open_consultation()
print(json.dumps(make_stakeholders({count}, secret_key={secret!r})))
"""


class ThrowAwayPostgres:
    """A PostgreSQL 15 instance in a folder of its own, on a free loopback port, run as the postgres
    account when the test runs as root (PostgreSQL refuses root)."""

    def __init__(self):
        if not (BIN / "initdb").exists():
            pytest.fail(f"PostgreSQL 15 binaries are missing in {BIN} (apt-get install postgresql-15)")
        self.folder = Path(tempfile.mkdtemp(prefix="wsis-throwaway-pg-"))
        self.data, self.log = self.folder / "data", self.folder / "postgres.log"
        self.port = free_port()
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_owner:
            shutil.chown(self.folder, "postgres", "postgres")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/wsis"

    def run(self, *command):
        subprocess.run([*self.as_owner, *command], check=True, capture_output=True, timeout=60)

    def create(self):
        self.run(BIN / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
        self.start()
        self.run(BIN / "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "wsis")

    def start(self):
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=40"
        )
        self.run(BIN / "pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "-t", "30", "start")

    def stop(self):
        self.run(BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "-t", "30", "stop")

    def remove(self):
        if (self.data / "postmaster.pid").exists():
            subprocess.run(
                [*self.as_owner, BIN / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop"],
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def postgres():
    server = ThrowAwayPostgres()
    try:
        server.create()
        yield server
    finally:
        server.remove()


def copy_schema(target):
    """The test database's tables (as migrated for this run) into ``target``: a second ``migrate`` would
    take half a minute."""
    db = connection.settings_dict
    dump = subprocess.run(
        [BIN / "pg_dump", "-h", db["HOST"], "-p", str(db["PORT"]), "-U", db["USER"], "--schema-only",
         "--no-owner", "--no-privileges", db["NAME"]],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    subprocess.run(
        [BIN / "psql", "-h", "127.0.0.1", "-p", str(target.port), "-U", "postgres", "-d", "wsis", "-q",
         "-v", "ON_ERROR_STOP=1"],
        input=dump.stdout, check=True, capture_output=True, timeout=60,
    )  # fmt: skip


def set_up(database_url):
    env = {name: value for name, value in os.environ.items() if name not in ("REDIS_URL", "PORTAL_ENV")}
    env.update(DJANGO_SETTINGS_MODULE="wsis_portal.settings", DATABASE_URL=database_url)
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         SET_UP.format(count=STAKEHOLDERS, secret=settings.SECRET_KEY)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    return json.loads(done.stdout.splitlines()[-1])


def stakeholders_submitting(port, stakeholders, go, stop, tally):
    """Each stakeholder saves and submits contributions one after another until ``stop`` is set, a tenth
    of a second between clicks (so that requests are in flight when the database stops), waiting before a
    click while ``go`` is not set."""

    def stakeholder(index, session, language):
        rng = random.Random(index)  # noqa: S311 (pauses, not secrets)

        def pause():
            time.sleep(rng.uniform(0.05, 0.15))
            go.wait()
            return not stop.is_set()

        browser, fields = Browser(port, session, timeout=20), contribution_fields(language, index)
        while not stop.is_set():
            one_submission(browser, language, tally, pause, fields)

    threads = [
        threading.Thread(target=stakeholder, args=(index, session, language))
        for index, (session, language) in enumerate(stakeholders)
    ]
    for thread in threads:
        thread.start()
    return threads


def test_requests_fail_cleanly_while_postgresql_restarts_and_succeed_after_nothing_half_written(
    postgres, tmp_path
):
    copy_schema(postgres)
    stakeholders = set_up(postgres.url)
    env = web_env(
        postgres.url,
        tmp_path,
        threads=4,
        secret_key=settings.SECRET_KEY,
        settings_module="tests.load.web_settings",
    )
    tally, go, stop = Tally(), threading.Event(), threading.Event()
    go.set()
    with gunicorn(env, workers=2) as port:
        threads = stakeholders_submitting(port, stakeholders, go, stop, tally)
        try:
            time.sleep(3)
            postgres.stop()  # under load: requests in flight
            stopped = time.monotonic()
            time.sleep(3)
            restarting = time.monotonic()
            postgres.start()
            restarted = time.monotonic()
            time.sleep(4)
            # Restarted again while the portal is idle: its persistent connections are all stale.
            go.clear()
            time.sleep(1)
            quiet = time.monotonic()
            postgres.stop()
            postgres.start()
            resumed = time.monotonic()
            go.set()
            time.sleep(3)
        finally:
            stop.set()  # each client stops at its next click
            go.set()
            for thread in threads:
                thread.join(timeout=30)

    unexpected = [(action, status) for _sent, action, status, expected in tally.answers if status != expected]
    assert {status for _action, status in unexpected} <= {503}, unexpected  # never a 500 nor a lost answer
    down = [status for sent, _action, status, _expected in tally.answers if stopped <= sent < restarting]
    assert len(down) >= STAKEHOLDERS and set(down) == {503}
    for since, until in ((restarted + 0.2, quiet), (resumed, float("inf"))):
        after = [
            (action, status, expected)
            for sent, action, status, expected in tally.answers
            if since <= sent < until
        ]
        assert after and all(status == expected for _action, status, expected in after), after
    for _action, status, path, body in tally.failures:
        language = path.split("/")[1]
        assert status == 503
        assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in body
        assert (ARABIC_APOLOGY if language == "ar" else ENGLISH_APOLOGY) in body
        assert "Traceback" not in body and "psycopg2" not in body

    with psycopg2.connect(postgres.url) as database, database.cursor() as cursor:
        cursor.execute(
            "SELECT id, reference, state FROM consultations_contribution "
            "WHERE reference IS NOT NULL OR state <> 'draft'"
        )
        referenced = {pk: (reference, state) for pk, reference, state in cursor.fetchall()}
        cursor.execute(
            "SELECT u.email, count(c.id), (SELECT count(*) FROM mail_outboundmail m "
            "WHERE m.to @> to_jsonb(ARRAY[u.email])) "
            "FROM stakeholders_user u LEFT JOIN consultations_contribution c "
            "ON c.owner_id = u.id AND c.state = 'submitted' GROUP BY u.id"
        )
        receipts = cursor.fetchall()
    assert tally.acknowledged and all(
        referenced.get(pk) == (reference, "submitted") for pk, reference in tally.acknowledged.items()
    )
    assert all(state == "submitted" and reference for reference, state in referenced.values())
    assert [(email, submitted) for email, submitted, mails in receipts if submitted != mails] == []

"""Deadline surge of the open consultation, on PostgreSQL, Redis and a real Celery worker. Run on demand:

    .venv/bin/python bench/surge.py [--users 300] [--seconds 60] [--think 1-3] [--workers 4] [--threads 8]
                                    [--database wsis_bench_surge]

It (re)fills a database of its own on 127.0.0.1 (named wsis_bench…, created and migrated when missing)
with a consultation open for contributions and ``--users`` stakeholders, each signed in (a session
written on the server, its cookie given to the client; the login form is not measured). It starts a
redis-server of its own on a free loopback port, a Celery worker on it that delivers the receipts to files,
and gunicorn in production mode (``--workers`` processes of ``--threads`` threads each) on 127.0.0.1.

Then ``--users`` client threads, one browser each, loop for ``--seconds``: GET the new-contribution form
(its CSRF token), POST "save draft" and follow its redirect to the draft (GET), POST "submit" and follow
its redirect to the acknowledgement (GET: the message with the reference). A think time drawn uniformly
from ``--think`` seconds comes before each click (a redirect is followed at once): without it, 300 clients
on 2 cores would be a denial of service, not 300 people racing a deadline. No action starts after
``--seconds``; the bench stops by itself.

It prints the requests, the 5xx and the other errors, p50/p95/max latency per action (goal: p95 <= 500
ms), the submissions acknowledged against those found submitted in the database with that reference (must
be equal), and the receipts queued against those delivered exactly once by the worker. It also prints the
rate the clients would ask for if every answer were instant (five requests per three think times) against
the rate the portal answered: when the second falls short of the first, the machine is saturated and
latency is queueing.

``--users 100,200,300`` runs one surge per count, one after the other against the same portal, and ends
with a table of them: how many users the machine serves within the goal.
"""

import argparse
import http.client
import os
import random
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on the path, and a bench module could hide an app.
sys.path[:] = [str(ROOT)] + [path for path in sys.path if Path(path or ".").resolve() != ROOT / "bench"]

from bench.gunicorn import free_port, gunicorn, production_env  # noqa: E402

SECRET_KEY = "loopback-only-production-secret-" + "s" * 40
DOMAIN = "surge-bench.example.org"
ACTIONS = ("form", "save", "edit", "submit", "receipt")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOPIC_CHOICE = re.compile(r'name="topics" value="(\d+)"')
DRAFT_LOCATION = re.compile(r"/(ar|en)/consultations/contributions/(\d+)/edit/$")
SUCCESS_MESSAGE = re.compile(r'class="message message-success">([^<]*)')
REFERENCE = re.compile(r"WSIS-OCP-\d{4}-\d{5}")
QUEUE_PREFIX = "wsis-surge"
WARM_UP_SECONDS = 10
MAX_FAILURES_KEPT = 200


def wait_until(condition, seconds, step=0.05):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(step)
    return True


class RedisServer:
    """A redis-server of the caller's own on a free loopback port, nothing saved to disk: stopped, and
    started again on the same port."""

    def __init__(self, folder):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log = Path(folder) / "redis.log"
        self.process = None

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self):
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
                 "--save", "", "--appendonly", "no"],
                stdout=log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        wait_until(lambda: self.process.poll() is not None or self.answers(), 10)
        if not self.answers():
            self.stop()
            raise RuntimeError(f"redis-server did not start on port {self.port}:\n{self.log.read_text()}")

    def stop(self):
        if self.process is not None:
            stop_process(self.process)


def stop_process(process, seconds=30):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def celery_worker(env, queue, log_path):
    """A Celery worker (one process, solo pool, as the tests run it) consuming ``queue``; yields once it
    answers."""
    from celery import Celery

    name = f"{queue}@localhost"
    with open(log_path, "a") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "wsis_portal", "worker", "--pool=solo", "-l", "INFO",
             "-n", name, "-Q", queue, "--without-gossip", "--without-mingle"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    control = Celery("surge-control", broker=env["REDIS_URL"], set_as_current=False)
    try:
        started = wait_until(
            lambda: process.poll() is not None or control.control.ping(destination=[name], timeout=1), 60
        )
        if not started or process.poll() is not None:
            raise RuntimeError(f"the Celery worker did not start; see {log_path}")
        yield process
    finally:
        control.close()
        stop_process(process)


# --- the data -------------------------------------------------------------------------------------------


def open_consultation():
    """A consultation of the current edition (its Forum ahead), open for contributions since yesterday
    and until tomorrow, Geneva time being one instant; with the topic every contribution is tagged with."""
    from consultations.models import CONTRIBUTIONS_PHASE, Consultation, Topic
    from wsis_portal.editions.models import Edition, Phase, Process
    from wsis_portal.editions.schedule import now

    today = now().date()
    edition, _created = Edition.objects.update_or_create(
        year=today.year + 1,
        defaults={
            "starts_on": today + timedelta(days=30),
            "ends_on": today + timedelta(days=34),
            "venue": "Geneva",
        },
    )
    Edition.objects.exclude(pk=edition.pk).filter(ends_on__gte=today).update(
        starts_on=date(today.year - 1, 1, 1), ends_on=date(today.year - 1, 1, 5)
    )
    Phase.objects.update_or_create(
        edition=edition,
        process=Process.CONSULTATION,
        key=CONTRIBUTIONS_PHASE,
        defaults={
            "name_en": "Official contributions",
            "name_ar": "المساهمات الرسمية",
            "opens_at": now() - timedelta(days=1),
            "closes_at": now() + timedelta(days=1),
        },
    )
    consultation, _created = Consultation.objects.get_or_create(edition=edition)
    Topic.objects.get_or_create(code="ai", defaults={"name_en": "Artificial intelligence"})
    return consultation


def make_stakeholders(count, secret_key=SECRET_KEY):
    """``count`` stakeholders of the bench's domain (every second one reading Arabic), with a verified
    address and a session each, signed with ``secret_key``; the earlier ones, their contributions and
    their mail are removed first. Returns ``[(session key, language)]``."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.test.utils import override_settings
    from django.utils import timezone

    from consultations.models import Contribution
    from wsis_portal.mail.models import OutboundMail
    from wsis_portal.stakeholders.models import User

    Contribution.objects.filter(owner__email__endswith=f"@{DOMAIN}").delete()
    OutboundMail.objects.filter(to__icontains=f"@{DOMAIN}").delete()
    User.objects.filter(email__endswith=f"@{DOMAIN}").delete()
    unusable = make_password(None)
    users = User.objects.bulk_create(
        [
            User(
                email=f"stakeholder{n}@{DOMAIN}",
                full_name=f"Stakeholder {n}",
                password=unusable,
                preferred_language="ar" if n % 2 else "en",
                stakeholder_type="civil_society",
                country="KE",
            )
            for n in range(count)
        ]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users]
    )
    expiry, sessions, keys = timezone.now() + timedelta(days=1), [], []
    with override_settings(SECRET_KEY=secret_key):
        store = SessionStore()
        for user in users:
            key = secrets.token_hex(16)
            data = {
                SESSION_KEY: str(user.pk),
                BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                HASH_SESSION_KEY: user.get_session_auth_hash(),
            }
            sessions.append(Session(session_key=key, session_data=store.encode(data), expire_date=expiry))
            keys.append((key, user.preferred_language))
    Session.objects.bulk_create(sessions)
    return keys


# --- the clients ----------------------------------------------------------------------------------------


class Browser:
    """One stakeholder's browser on loopback: keeps its cookies, a new connection per request (gunicorn
    closes it after each answer anyway)."""

    def __init__(self, port, session, timeout=30):
        self.port, self.timeout = port, timeout
        self.cookies = {"sessionid": session}

    def request(self, method, path, fields=None):
        """``(status, location, body text, milliseconds)``; an OSError (refused, timed out) propagates."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        body = None
        if fields is not None:
            body = urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        elapsed = (time.perf_counter() - started) * 1000
        for header in response.headers.get_all("Set-Cookie") or ():
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value in ("", '""') or "max-age=0" in header.lower():
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response.status, response.getheader("Location") or "", text, elapsed


@dataclass
class Tally:
    """What the clients saw, shared by their threads."""

    latencies: dict = field(default_factory=lambda: defaultdict(list))
    requests: int = 0
    server_errors: int = 0  # answers 5xx
    other_errors: int = 0  # unexpected answers below 500, refused or timed-out connections
    errors: Counter = field(default_factory=Counter)  # "action status-or-exception" -> count
    acknowledged: dict = field(default_factory=dict)  # contribution id -> reference
    answers: list = field(default_factory=list)  # (monotonic time sent, action, status, expected status)
    failures: list = field(default_factory=list)  # (action, status, path, body) of the first 5xx answers
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, action, status, milliseconds, expected, path="", body=""):
        with self.lock:
            self.requests += 1
            self.latencies[action].append(milliseconds)
            self.answers.append((time.monotonic() - milliseconds / 1000, action, status, expected))
            if status >= 500 and len(self.failures) < MAX_FAILURES_KEPT:
                self.failures.append((action, status, path, body))
            if status != expected:
                self.errors[f"{action} {status}"] += 1
                if status >= 500:
                    self.server_errors += 1
                else:
                    self.other_errors += 1

    def failed(self, action, error):
        with self.lock:
            self.requests += 1
            self.other_errors += 1
            self.answers.append((time.monotonic(), action, type(error).__name__, None))
            self.errors[f"{action} {type(error).__name__}"] += 1


def contribution_fields(language, number):
    """What a stakeholder types into the form; the topic is ticked on the page itself."""
    return {
        "kind": "priorities",
        "title": f"مساهمة رقم {number}" if language == "ar" else f"Contribution {number}",
        "text": "Give more room to community networks and meaningful connectivity.",
        "language": language,
        "save": "",
    }


def one_submission(browser, language, tally, pause, fields):
    """One draft saved and submitted as a browser does it: ``pause()`` (thinking) before each click, each
    redirect followed at once. Returns False at the first step that failed or when ``pause()`` says the
    time is up."""
    base = f"/{language}/consultations/contributions"

    def act(action, method, path, expected, data=None, think=True):
        if think and not pause():
            return None
        try:
            status, location, text, elapsed = browser.request(method, path, data)
        except OSError as error:
            tally.failed(action, error)
            return None
        tally.note(action, status, elapsed, expected, path, text)
        return (location, text) if status == expected else None

    page = act("form", "GET", f"{base}/new/", 200)
    token = page and CSRF_FIELD.search(page[1])
    topic = page and TOPIC_CHOICE.search(page[1])
    if not token or not topic:
        return False
    filled = {**fields, "csrfmiddlewaretoken": token.group(1), "topics": [topic.group(1)]}
    saved = act("save", "POST", f"{base}/new/", 302, filled)
    draft = saved and DRAFT_LOCATION.search(saved[0])
    if not draft or not act("edit", "GET", draft.group(0), 200, think=False):
        return False
    pk = int(draft.group(2))
    sent = act("submit", "POST", f"{base}/{pk}/submit/", 302, {"csrfmiddlewaretoken": token.group(1)})
    if not sent or not sent[0].endswith(f"{base}/{pk}/"):
        return False
    receipt = act("receipt", "GET", f"{base}/{pk}/", 200, think=False)
    references = receipt and [
        reference
        for message in SUCCESS_MESSAGE.findall(receipt[1])
        for reference in REFERENCE.findall(message)
    ]
    if not references:
        return False
    with tally.lock:
        tally.acknowledged[pk] = references[0]
    return True


def stakeholder(port, session, language, fields, until, think, tally, rng):
    """A stakeholder saving and submitting contributions until ``until`` (monotonic), one after another."""
    browser = Browser(port, session)

    def pause():
        time.sleep(min(rng.uniform(*think), max(0.0, until - time.monotonic())))
        return time.monotonic() < until

    while time.monotonic() < until:
        one_submission(browser, language, tally, pause, fields)


def surge(port, stakeholders, seconds, think, seed=2027):
    """Run one client thread per ``(session, language)`` for ``seconds``; returns the ``Tally``."""
    tally, threads = Tally(), []
    until = time.monotonic() + seconds
    for index, (session, language) in enumerate(stakeholders):
        fields = contribution_fields(language, index)
        rng = random.Random(seed + index)  # noqa: S311 (think times, not secrets)
        threads.append(
            threading.Thread(
                target=stakeholder, args=(port, session, language, fields, until, think, tally, rng)
            )
        )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally


# --- the checks -----------------------------------------------------------------------------------------


def delivered_messages(mail_dir):
    """Recipients of every message the worker's file backend wrote, one entry per message delivered."""
    recipients = Counter()
    for path in Path(mail_dir).glob("*.log"):
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("To: "):
                recipients[line[4:].strip()] += 1
    return recipients


@dataclass
class Outcome:
    acknowledged: int
    found: int
    submitted_in_database: int
    half_written: int
    mails_queued: int
    mails_sent: int
    mails_delivered: int
    mails_delivered_twice: int
    mails_retried: int


def check(tally, mail_dir, drain_seconds=120, also_acknowledged=None):
    """Compare what the clients were told (``tally``'s acknowledgements and ``also_acknowledged``) with
    the database, then wait for the worker to deliver every receipt (up to ``drain_seconds``) and count
    what it wrote."""
    from django.db.models import Count, Q

    from consultations.models import Contribution
    from wsis_portal.lifecycle.models import SubmissionState
    from wsis_portal.mail.models import OutboundMail

    acknowledged = {**(also_acknowledged or {}), **tally.acknowledged}
    mine = Contribution.objects.filter(owner__email__endswith=f"@{DOMAIN}")
    found = mine.filter(
        state=SubmissionState.SUBMITTED, pk__in=list(acknowledged), reference__isnull=False
    ).values_list("pk", "reference")
    found = sum(1 for pk, reference in found if acknowledged[pk] == reference)
    submitted = mine.filter(state=SubmissionState.SUBMITTED)
    mails = OutboundMail.objects.filter(to__icontains=f"@{DOMAIN}")
    wait_until(lambda: not mails.exclude(status=OutboundMail.Status.SENT).exists(), drain_seconds, step=0.5)
    receipts = Counter(owner for owner in submitted.values_list("owner__email", flat=True))
    half = submitted.filter(Q(reference__isnull=True) | Q(reference="")).count() + sum(
        1 for email, count in receipts.items() if mails.filter(to__contains=[email]).count() != count
    )
    delivered = delivered_messages(mail_dir)
    counts = mails.aggregate(
        queued=Count("pk"),
        sent=Count("pk", filter=Q(status=OutboundMail.Status.SENT)),
        retried=Count("pk", filter=Q(attempts__gt=1)),
    )
    return Outcome(
        acknowledged=len(acknowledged),
        found=found,
        submitted_in_database=submitted.count(),
        half_written=half,
        mails_queued=counts["queued"],
        mails_sent=counts["sent"],
        mails_delivered=sum(delivered.values()),
        mails_delivered_twice=sum(1 for email, count in delivered.items() if count > receipts.get(email, 0)),
        mails_retried=counts["retried"],
    )


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


@dataclass
class Stack:
    port: int
    mail_dir: Path
    redis: RedisServer
    queue: str
    worker_log: Path


def web_env(
    database_url, workdir, *, threads=8, secret_key=SECRET_KEY, settings_module="bench.settings", **more
):
    """The environment of gunicorn in production mode over plain HTTP (no redirect to HTTPS) on
    ``database_url``, its files and delivered mail in ``workdir``: ``--threads`` threads per process."""
    mail_dir = Path(workdir) / "mail"
    mail_dir.mkdir(parents=True, exist_ok=True)
    return production_env(
        workdir,
        DJANGO_SETTINGS_MODULE=settings_module,
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        SECRET_KEY=secret_key,
        # django-environ drops one leading slash of the path.
        EMAIL_URL=f"filemail:///{mail_dir}",
        LOG_LEVEL="WARNING",
        GUNICORN_CMD_ARGS=f"--worker-class gthread --threads {threads} --timeout 60 --backlog 2048",
        **more,
    )


@contextmanager
def portal(database_url, workdir, *, workers=4, redis=None, collect_static=True, **options):
    """gunicorn (``web_env`` with ``options``, ``workers`` processes) on loopback and a Celery worker,
    both on ``database_url`` and on a redis-server of their own (or ``redis``, already started); yields a
    ``Stack``. ``collect_static=False`` for settings whose static storage needs no manifest."""
    workdir = Path(workdir)
    with ExitStack() as stack:
        if redis is None:
            redis = RedisServer(workdir)
            redis.start()
            stack.callback(redis.stop)
        queue = f"{QUEUE_PREFIX}-{os.getpid()}-{redis.port}"
        env = web_env(database_url, workdir, REDIS_URL=redis.url, CELERY_TASK_DEFAULT_QUEUE=queue, **options)
        worker_log = workdir / "worker.log"
        stack.enter_context(celery_worker(env, queue, worker_log))
        if collect_static:
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                cwd=ROOT,
                env=env,
                check=True,
            )
        port = stack.enter_context(gunicorn(env, workers=workers))
        yield Stack(port=port, mail_dir=workdir / "mail", redis=redis, queue=queue, worker_log=worker_log)


def asked_rate(users, think):
    """Requests per second ``users`` clients send when every answer is instant: a round of five requests
    (two of them redirects followed at once) takes three think times."""
    return users * len(ACTIONS) / (3 * sum(think) / 2)


def report_lines(tally, outcome, users, think, elapsed):
    lines = [
        f"  requests {tally.requests}, 5xx {tally.server_errors}, other errors {tally.other_errors}"
        + (f" {dict(tally.errors)}" if tally.errors else ""),
        f"  asked for up to {asked_rate(users, think):.0f} requests/s (instant answers); answered "
        f"{tally.requests / elapsed:.1f} requests/s",
    ]
    for action in ACTIONS:
        values = tally.latencies.get(action, [])
        p95 = percentile(values, 0.95)
        lines.append(
            f"  {action:<8} {len(values):6d} requests  p50 {percentile(values, 0.5):7.1f} ms  "
            f"p95 {p95:7.1f} ms  max {max(values, default=0):7.1f} ms"
        )
    every = [value for values in tally.latencies.values() for value in values]
    p95 = percentile(every, 0.95)
    lines.append(
        f"  all      {len(every):6d} requests  p50 {percentile(every, 0.5):7.1f} ms  p95 {p95:7.1f} ms  "
        f"max {max(every, default=0):7.1f} ms  (goal p95 <= 500 ms: {'met' if p95 <= 500 else 'NOT MET'})"
    )
    lines.append(
        f"  submissions acknowledged {outcome.acknowledged}, found in the database {outcome.found} "
        f"({'none lost' if outcome.found == outcome.acknowledged else 'LOST'}); submitted in the database "
        f"{outcome.submitted_in_database}, half-written {outcome.half_written}"
    )
    lines.append(
        f"  receipts queued {outcome.mails_queued}, sent {outcome.mails_sent}, delivered by the worker "
        f"{outcome.mails_delivered} (recipients given more than they submitted: "
        f"{outcome.mails_delivered_twice}; deliveries retried: {outcome.mails_retried})"
    )
    return lines


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default="wsis_bench_surge")
    parser.add_argument("--users", default="300", help="users, or a comma-separated series of counts")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", default="1-3", help="think time before each action, seconds: MIN-MAX")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    think = tuple(float(value) for value in args.think.split("-"))
    series = [int(count) for count in args.users.split(",")]

    from bench import stocktaking as stocktaking_bench

    os.environ["SECRET_KEY"] = SECRET_KEY
    stocktaking_bench.setup_django(args.database)
    open_consultation()
    warm = 2 * args.workers
    stakeholders = make_stakeholders(max(series) + warm)

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    print(
        f"WSIS consultation deadline surge — {version}, {os.cpu_count()} CPUs, database {args.database}, "
        f"gunicorn {args.workers} gthread workers × {args.threads} threads, one Celery worker (solo)",
        flush=True,
    )
    rows = []
    with (
        tempfile.TemporaryDirectory(prefix="wsis-bench-surge-") as workdir,
        portal(os.environ["DATABASE_URL"], workdir, workers=args.workers, threads=args.threads) as stack,
    ):
        # Each gunicorn process imports views and compiles templates on its first requests: not measured.
        warm_up = surge(stack.port, stakeholders[-warm:], WARM_UP_SECONDS, (0, 0.2))
        print(
            f"  warm-up: {warm} stakeholders for {WARM_UP_SECONDS} s, {warm_up.requests} requests, "
            f"{len(warm_up.acknowledged)} submissions (not in the latencies)",
            flush=True,
        )
        also_acknowledged = warm_up.acknowledged
        for users in series:
            load_before = os.getloadavg()
            started, client_cpu = time.monotonic(), time.process_time()
            tally = surge(stack.port, stakeholders[:users], args.seconds, think)
            elapsed, client_cpu = time.monotonic() - started, time.process_time() - client_cpu
            load_after = os.getloadavg()
            outcome = check(tally, stack.mail_dir, also_acknowledged=also_acknowledged)
            also_acknowledged = {**also_acknowledged, **tally.acknowledged}
            print(
                f"  {users} stakeholders for {args.seconds:g} s (ran {elapsed:.1f} s), think time "
                f"{think[0]:g}–{think[1]:g} s before each action; load average {load_before[0]:.2f} before, "
                f"{load_after[0]:.2f} after (1 min); the clients used {client_cpu / elapsed:.2f} of "
                f"{os.cpu_count()} CPUs"
            )
            for line in report_lines(tally, outcome, users, think, elapsed):
                print(line)
            every = [value for values in tally.latencies.values() for value in values]
            rows.append((users, asked_rate(users, think), tally.requests / elapsed, every, tally, outcome))
    if len(rows) > 1:
        print("  users  asked/s  answered/s  p50 ms  p95 ms  5xx  lost  goal p95 <= 500 ms")
        for users, asked, answered, every, tally, outcome in rows:
            p95 = percentile(every, 0.95)
            print(
                f"  {users:5d}  {asked:7.0f}  {answered:10.1f}  {percentile(every, 0.5):6.0f}  {p95:6.0f}  "
                f"{tally.server_errors:3d}  {outcome.acknowledged - outcome.found:4d}  "
                f"{'met' if p95 <= 500 else 'NOT MET'}"
            )


if __name__ == "__main__":
    main()

"""Benchmark of the WSIS Prizes' public vote on PostgreSQL. Run on demand, never as tests:

    .venv/bin/python bench/prizes_votes.py [--database wsis_bench_votes] [--voters 20] [--seconds 20]
                                           [--workers 2] [--votes 1000000] [--regenerate]

It (re)fills a database of its own on 127.0.0.1 (named wsis_bench…, created and migrated when missing)
with two cycles of 18 categories × 10 nominees, then prints:

  a. votes per second sustained by the portal under gunicorn (production settings, ``--workers``
     processes) while ``--voters`` signed-in voters vote at once for ``--seconds``: each voter is a client
     sending one POST after another to a category page, each time as another verified account of its own
     (three votes per account, then the next one), exactly as a browser would (session cookie, CSRF
     token); every answer must be the redirect of a recorded vote;
  b. the same with ``--voters`` threads calling ``prizes.voting.cast_vote`` directly (no HTTP);
  c. for a closed cycle holding ``--votes`` votes (written with INSERT … SELECT generate_series: 2 % from
     a disposable domain, 1 % from one network in a burst of new accounts, 1 % from another network of
     older accounts, beyond its quota in each category, the rest spread over 50,000 networks), the time
     of ``compute_champions`` (the policy applied in SQL, then the ranking): first with every verdict to
     write, then again with the verdicts standing; and of the tally of the counts.
"""

import argparse
import http.client
import os
import secrets
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on the path, and a bench module could hide an app.
sys.path[:] = [str(ROOT)] + [path for path in sys.path if Path(path or ".").resolve() != ROOT / "bench"]

from bench import stocktaking as stocktaking_bench  # noqa: E402
from bench.gunicorn import gunicorn, manage, production_env  # noqa: E402
from bench.stocktaking import percentile  # noqa: E402

# The bench process and gunicorn sign sessions with the same key, so the sessions written here are valid.
SECRET_KEY = "loopback-only-production-secret-" + "s" * 40
NOMINEES_PER_CATEGORY = 10
VOTES_PER_ACCOUNT = 3
ACCOUNTS_PER_VOTER = 500
BENCH_DOMAIN = "votes-bench.example.org"


def setup_django(database):
    os.environ["SECRET_KEY"] = SECRET_KEY
    stocktaking_bench.setup_django(database)


def make_cycle(year, voting_opens, voting_closes):
    """A cycle of ``year`` with 10 nominees per category, nominees published and the given voting phase.
    Everything the benchmark made before in that cycle is replaced."""
    from prizes.models import PrizeCategory, PrizeCycle, Submission, Vote
    from wsis_portal.editions.models import Edition, Phase, Process

    edition, _created = Edition.objects.get_or_create(
        year=year, defaults={"starts_on": date(year, 7, 6), "ends_on": date(year, 7, 10), "venue": "Geneva"}
    )
    Phase.objects.update_or_create(
        edition=edition,
        process=Process.PRIZES,
        key="voting",
        defaults={"name_en": "Public online voting", "opens_at": voting_opens, "closes_at": voting_closes},
    )
    cycle, _created = PrizeCycle.objects.update_or_create(
        edition=edition,
        defaults={
            "nominees_published_at": voting_opens,
            "champions_published_at": None,
            "content_languages": ["en"],
        },
    )
    Vote.objects.filter(cycle=cycle).delete()
    Submission.objects.filter(cycle=cycle).delete()
    Submission.objects.bulk_create(
        Submission(
            cycle=cycle,
            category=category,
            kind="submission",
            state="nominee",
            title=f"{category.action_line.code} nominee {number}",
            language="en",
            short_description="A project that puts ICTs to work for development in remote villages.",
            reference=f"WSIS-PR-{year}-{category.position:02d}{number:03d}",
        )
        for category in PrizeCategory.objects.select_related("action_line")
        for number in range(1, NOMINEES_PER_CATEGORY + 1)
    )
    return cycle


def make_accounts(count):
    """``count`` voters with a verified address and a session each; returns their session keys."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from wsis_portal.stakeholders.models import User

    User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").delete()
    unusable = make_password(None)
    joined = timezone.now() - timedelta(days=400)
    users = User.objects.bulk_create(
        [
            User(
                email=f"voter{n}@{BENCH_DOMAIN}", password=unusable, date_joined=joined + timedelta(minutes=n)
            )
            for n in range(count)
        ],
        batch_size=5_000,
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users],
        batch_size=5_000,
    )
    store, expiry, keys, sessions = SessionStore(), timezone.now() + timedelta(days=1), [], []
    backend = "django.contrib.auth.backends.ModelBackend"
    for user in users:
        key = secrets.token_hex(16)
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: backend,
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        sessions.append(Session(session_key=key, session_data=store.encode(data), expire_date=expiry))
        keys.append(key)
    Session.objects.bulk_create(sessions, batch_size=5_000)
    return keys


def http_voter(port, sessions, targets, seconds, results, offset=0):
    """One voter's browser: a POST after another for ``seconds``, each account voting in
    ``VOTES_PER_ACCOUNT`` categories before the next takes over; appends (votes, errors, latencies)."""
    csrf = secrets.token_hex(16)
    latencies, errors = [], 0
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    deadline = time.perf_counter() + seconds
    count = 0
    while time.perf_counter() < deadline:
        session = sessions[(count // VOTES_PER_ACCOUNT) % len(sessions)]
        code, nominee = targets[(count * 7 + offset) % len(targets)]
        body = f"csrfmiddlewaretoken={csrf}&submission={nominee}"
        headers = {
            "Cookie": f"sessionid={session}; csrftoken={csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Host": "127.0.0.1",
        }
        start = time.perf_counter()
        try:
            connection.request("POST", f"/en/prizes/vote/{code}/", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 302 or "/accounts/login/" in (response.getheader("Location") or ""):
                errors += 1
        except OSError:
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies.append((time.perf_counter() - start) * 1000)
        count += 1
    connection.close()
    results.append((count, errors, latencies))


def measure_http(args, cycle):
    from prizes.models import Submission, Vote

    targets = list(
        Submission.objects.filter(cycle=cycle).values_list("category__action_line__code", "pk").order_by("pk")
    )
    keys = make_accounts(args.voters * ACCOUNTS_PER_VOTER)
    env = production_env(
        tempfile.mkdtemp(prefix="wsis-bench-votes-"),
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=os.environ["DATABASE_URL"],
        SECRET_KEY=SECRET_KEY,
        CONN_MAX_AGE="600",
    )
    manage(env, ["collectstatic", "--noinput"])
    with gunicorn(env, workers=args.workers) as port:
        warm = []
        http_voter(port, keys[-args.voters :], targets, 1, warm)  # imports, templates, connections
        Vote.objects.filter(cycle=cycle).delete()
        results, threads = [], []
        for index in range(args.voters):
            own = keys[index * ACCOUNTS_PER_VOTER : (index + 1) * ACCOUNTS_PER_VOTER]
            threads.append(
                threading.Thread(
                    target=http_voter, args=(port, own, targets, args.seconds, results, index * 11)
                )
            )
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    votes = sum(r[0] for r in results)
    errors = sum(r[1] for r in results)
    latencies = [latency for r in results for latency in r[2]]
    return {
        "votes": votes,
        "errors": errors,
        "rate": votes / args.seconds,
        "p50": statistics.median(latencies),
        "p95": percentile(latencies, 0.95),
        "rows": Vote.objects.filter(cycle=cycle).count(),
    }


def measure_service(args, cycle):
    """``--voters`` threads calling ``cast_vote`` for ``--seconds``, each with accounts of its own."""
    from django.db import connection

    from prizes import voting
    from prizes.models import Submission, Vote
    from wsis_portal.stakeholders.models import User

    Vote.objects.filter(cycle=cycle).delete()
    nominees = list(
        Submission.objects.filter(cycle=cycle)
        .select_related("cycle__edition")
        .prefetch_related("cycle__edition__phases")
        .order_by("pk")
    )
    accounts = list(User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").order_by("pk"))
    counts = []

    def work(index):
        own = accounts[index * ACCOUNTS_PER_VOTER : (index + 1) * ACCOUNTS_PER_VOTER]
        count, deadline = 0, time.perf_counter() + args.seconds
        try:
            while time.perf_counter() < deadline:
                voter = own[(count // VOTES_PER_ACCOUNT) % len(own)]
                voting.cast_vote(voter, nominees[(count * 7 + voter.pk) % len(nominees)], "192.0.2.0/24")
                count += 1
        finally:
            connection.close()
        counts.append(count)

    threads = [threading.Thread(target=work, args=(index,)) for index in range(args.voters)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "votes": sum(counts),
        "rate": sum(counts) / args.seconds,
        "rows": Vote.objects.filter(cycle=cycle).count(),
    }


GENERATE_VOTES = """
INSERT INTO prizes_vote (cycle_id, category_id, submission_id, voter_id, voter_key, cast_at,
                         account_created_at, email_domain, ip_network, policy_reason, excluded_reason,
                         excluded_by_id, excluded_at)
SELECT %(cycle)s, nominee.category_id, nominee.id, NULL,
       md5(g::text) || md5('key' || g::text),
       %(opens)s + (g %% 2000000) * interval '1 second',
       CASE WHEN g %% 100 = 0 THEN %(opens)s - (g %% 7) * interval '1 minute'
            ELSE %(opens)s - (g %% 500000) * interval '1 minute' END,
       CASE WHEN g %% 50 = 1 THEN 'yopmail.com' ELSE 'example.org' END,
       CASE WHEN g %% 100 = 0 THEN '203.0.113.0/24'
            WHEN g %% 100 = 50 THEN '198.51.100.0/24'
            ELSE '10.' || (g %% 200) || '.' || ((g / 200) %% 250) || '.0/24' END,
       '', '', NULL, NULL
FROM generate_series(1::bigint, %(count)s) g
JOIN (SELECT id, category_id, row_number() OVER (ORDER BY category_id, id) - 1 AS position
      FROM prizes_submission WHERE cycle_id = %(cycle)s) nominee
  -- an equal share per category; within it, a few nominees take most votes
  ON nominee.position = (g %% %(categories)s) * %(per_category)s
                        + floor(%(per_category)s * power(((g * 7919) %% 100003) / 100003.0, 2))::int
"""


def generate_votes(cycle, count, opens):
    from django.db import connection

    from prizes.models import PrizeCategory

    started = time.perf_counter()
    parameters = {
        "cycle": cycle.pk,
        "count": count,
        "opens": opens,
        "categories": PrizeCategory.objects.count(),
        "per_category": NOMINEES_PER_CATEGORY,
    }
    with connection.cursor() as cursor:
        cursor.execute(GENERATE_VOTES, parameters)
        cursor.execute("ANALYZE prizes_vote")
    return time.perf_counter() - started


def measure_champions(args):
    from django.db import connection
    from django.db.models import Count

    from prizes import voting
    from prizes.models import PrizeCycle, Submission, Vote
    from wsis_portal.stakeholders.models import User

    year = date.today().year - 5
    opens = datetime(year, 4, 1, 7, 0, tzinfo=UTC)
    existing = PrizeCycle.objects.filter(edition__year=year).first()
    if (
        not args.regenerate
        and existing is not None
        and Vote.objects.filter(cycle=existing).count() == args.votes
    ):
        cycle = existing
        generated = None
        Vote.objects.filter(cycle=cycle).exclude(policy_reason="").update(policy_reason="")
        Submission.objects.filter(cycle=cycle, state="champion").update(state="nominee")
    else:
        cycle = make_cycle(year, opens, opens + timedelta(days=30))
        generated = generate_votes(cycle, args.votes, opens)
    cycle = PrizeCycle.objects.select_related("edition").prefetch_related("edition__phases").get(pk=cycle.pk)
    clerk, _created = User.objects.get_or_create(email=f"clerk@{BENCH_DOMAIN}")
    timings = {}
    for label in ("first", "again"):
        started = time.perf_counter()
        found = voting.compute_champions(cycle, clerk)
        timings[label] = time.perf_counter() - started
    started = time.perf_counter()
    rows = list(voting.tally(cycle))
    timings["tally"] = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    reasons = {
        reason or "valid": count
        for reason, count in Vote.objects.filter(cycle=cycle)
        .values_list("policy_reason")
        .annotate(count=Count("pk"))
        .order_by("policy_reason")
    }
    return {
        "generated": generated,
        "timings": timings,
        "champions": len(found.ids),
        "projects": len(rows),
        "reasons": reasons,
        "version": version,
        "total": sum(reasons.values()),
    }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default="wsis_bench_votes")
    parser.add_argument("--voters", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--votes", type=int, default=1_000_000)
    parser.add_argument("--regenerate", action="store_true", help="write the closed cycle's votes again")
    args = parser.parse_args()
    setup_django(args.database)

    from django.utils import timezone

    now = timezone.now()
    open_cycle = make_cycle(now.year + 1, now - timedelta(days=1), now + timedelta(days=1))
    web = measure_http(args, open_cycle)
    service = measure_service(args, open_cycle)
    champions = measure_champions(args)

    print(
        f"WSIS Prizes vote benchmark — {champions['version']}, {os.cpu_count()} CPUs, "
        f"database {args.database}, load average {os.getloadavg()[0]:.1f} at the end"
    )
    print(
        f"  a. {args.voters} voters for {args.seconds:g} s through gunicorn ({args.workers} workers): "
        f"{web['rate']:.1f} votes/s ({web['votes']} votes, {web['rows']} rows, {web['errors']} errors), "
        f"p50 {web['p50']:.1f} ms, p95 {web['p95']:.1f} ms"
    )
    print(
        f"  b. {args.voters} threads calling cast_vote for {args.seconds:g} s: {service['rate']:.1f} votes/s "
        f"({service['votes']} votes, {service['rows']} rows)"
    )
    generated = (
        "kept from the last run"
        if champions["generated"] is None
        else f"written in {champions['generated']:.1f} s"
    )
    print(
        f"  c. {champions['total']:,} votes in a closed cycle ({generated}); verdicts: {champions['reasons']}"
    )
    timings = champions["timings"]
    print(
        f"     compute_champions: {timings['first']:.2f} s (verdicts written), "
        f"{timings['again']:.2f} s (verdicts standing); {champions['champions']} champions in 18 categories; "
        f"tally of {champions['projects']} "
        f"projects: {timings['tally'] * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()

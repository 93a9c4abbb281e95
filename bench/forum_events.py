"""Benchmark of the public Forum agenda at full size. Run on demand, never as tests:

    .venv/bin/python bench/forum_events.py [--sessions 400] [--speakers 2000] [--requests 40]
                                           [--database wsis_bench_agenda | --sqlite var/bench-agenda.sqlite3]

It (re)fills a database of its own — PostgreSQL on 127.0.0.1 (user postgres; named wsis_bench…, created
and migrated when missing), or a SQLite file when asked — with the 2027 Forum week: by default 400
sessions of every type over five days (08:00–19:00 Geneva time, in ten rooms, each tagged with one to
three action lines and SDGs, a few cancelled) and 2,000 moderators and speakers, the agenda published with
a change list; then prints, through the test client as an anonymous visitor with no cache, the server time
(p50, p95, max over --requests requests) and the number of queries of:

  a. the agenda page, /en/forum/ (and /ar/forum/);
  b. the whole week's iCal export, /en/forum/calendar.ics, its size and events counted;
  c. both again at a quarter of the size, to show the query counts do not grow with the sessions.
"""

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on the path, and this file would hide the forum_events app.
sys.path[:] = [str(ROOT)] + [path for path in sys.path if Path(path or ".").resolve() != ROOT / "bench"]

from bench.consultations import setup_django, spread, timed_get  # noqa: E402

YEAR = 2027
BATCH = 2_000
ROOMS = [f"CICG, Room {number}" for number in range(1, 9)] + ["CICG, Knowledge café lounge", "ITU Tower"]
KIND_WEIGHTS = {
    "opening": 1, "high_level_policy": 12, "ministerial_round_table": 4, "high_level_dialogue": 6,
    "action_line_meeting": 20, "workshop": 120, "knowledge_cafe": 12, "talkx": 10, "prize_ceremony": 1,
    "networking": 10, "exhibition": 4,
}  # fmt: skip
TITLES = [
    ("Meaningful connectivity for rural communities", "التوصيلية المجدية للمجتمعات الريفية"),
    ("Artificial intelligence and public services", "الذكاء الاصطناعي والخدمات العامة"),
    ("Data governance in practice", "حوكمة البيانات في الممارسة"),
    ("Digital skills for the next generation", "المهارات الرقمية للجيل القادم"),
]


def fill(args):
    """Replace the benchmark's agenda by ``args.sessions`` sessions and ``args.speakers`` speakers."""
    from django.db import connection, transaction

    from forum_events.models import Agenda, Session, SessionChange, SessionSpeaker
    from wsis_portal.editions.models import ActionLine, Edition, Format, SustainableDevelopmentGoal
    from wsis_portal.editions.schedule import geneva_time

    started = time.perf_counter()
    rng = random.Random(args.seed)  # noqa: S311 - invented data, not secrets
    lines = list(ActionLine.objects.values_list("pk", flat=True))
    goals = list(SustainableDevelopmentGoal.objects.values_list("pk", flat=True))
    kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    with transaction.atomic():
        Session.objects.all().delete()
        Agenda.objects.all().delete()
        edition, _created = Edition.objects.update_or_create(
            year=YEAR,
            defaults={"starts_on": date(YEAR, 7, 5), "ends_on": date(YEAR, 7, 9), "venue": "Geneva"},
        )
        sessions = []
        for index in range(args.sessions):
            day = edition.starts_on + timedelta(days=index % 5)
            hour, minute = 8 + rng.randrange(10), rng.choice((0, 15, 30, 45))
            starts = geneva_time(day.year, day.month, day.day, hour, minute)
            fmt = rng.choice(list(Format.values))
            en, ar = rng.choice(TITLES)
            sessions.append(
                Session(
                    edition=edition,
                    kind=rng.choices(kinds, weights=weights)[0],
                    title=f"{en} ({index + 1})",
                    title_en=f"{en} ({index + 1})",
                    title_ar=f"{ar} ({index + 1})",
                    description_en=en * 4,
                    description_ar=ar * 4,
                    format=fmt,
                    day=day,
                    starts_at=starts,
                    ends_at=starts + timedelta(minutes=rng.choice((45, 60, 90, 105))),
                    room="" if fmt == Format.VIRTUAL else rng.choice(ROOMS),
                    remote_link="" if fmt == Format.IN_PERSON else f"https://meet.example.org/b-{index}",
                    is_cancelled=rng.random() < 0.02,
                    organisers="WSIS secretariat\nBench organisation",
                    languages=["en", "ar"] if rng.random() < 0.5 else ["en"],
                )
            )
        Session.objects.bulk_create(sessions, batch_size=BATCH)
        through_lines, through_goals = Session.action_lines.through, Session.sdgs.through
        through_lines.objects.bulk_create(
            [
                through_lines(session_id=item.pk, actionline_id=pk)
                for item in sessions
                for pk in rng.sample(lines, rng.randint(1, 3))
            ],
            batch_size=BATCH,
        )
        through_goals.objects.bulk_create(
            [
                through_goals(session_id=item.pk, sustainabledevelopmentgoal_id=pk)
                for item in sessions
                for pk in rng.sample(goals, rng.randint(1, 3))
            ],
            batch_size=BATCH,
        )
        SessionSpeaker.objects.bulk_create(
            [
                SessionSpeaker(
                    session=sessions[index % len(sessions)],
                    role="moderator" if index < len(sessions) else "speaker",
                    position=index // len(sessions),
                    name=f"Speaker {index + 1}",
                    title="Director",
                    organisation=f"Bench organisation {index % 300}",
                    email=f"speaker{index}@agenda-bench.example.org",
                    language=rng.choice(("en", "ar")),
                )
                for index in range(args.speakers)
            ],
            batch_size=BATCH,
        )
        Agenda.objects.create(edition=edition, published_at=geneva_time(YEAR, 6, 1, 9, 0))
        SessionChange.objects.bulk_create(
            SessionChange(session=item, kind="room", before="CICG, Room 1", after="CICG, Room 2")
            for item in sessions[:20]
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return time.perf_counter() - started


def measure_pages(requests):
    """{url: (times, queries, body)} of the agenda pages and the iCal export."""
    from django.test import Client
    from django.test.utils import override_settings

    client = Client()
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    results = {}
    with override_settings(CACHES=dummy, ALLOWED_HOSTS=["testserver"]):
        for url in ("/en/forum/", "/ar/forum/", "/en/forum/calendar.ics"):
            for _warm in range(3):
                timed_get(client, url)
            runs = [timed_get(client, url) for _index in range(requests)]
            results[url] = ([run[0] for run in runs], runs[-1][1], runs[-1][3])
    return results


def report(title, results):
    print(title)
    for url, (times, queries, body) in results.items():
        extra = ""
        if url.endswith(".ics"):
            extra = f"   {body.count(b'BEGIN:VEVENT'):,} events, {len(body) / 1e6:.2f} MB"
        print(f"   GET {url:<24} {spread(times)}   {queries} queries{extra}")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=400)
    parser.add_argument("--speakers", type=int, default=2_000)
    parser.add_argument("--requests", type=int, default=40, help="requests per page for the percentiles")
    parser.add_argument(
        "--database", default="wsis_bench_agenda", help="PostgreSQL database of the benchmark (wsis_bench…)"
    )
    parser.add_argument("--sqlite", help="use this SQLite file instead of PostgreSQL")
    parser.add_argument("--seed", type=int, default=2027)
    args = parser.parse_args()
    setup_django(args.database, args.sqlite)
    from django.db import connection

    seconds = fill(args)
    vendor = connection.vendor
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            vendor = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        vendor = f"SQLite {connection.Database.sqlite_version}"
    print(f"Forum agenda benchmark — {vendor}, {os.cpu_count()} CPUs; filled in {seconds:.1f} s")
    print(f"  {args.sessions:,} sessions over five days of {YEAR}, {args.speakers:,} moderators and speakers")
    full = measure_pages(args.requests)
    report(f"a/b. Anonymous visitor, no cache, {args.requests} requests each", full)
    small = argparse.Namespace(
        **{**vars(args), "sessions": args.sessions // 4, "speakers": args.speakers // 4}
    )
    fill(small)
    report(
        f"c. At a quarter of the size ({small.sessions} sessions, {small.speakers} speakers)",
        measure_pages(5),
    )


if __name__ == "__main__":
    main()

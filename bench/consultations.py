"""Benchmark of the open consultation's synthesis page at full size. Run on demand, never as tests:

    .venv/bin/python bench/consultations.py [--contributions 20000] [--requests 60]
                                            [--database wsis_bench_ocp | --sqlite var/bench-ocp.sqlite3]

It (re)fills a database of its own — PostgreSQL on 127.0.0.1 (user postgres; named wsis_bench…, created
and migrated when missing), or a SQLite file when asked — with the 2026 consultation and its contributions
(by default 20,000, from ~1,500 organisations of every stakeholder type and region, each tagged with one
to three themes and action lines, in every state), then prints:

  a. the server time of the synthesis page (GET /en/ and /ar/admin/consultations/contribution/synthesis/
     through the test client, as a staff user, no cache), p50 and p95 over --requests requests, and its
     number of queries;
  b. the counting alone (``consultations.synthesis``), p50 and p95;
  c. the two CSV exports of the page (the counts, and the counted contributions with their tags);
  d. the queries and time of the contributions' review list (first page, and filtered by a theme).
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on the path, and this file would hide the consultations app.
sys.path[:] = [str(ROOT)] + [path for path in sys.path if Path(path or ".").resolve() != ROOT / "bench"]

from bench import stocktaking as stocktaking_bench  # noqa: E402
from bench.stocktaking import percentile  # noqa: E402

ORGANISATIONS = 1_500
BATCH = 5_000
SUPERUSER = "bench-admin@example.org"
BENCH_ORGANISATION = "OCP bench organisation"
YEAR = 2026

STAKEHOLDER_WEIGHTS = {
    "government": 25,
    "private_sector": 15,
    "civil_society": 35,
    "academia": 15,
    "international_organization": 10,
}
STATE_WEIGHTS = {"submitted": 55, "accepted": 25, "draft": 10, "returned": 5, "rejected": 5}
TOPIC_WEIGHTS = {
    "digital-inclusion": 12, "ai": 14, "trust": 6, "skills": 8, "gender": 6, "environment": 5, "data": 7,
    "youth": 4, "languages": 4, "wsis-beyond-2025": 10, "forum-format": 3,
}  # fmt: skip
ACTION_LINE_WEIGHTS = {
    "C1": 3, "C2": 10, "C3": 8, "C4": 9, "C5": 6, "C6": 5, "C7": 2, "C7.1": 3, "C7.2": 2, "C7.3": 4,
    "C7.4": 3, "C7.5": 1, "C7.6": 2, "C7.7": 2, "C7.8": 1, "C8": 4, "C9": 2, "C10": 2, "C11": 5,
}  # fmt: skip
LANGUAGE_WEIGHTS = {"en": 55, "ar": 20, "fr": 15, "es": 10}
TITLES = {
    "en": ["Meaningful connectivity for rural communities", "Artificial intelligence and public services",
           "A Forum session on data governance", "Digital skills for the next generation"],
    "ar": ["التوصيلية المجدية للمجتمعات الريفية", "الذكاء الاصطناعي والخدمات العامة",
           "جلسة في المنتدى بشأن حوكمة البيانات", "المهارات الرقمية للجيل القادم"],
    "fr": ["Une connectivité utile pour les zones rurales", "L'intelligence artificielle au service public"],
    "es": ["Conectividad significativa para zonas rurales", "Inteligencia artificial y servicios públicos"],
}  # fmt: skip


def setup_django(database, sqlite):
    """Point Django at the benchmark's database in the production's shape (no DEBUG query log, persistent
    connections), migrated: PostgreSQL as the stocktaking benchmark does it (created if missing), or a
    SQLite file."""
    if not sqlite:
        return stocktaking_bench.setup_django(database)
    path = Path(sqlite).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="wsis_portal.settings",
        DATABASE_URL=f"sqlite:///{path}",
        DEBUG="false",
        CONN_MAX_AGE="600",
        LOG_LEVEL="WARNING",
    )
    for name in ("REDIS_URL", "PORTAL_ENV"):
        os.environ.pop(name, None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def pick(rng, weights, count=1):
    """``count`` distinct keys of ``weights``, drawn in proportion to their weight."""
    keys = list(weights)
    chosen = []
    while len(chosen) < count:
        key = rng.choices(keys, weights=[weights[k] for k in keys])[0]
        if key not in chosen:
            chosen.append(key)
    return chosen


def fill(args):
    """Replace the benchmark's consultation data by ``args.contributions`` contributions."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from consultations.models import CONTRIBUTIONS_PHASE, Consultation, Contribution, Topic
    from wsis_portal.editions.models import ActionLine, Edition, Phase, Process
    from wsis_portal.editions.schedule import geneva_time
    from wsis_portal.stakeholders.models import Organisation, Region, User
    from wsis_portal.stakeholders.regions import REGION_OF_COUNTRY

    started = time.perf_counter()
    rng = random.Random(args.seed)  # noqa: S311 - invented data, not secrets
    topics = dict(Topic.objects.values_list("code", "pk"))
    lines = dict(ActionLine.objects.values_list("code", "pk"))
    regions = dict(Region.objects.values_list("code", "pk"))
    countries = sorted(REGION_OF_COUNTRY)
    with transaction.atomic():
        Contribution.objects.all().delete()
        Consultation.objects.all().delete()
        User.objects.filter(organisation__name__startswith=BENCH_ORGANISATION).delete()
        User.objects.filter(email__endswith="@ocp-bench.example.org").delete()
        Organisation.objects.filter(name__startswith=BENCH_ORGANISATION).delete()
        edition, _created = Edition.objects.get_or_create(
            year=YEAR,
            defaults={"starts_on": datetime(YEAR, 7, 6).date(), "ends_on": datetime(YEAR, 7, 10).date()},
        )
        Phase.objects.get_or_create(
            edition=edition,
            process=Process.CONSULTATION,
            key=CONTRIBUTIONS_PHASE,
            defaults={
                "name_en": "Official contributions",
                "name_ar": "المساهمات الرسمية",
                "opens_at": geneva_time(YEAR - 1, 12, 23, 9, 0),
                "closes_at": geneva_time(YEAR, 3, 20, 23, 59),
            },
        )
        consultation = Consultation.objects.create(edition=edition)
        organisations = []
        for index in range(ORGANISATIONS):
            kind = pick(rng, STAKEHOLDER_WEIGHTS)[0]
            seatless = kind == "international_organization" and rng.random() < 0.5
            organisations.append(
                Organisation(
                    name=f"{BENCH_ORGANISATION} {index + 1}",
                    stakeholder_type=kind,
                    country="" if seatless else rng.choice(countries),
                    is_verified=True,
                )
            )
        Organisation.objects.bulk_create(organisations, batch_size=BATCH)
        unusable = make_password(None)
        owners = User.objects.bulk_create(
            [
                User(
                    email=f"focal{index}@ocp-bench.example.org",
                    password=unusable,
                    full_name=f"Focal point {index}",
                )
                for index in range(ORGANISATIONS)
            ],
            batch_size=BATCH,
        )
        opened = datetime(YEAR, 1, 5, tzinfo=UTC)
        made = 0
        numbers = 0
        while made < args.contributions:
            size = min(BATCH, args.contributions - made)
            batch, tags = [], []
            for _index in range(size):
                at = rng.randrange(len(organisations))
                organisation, owner = organisations[at], owners[at]
                country = str(organisation.country) if organisation.country else rng.choice(countries)
                language = pick(rng, LANGUAGE_WEIGHTS)[0]
                state = pick(rng, STATE_WEIGHTS)[0]
                sent = opened + timedelta(minutes=rng.randrange(60 * 24 * 70))
                if state != "draft":
                    numbers += 1
                batch.append(
                    Contribution(
                        consultation=consultation,
                        owner=owner,
                        organisation=organisation,
                        language=language,
                        stakeholder_type="" if rng.random() < 0.03 else organisation.stakeholder_type,
                        country=country,
                        region_id=regions.get(REGION_OF_COUNTRY.get(country)),
                        kind="format" if rng.random() < 0.2 else "priorities",
                        title=rng.choice(TITLES[language]),
                        text=rng.choice(TITLES[language]) * 6,
                        state=state,
                        reference=None if state == "draft" else f"WSIS-OCP-{YEAR}-{numbers:05d}",
                        submitted_at=None if state == "draft" else sent,
                        decided_at=sent + timedelta(days=9) if state in ("accepted", "rejected") else None,
                    )
                )
                tags.append(
                    (
                        pick(rng, TOPIC_WEIGHTS, rng.choice((1, 1, 2, 2, 3))),
                        pick(rng, ACTION_LINE_WEIGHTS, rng.choice((1, 2, 2, 3))),
                    )
                )
            Contribution.objects.bulk_create(batch)
            Contribution.topics.through.objects.bulk_create(
                [
                    Contribution.topics.through(contribution_id=item.pk, topic_id=topics[code])
                    for item, (codes, _lines) in zip(batch, tags, strict=True)
                    for code in codes
                ]
            )
            Contribution.action_lines.through.objects.bulk_create(
                [
                    Contribution.action_lines.through(contribution_id=item.pk, actionline_id=lines[code])
                    for item, (_codes, codes) in zip(batch, tags, strict=True)
                    for code in codes
                ]
            )
            made += size
    with connection.cursor() as cursor:
        # What autovacuum does soon after a load in production: statistics and the visibility map.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return time.perf_counter() - started


def spread(values):
    return (
        f"p50 {statistics.median(values):7.1f} ms   p95 {percentile(values, 0.95):7.1f} ms   "
        f"max {max(values):7.1f} ms"
    )


def timed_get(client, url):
    """(milliseconds, queries, response, body) of one GET that must succeed, its body read to the end."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        start = time.perf_counter()
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(context.captured_queries), response, body


def measure(args):
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from consultations import synthesis
    from consultations.models import Consultation, Contribution
    from wsis_portal.stakeholders.models import Organisation, User

    consultation = Consultation.objects.select_related("edition").get(edition__year=YEAR)
    user = User.objects.filter(email=SUPERUSER).first()
    if user is None:
        user = User.objects.create_superuser(SUPERUSER, password=None, full_name="Benchmark")
    client = Client()
    client.force_login(user)
    page = f"/{{}}/admin/consultations/contribution/synthesis/?edition={YEAR}"
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=dummy, ALLOWED_HOSTS=["testserver"]):
        pages = {}
        for language in ("en", "ar"):
            for _warm in range(3):
                timed_get(client, page.format(language))
            runs = [timed_get(client, page.format(language)) for _index in range(args.requests)]
            pages[language] = ([run[0] for run in runs], runs[-1][1], runs[-1][2])
        counting = []
        for _index in range(args.requests):
            start = time.perf_counter()
            synthesis.of(consultation)
            counting.append((time.perf_counter() - start) * 1000)
        base = "/en/admin/consultations/contribution/"
        exports = {
            "counts": timed_get(client, f"{base}synthesis/counts.csv?edition={YEAR}"),
            "contributions": timed_get(client, f"{base}synthesis/contributions.csv?edition={YEAR}"),
        }
        lists = {url: timed_get(client, url) for url in (base, f"{base}?state=counted&topic=ai")}

    vendor = connection.vendor
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            vendor = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        vendor = f"SQLite {connection.Database.sqlite_version}"
    counted = synthesis.counted(consultation).count()
    print(f"Open consultation benchmark — {vendor}, {os.cpu_count()} CPUs")
    print(
        f"  {Contribution.objects.filter(consultation=consultation).count():,} contributions of {YEAR} "
        f"({counted:,} counted: submitted or accepted), {Organisation.objects.count():,} organisations"
    )
    print(
        f"  {Contribution.topics.through.objects.count():,} theme tags, "
        f"{Contribution.action_lines.through.objects.count():,} action line tags"
    )
    print(
        f"a. The synthesis page through the test client, staff user, no cache, {args.requests} requests each"
    )
    for language, (times, queries, response) in pages.items():
        charts = ", ".join(f"{chart.name} {chart.total:,}" for chart in response.context_data["charts"])
        print(f"   /{language}/: {spread(times)}   {queries} queries   ({charts})")
    print(f"b. The counting alone (synthesis.of: four dimensions and the states): {spread(counting)}")
    print("c. Exports of the synthesis")
    for name, (elapsed, queries, _response, body) in exports.items():
        lines = body.count(b"\n") - 1
        print(
            f"   {name}.csv: {elapsed:8.1f} ms   {queries} queries   {lines:,} rows, {len(body) / 1e6:.1f} MB"
        )
    print("d. The contributions' review list (first page)")
    for url, (elapsed, queries, _response, _body) in lists.items():
        print(f"   GET {url:<60} {elapsed:8.1f} ms   {queries} queries")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--contributions", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=60, help="requests per language for the percentiles")
    parser.add_argument(
        "--database", default="wsis_bench_ocp", help="PostgreSQL database of the benchmark (wsis_bench…)"
    )
    parser.add_argument("--sqlite", help="use this SQLite file instead of PostgreSQL")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    setup_django(args.database, args.sqlite)
    seconds = fill(args)
    print(f"Filled in {seconds:.1f} s")
    measure(args)


if __name__ == "__main__":
    main()

"""Benchmark of the stocktaking search at full size, on PostgreSQL. Run on demand, never as tests:

    .venv/bin/python bench/stocktaking.py generate [--entries 200000] [--database wsis_bench]
    .venv/bin/python bench/stocktaking.py measure [--database wsis_bench] [--queries 240]

``generate`` (re)fills a database of its own on 127.0.0.1 (named wsis_bench…, created and migrated when
missing): its entries, tags and organisations are replaced by published entries in Arabic and English
(text from ``stocktaking_vocabulary``), ~5,000 organisations, their tags and a few unpublished entries;
it says how long that took. ``measure`` prints the PostgreSQL version, the row counts and:

  a. the server time of a search (text and three facets, every facet counted), p50 and p95, as
     ``stocktaking.views.public.search_page`` computes it, with no cache (goal: p95 <= 50 ms); and the same
     through the whole view (middleware, template) with the test client;
  b. its ratio to the bare SQL of the same statements sent straight through a cursor;
  c. the number of queries of the search page and of the admin's list of entries for two page sizes;
  d. the time and memory of a CSV export of every published entry.
"""

import argparse
import csv
import io
import os
import random
import re
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on the path, and this file would hide the stocktaking app.
sys.path[:] = [str(ROOT)] + [path for path in sys.path if Path(path or ".").resolve() != ROOT / "bench"]

from bench import stocktaking_vocabulary as vocabulary  # noqa: E402

# ``generate`` empties the tables it fills: only a database of the benchmark's own may be named.
DATABASE_NAME = re.compile(r"wsis_bench[a-z0-9_]*")
BATCH = 10_000
ORGANISATIONS = 5_000
SUPERUSER = "bench-admin@example.org"

# How often each value is drawn: the tags entries really carry most.
ACTION_LINE_WEIGHTS = {
    "C1": 2, "C2": 10, "C3": 10, "C4": 10, "C5": 5, "C6": 4, "C7": 2, "C7.1": 6, "C7.2": 4, "C7.3": 7,
    "C7.4": 6, "C7.5": 2, "C7.6": 3, "C7.7": 5, "C7.8": 2, "C8": 3, "C9": 2, "C10": 1, "C11": 3,
}  # fmt: skip
SDG_WEIGHTS = {
    1: 3, 2: 3, 3: 6, 4: 10, 5: 7, 6: 1, 7: 2, 8: 7, 9: 10, 10: 5, 11: 4, 12: 1, 13: 3, 14: 1, 15: 1, 16: 5,
    17: 8,
}  # fmt: skip
GDC_WEIGHTS = {1: 5, 2: 4, 3: 3, 4: 2, 5: 2}
STAKEHOLDER_WEIGHTS = {
    "government": 25,
    "private_sector": 20,
    "civil_society": 30,
    "academia": 15,
    "international_organization": 10,
}
KIND_WEIGHTS = {"project": 45, "initiative": 25, "event": 15, "publication": 15}
UNPUBLISHED_STATES = ("draft", "submitted", "returned", "rejected")
FIRST_YEAR, LAST_YEAR, LAST_DAY = 2015, 2026, date(2026, 11, 20)


def setup_django(database):
    """Point Django at ``database`` (created if missing, then migrated), in the production's shape: no
    DEBUG query log, persistent connections; the cache stays in memory (the measures turn it off)."""
    if not DATABASE_NAME.fullmatch(database):
        sys.exit(f"refusing the database {database!r}: the benchmark's databases are named wsis_bench…")
    import psycopg2

    server = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname="postgres")
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{database}"')
    server.close()

    os.environ["DJANGO_SETTINGS_MODULE"] = "wsis_portal.settings"
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{database}"
    os.environ["DEBUG"] = "false"
    os.environ["CONN_MAX_AGE"] = "600"
    os.environ["LOG_LEVEL"] = "WARNING"
    for name in ("REDIS_URL", "PORTAL_ENV"):
        os.environ.pop(name, None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def weighted_sample(rng, weights, count):
    """``count`` distinct keys of ``weights``, drawn in proportion to their weight."""
    keys, cumulative = list(weights), []
    total = 0
    for key in keys:
        total += weights[key]
        cumulative.append(total)
    chosen = []
    while len(chosen) < count:
        key = rng.choices(keys, cum_weights=cumulative)[0]
        if key not in chosen:
            chosen.append(key)
    return chosen


class Copier:
    """Rows for one table, written as CSV, handed over a batch at a time to be sent with COPY."""

    def __init__(self, table, columns):
        self.table, self.columns = table, columns
        self.rows = 0
        self._start()

    def _start(self):
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer)

    def add(self, *values):
        self.writer.writerow([r"\N" if value is None else value for value in values])
        self.rows += 1

    def batch(self):
        """(COPY statement, rows so far as a file); the next rows go to a new buffer."""
        statement = f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
        buffer = self.buffer
        buffer.seek(0)
        self._start()
        return statement, buffer


def send(connection, batches):
    """COPY ``batches`` and commit: runs in a thread while the next batch is being written."""
    with connection.cursor() as cursor:
        for statement, buffer in batches:
            cursor.copy_expert(statement, buffer)
    connection.commit()


def published_moment(rng):
    """An instant between 2015 and the end of 2026's Forum, more of them in recent years."""
    year = rng.choices(range(FIRST_YEAR, LAST_YEAR + 1), weights=range(4, 4 + LAST_YEAR - FIRST_YEAR + 1))[0]
    last = LAST_DAY if year == LAST_YEAR else date(year, 12, 31)
    day = date(year, 1, 1) + timedelta(days=rng.randrange((last - date(year, 1, 1)).days + 1))
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(seconds=rng.randrange(86_400))


def make_organisations(rng, countries, country_weights):
    """~5,000 verified organisations; returns [(pk, stakeholder type, country, name, acronym)]."""
    from wsis_portal.stakeholders.models import Organisation

    types = weighted_sample(rng, STAKEHOLDER_WEIGHTS, len(STAKEHOLDER_WEIGHTS))
    seen, organisations = set(), []
    while len(organisations) < ORGANISATIONS:
        kind = rng.choices(types, weights=[STAKEHOLDER_WEIGHTS[t] for t in types])[0]
        seat = "" if kind == "international_organization" and rng.random() < 0.5 else None
        country = seat if seat is not None else rng.choices(countries, weights=country_weights)[0]
        name, acronym = vocabulary.organisation_name(rng, kind, "ar" if rng.random() < 0.4 else "en")
        if (name, country) in seen:
            name = f"{name} {len(organisations) + 1}"
        seen.add((name, country))
        organisations.append(
            Organisation(name=name, acronym=acronym, stakeholder_type=kind, country=country, is_verified=True)
        )
    Organisation.objects.bulk_create(organisations, batch_size=2_000)
    return [(o.pk, o.stakeholder_type, o.country.code or "", o.name, o.acronym) for o in organisations]


ENTRY_COLUMNS = (
    "id", "reference", "state", "organisation_id", "created_at", "updated_at", "submitted_at", "decided_at",
    "review_comment", "kind", "title", "description", "language", "stakeholder_type", "is_global",
    "start_date", "end_date", "work_status", "website", "contact_name", "contact_email", "attachment",
    "published_at", "year", "revision_of_id", "search_title", "search_body", "search_tags",
)  # fmt: skip


def generate(args):
    started = time.perf_counter()
    setup_django(args.database)
    from django.db import connection
    from django_countries import countries as all_countries

    from stocktaking.search import FACETS_BY_NAME
    from wsis_portal.editions.models import ActionLine, GDCObjective, SustainableDevelopmentGoal
    from wsis_portal.lifecycle.models import ReferenceSequence
    from wsis_portal.stakeholders.models import Region
    from wsis_portal.stakeholders.regions import REGION_OF_COUNTRY
    from wsis_portal.textsearch.analysis import document

    def tag(facet, value):
        return FACETS_BY_NAME[facet].tag(value)

    rng = random.Random(args.seed)  # noqa: S311 - invented data, not secrets
    writer = vocabulary.Writer(rng)
    action_lines = dict(ActionLine.objects.values_list("code", "pk"))
    sdgs = dict(SustainableDevelopmentGoal.objects.values_list("number", "pk"))
    gdc = dict(GDCObjective.objects.values_list("number", "pk"))
    regions = dict(Region.objects.values_list("code", "pk"))
    countries = [code for code, _ in all_countries]
    # Countries of an ITU region take part far more than territories; some far more than others.
    country_weights = [
        rng.lognormvariate(0, 1) * (1 if code in REGION_OF_COUNTRY else 0.05) for code in countries
    ]

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE stocktaking_entryactionline, stocktaking_entrycountry, stocktaking_entry_sdgs, "
            "stocktaking_entry_gdc_objectives, stocktaking_entry_regions, stocktaking_entry RESTART IDENTITY "
            # What other processes link to entries (prize submissions, and what hangs on them) goes too.
            "CASCADE"
        )
        cursor.execute("DELETE FROM stakeholders_organisation")
    ReferenceSequence.objects.filter(prefix="WSIS-ST").delete()
    organisations = make_organisations(rng, countries, country_weights)
    organisation_weights = [rng.paretovariate(1.2) for _ in organisations]
    organised = time.perf_counter()

    copiers = {
        "entry": Copier("stocktaking_entry", ENTRY_COLUMNS),
        "action_line": Copier("stocktaking_entryactionline", ("entry_id", "action_line_id", "is_main")),
        "sdg": Copier("stocktaking_entry_sdgs", ("entry_id", "sustainabledevelopmentgoal_id")),
        "gdc": Copier("stocktaking_entry_gdc_objectives", ("entry_id", "gdcobjective_id")),
        "region": Copier("stocktaking_entry_regions", ("entry_id", "region_id")),
        "country": Copier("stocktaking_entrycountry", ("entry_id", "country")),
    }
    last_number = {}
    total = args.entries + args.unpublished
    owners = rng.choices(organisations, weights=organisation_weights, k=total)
    revised = iter(rng.sample(range(1, args.entries + 1), args.unpublished // 4))
    raw = connection.connection
    sender, sending = ThreadPoolExecutor(max_workers=1), None
    for pk, organisation in enumerate(owners, start=1):
        org_pk, stakeholder_type, org_country, org_name, acronym = organisation
        language = "ar" if rng.random() < 0.5 else "en"
        title, description = writer.title(language), writer.description(language)
        moment = published_moment(rng)
        if pk <= args.entries:
            state, revision_of, published_at, year = "accepted", None, moment, moment.year
        else:
            state = rng.choice(UNPUBLISHED_STATES)
            revision_of = next(revised, None) if state != "rejected" else None
            published_at = year = None
        reference = None
        if state != "draft" and revision_of is None:
            number = last_number[moment.year] = last_number.get(moment.year, 0) + 1
            reference = f"WSIS-ST-{moment.year}-{number:05d}"
        submitted = moment - timedelta(days=rng.randint(1, 60), seconds=rng.randrange(86_400))
        created = submitted - timedelta(days=rng.randint(0, 90))
        work_status = rng.choices(("completed", "ongoing", "planned"), weights=(40, 45, 15))[0]
        if work_status == "planned":
            start, end = moment.date() + timedelta(days=rng.randint(30, 365)), None
        else:
            start = moment.date() - timedelta(days=rng.randint(0, 1_100))
            end = start + timedelta(days=rng.randint(30, 900)) if work_status == "completed" else None
        is_global = rng.random() < 0.1
        entry_row = [
            pk, reference, state, org_pk, created.isoformat(), moment.isoformat(),
            None if state == "draft" else submitted.isoformat(),
            moment.isoformat() if state in ("accepted", "rejected") else None,
            "", rng.choices(list(KIND_WEIGHTS), weights=KIND_WEIGHTS.values())[0], title, description,
            language, stakeholder_type, "t" if is_global else "f", start.isoformat(),
            end.isoformat() if end else None, work_status,
            f"https://project-{pk}.example.org/" if rng.random() < 0.6 else "", "", "", "",
            published_at.isoformat() if published_at else None, year, revision_of,
            document(title), document(f"{description} {org_name} {acronym}"),
        ]  # fmt: skip
        tags = [tag("kind", entry_row[9]), tag("stakeholder_type", stakeholder_type)]
        if year is not None:
            tags.append(tag("year", year))
        codes = weighted_sample(rng, ACTION_LINE_WEIGHTS, rng.choices((1, 2, 3), weights=(40, 40, 20))[0])
        for position, code in enumerate(codes):
            copiers["action_line"].add(pk, action_lines[code], "t" if position == 0 else "f")
            tags.append(tag("action_line", action_lines[code]))
        for number in weighted_sample(
            rng, SDG_WEIGHTS, rng.choices((1, 2, 3, 4), weights=(30, 35, 25, 10))[0]
        ):
            copiers["sdg"].add(pk, sdgs[number])
            tags.append(tag("sdg", sdgs[number]))
        for number in weighted_sample(rng, GDC_WEIGHTS, rng.choices((0, 1, 2), weights=(35, 45, 20))[0]):
            copiers["gdc"].add(pk, gdc[number])
            tags.append(tag("gdc", gdc[number]))
        if not is_global:
            covered = set()
            if org_country and rng.random() < 0.6:
                covered.add(org_country)
            wanted = rng.choices((1, 2, 3), weights=(60, 28, 12))[0]
            while len(covered) < wanted:
                covered.add(rng.choices(countries, weights=country_weights)[0])
            for code in sorted(covered):
                copiers["country"].add(pk, code)
                tags.append(tag("country", code))
            for region in sorted({REGION_OF_COUNTRY[code] for code in covered if code in REGION_OF_COUNTRY}):
                copiers["region"].add(pk, regions[region])
                tags.append(tag("region", regions[region]))
        copiers["entry"].add(*entry_row, f" {' '.join(tags)} ")
        if pk % BATCH == 0 or pk == total:
            if sending is not None:
                sending.result()
            # PostgreSQL takes in one batch (trigger, indexes) while Python writes the next.
            sending = sender.submit(send, raw, [copier.batch() for copier in copiers.values()])
            print(f"  {pk:>7} entries written, {time.perf_counter() - started:6.1f} s", flush=True)
    sending.result()
    sender.shutdown()
    loaded = time.perf_counter()

    ReferenceSequence.objects.bulk_create(
        ReferenceSequence(prefix="WSIS-ST", year=year, last=last) for year, last in last_number.items()
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval(pg_get_serial_sequence('stocktaking_entry', 'id'), %s)", [total])
        for table in (copier.table for copier in copiers.values()):
            cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute("VACUUM ANALYZE stakeholders_organisation")
    finished = time.perf_counter()
    print(f"Generated {args.entries:,} published and {args.unpublished:,} other entries in {args.database}")
    print(f"  organisations ({ORGANISATIONS:,}): {organised - started:6.1f} s (with migrate and truncate)")
    print(f"  entries and tags (COPY):   {loaded - organised:6.1f} s")
    print(f"  VACUUM ANALYZE:            {finished - loaded:6.1f} s")
    print(f"  total:                     {finished - started:6.1f} s")
    for copier in copiers.values():
        print(f"  {copier.table:<34} {copier.rows:>9,} rows")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def existing_values():
    """{facet name: [URL values that published entries carry]}."""
    from django_countries import countries

    from stocktaking import reference, search
    from stocktaking.models import Entry, EntryCountry

    published = Entry.objects.published()
    values = {}
    for facet in search.FACETS:
        if facet.name == "country":
            codes = EntryCountry.objects.filter(entry__in=published).values_list("country", flat=True)
            values[facet.name] = sorted(
                {code.lower() for code in codes.distinct()} & {c.lower() for c in dict(countries)}
            )
        elif facet.name in ("kind", "year"):
            values[facet.name] = sorted(
                str(v) for v in published.values_list(facet.column, flat=True).distinct()
            )
        else:
            labels = reference.by_pk(facet.choices())
            if facet.link is None:
                found = published.values_list(facet.column, flat=True).distinct()
            else:
                found = facet.link.objects.filter(entry__in=published).values_list(facet.column, flat=True)
                found = found.distinct()
            values[facet.name] = sorted(labels[value].value for value in found if value in labels)
    return values


def make_queries(rng, count, values):
    """``count`` searches: a word or phrase, half Arabic, half English, and three facets with a value each."""
    from django.http import QueryDict

    queries = []
    for index in range(count):
        language = "ar" if index % 2 else "en"
        query = QueryDict(mutable=True)
        query["q"] = rng.choice(vocabulary.AR_QUERIES if language == "ar" else vocabulary.EN_QUERIES)
        for name in rng.sample(sorted(values), 3):
            query[name] = rng.choice(values[name])
        if rng.random() < 0.2:
            query["sort"] = "date"
        queries.append((language, query))
    return queries


def serve(query):
    """What ``search_page`` computes for ``query``, up to the template: the figures and the rows."""
    import math

    from stocktaking import search
    from stocktaking.presentation import facet_options, result_rows

    params = search.SearchParams.from_query(query)
    count, counts = search.figures(params)
    pages = max(1, math.ceil(count / search.PAGE_SIZE))
    if params.page > pages:
        return None
    return {
        "count": count,
        "results": result_rows(search.page_of_results(params)),
        "facets": [facet_options(facet, params, counts[facet.name]) for facet in search.FACETS],
        "query_string": params.query_string(),
        "previous_page": params.query_string(page=params.page - 1) if params.page > 1 else None,
        "next_page": params.query_string(page=params.page + 1) if params.page < pages else None,
        "date_order": params.query_string(sort="date"),
        "relevance_order": params.query_string(sort="relevance"),
    }


def measure_search(queries):
    """Figures a and b: each query served once to warm up (its SQL captured), then timed three ways: as
    the view computes it, its captured SQL alone through a cursor, and the whole view through the client.
    Returns {way: [ms per query]} and {statement: [ms per query]} from the bare SQL."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    captured = []
    for language, query in queries:
        with translation.override(language), CaptureQueriesContext(connection) as context:
            serve(query)
        captured.append([item["sql"] for item in context.captured_queries])
    ways, statements = {"served": [], "bare": [], "whole": []}, {}
    client = Client()
    client.get(f"/en/stocktaking/?{queries[0][1].urlencode()}")  # loads the templates
    raw = connection.connection
    for (language, query), sqls in zip(queries, captured, strict=True):
        with translation.override(language):
            start = time.perf_counter()
            serve(query)
            ways["served"].append((time.perf_counter() - start) * 1000)
        bare = 0
        with raw.cursor() as cursor:
            for sql in sqls:
                start = time.perf_counter()
                cursor.execute(sql)
                cursor.fetchall()
                elapsed = (time.perf_counter() - start) * 1000
                statements.setdefault(statement_name(sql), []).append(elapsed)
                bare += elapsed
        ways["bare"].append(bare)
        start = time.perf_counter()
        response = client.get(f"/{language}/stocktaking/?{query.urlencode()}")
        ways["whole"].append((time.perf_counter() - start) * 1000)
        assert response.status_code in (200, 404), response.status_code
    return ways, statements


def statement_name(sql):
    if sql.startswith("WITH candidates"):
        return "total and facet counts (one statement)"
    if sql.startswith("SELECT COUNT(*)"):
        return "total"
    table = sql.split(" FROM ", 1)[1].split()[0].strip('"')
    return "page of results" if table == "stocktaking_entry" else f"prefetch {table}"


def text_matches(queries):
    """{query text: number of published entries its words match, facets aside}."""
    from stocktaking.models import Entry
    from wsis_portal.textsearch.query import match

    texts = {query["q"] for _, query in queries}
    return {text: match(Entry.objects.published(), text).count() for text in texts}


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return len(context.captured_queries), elapsed


def measure_query_counts():
    """Figure c: queries of the search page (all entries, and a search with results) and of the admin list
    of entries, for two page sizes."""
    import functools
    from unittest import mock

    from django.contrib import admin
    from django.test import Client

    from stocktaking import search
    from stocktaking.models import Entry
    from wsis_portal.stakeholders.models import User

    requests = []
    for page_size in (20, 100):
        paged = functools.partial(search.page_of_results, page_size=page_size)
        with (
            mock.patch.object(search, "PAGE_SIZE", page_size),
            mock.patch.object(search, "page_of_results", paged),
        ):
            for url in ("/en/stocktaking/", "/en/stocktaking/?q=digital&region=africa&sdg=4&sort=date"):
                requests.append((f"GET {url} ({page_size} per page)", *count_queries(Client(), url)))
    user = User.objects.filter(email=SUPERUSER).first()
    if user is None:
        user = User.objects.create_superuser(SUPERUSER, password=None, full_name="Benchmark")
    client = Client()
    client.force_login(user)
    entry_admin = admin.site._registry[Entry]
    for page_size in (20, 100):
        with mock.patch.object(entry_admin, "list_per_page", page_size):
            for url in (
                "/en/admin/stocktaking/entry/",
                "/en/admin/stocktaking/entry/?state__exact=accepted&q=digital",
            ):
                requests.append((f"GET {url} ({page_size} per page)", *count_queries(client, url)))
    return requests


def rss_kib(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def measure_export():
    """Figure d: the CSV export of every published entry, run to the end without keeping it."""
    import tracemalloc

    from stocktaking import exports
    from stocktaking.models import Entry

    def run():
        rows = size = 0
        start = time.perf_counter()
        for chunk in exports.csv_response(Entry.objects.published()).streaming_content:
            size += len(chunk)
            rows += 1
        return rows - 1, size, time.perf_counter() - start

    before = rss_kib("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # resets the high-water mark (VmHWM) to the current RSS
    rows, size, seconds = run()
    growth = rss_kib("VmHWM") - before
    tracemalloc.start()
    _, _, traced_seconds = run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return rows, size, seconds, traced_seconds, peak, growth


def spread(values):
    return (
        f"p50 {statistics.median(values):6.1f} ms   p95 {percentile(values, 0.95):6.1f} ms   "
        f"max {max(values):6.1f} ms"
    )


def measure(args):
    setup_django(args.database)
    from django.db import connection
    from django.test.utils import override_settings

    from stocktaking.models import Entry, EntryActionLine, EntryCountry
    from wsis_portal.stakeholders.models import Organisation

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    published = Entry.objects.published().count()
    if not published:
        sys.exit("no published entry: run `generate` first")
    tags = {
        "action lines": EntryActionLine,
        "SDGs": Entry.sdgs.through,
        "GDC objectives": Entry.gdc_objectives.through,
        "regions": Entry.regions.through,
        "countries": EntryCountry,
    }
    print(f"Stocktaking benchmark — database {args.database}, PostgreSQL {version}, {os.cpu_count()} CPUs")
    print(f"  {Entry.objects.count():,} entries, {published:,} of them published")
    print(f"  {Organisation.objects.count():,} organisations")
    print("  tags: " + ", ".join(f"{model.objects.count():,} {name}" for name, model in tags.items()))

    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=dummy, ALLOWED_HOSTS=["testserver"]):
        rows, size, seconds, traced_seconds, peak, growth = measure_export()
        rng = random.Random(args.seed)  # noqa: S311 - not secrets
        queries = make_queries(rng, args.queries, existing_values())
        ways, statements = measure_search(queries)
        matches = text_matches(queries)
        counts = measure_query_counts()

    served, bare, sizes = ways["served"], ways["bare"], list(matches.values())
    print("\na. A search: one word or phrase and three facets, every facet counted, no cache")
    print(
        f"   {len(queries)} queries, half Arabic, half English; their words alone match "
        f"{statistics.median(sizes):,.0f} published entries (median), {percentile(sizes, 0.9):,} (p90), "
        f"{max(sizes):,} (max)"
    )
    goal = "met" if percentile(served, 0.95) <= 50 else "NOT MET"
    print(
        f"   as search_page computes it (counts, rows, presentation): {spread(served)}  p95 <= 50 ms: {goal}"
    )
    print(f"   the whole view through the test client (middleware, template): {spread(ways['whole'])}")
    for elapsed, (_, query) in sorted(zip(served, queries, strict=True), key=lambda pair: -pair[0])[:5]:
        text = unquote(query.urlencode())
        print(f"     slowest: {elapsed:6.1f} ms, the words alone match {matches[query['q']]:>6,}: {text}")
    print(f"b. The same statements' bare SQL, sent through a cursor: {spread(bare)}")
    p50_ratio = statistics.median(served) / statistics.median(bare)
    p95_ratio = percentile(served, 0.95) / percentile(bare, 0.95)
    print(f"   served / bare SQL: {p50_ratio:.2f} at p50, {p95_ratio:.2f} at p95")
    for name, values in statements.items():
        print(f"     {name:<40} {len(values):>4} x   {spread(values)}")
    print("c. Queries per request (no cache), and that request's time")
    for label, number, elapsed in counts:
        print(f"   {label:<88} {number:>3} queries {elapsed:8.1f} ms")
    print(
        f"d. CSV export of every published entry: {rows:,} rows, {size / 1e6:,.1f} MB, {seconds:.1f} s "
        f"({traced_seconds:.1f} s under tracemalloc)"
    )
    print(
        f"   peak Python memory (tracemalloc) {peak / 2**20:.1f} MiB, max RSS growth {growth / 1024:.1f} MiB"
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    fill = commands.add_parser("generate", help="(re)fill the benchmark database")
    fill.add_argument("--entries", type=int, default=200_000, help="published entries")
    fill.add_argument("--unpublished", type=int, default=2_000, help="drafts, pending revisions and others")
    check = commands.add_parser("measure", help="print the figures")
    check.add_argument("--queries", type=int, default=240)
    for command in (fill, check):
        command.add_argument("--database", default="wsis_bench")
        command.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    generate(args) if args.command == "generate" else measure(args)


if __name__ == "__main__":
    main()

"""Benchmark of the reminder sweep at full size. Run on demand, never as tests:

    .venv/bin/python bench/reminders.py [--items 100000] [--database wsis_bench_reminders]

It fills a PostgreSQL database of its own (created and migrated when missing) with ``--items`` draft
contributions to the 2026 consultation, each from its own owner (a quarter of them in Arabic), with the
deadline five days ahead, so each one has its 7-day reminder due. It then empties the delivery log and the
outbox (TRUNCATE: the rows of an earlier run leave no dead rows behind) and prints the time of one sweep
as the Celery task runs it — find what is due, record it, claim it in batches — plus the sending of those
batches (render each mail in its language, put it in the outbox, mark it sent) by ``--workers`` processes
standing in for Celery workers (with ``--compare``, also one process sending everything), and a second
sweep that finds nothing left to send. Delivering the outbox is the mail worker's job: its tasks go to an
in-memory broker that nobody consumes.

The machine may be shared: the processor time of the sweep and of the senders is printed too, with that
of their database server processes when they run on this machine, figures that other work on the
machine disturbs much less than the time on the clock.
"""

import argparse
import multiprocessing
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on the path, and would hide the reminders app's siblings.
sys.path[:] = [str(ROOT)] + [path for path in sys.path if Path(path or ".").resolve() != ROOT / "bench"]

from bench.stocktaking import setup_django  # noqa: E402

BATCH = 5_000


def processor_seconds():
    """``(this process, its database server process)`` processor seconds so far; the second is None
    when the server's process cannot be read (another machine)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        server = Path(f"/proc/{cursor.fetchone()[0]}/stat")
    try:
        fields = server.read_text().rsplit(")", 1)[1].split()
    except OSError:
        return time.process_time(), None
    return time.process_time(), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def spent(before, after):
    return tuple(None if None in (b, a) else a - b for b, a in zip(before, after, strict=True))


def send(batch):
    """Sends one batch; returns the reminders sent and the processor seconds it took (here, database)."""
    from wsis_portal.reminders import services

    before = processor_seconds()
    sent = services.send_batch(*batch)["sent"]
    return sent, spent(before, processor_seconds())


def seconds(pairs):
    """``“12.3 s here + 4.5 s in the database”`` of summed ``(here, database)`` pairs."""
    here = sum(pair[0] for pair in pairs)
    if any(pair[1] is None for pair in pairs):
        return f"{here:.1f} s"
    return f"{here:.1f} s + {sum(pair[1] for pair in pairs):.1f} s in the database"


def timed_sweep(workers):
    """Seconds for one sweep and the sending of what it claimed by ``workers`` processes (0: inline)."""
    from django.db import connections

    from wsis_portal.reminders import services

    started, before = time.perf_counter(), processor_seconds()
    if not workers:
        counts = services.sweep()
        print(f"  (processor: {seconds([spent(before, processor_seconds())])})")
        return time.perf_counter() - started, counts["sent"], counts["batches"]
    batches = []
    counts = services.sweep(dispatch=lambda rule_key, token: batches.append((rule_key, token)))
    swept, sweeping = time.perf_counter() - started, spent(before, processor_seconds())
    connections.close_all()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = pool.map(send, batches, chunksize=1)
    print(
        f"  (recording and claiming: {swept:.1f} s, {counts['batches']} batches; processor: "
        f"{seconds([sweeping])} for the sweep, {seconds([used for _sent, used in results])} for the senders)"
    )
    return time.perf_counter() - started, sum(sent for sent, _used in results), counts["batches"]


def fill(items):
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from consultations.models import CONTRIBUTIONS_PHASE, Consultation, Contribution
    from wsis_portal.editions.models import Edition, Phase, Process
    from wsis_portal.stakeholders.models import User

    now = timezone.now()
    edition, _created = Edition.objects.get_or_create(
        year=2026,
        defaults={"starts_on": now.date() + timedelta(days=60), "ends_on": now.date() + timedelta(days=64)},
    )
    Phase.objects.update_or_create(
        edition=edition,
        process=Process.CONSULTATION,
        key=CONTRIBUTIONS_PHASE,
        defaults={
            "name": "Contributions",
            "opens_at": now - timedelta(days=60),
            "closes_at": now + timedelta(days=5),
        },
    )
    consultation, _created = Consultation.objects.get_or_create(edition=edition)
    if Contribution.objects.filter(consultation=consultation, state="draft").count() == items:
        return
    Contribution.objects.all().delete()
    User.objects.filter(email__endswith="@bench.example.org").delete()
    password = make_password(None)
    for start in range(0, items, BATCH):
        numbers = range(start, min(start + BATCH, items))
        owners = User.objects.bulk_create(
            User(
                email=f"owner{n}@bench.example.org",
                full_name=f"Owner {n}",
                password=password,
                preferred_language="ar" if n % 4 == 0 else "en",
            )
            for n in numbers
        )
        Contribution.objects.bulk_create(
            Contribution(
                consultation=consultation,
                owner=owner,
                kind="priorities",
                title=f"Contribution {n}",
                text="The Forum should give more room to community networks.",
                language="en",
            )
            for n, owner in zip(numbers, owners, strict=True)
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--database", default="wsis_bench_reminders")
    parser.add_argument("--workers", type=int, default=2, help="sending processes (0: the sweep alone)")
    parser.add_argument("--compare", action="store_true", help="also time the sweep sending alone")
    args = parser.parse_args()
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
    setup_django(args.database)

    from django.db import connection

    from wsis_portal.mail.models import OutboundMail
    from wsis_portal.reminders import services
    from wsis_portal.reminders.models import ReminderDelivery

    started = time.perf_counter()
    fill(args.items)
    prepared = time.perf_counter() - started
    print(f"data: {args.items:,} draft contributions, each due ({prepared:.1f} s to prepare)")
    for workers in (args.workers, 0) if args.compare else (args.workers,):
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {ReminderDelivery._meta.db_table}, {OutboundMail._meta.db_table}")
        seconds, sent, batches = timed_sweep(workers)
        who = f"{workers} worker processes" if workers else "the sweep alone, one process"
        print(
            f"one sweep over {args.items:,} due reminders, sent by {who}: {seconds:.1f} s (goal ≤ 60 s); "
            f"{sent:,} sent in {batches} batches, outbox rows {OutboundMail.objects.count():,}"
        )
    started = time.perf_counter()
    again = services.sweep()
    print(f"a second sweep (nothing left to send): {time.perf_counter() - started:.1f} s, {again}")


if __name__ == "__main__":
    main()

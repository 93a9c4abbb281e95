"""Benchmark of the reminder sweep at full size. Run on demand, never as tests:

    .venv/bin/python bench/reminders.py [--items 100000] [--database wsis_bench_reminders]

It fills a PostgreSQL database of its own (created and migrated when missing) with ``--items`` draft
contributions to the 2026 consultation, each from its own owner (a quarter of them in Arabic), with the
deadline five days ahead, so each one has its 7-day reminder due. It then empties the delivery log and the
outbox and prints the time of one sweep as the Celery task runs it — find what is due, record it, claim it
in batches — plus the sending of those batches (render each mail in its language, put it in the outbox,
mark it sent) by ``--workers`` processes standing in for Celery workers (with ``--compare``, also one
process sending everything), and a second sweep that finds nothing left to send. Delivering the outbox
is the mail worker's job: its tasks go to an in-memory broker that nobody consumes.
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


def send(batch):
    from wsis_portal.reminders import services

    return services.send_batch(*batch)["sent"]


def timed_sweep(workers):
    """Seconds for one sweep and the sending of what it claimed by ``workers`` processes (0: inline)."""
    from django.db import connections

    from wsis_portal.reminders import services

    started = time.perf_counter()
    if not workers:
        counts = services.sweep()
        return time.perf_counter() - started, counts["sent"], counts["batches"]
    batches = []
    counts = services.sweep(dispatch=lambda rule_key, token: batches.append((rule_key, token)))
    swept = time.perf_counter() - started
    connections.close_all()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        sent = sum(pool.map(send, batches, chunksize=1))
    print(f"  (recording and claiming: {swept:.1f} s, {counts['batches']} batches)")
    return time.perf_counter() - started, sent, counts["batches"]


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

    from wsis_portal.mail.models import OutboundMail
    from wsis_portal.reminders import services
    from wsis_portal.reminders.models import ReminderDelivery

    started = time.perf_counter()
    fill(args.items)
    prepared = time.perf_counter() - started
    print(f"data: {args.items:,} draft contributions, each due ({prepared:.1f} s to prepare)")
    for workers in (args.workers, 0) if args.compare else (args.workers,):
        ReminderDelivery.objects.all().delete()
        OutboundMail.objects.all().delete()
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

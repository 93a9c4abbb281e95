"""Benchmark of the ministers' personalised letters. Run on demand, never as tests:

    .venv/bin/python bench/letter_batch.py [--states 193] [--workers 2] [--database wsis_bench_letters]

In a PostgreSQL database of its own (created and migrated when missing) it gives ``--states`` Member States
a minister (every other one a woman, a third in Arabic), invites them to the 2027 high-level track, issues
a two-page circular letter and times the whole batch as the workers run it: list the recipients (which
issues each state's new invitation link and mails its protocol office), render each copy in its language
in chunks shared by ``--workers`` processes standing in for Celery workers, and collect the ZIP.
"""

import argparse
import multiprocessing
import os
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [path for path in sys.path if Path(path or ".").resolve() != ROOT / "bench"]

from bench.letters import letter as two_page_letter  # noqa: E402
from bench.stocktaking import setup_django  # noqa: E402


def render(chunk):
    from wsis_portal.letters import batches

    return batches.render_chunk(chunk)


def fill(states):
    from django.contrib.auth.models import Group

    from forum_events import high_level
    from forum_events.models import Invitation
    from wsis_portal.editions.models import Edition
    from wsis_portal.stakeholders.models import MemberState, User
    from wsis_portal.stakeholders.roles import Role

    edition, _created = Edition.objects.get_or_create(
        year=2027, defaults={"starts_on": date(2027, 7, 5), "ends_on": date(2027, 7, 9)}
    )
    clerk, _created = User.objects.get_or_create(
        email="bench-secretariat@example.org", defaults={"full_name": "Bench Secretariat"}
    )
    clerk.groups.add(Group.objects.get(name=Role.SECRETARIAT.group_name))
    Invitation.objects.filter(edition=edition).delete()
    for number, state in enumerate(MemberState.objects.order_by("country")[:states]):
        state.minister_name_en = f"Minister {number + 1}"
        state.minister_name_ar = f"الوزير {number + 1}"
        state.minister_title_en = "Minister of Communications and Information Technology"
        state.minister_title_ar = "وزير الاتصالات وتكنولوجيا المعلومات"
        state.minister_gender = MemberState.Gender.WOMAN if number % 2 else MemberState.Gender.MAN
        state.protocol_office_email = f"protocol-{state.country.code.lower()}@bench.example.org"
        state.save()
        high_level.issue_invitation(edition, state, clerk, language="ar" if number % 3 == 0 else "en")
    return edition, clerk


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--states", type=int, default=193)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database", default="wsis_bench_letters")
    args = parser.parse_args()
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
    setup_django(args.database)
    from django.db import connections

    from wsis_portal.letters import batches, pdf, services
    from wsis_portal.letters.models import LetterBatch

    edition, clerk = fill(args.states)
    sample = two_page_letter()
    sample.reference, sample.edition, sample.body_en = "", edition, sample.body_ar
    sample.save()
    services.issue(sample, clerk)
    pdf.render(sample, "ar")  # warm the fonts up in the parent, as a running worker has them
    started = time.perf_counter()
    batch = LetterBatch.objects.create(letter=sample, audience="ministers", created_by=clerk)
    chunks = batches.prepare(batch.pk)
    prepared = time.perf_counter() - started
    connections.close_all()
    with multiprocessing.get_context("fork").Pool(args.workers) as pool:
        rendered = sum(pool.map(render, chunks, chunksize=1))
    seconds = time.perf_counter() - started
    progress = batches.progress(batch)
    batch.refresh_from_db()
    print(f"  (recipients listed, {args.states} links issued: {prepared:.1f} s; {len(chunks)} chunks)")
    print(
        f"{args.states} personalised letters with {args.workers} worker processes: {seconds:.1f} s "
        f"(goal ≤ 60 s); {rendered} rendered, {progress['failed']} failed, ZIP {batch.archive_status} "
        f"({batch.archive.size / 1024 / 1024:.1f} MiB)"
    )


if __name__ == "__main__":
    main()

"""Two concurrent requests never count the same vote twice: 10,000 duplicate votes race from threads on
PostgreSQL (100 voters, each sending 100 requests at once, in two categories and for two nominees in each),
and each voter ends with exactly one vote per category. SQLite serialises every write, so it could prove
nothing: these run only when DATABASE_URL is PostgreSQL."""

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from prizes import voting
from prizes.models import PrizeCycle, Submission, Vote
from tests.factories import (
    EditionFactory,
    PrizeCycleFactory,
    PrizeSubmissionFactory,
    UserFactory,
    prize_category,
)
from tests.prizes.test_voting import open_voting

VOTERS, REQUESTS, THREADS = 100, 100, 16


def race(calls, threads):
    """Run ``calls`` (voter, nominee) from ``threads`` threads started together, each taking every
    ``threads``-th call, so that the requests of one voter run side by side; each thread closes its
    connection at the end. Returns the outcomes (CAST, CHANGED, UNCHANGED or the refusal's code)."""
    outcomes, start = [None] * len(calls), threading.Barrier(threads)

    def work(first):
        start.wait()
        try:
            for index in range(first, len(calls), threads):
                voter, nominee = calls[index]
                try:
                    outcomes[index] = voting.cast_vote(voter, nominee, "192.0.2.0/24")[1]
                except ValidationError as refused:
                    outcomes[index] = refused.code
        finally:
            connection.close()

    workers = [threading.Thread(target=work, args=(first,)) for first in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return outcomes


@pytest.mark.slow
# A transactional test before this one may have emptied the reference tables.
@pytest.mark.usefixtures("reference_data")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_thousand_racing_duplicate_votes_count_once_per_voter_and_category():
    if connection.vendor != "postgresql":
        pytest.skip("Concurrent requests only race on PostgreSQL (CI).")
    now = timezone.now()
    cycle = open_voting(
        PrizeCycleFactory(edition=EditionFactory(year=now.year + 1)),
        opens=now - timedelta(days=1),
        closes=now + timedelta(days=1),
    )
    nominees = {
        code: [
            Submission.objects.select_related("cycle__edition")
            .prefetch_related("cycle__edition__phases")
            .get(pk=PrizeSubmissionFactory(cycle=cycle, category=prize_category(code), state="nominee").pk)
            for _n in range(2)
        ]
        for code in ("C3", "C7.4")
    }
    voters = [UserFactory() for _n in range(VOTERS)]
    # Each voter's 100 requests follow one another, so the threads send them at the same time.
    calls = [
        (voter, nominees[("C3", "C7.4")[n % 2]][(n // 2) % 2]) for voter in voters for n in range(REQUESTS)
    ]
    assert len(calls) == 10_000

    outcomes = race(calls, THREADS)

    counted = Counter(outcomes)
    assert counted[voting.CAST] == VOTERS * 2
    assert counted[voting.CAST] + counted[voting.CHANGED] + counted[voting.UNCHANGED] == 10_000
    assert Vote.objects.filter(cycle=cycle).count() == VOTERS * 2
    per_voter = Counter(Vote.objects.values_list("voter", "category__action_line__code"))
    assert set(per_voter.values()) == {1}
    assert {voter for voter, _code in per_voter} == {voter.pk for voter in voters}
    assert Vote.objects.values("voter_key").distinct().count() == VOTERS
    assert PrizeCycle.objects.get(pk=cycle.pk).votes.count() == VOTERS * 2

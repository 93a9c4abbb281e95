"""What the expert review tests share (helpers, no test of its own): the 2026 cycle with its nomination
phase (1–30 April 2026) and selection phase (1–15 June 2026), Geneva time; experts holding the reviewer
role, assigned to categories; projects in a given state; a complete score."""

import itertools

from django.contrib.auth.models import Group

from prizes.models import ExpertAssignment, Score
from tests.factories import (
    PhaseFactory,
    PrizeCycleFactory,
    PrizeSubmissionFactory,
    UserFactory,
    prize_category,
)
from wsis_portal.editions.models import Process
from wsis_portal.editions.schedule import geneva_time

_numbers = itertools.count(1)
IN_NOMINATION = geneva_time(2026, 4, 10, 12, 0)
AFTER_NOMINATION = geneva_time(2026, 5, 5, 12, 0)
IN_SELECTION = geneva_time(2026, 6, 5, 12, 0)
AFTER_SELECTION = geneva_time(2026, 6, 20, 12, 0)
NOMINATION_DEADLINE = geneva_time(2026, 4, 30, 23, 59)
SELECTION_DEADLINE = geneva_time(2026, 6, 15, 23, 59)
# 8 on every criterion but partnerships (4): equal weights give 52 / 7.
SCORES = {
    "results_impact": 8,
    "community_empowerment": 8,
    "sdg_relevance": 8,
    "replication": 8,
    "sustainability": 8,
    "partnerships": 4,
    "wsis_values": 8,
}


def review_cycle(**weights):
    """The 2026 cycle with its two review phases; ``weights`` replace the equal weights of criteria."""
    cycle = PrizeCycleFactory()
    for key, opens, closes in (
        ("nomination", geneva_time(2026, 4, 1, 9, 0), NOMINATION_DEADLINE),
        ("selection", geneva_time(2026, 6, 1, 9, 0), SELECTION_DEADLINE),
    ):
        PhaseFactory(edition=cycle.edition, process=Process.PRIZES, key=key, opens_at=opens, closes_at=closes)
    if weights:
        cycle.criteria_weights = {**cycle.criteria_weights, **weights}
        cycle.save()
    return type(cycle).objects.select_related("edition").prefetch_related("edition__phases").get(pk=cycle.pk)


def expert(cycle, *codes, **fields):
    """An account with the reviewer role, assigned to the categories ``codes`` of ``cycle``."""
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name="reviewer"))
    for code in codes:
        ExpertAssignment.objects.create(cycle=cycle, category=prize_category(code), expert=user)
    return user


def project(cycle, code="C3", state="submitted", **fields):
    """A project entered in ``cycle`` (its reference numbered in order of creation)."""
    number = next(_numbers)
    fields.setdefault("reference", f"WSIS-PR-2026-{number:05d}")
    return PrizeSubmissionFactory(cycle=cycle, category=prize_category(code), state=state, **fields)


def score(submission, by, stage="nomination", **values):
    return Score.objects.create(submission=submission, expert=by, stage=stage, **{**SCORES, **values})

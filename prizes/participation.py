"""The WSIS Prizes on the home page and in "my participation": a person's submissions, the votes they cast
and, for an expert, the projects of their categories still to score."""

from dataclasses import dataclass

from django.db.models import Count

from wsis_portal.dashboard import registry
from wsis_portal.editions.models import Process

from . import review, services, voting
from .models import ReviewStage, Submission


def my_submissions(user):
    return Submission.objects.of(user)


@dataclass(frozen=True)
class VoteRow:
    vote: object
    # Whether the voter may still give this vote to another nominee, and until when (the voting deadline).
    changeable: bool
    deadline: object
    cast_by_this_account: bool


def my_votes(user) -> list[VoteRow]:
    """The votes ``user`` cast (``voting.votes_of``), newest cycle first, each with the deadline until which
    it can be changed; two queries whatever their number (one when there is none)."""
    votes = (
        voting.votes_of(user)
        .select_related("cycle__edition", "category__action_line", "submission")
        .prefetch_related("cycle__edition__phases")
        .order_by("-cycle__edition__year", "category__position")
    )
    rows = []
    for vote in votes:
        own = vote.voter_id == user.pk
        phase = voting.voting_phase(vote.cycle)
        changeable = own and voting.is_voting_open(vote.cycle)
        rows.append(VoteRow(vote, changeable, phase.closes_at if phase else None, own))
    return rows


@dataclass(frozen=True)
class ReviewTask:
    """One category an expert scores, and how many of its projects they have not scored yet."""

    assignment: object
    remaining: int


@dataclass(frozen=True)
class ExpertReview:
    cycle: object
    stage: str
    phase: object
    scoring: bool
    ended: bool
    tasks: list

    @property
    def stage_label(self):
        return ReviewStage(self.stage).label


def my_review(user) -> ExpertReview | None:
    """The expert review of the current cycle as ``user`` sees it: their categories at the current stage,
    each with the projects left to score (conflicts left out), and the stage's window. None for someone who
    is not an expert of the cycle, after one query; a fixed number of queries for an expert."""
    assignments = list(
        review.assignments_of(user).select_related("category__action_line").order_by("category__position")
    )
    if not assignments:
        return None
    cycle = services.current_cycle()
    assignments = [a for a in assignments if cycle is not None and a.cycle_id == cycle.pk]
    if not assignments:
        return None
    stage = review.current_stage(cycle) or ReviewStage.NOMINATION
    remaining = dict(
        review.projects_to_review(user, cycle, stage)
        .filter(scored=False)
        .order_by()
        .values_list("category_id")
        .annotate(count=Count("pk"))
    )
    return ExpertReview(
        cycle=cycle,
        stage=stage,
        phase=review.phase_of(cycle, stage),
        scoring=review.is_scoring(cycle, stage),
        ended=review.has_ended(cycle, stage),
        tasks=[ReviewTask(a, remaining.get(a.category_id, 0)) for a in assignments],
    )


def register():
    registry.register(
        Process.PRIZES,
        page="prizes:cycle",
        section=registry.Section(Process.PRIZES, "prizes/participation.html", my_submissions),
    )
    registry.register(
        Process.PRIZES, section=registry.Section(Process.PRIZES, "prizes/participation_votes.html", my_votes)
    )
    registry.register(
        Process.PRIZES,
        section=registry.Section(Process.PRIZES, "prizes/participation_review.html", my_review),
    )

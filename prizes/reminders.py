"""Reminders of the WSIS Prizes: owners of projects still in draft, before the deadline of the cycle's
submission phase (14, 7 and 1 days before); and experts with projects still to score in a category, before
the deadline of the stage's phase ("nomination", then "selection"; 14, 7 and 1 days before). Each in the
recipient's language. One rule per stage, so that the reminders of the selection are not taken for those of
the nomination already sent (a reminder is recorded once per rule, assignment, expert and offset)."""

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from wsis_portal.reminders.registry import Candidate, Rule, owner_candidate, register, with_owner

from . import review
from .models import ConflictOfInterest, ExpertAssignment, PrizeCycle, ReviewStage, Score, State, Submission


def draft_submissions(now, pks=None):
    """Owners of draft projects (submitted or nominated) of each cycle whose submission phase has its
    deadline ahead: after it a draft can no longer be sent."""
    for cycle in PrizeCycle.objects.select_related("edition").prefetch_related("edition__phases"):
        phase = cycle.submission_phase
        if phase is None or phase.closes_at is None or phase.closes_at <= now:
            continue
        drafts = Submission.objects.filter(cycle=cycle, state=State.DRAFT, owner__isnull=False)
        if pks is not None:
            drafts = drafts.filter(pk__in=pks)
        for item in with_owner(drafts, "pk", "title", "language", "kind"):
            yield owner_candidate(item, phase.closes_at, cycle=cycle)


def outstanding(cycle, stage):
    """The expert assignments of ``cycle``, each with ``outstanding``: the projects of its category that
    ``stage`` scores and the expert has neither scored nor declared a conflict with."""
    to_score = (
        review.stage_projects(cycle, stage)
        .filter(category=OuterRef("category"))
        .exclude(
            Exists(
                ConflictOfInterest.objects.filter(
                    expert=OuterRef(OuterRef("expert")), submission=OuterRef("pk")
                )
            )
        )
        .exclude(
            Exists(
                Score.objects.filter(
                    expert=OuterRef(OuterRef("expert")), stage=stage, submission=OuterRef("pk")
                )
            )
        )
        .order_by()
        .values("category")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return ExpertAssignment.objects.filter(cycle=cycle).annotate(
        outstanding=Coalesce(Subquery(to_score, output_field=IntegerField()), 0),
        expert_email=F("expert__email"),
        expert_name=F("expert__full_name"),
        expert_language=F("expert__preferred_language"),
        expert_time_zone=F("expert__time_zone"),
    )


def experts_with_reviews_outstanding(stage):
    def candidates(now, pks=None):
        for cycle in PrizeCycle.objects.select_related("edition").prefetch_related("edition__phases"):
            phase = review.phase_of(cycle, stage)
            # Only while the experts can score: neither before the phase opens nor after its deadline.
            if phase is None or phase.closes_at is None or not phase.opens_at <= now < phase.closes_at:
                continue
            assignments = (
                outstanding(cycle, stage)
                .filter(outstanding__gt=0)
                .select_related("category__action_line", "expert")
            )
            if pks is not None:
                assignments = assignments.filter(pk__in=pks)
            for assignment in assignments:
                yield Candidate(
                    assignment,
                    assignment.expert_email,
                    assignment.expert_language,
                    phase.closes_at,
                    {
                        "cycle": cycle,
                        "stage": ReviewStage(stage).label,
                        "outstanding": assignment.outstanding,
                        "name": assignment.expert_name or assignment.expert_email,
                    },
                    assignment.expert_time_zone,
                )

    return candidates


register(
    Rule(
        key="prizes.draft_submission",
        kind=_("Prize projects not yet submitted"),
        offsets=(14, 7, 1),
        candidates=draft_submissions,
        template="prizes/email/draft_submission",
    )
)
register(
    Rule(
        key="prizes.review_nomination",
        kind=_("Prize projects the experts have not scored yet (choice of the nominees)"),
        offsets=(14, 7, 1),
        candidates=experts_with_reviews_outstanding(ReviewStage.NOMINATION),
        template="prizes/email/review_outstanding",
    )
)
register(
    Rule(
        key="prizes.review_selection",
        kind=_("Prize projects the experts have not scored yet (choice of the winners)"),
        offsets=(14, 7, 1),
        candidates=experts_with_reviews_outstanding(ReviewStage.SELECTION),
        template="prizes/email/review_outstanding",
    )
)

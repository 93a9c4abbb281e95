"""The expert group: experts assigned to categories of a cycle, the conflicts of interest they declare, and
the scores they give projects on the WSIS criteria (``Criterion``), weighted by the cycle.

An expert scores the projects of their categories twice: when choosing the nominees (stage "nomination")
and, among the champions, when choosing the winner (stage "selection"). A declared conflict hides the
project from that expert for good."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .submission import Criterion, PrizeCategory, PrizeCycle, Submission

HIGHEST_SCORE = 10


class ExpertAssignment(models.Model):
    """An expert of the group, assigned to score the projects of one category of a cycle."""

    cycle = models.ForeignKey(
        PrizeCycle, on_delete=models.CASCADE, related_name="expert_assignments", verbose_name=_("prize cycle")
    )
    category = models.ForeignKey(
        PrizeCategory, on_delete=models.PROTECT, related_name="expert_assignments", verbose_name=_("category")
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="prize_assignments",
        verbose_name=_("expert"),
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        ordering = ["cycle", "category__position", "expert__email"]
        verbose_name = _("expert assignment")
        verbose_name_plural = _("expert assignments")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "category", "expert"], name="prize_expert_assigned_once")
        ]

    def __str__(self):
        return f"{self.expert} — {self.category}"


class ConflictOfInterest(models.Model):
    """An expert's declaration that they have an interest in a project: they never see or score it."""

    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="prize_conflicts",
        verbose_name=_("expert"),
    )
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("project")
    )
    reason = models.TextField(_("nature of the interest"))
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)

    class Meta:
        ordering = ["-declared_at"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["expert", "submission"], name="prize_conflict_declared_once")
        ]

    def __str__(self):
        return f"{self.expert} — {self.submission}"


class ReviewStage(models.TextChoices):
    NOMINATION = "nomination", _("Choice of the nominees")
    SELECTION = "selection", _("Choice of the winner")


def _score_field(criterion):
    return models.PositiveSmallIntegerField(criterion.label, validators=[MaxValueValidator(HIGHEST_SCORE)])


class Score(models.Model):
    """One expert's scores of one project at one stage, 0 to 10 on each WSIS criterion."""

    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="prize_scores",
        verbose_name=_("expert"),
    )
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="scores", verbose_name=_("project")
    )
    stage = models.CharField(_("stage"), max_length=12, choices=ReviewStage.choices)
    results_impact = _score_field(Criterion.RESULTS_IMPACT)
    community_empowerment = _score_field(Criterion.COMMUNITY_EMPOWERMENT)
    sdg_relevance = _score_field(Criterion.SDG_RELEVANCE)
    replication = _score_field(Criterion.REPLICATION)
    sustainability = _score_field(Criterion.SUSTAINABILITY)
    partnerships = _score_field(Criterion.PARTNERSHIPS)
    wsis_values = _score_field(Criterion.WSIS_VALUES)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["submission", "expert__email"]
        verbose_name = _("expert score")
        verbose_name_plural = _("expert scores")
        constraints = [
            models.UniqueConstraint(
                fields=["expert", "submission", "stage"], name="prize_score_once_per_stage"
            ),
            models.CheckConstraint(
                condition=Q(
                    *(Q(**{f"{criterion.value}__lte": HIGHEST_SCORE}) for criterion in Criterion),
                ),
                name="prize_score_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.expert} — {self.submission} ({self.get_stage_display()})"

    def weighted(self, weights) -> float:
        """The weighted mean of the criteria, on the 0–10 scale, with ``weights`` by criterion."""
        total = sum(weights.get(criterion.value, 0) for criterion in Criterion)
        if not total:
            return 0.0
        return sum(getattr(self, c.value) * weights.get(c.value, 0) for c in Criterion) / total

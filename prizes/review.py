"""The expert review of the WSIS Prizes: every state change of the expert group and of the secretariat's
choices that follow it. Views and the admin call these; nothing else writes a score or moves a project to
nominee or winner.

Two stages, each the window of one phase of the cycle (Geneva time, on the server):

- "nomination" (phase ``nomination``): the experts assigned to a category score the projects entered in
  it; the secretariat ranks them by mean weighted score, marks the nominees (``make_nominees``) and, once
  the phase is over, publishes them (``publish_nominees``);
- "selection" (phase ``selection``): the experts score the champions of their categories; the secretariat
  chooses one winner per category (``choose_winner``) and, once the phase is over, publishes the winners
  (``publish_winners``), which issues the certificates.

An expert may declare a conflict of interest with a project at any time, even after scoring it: from then
on the project is hidden from them and refused to them, and their scores of it no longer count. Nothing is
deleted, so the secretariat still sees what was declared and when.
"""

from dataclasses import dataclass, field
from functools import partial

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Exists, F, FloatField, Max, Min, OuterRef, StdDev, Value
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wsis_portal.editions.schedule import is_open
from wsis_portal.lifecycle.audit import record
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.links import absolute_url
from wsis_portal.mail.services import send_templated_mail
from wsis_portal.stakeholders.models import User
from wsis_portal.stakeholders.roles import Role

from . import results
from .models import (
    HIGHEST_SCORE,
    NOMINATION_PHASE,
    SELECTION_PHASE,
    ConflictOfInterest,
    Criterion,
    ExpertAssignment,
    PrizeCategory,
    PrizeCycle,
    ReviewStage,
    Score,
    State,
    Submission,
)

# The phase of the cycle that is each stage's window.
PHASES = {ReviewStage.NOMINATION: NOMINATION_PHASE, ReviewStage.SELECTION: SELECTION_PHASE}
# The projects each stage scores: at nomination every project entered in the cycle (marking nominees
# hides none from the experts), at selection the champions and the winner chosen among them.
STAGE_STATES = {
    ReviewStage.NOMINATION: (State.SUBMITTED, State.NOMINEE, State.CHAMPION, State.WINNER),
    ReviewStage.SELECTION: (State.CHAMPION, State.WINNER),
}
CRITERIA = tuple(criterion.value for criterion in Criterion)
OUT_OF_RANGE = gettext_lazy("Give a whole number from 0 to 10.")
CHANGED = gettext_lazy("This was changed in the meantime: reload the page.")


# Who may do what


def may_decide(user) -> bool:
    """Moving a project to nominee or winner is changing its state: the "change" permission of
    submissions, as in the other processes' reviews."""
    return user.is_authenticated and user.has_perm("prizes.change_submission")


def may_publish(user) -> bool:
    """Publishing the nominees or the winners changes the cycle."""
    return user.is_authenticated and user.has_perm("prizes.change_prizecycle")


def assignments_of(expert):
    """The assignments of ``expert`` that count: those of an account holding the reviewer role. An account
    that lost it keeps its assignments on record but no longer reads or scores any project."""
    return ExpertAssignment.objects.filter(expert=expert, expert__groups__name=Role.REVIEWER.group_name)


def expert_candidates():
    """The accounts the secretariat may assign as experts: active, their own address verified (people who
    signed up on the site and confirmed it), whether or not they are in the expert group yet."""
    verified = EmailAddress.objects.filter(
        user=OuterRef("pk"), email__iexact=OuterRef("email"), verified=True, primary=True
    )
    return User.objects.filter(Exists(verified), is_active=True).order_by("email")


def admit_to_expert_group(expert, by):
    """Give ``expert`` the reviewer role when the secretariat assigns them to a category: assigning is how
    the secretariat makes someone an expert (the role grants no permission beyond the expert's pages).
    Only by whoever may assign experts, only for an account ``expert_candidates`` offers; once, recorded in
    the audit log. Returns whether the role was given now."""
    if not by.has_perm("prizes.add_expertassignment"):
        raise PermissionDenied
    if not expert_candidates().filter(pk=expert.pk).exists():
        raise ValidationError(_("Only an active account with a verified address can be an expert."))
    if Role.REVIEWER.held_by(expert):
        return False
    expert.groups.add(Group.objects.get(name=Role.REVIEWER.group_name))
    expert._role_names = None
    record(by, AuditEntry.Action.CHANGED, expert, {"roles": ("", Role.REVIEWER.group_name)})
    return True


def expert_assigned(assignment, by):
    """After the secretariat assigns ``assignment.expert`` to a category: the expert holds the reviewer role
    (``admit_to_expert_group``) and is told by mail, in their language, with the link to their projects."""
    admit_to_expert_group(assignment.expert, by)
    expert = assignment.expert
    with translation.override(expert.preferred_language):
        link = absolute_url(reverse("prizes:review"))
    send_templated_mail(
        "prizes/email/expert_assigned",
        expert.email,
        {"user": expert, "assignment": assignment, "link": link},
        expert.preferred_language,
    )


def is_assigned(expert, submission) -> bool:
    return (
        assignments_of(expert)
        .filter(cycle_id=submission.cycle_id, category_id=submission.category_id)
        .exists()
    )


def has_conflict(expert, submission) -> bool:
    return ConflictOfInterest.objects.filter(expert=expert, submission=submission).exists()


# Stages and their windows


def phase_of(cycle, stage):
    return cycle.phase(PHASES[stage])


def is_scoring(cycle, stage, at=None) -> bool:
    """True while the stage's phase is open (Geneva time, server clock)."""
    phase = phase_of(cycle, stage)
    return phase is not None and is_open(phase, at)


def has_started(cycle, stage, at=None) -> bool:
    phase = phase_of(cycle, stage)
    return phase is not None and (at or timezone.now()) >= phase.opens_at


def has_ended(cycle, stage, at=None) -> bool:
    phase = phase_of(cycle, stage)
    return phase is not None and phase.closes_at is not None and (at or timezone.now()) >= phase.closes_at


def current_stage(cycle, at=None):
    """The stage open now, else the last one that has started (shown read-only), else None."""
    started = [
        stage for stage in (ReviewStage.SELECTION, ReviewStage.NOMINATION) if has_started(cycle, stage, at)
    ]
    open_now = [stage for stage in started if is_scoring(cycle, stage, at)]
    return (open_now or started or [None])[0]


def stage_projects(cycle, stage):
    """The projects of ``cycle`` that ``stage`` scores."""
    return Submission.objects.counted().filter(cycle=cycle, state__in=STAGE_STATES[stage])


# What an expert sees


def conflicted(expert):
    """The projects ``expert`` declared a conflict of interest with, as an ``Exists`` on a submission."""
    return Exists(ConflictOfInterest.objects.filter(expert=expert, submission=OuterRef("pk")))


def projects_to_review(expert, cycle, stage):
    """The projects ``expert`` scores at ``stage``: those of their categories, without the ones they
    declared a conflict with, in category order, each with ``scored`` (whether they have scored it)."""
    categories = assignments_of(expert).filter(cycle=cycle).values("category")
    return (
        stage_projects(cycle, stage)
        .filter(category__in=categories)
        .exclude(conflicted(expert))
        .annotate(scored=Exists(Score.objects.filter(expert=expert, stage=stage, submission=OuterRef("pk"))))
        .select_related("category__action_line", "organisation")
        .order_by("category__position", "reference", "pk")
    )


# The expert's actions


def _check_expert(expert, submission):
    if not expert.is_authenticated or not submission.counts or not is_assigned(expert, submission):
        raise PermissionDenied


def declare_conflict(submission, expert, reason):
    """Declare that ``expert`` has an interest in ``submission`` (a project of one of their categories),
    with the nature of the interest. Allowed at any time, even after scoring it: from then on the project
    is hidden from the expert and refused to them, and their scores of it are not counted. Once only;
    recorded in the audit log."""
    _check_expert(expert, submission)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say what your interest in this project is.")}, code="required")
    with transaction.atomic():
        try:
            with transaction.atomic():
                conflict = ConflictOfInterest.objects.create(
                    expert=expert, submission=submission, reason=reason
                )
        except IntegrityError:
            raise ValidationError(
                _("You have already declared a conflict of interest with this project."), code="declared"
            ) from None
        record(expert, AuditEntry.Action.CREATED, conflict, {"reason": ("", reason)})
    return conflict


def _values(data):
    """The seven criteria of ``data`` as whole numbers from 0 to 10; refuses anything else."""
    values = {}
    for name in CRITERIA:
        value = data.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= HIGHEST_SCORE:
            raise ValidationError({name: OUT_OF_RANGE}, code="out_of_range")
        values[name] = value
    return values


def save_score(submission, expert, stage, data):
    """Create or update ``expert``'s score of ``submission`` at ``stage`` from ``data`` (the seven
    criteria, 0 to 10, and ``comment``).

    Guarantees: only an expert assigned to the project's category, who declared no conflict with it, only
    for a project the stage scores, only while the stage's phase is open (Geneva time, server clock); one
    score per expert, project and stage, even when two saves race; the audit log records each change.
    """
    _check_expert(expert, submission)
    if has_conflict(expert, submission):
        raise PermissionDenied
    if submission.state not in STAGE_STATES[stage]:
        raise ValidationError(_("This project is not scored at this stage."), code="not_in_stage")
    if not is_scoring(submission.cycle, stage):
        raise ValidationError(
            _("The experts' scoring of this stage is closed: scores can no longer be changed."),
            code="closed",
        )
    values = {**_values(data), "comment": data.get("comment", "").strip()}
    try:
        with transaction.atomic():
            score, created = Score.objects.select_for_update().get_or_create(
                expert=expert, submission=submission, stage=stage, defaults=values
            )
            if created:
                record(expert, AuditEntry.Action.CREATED, score, {n: (None, v) for n, v in values.items()})
                return score
            changes = {n: (getattr(score, n), v) for n, v in values.items() if getattr(score, n) != v}
            if changes:
                for name, value in values.items():
                    setattr(score, name, value)
                score.save()
                record(expert, AuditEntry.Action.CHANGED, score, changes)
    except IntegrityError:
        raise ValidationError(CHANGED, code="changed") from None
    return score


# What the secretariat sees


def weights(cycle):
    """The cycle's weight of each criterion, as fractions of their total (missing or invalid ones count
    0); all zero when the weights add up to nothing, as ``Score.weighted`` reads them."""
    raw = {}
    for name in CRITERIA:
        value = (cycle.criteria_weights or {}).get(name, 0)
        raw[name] = float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0
        raw[name] = max(raw[name], 0.0)
    total = sum(raw.values())
    return {name: (value / total if total else 0.0) for name, value in raw.items()}


def weighted_expression(cycle):
    """The weighted score of a score row (0 to 10) as a database expression."""
    expression = Value(0.0, output_field=FloatField())
    for name, weight in weights(cycle).items():
        expression = expression + Cast(F(name), FloatField()) * Value(weight, output_field=FloatField())
    return expression


def counted_scores(cycle, stage):
    """The scores that count at ``stage``: by an expert assigned to the project's category, who declared
    no conflict with it."""
    return Score.objects.filter(submission__cycle=cycle, stage=stage).filter(
        Exists(
            ExpertAssignment.objects.filter(
                cycle=cycle, category=OuterRef("submission__category"), expert=OuterRef("expert")
            )
        ),
        ~Exists(
            ConflictOfInterest.objects.filter(expert=OuterRef("expert"), submission=OuterRef("submission"))
        ),
    )


@dataclass
class RankedProject:
    submission: Submission
    mean: float | None
    lowest: float | None
    highest: float | None
    deviation: float | None
    scores: int
    missing: list = field(default_factory=list)


@dataclass
class CategoryReview:
    category: PrizeCategory
    experts: int
    projects: list

    @property
    def missing(self) -> int:
        return sum(len(project.missing) for project in self.projects)


def overview(cycle, stage):
    """Per category of ``cycle`` with projects at ``stage``: its projects ranked by mean weighted score
    (unscored last), each with the spread of its scores (lowest, highest, standard deviation), how many
    count, and the assigned experts who have not scored it (those who declared a conflict excepted).
    Four queries, whatever the number of projects, experts and scores."""
    valid = counted_scores(cycle, stage).annotate(value=weighted_expression(cycle))
    figures = {
        row["submission"]: row
        for row in valid.order_by()
        .values("submission")
        .annotate(
            mean=Avg("value"),
            lowest=Min("value"),
            highest=Max("value"),
            deviation=StdDev("value"),
            n=Count("pk"),
        )
    }
    projects = list(
        stage_projects(cycle, stage)
        .select_related("category__action_line", "organisation")
        .order_by("category__position", "reference", "pk")
    )
    # One row per project and assigned expert who neither scored it at this stage nor declared a conflict.
    missing = {}
    for submission_id, expert_email, expert_name in (
        stage_projects(cycle, stage)
        .filter(category__expert_assignments__cycle=cycle)
        .annotate(expert=F("category__expert_assignments__expert"))
        .exclude(
            Exists(Score.objects.filter(stage=stage, submission=OuterRef("pk"), expert=OuterRef("expert")))
        )
        .exclude(
            Exists(ConflictOfInterest.objects.filter(submission=OuterRef("pk"), expert=OuterRef("expert")))
        )
        .order_by("category__expert_assignments__expert__email")
        .values_list(
            "pk",
            "category__expert_assignments__expert__email",
            "category__expert_assignments__expert__full_name",
        )
    ):
        missing.setdefault(submission_id, []).append(expert_name or expert_email)
    experts = dict(
        ExpertAssignment.objects.filter(cycle=cycle)
        .order_by()
        .values("category")
        .annotate(n=Count("pk"))
        .values_list("category", "n")
    )
    categories = {}
    for submission in projects:
        row = figures.get(submission.pk, {})
        ranked = RankedProject(
            submission,
            row.get("mean"),
            row.get("lowest"),
            row.get("highest"),
            row.get("deviation"),
            row.get("n", 0),
            missing.get(submission.pk, []),
        )
        category = submission.category
        if category.pk not in categories:
            categories[category.pk] = CategoryReview(category, experts.get(category.pk, 0), [])
        categories[category.pk].projects.append(ranked)
    for review in categories.values():
        review.projects.sort(key=lambda p: (p.mean is None, -(p.mean or 0), p.submission.reference or ""))
    return list(categories.values())


# The secretariat's decisions


@dataclass
class Decisions:
    """What a bulk decision did: how many projects it moved, and why each other one was refused."""

    done: int = 0
    refused: list = field(default_factory=list)


def _move(submission, before, after, by):
    """The guarded change of state: one conditional UPDATE, so a double click or two clerks at once move
    a project once; with its audit entry. The caller runs it in its transaction."""
    changed = Submission.objects.filter(pk=submission.pk, state=before).update(
        state=after, decided_at=timezone.now(), decided_by=by
    )
    if not changed:
        raise ValidationError(CHANGED, code="changed")
    record(by, AuditEntry.Action.CHANGED, submission, {"state": (before, after)})
    submission.refresh_from_db()


def make_nominee(submission, by):
    """Mark an entered project as a nominee of its category. Only by whoever may decide, once the
    nomination phase has started and until the nominees are published; only a project entered and not yet
    decided on (state "submitted")."""
    if not may_decide(by):
        raise PermissionDenied
    cycle = submission.cycle
    if not has_started(cycle, ReviewStage.NOMINATION):
        raise ValidationError(_("The experts' review of this cycle has not started yet."), code="early")
    if cycle.nominees_published_at is not None:
        raise ValidationError(
            _("The nominees of this cycle are published: they can no longer change."), code="published"
        )
    if not submission.counts or submission.state != State.SUBMITTED:
        raise ValidationError(
            _("Only a project entered and not yet chosen can become a nominee."), code="state"
        )
    with transaction.atomic():
        _move(submission, State.SUBMITTED, State.NOMINEE, by)
    return submission


def choose_winner(submission, by):
    """Choose a champion as the winner of its category. Only by whoever may decide, once the selection
    phase has started and until the winners are published; one winner per category of a cycle, even when
    two clerks choose at once (the cycle's row is locked while it is checked)."""
    if not may_decide(by):
        raise PermissionDenied
    with transaction.atomic():
        # Serialises the choices of a cycle: the second of two concurrent choices sees the first winner.
        locked = PrizeCycle.objects.select_for_update().get(pk=submission.cycle_id)
        if not has_started(submission.cycle, ReviewStage.SELECTION):
            raise ValidationError(_("The selection of the winners has not started yet."), code="early")
        if locked.winners_published_at is not None:
            raise ValidationError(
                _("The winners of this cycle are published: they can no longer change."), code="published"
            )
        if Submission.objects.filter(
            cycle_id=submission.cycle_id, category_id=submission.category_id, state=State.WINNER
        ).exists():
            raise ValidationError(_("This category already has its winner."), code="has_winner")
        if submission.state != State.CHAMPION:
            raise ValidationError(_("Only a champion can be chosen as the winner."), code="state")
        _move(submission, State.CHAMPION, State.WINNER, by)
    return submission


def _each(submissions, decide, by):
    result = Decisions()
    for submission in submissions.select_related("cycle__edition").prefetch_related("cycle__edition__phases"):
        try:
            decide(submission, by)
            result.done += 1
        except (ValidationError, PermissionDenied) as error:
            reason = " ".join(getattr(error, "messages", [])) or _("not allowed")
            result.refused.append(f"{submission.reference or submission.pk}: {reason}")
    return result


def make_nominees(submissions, by) -> Decisions:
    """``make_nominee`` for each of ``submissions``; the others are refused one by one with their reason."""
    return _each(submissions, make_nominee, by)


def choose_winners(submissions, by) -> Decisions:
    """``choose_winner`` for each of ``submissions`` (the second of a category is refused)."""
    return _each(submissions.order_by("category__position", "pk"), choose_winner, by)


def _categories_without(cycle, states, chosen):
    """Names of the categories with projects in ``states`` but none in ``chosen``."""
    entered = Submission.objects.counted().filter(cycle=cycle)
    with_projects = entered.filter(state__in=states).values("category")
    with_chosen = entered.filter(state=chosen).values("category")
    return [
        str(category)
        for category in PrizeCategory.objects.filter(pk__in=with_projects)
        .exclude(pk__in=with_chosen)
        .select_related("action_line")
    ]


def _publish(cycle, by, stage, field_name, states, chosen):
    if not may_publish(by):
        raise PermissionDenied
    if not has_ended(cycle, stage):
        raise ValidationError(
            _("The experts can still change their scores: publish once the phase is over."), code="early"
        )
    if getattr(cycle, field_name) is not None:
        raise ValidationError(_("These results are already published."), code="published")
    missing = _categories_without(cycle, states, chosen)
    if missing:
        raise ValidationError(
            _("Each category with projects needs its choice first; missing: %(categories)s.")
            % {"categories": "; ".join(missing)},
            code="incomplete",
        )
    now = timezone.now()
    changed = (
        type(cycle).objects.filter(pk=cycle.pk, **{f"{field_name}__isnull": True}).update(**{field_name: now})
    )
    if not changed:
        raise ValidationError(_("These results are already published."), code="published")
    setattr(cycle, field_name, now)
    record(by, AuditEntry.Action.CHANGED, cycle, {field_name: (None, now)})


def publish_nominees(cycle, by):
    """Publish the nominees of ``cycle``: once, by whoever may change the cycle, after the nomination
    phase is over (scores are final), and only when each category with entered projects has at least one
    nominee (a forgotten category is refused, named). Each nominee's owner is told, in their language."""
    with transaction.atomic():
        _publish(
            cycle,
            by,
            ReviewStage.NOMINATION,
            "nominees_published_at",
            STAGE_STATES[ReviewStage.NOMINATION],
            State.NOMINEE,
        )
        for submission in (
            Submission.objects.counted()
            .filter(cycle=cycle, state=State.NOMINEE)
            .select_related("owner", "category__action_line", "cycle__edition")
        ):
            if submission.owner is not None:
                send_templated_mail(
                    "prizes/email/nominee",
                    submission.owner.email,
                    {"user": submission.owner, "submission": submission},
                    submission.owner.preferred_language,
                )
    return cycle


def publish_winners(cycle, by):
    """Publish the winners of ``cycle``: once, by whoever may change the cycle, after the selection phase
    is over, and only when each category with champions has its winner. Once committed, the certificates
    are issued (``prizes.results.issue_certificates``)."""
    with transaction.atomic():
        _publish(
            cycle,
            by,
            ReviewStage.SELECTION,
            "winners_published_at",
            STAGE_STATES[ReviewStage.SELECTION],
            State.WINNER,
        )
        transaction.on_commit(partial(results.issue_certificates, cycle))
    return cycle

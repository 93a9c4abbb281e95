"""The expert's pages of the WSIS Prizes: the projects of their categories at the current stage, the page
where they read a project and score it, and the declaration of a conflict of interest. Who sees what and
until when is decided by ``prizes.review``; a project the expert may not see answers 403 with the reason,
in their language."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import review, services
from ..forms_review import ConflictForm, ScoreForm, initial_of
from ..models import ConflictOfInterest, Criterion, ReviewStage, Score, Submission


def _refused(request, reason):
    return render(request, "prizes/review/refused.html", {"reason": reason}, status=403)


def _stage(cycle):
    """The stage shown: the one open now, else the last one started, else the first (not open yet)."""
    return review.current_stage(cycle) or ReviewStage.NOMINATION


@login_required
@require_http_methods(["GET", "HEAD"])
def projects(request):
    """The projects the expert scores at the current stage, by category, and the conflicts they declared."""
    cycle = services.current_cycle()
    assignments = []
    if cycle is not None:
        assignments = list(
            review.assignments_of(request.user).filter(cycle=cycle).select_related("category__action_line")
        )
    if not assignments:
        return _refused(request, _("You are not a member of the expert group of the current WSIS Prizes."))
    stage = _stage(cycle)
    return render(
        request,
        "prizes/review/projects.html",
        {
            "cycle": cycle,
            "stage": stage,
            "stage_label": ReviewStage(stage).label,
            "phase": review.phase_of(cycle, stage),
            "scoring": review.is_scoring(cycle, stage),
            "ended": review.has_ended(cycle, stage),
            "assignments": assignments,
            "projects": review.projects_to_review(request.user, cycle, stage),
            "conflicts": ConflictOfInterest.objects.filter(
                expert=request.user, submission__cycle=cycle
            ).select_related("submission"),
        },
    )


def _project(request, pk):
    """The entered project ``pk`` of the current cycle; 404 when there is none, else None and the reason
    the expert may not see it."""
    cycle = services.current_cycle()
    submission = get_object_or_404(
        Submission.objects.counted()
        .filter(cycle=cycle)
        .select_related("cycle__edition", "category__action_line", "organisation")
        .prefetch_related("cycle__edition__phases", "sdgs", "gdc_objectives"),
        pk=pk,
    )
    if not review.is_assigned(request.user, submission):
        return submission, _("This project is not in a category you are assigned to.")
    if review.has_conflict(request.user, submission):
        return submission, _(
            "You declared a conflict of interest with this project: it is hidden from you and you cannot "
            "score it."
        )
    return submission, None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def project(request, pk):
    """A project of the expert's categories with their score at the current stage: a form while the
    stage's phase is open, read-only after it."""
    submission, refused = _project(request, pk)
    if refused:
        return _refused(request, refused)
    cycle = submission.cycle
    stage = _stage(cycle)
    if submission.state not in review.STAGE_STATES[stage]:
        raise Http404
    score = Score.objects.filter(expert=request.user, submission=submission, stage=stage).first()
    scoring = review.is_scoring(cycle, stage)
    weights = review.weights(cycle)
    data = request.POST if request.method == "POST" else None
    form = ScoreForm(data, initial=initial_of(score), weights=weights)
    if data is not None and form.is_valid():
        try:
            review.save_score(submission, request.user, stage, form.content())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your score of “%(title)s” has been saved; you can change it until the deadline.")
                % {"title": submission.title},
            )
            return redirect("prizes:review")
    return render(
        request,
        "prizes/review/project.html",
        {
            "submission": submission,
            "stage_label": ReviewStage(stage).label,
            "phase": review.phase_of(cycle, stage),
            "scoring": scoring,
            "ended": review.has_ended(cycle, stage),
            "score": score,
            "form": form,
            "given": [(c.label, getattr(score, c.value)) for c in Criterion] if score else [],
            "weighted": score.weighted(weights) if score else None,
        },
        status=400 if data is not None else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def conflict(request, pk):
    """Declare a conflict of interest with a project of the expert's categories: only its title and
    organization are shown, and from then on it is hidden from them."""
    submission, refused = _project(request, pk)
    if refused:
        return _refused(request, refused)
    data = request.POST if request.method == "POST" else None
    form = ConflictForm(data)
    if data is not None and form.is_valid():
        try:
            review.declare_conflict(submission, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Your conflict of interest with “%(title)s” is recorded: the project is now hidden "
                    "from you."
                )
                % {"title": submission.title},
            )
            return redirect("prizes:review")
    return render(
        request,
        "prizes/review/conflict.html",
        {"submission": submission, "form": form},
        status=400 if data is not None else 200,
    )

"""The participant's pages of the WSIS Prizes: the cycle and its categories, "my submissions", the draft
form (a project of one's own organization, or a nomination), sending it, and the page where a project's
contact confirms a nomination. Every rule (who, until when, which project) is checked by ``services``;
these views report what it says."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from wsis_portal.editions import schedule
from wsis_portal.editions.models import Process
from wsis_portal.stakeholders import behalf
from wsis_portal.stakeholders.views import focal_point_needed, verify_email_first

from .. import services, stocktaking_link
from ..forms import StocktakingCoverageForm, SubmissionForm
from ..models import PrizeCategory, State, Submission

ALREADY_IN_STOCKTAKING = gettext_lazy("This project is already in the WSIS Stocktaking.")
# The query parameter of a draft's page that shows why it could not be sent.
REFUSED = "refused"


@require_http_methods(["GET", "HEAD"])
def cycle(request):
    """The current cycle: its phases, its categories, and what a stakeholder can do while it is open."""
    current = services.current_cycle()
    phases = []
    if current is not None:
        phases = sorted(
            (phase for phase in current.edition.phases.all() if phase.process == Process.PRIZES),
            key=lambda phase: phase.opens_at,
        )
    return render(
        request,
        "prizes/cycle.html",
        {
            "cycle": current,
            "phases": phases,
            "open_phase": schedule.process_state(phases).open_phase,
            "accepting": current is not None and current.is_accepting(),
            "is_expert": current is not None
            and request.user.is_authenticated
            and current.expert_assignments.filter(expert=request.user).exists(),
            "categories": PrizeCategory.objects.select_related("action_line"),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def my_submissions(request):
    return render(
        request,
        "prizes/my_submissions.html",
        {"submissions": Submission.objects.of(request.user), "cycle": services.current_cycle()},
    )


def _own(request, pk):
    """The submission, if the user may edit it (404 otherwise, as for one that does not exist), with what
    its pages show."""
    submission = get_object_or_404(
        Submission.objects.select_related(
            "cycle__edition", "category__action_line", "organisation", "stocktaking_entry"
        ).prefetch_related("cycle__edition__phases", "sdgs", "gdc_objectives"),
        pk=pk,
    )
    if not services.may_edit(submission, request.user):
        raise Http404
    return submission


def _detail(request, submission, status=200, coverage_form=None):
    if coverage_form is None and stocktaking_link.may_publish(submission, request.user):
        coverage_form = StocktakingCoverageForm()
    return render(
        request,
        "prizes/detail.html",
        {
            "submission": submission,
            "changeable": services.can_change(submission),
            "closed": submission.state == State.DRAFT and not submission.cycle.is_accepting(),
            "coverage_form": coverage_form,
        },
        status=status,
    )


def _send(submission, by):
    """Submit or nominate, as the submission is; return the message to show."""
    if submission.is_nomination:
        services.nominate(submission, by)
        return _(
            "Your nomination has been sent (reference %(reference)s). It counts once the project's contact "
            "confirms it through the link we have mailed to them."
        ) % {"reference": submission.reference}
    services.submit(submission, by)
    return _(
        "Your project has been submitted (reference %(reference)s). A receipt is on its way by e-mail."
    ) % {"reference": submission.reference}


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, kind=None, pk=None):
    """A new draft (filled in from a stocktaking entry with ``?entry=<pk>``), or a draft to change; after
    the deadline a draft is shown read-only."""
    entry = None
    if pk is None:
        if not behalf.email_is_verified(request.user):
            return verify_email_first(request)
        if kind == Submission.Kind.SUBMISSION and not behalf.organisations_of(request.user).exists():
            return focal_point_needed(request, _("Submit a project"))
        current = services.current_cycle()
        if current is None or not current.is_accepting():
            return render(request, "prizes/closed.html", {"cycle": current, "kind": kind}, status=200)
        submission = Submission(cycle=current, kind=kind)
        category = services.category_of(request.GET.get("category", ""))
        initial = {"category": category.pk} if category else {}
        if kind == Submission.Kind.SUBMISSION and "entry" in request.GET:
            # Filled in from a stocktaking entry the user may edit (403 otherwise); saved only on "save".
            entry = stocktaking_link.entry_to_submit(request.GET["entry"], request.user)
            initial.update(stocktaking_link.draft_initial(entry, current, request.user))
    else:
        submission = _own(request, pk)
        initial = {}
        if not services.can_change(submission):
            if submission.state == State.DRAFT:
                return _detail(request, submission, status=400 if request.method == "POST" else 200)
            messages.info(request, _("This has been sent and can no longer be changed."))
            return redirect("prizes:detail", pk=submission.pk)
    data = request.POST if request.method == "POST" else None
    form = SubmissionForm(data, instance=submission, initial=initial, user=request.user)
    if data is None and pk is not None and REFUSED in request.GET:
        refusal = services.refusal(submission, request.user)
        if refusal is not None:
            form.show_refusal(refusal)
    if data is not None and form.is_valid():
        saved = False
        try:
            submission = services.save_draft(submission, form.content(), request.user)
            saved = True
            if "submit" in request.POST:
                messages.success(request, _send(submission, request.user))
                return redirect("prizes:detail", pk=submission.pk)
        except ValidationError as error:
            form.add_error(None, error)
            if saved:
                messages.info(
                    request, _("Your draft has been saved; correct what is marked before sending it.")
                )
                if pk is None:
                    # A new draft now exists: show it at its own address, so that sending the page again
                    # (a retry, a reload) changes this draft instead of creating another one.
                    return redirect(f"{reverse('prizes:edit', args=[submission.pk])}?{REFUSED}")
        else:
            messages.success(request, _("Your draft has been saved."))
            return redirect("prizes:edit", pk=submission.pk)
    return render(
        request,
        "prizes/edit.html",
        {"form": form, "submission": submission, "from_entry": entry},
        status=400 if data is not None and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def detail(request, pk):
    return _detail(request, _own(request, pk))


@login_required
@require_POST
def submit(request, pk):
    submission = _own(request, pk)
    try:
        messages.success(request, _send(submission, request.user))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(
            "prizes:edit" if services.can_change(submission) else "prizes:detail", pk=submission.pk
        )
    return redirect("prizes:detail", pk=submission.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The project's contact confirms or declines a nomination (no account needed: the link is the proof)."""
    nomination = services.nomination_for_token(token)
    if nomination is None:
        raise Http404
    if request.method == "POST":
        answer = request.POST.get("answer")
        try:
            if answer not in ("confirm", "decline"):
                messages.error(request, _("Choose whether you confirm the nomination or not."))
            elif answer == "confirm":
                if not services.confirm_nomination(nomination):
                    messages.error(request, _("You had already answered; your first answer stands."))
            elif not services.decline_nomination(nomination):
                messages.error(request, _("You had already answered; your first answer stands."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("prizes:confirm", token=token)
    return render(
        request,
        "prizes/confirm.html",
        {"nomination": nomination, "accepting": nomination.cycle.is_accepting()},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def publish_to_stocktaking(request, pk):
    """Publish a submitted project to the stocktaking: it goes to the stocktaking's review queue. The
    address of a refused form (reloaded, or in the other language) leads back to the project's page."""
    submission = _own(request, pk)
    if request.method != "POST":
        return redirect("prizes:detail", pk=submission.pk)
    if submission.stocktaking_entry_id is not None:
        messages.info(request, ALREADY_IN_STOCKTAKING)
        return redirect("prizes:detail", pk=submission.pk)
    if not stocktaking_link.may_publish(submission, request.user):
        messages.error(request, stocktaking_link.NOT_PUBLISHABLE)
        return redirect("prizes:detail", pk=submission.pk)
    form = StocktakingCoverageForm(request.POST)
    if not form.is_valid():
        return _detail(request, submission, status=400, coverage_form=form)
    try:
        entry, created = stocktaking_link.publish_to_stocktaking(submission, request.user, form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("prizes:detail", pk=submission.pk)
    if created:
        messages.success(
            request,
            _(
                "Your project has been sent to the WSIS Stocktaking (reference %(reference)s); it is "
                "published once the secretariat approves it."
            )
            % {"reference": entry.reference},
        )
    else:
        messages.info(request, ALREADY_IN_STOCKTAKING)
    return redirect("prizes:detail", pk=submission.pk)

"""The public side of the open consultation: its timeline for an edition, and the page where a nominee
agrees or declines to be nominated (no account needed: the signed link is the proof)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wsis_portal.editions import schedule
from wsis_portal.editions.cache import current_edition
from wsis_portal.editions.models import Process

from .. import services
from ..models import Consultation


@require_http_methods(["GET", "HEAD"])
def timeline(request, year=None):
    """The consultation of the current edition (or of ``year``): its phases and what is open now, its
    meetings, and what a stakeholder can do while it accepts submissions."""
    is_current = year is None
    if is_current:
        edition = current_edition()
        year = edition.year if edition else None
    consultation = None
    if year is not None:
        consultation = (
            Consultation.objects.filter(edition__year=year)
            .select_related("edition")
            .prefetch_related("edition__phases", "meetings")
            .first()
        )
    if consultation is None:
        if is_current:
            # The home page links here all year: say there is nothing yet rather than "not found".
            return render(request, "consultations/timeline.html", {"consultation": None})
        raise Http404
    phases = sorted(
        (phase for phase in consultation.edition.phases.all() if phase.process == Process.CONSULTATION),
        key=lambda phase: phase.opens_at,
    )
    return render(
        request,
        "consultations/timeline.html",
        {
            "consultation": consultation,
            "phases": phases,
            "open_phase": schedule.process_state(phases).open_phase,
            "meetings": consultation.meetings.all(),
            "accepting": services.is_accepting(consultation),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def consent(request, token):
    """A nominee says whether they agree to be nominated; they answer once."""
    nomination = services.nomination_for_token(token)
    if nomination is None:
        raise Http404
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("agree", "decline"):
            messages.error(request, _("Choose whether you agree to be nominated or not."))
        elif not services.answer_consent(nomination, answer == "agree"):
            messages.error(request, _("You had already answered; your first answer stands."))
        # The page it leads to states the answer.
        return redirect("consultations:consent", token=token)
    return render(request, "consultations/consent.html", {"nomination": nomination})

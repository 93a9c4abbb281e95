"""The Forum agenda: the current edition's sessions by day, and the page of one session."""

from itertools import groupby
from operator import attrgetter

from django.conf import settings
from django.db.models import F
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.http import require_http_methods

from wsis_portal.editions.cache import current_edition

from .models import Session


def text_language(session):
    """The language a session's title is written in: an accepted workshop request's text is copied into
    every portal language until the secretariat translates it; otherwise the reader's language, or the
    default one that fills in for an empty translation."""
    active = translation.get_language()
    request = getattr(session, "workshop_request", None)
    if request is not None and getattr(session, f"title_{active}", None) == request.title:
        return request.language
    if getattr(session, f"title_{active}", None):
        return active
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


@require_http_methods(["GET", "HEAD"])
def agenda(request):
    """The sessions of the current edition grouped by day, those without a day last."""
    edition = current_edition()
    sessions = []
    if edition is not None:
        sessions = list(
            Session.objects.filter(edition=edition)
            .select_related("workshop_request")
            .order_by(F("day").asc(nulls_last=True), "title", "pk")
        )
    for session in sessions:
        session.text_language = text_language(session)
    days = [(day, list(group)) for day, group in groupby(sessions, key=attrgetter("day"))]
    return render(request, "forum_events/agenda.html", {"edition": edition, "days": days})


@require_http_methods(["GET", "HEAD"])
def session(request, pk):
    session = get_object_or_404(
        Session.objects.select_related("edition", "workshop_request").prefetch_related(
            "action_lines", "sdgs"
        ),
        pk=pk,
    )
    session.text_language = text_language(session)
    return render(
        request,
        "forum_events/session.html",
        {"session": session, "workshop_request": getattr(session, "workshop_request", None)},
    )

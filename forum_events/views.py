"""The public Forum agenda: the current edition's sessions by day and filtered, a page per session, the
same as iCalendar files, and the public list of changes once the agenda is published."""

from itertools import groupby
from operator import attrgetter

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wsis_portal.editions.cache import current_edition
from wsis_portal.editions.models import Format

from . import calendar
from .agenda import AgendaParams, filter_action_lines, forum_days, sessions
from .models import Agenda, Session, SessionChange, SessionSpeaker, SessionType


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


def calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def agenda_selection(request):
    """The current edition, the action lines offered as filters, and the valid filters of the URL."""
    edition = current_edition()
    action_lines = filter_action_lines()
    params = AgendaParams.from_query(request.GET, edition, {line.code for line in action_lines})
    return edition, action_lines, params


@require_http_methods(["GET", "HEAD"])
def agenda(request):
    """The sessions of the current edition grouped by day, those without a day last; filtered by day,
    type, action line and format from the URL."""
    edition, action_lines, params = agenda_selection(request)
    found = []
    if edition is not None:
        found = list(sessions(edition, params))
    for session in found:
        session.text_language = text_language(session)
    days = [(day, list(group)) for day, group in groupby(found, key=attrgetter("day"))]
    day_links = [(day, params.as_query(day=day.isoformat())) for day in forum_days(edition)]
    return render(
        request,
        "forum_events/agenda.html",
        {
            "edition": edition,
            "days": days,
            "params": params,
            "day_links": day_links,
            "all_days_query": params.as_query(day=""),
            "calendar_query": params.as_query(),
            "kinds": SessionType.choices,
            "formats": Format.choices,
            "action_lines": action_lines,
        },
    )


@require_http_methods(["GET", "HEAD"])
def agenda_ical(request):
    """The agenda as an iCalendar file, with the same filters as the page: no filter, the whole week."""
    edition, _action_lines, params = agenda_selection(request)
    if edition is None:
        return calendar_response(calendar.build([], None, _("WSIS Forum")), "wsis-forum.ics")
    found = list(sessions(edition, params).filter(starts_at__isnull=False))
    day = params.day.isoformat() if params.day else ""
    return calendar_response(
        calendar.build(found, edition, f"{edition} · {day}" if day else str(edition)),
        f"wsis-forum-{edition.year}-{day}.ics" if day else f"wsis-forum-{edition.year}.ics",
    )


@require_http_methods(["GET", "HEAD"])
def session(request, pk):
    """Everything about a session: its schedule, room and format, languages, topics, organisers,
    moderators and speakers (never their e-mail), and where it came from."""
    session = get_object_or_404(
        Session.objects.select_related("edition", "workshop_request").prefetch_related(
            "action_lines",
            "sdgs",
            Prefetch(
                "speakers",
                queryset=SessionSpeaker.objects.only(
                    "session_id", "role", "position", "name", "title", "organisation"
                ),
            ),
        ),
        pk=pk,
    )
    session.text_language = text_language(session)
    speakers = list(session.speakers.all())
    return render(
        request,
        "forum_events/session.html",
        {
            "session": session,
            "workshop_request": getattr(session, "workshop_request", None),
            "moderators": [s for s in speakers if s.role == SessionSpeaker.Role.MODERATOR],
            "speakers": [s for s in speakers if s.role == SessionSpeaker.Role.SPEAKER],
            "shows_remote_link": bool(session.remote_link) and session.format != Format.IN_PERSON,
        },
    )


@require_http_methods(["GET", "HEAD"])
def session_ical(request, pk):
    """One scheduled session as an iCalendar file; an unscheduled one has nothing to put in it."""
    session = get_object_or_404(Session.objects.select_related("edition"), pk=pk)
    if session.starts_at is None:
        raise Http404
    content = calendar.build([session], session.edition, session.title)
    return calendar_response(content, f"wsis-forum-session-{session.pk}.ics")


@require_http_methods(["GET", "HEAD"])
def changes(request):
    """Every change of a session since the current edition's agenda was published, newest first."""
    edition = current_edition()
    agenda_record = Agenda.objects.filter(edition=edition).first() if edition else None
    rows = []
    if agenda_record is not None and agenda_record.is_published:
        rows = list(
            SessionChange.objects.filter(session__edition=edition, at__gte=agenda_record.published_at)
            .select_related("session", "session__workshop_request")
            .order_by("-at", "-pk")
        )
        for row in rows:
            row.session.text_language = text_language(row.session)
    return render(
        request,
        "forum_events/changes.html",
        {"edition": edition, "agenda": agenda_record, "changes": rows},
    )

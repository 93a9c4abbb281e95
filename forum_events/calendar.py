"""Sessions as an iCalendar file (RFC 5545): one session, a filtered agenda or the whole week.

Times are written in Geneva time with ``TZID=Europe/Zurich`` and the calendar carries the matching
VTIMEZONE, so that every calendar application places a session at the right instant wherever its reader
is. Only scheduled sessions are written; a cancelled one stays, with ``STATUS:CANCELLED``, so that a
calendar that imported it before learns it is off.
"""

from datetime import date

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from wsis_portal.direction import list_separator
from wsis_portal.editions import schedule
from wsis_portal.editions.models import Format
from wsis_portal.links import absolute_url, portal_host

PRODUCT_ID = "-//ITU//WSIS Forum Portal//EN"


def session_uid(session) -> str:
    """Stable across downloads, so that importing the file again updates the events instead of
    duplicating them."""
    return f"session-{session.pk}@{portal_host()}"


def location(session, edition) -> str:
    if session.format == Format.VIRTUAL:
        return _("Online")
    return list_separator().join(part for part in (session.room, str(edition.venue or "")) if part)


def description(session, url) -> str:
    parts = [session.description.strip()] if session.description.strip() else []
    if session.remote_link and session.format != Format.IN_PERSON:
        parts.append(_("Remote participation: %(link)s") % {"link": session.remote_link})
    parts.append(_("Details: %(url)s") % {"url": url})
    return "\n\n".join(parts)


def event(session, edition, stamp) -> Event:
    url = absolute_url(session.get_absolute_url())
    item = Event()
    item.add("uid", session_uid(session))
    item.add("dtstamp", stamp)
    item.add("dtstart", session.starts_at.astimezone(schedule.GENEVA))
    item.add("dtend", session.ends_at.astimezone(schedule.GENEVA))
    item.add("summary", session.title)
    item.add("location", location(session, edition))
    item.add("url", url)
    item.add("description", description(session, url))
    item.add("categories", [session.get_kind_display()])
    item.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    return item


def build(sessions, edition, name: str) -> bytes:
    """The calendar of the scheduled ones of ``sessions`` (all of ``edition``), named ``name``."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = schedule.now()
    scheduled = [session for session in sessions if session.starts_at is not None]
    for session in scheduled:
        calendar.add_component(event(session, edition, stamp))
    if scheduled:
        # The zone's rules for the years the sessions fall in, not for 1970–2038.
        years = [session.starts_at.astimezone(schedule.GENEVA).year for session in scheduled]
        calendar.add_missing_timezones(
            first_date=date(min(years), 1, 1), last_date=date(max(years) + 1, 1, 1)
        )
    return calendar.to_ical()

"""iCalendar files (RFC 5545) of one session, of a filtered agenda and of the whole week: Geneva times
with their VTIMEZONE, the session URL and the remote link inside, cancelled sessions marked."""

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from forum_events.models import Session, SessionType
from tests.consultations.factories import OPEN
from tests.factories import EditionFactory
from wsis_portal.editions.models import ActionLine, Format
from wsis_portal.editions.schedule import geneva_time

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(time_machine, settings):
    settings.PORTAL_URL = "https://forum.example.org"
    time_machine.move_to(OPEN, tick=False)
    return EditionFactory(
        year=2027, starts_on=datetime(2027, 7, 5).date(), ends_on=datetime(2027, 7, 9).date()
    )


def scheduled(edition, title, day, hour, minutes=90, **fields):
    starts = geneva_time(edition.year, 7, day, hour, 0)
    return Session.objects.create(
        edition=edition,
        kind=fields.pop("kind", SessionType.WORKSHOP),
        title_en=title,
        title_ar=fields.pop("title_ar", ""),
        starts_at=starts,
        ends_at=starts + timedelta(minutes=minutes),
        **fields,
    )


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar):
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_one_session_in_geneva_time_with_its_zone_url_and_remote_link(client, edition):
    session = scheduled(
        edition,
        "Community networks",
        7,
        9,
        room="Room K",
        format=Format.HYBRID,
        remote_link="https://meet.example.org/wsis-k",
        description_en="How communities connect themselves.",
    )
    response = client.get(f"/en/forum/sessions/{session.pk}/calendar.ics")
    assert response["Content-Disposition"] == f'attachment; filename="wsis-forum-session-{session.pk}.ics"'
    calendar = parse(response)
    assert str(calendar["version"]) == "2.0"
    assert [zone["tzid"] for zone in calendar.walk("VTIMEZONE")] == ["Europe/Zurich"]
    [event] = calendar.walk("VEVENT")
    assert event["dtstart"].params["TZID"] == "Europe/Zurich"
    assert event["dtend"].params["TZID"] == "Europe/Zurich"
    assert event.decoded("dtstart").astimezone(UTC) == datetime(2027, 7, 7, 7, 0, tzinfo=UTC)
    assert event.decoded("dtend").astimezone(UTC) == datetime(2027, 7, 7, 8, 30, tzinfo=UTC)
    assert b"DTSTART;TZID=Europe/Zurich:20270707T090000" in response.content
    assert event.decoded("dtstamp") == OPEN.astimezone(UTC)
    assert str(event["uid"]) == f"session-{session.pk}@forum.example.org"
    assert str(event["summary"]) == "Community networks"
    assert str(event["location"]) == "Room K, Geneva, Switzerland"
    assert str(event["url"]) == f"https://forum.example.org/en/forum/sessions/{session.pk}/"
    assert str(event["description"]) == (
        "How communities connect themselves.\n\n"
        "Remote participation: https://meet.example.org/wsis-k\n\n"
        f"Details: https://forum.example.org/en/forum/sessions/{session.pk}/"
    )
    assert str(event["status"]) == "CONFIRMED"


def test_the_zone_is_right_on_both_sides_of_the_change_to_summer_time(client, edition):
    # 28 March 2027 is the last Sunday of March: 09:00 Geneva is 08:00 UTC on the Saturday, 07:00 on Monday.
    before = Session.objects.create(
        edition=edition,
        kind=SessionType.NETWORKING,
        title_en="Saturday",
        starts_at=geneva_time(2027, 3, 27, 9, 0),
        ends_at=geneva_time(2027, 3, 27, 10, 0),
    )
    after = Session.objects.create(
        edition=edition,
        kind=SessionType.NETWORKING,
        title_en="Monday",
        starts_at=geneva_time(2027, 3, 29, 9, 0),
        ends_at=geneva_time(2027, 3, 29, 10, 0),
    )
    for session, expected in ((before, 8), (after, 7)):
        [event] = parse(client.get(f"/en/forum/sessions/{session.pk}/calendar.ics")).walk("VEVENT")
        assert event.decoded("dtstart").astimezone(UTC) == datetime(
            2027, 3, session.day.day, expected, tzinfo=UTC
        )


def test_summary_is_in_the_reader_language(client, edition):
    session = scheduled(edition, "Opening", 5, 10, title_ar="الافتتاح", kind=SessionType.OPENING)
    [event] = parse(client.get(f"/ar/forum/sessions/{session.pk}/calendar.ics")).walk("VEVENT")
    assert str(event["summary"]) == "الافتتاح"
    assert str(event["url"]) == f"https://forum.example.org/ar/forum/sessions/{session.pk}/"


def test_cancelled_session_is_marked_and_a_virtual_one_is_online(client, edition):
    session = scheduled(
        edition,
        "Called off",
        7,
        9,
        is_cancelled=True,
        format=Format.VIRTUAL,
        remote_link="https://m.example.org/1",
    )
    [event] = parse(client.get(f"/en/forum/sessions/{session.pk}/calendar.ics")).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"
    assert str(event["location"]) == "Online"
    assert "https://m.example.org/1" in str(event["description"])


def test_in_person_session_has_no_remote_link(client, edition):
    session = scheduled(
        edition, "On site", 7, 9, format=Format.IN_PERSON, remote_link="https://m.example.org/2"
    )
    [event] = parse(client.get(f"/en/forum/sessions/{session.pk}/calendar.ics")).walk("VEVENT")
    assert "https://m.example.org" not in str(event["description"])


def test_unknown_or_unscheduled_session_is_not_found(client, edition):
    unplaced = Session.objects.create(edition=edition, kind=SessionType.TALKX, title_en="Unplaced")
    assert client.get("/en/forum/sessions/987654/calendar.ics").status_code == 404
    assert client.get(f"/en/forum/sessions/{unplaced.pk}/calendar.ics").status_code == 404


def test_whole_week_has_every_scheduled_session_of_the_current_edition(client, edition):
    scheduled(edition, "Monday", 5, 9)
    scheduled(edition, "Friday", 9, 15, is_cancelled=True)
    Session.objects.create(edition=edition, kind=SessionType.TALKX, title_en="Unplaced")
    scheduled(EditionFactory(year=2025), "Last year", 7, 9)
    response = client.get("/en/forum/calendar.ics")
    assert response["Content-Disposition"] == 'attachment; filename="wsis-forum-2027.ics"'
    calendar = parse(response)
    found = events(calendar)
    assert sorted(found) == ["Friday", "Monday"]
    assert str(found["Friday"]["status"]) == "CANCELLED"
    assert found["Friday"].decoded("dtstart").astimezone(UTC) == datetime(2027, 7, 9, 13, 0, tzinfo=UTC)
    assert len(calendar.walk("VTIMEZONE")) == 1
    assert str(calendar["x-wr-calname"]) == "WSIS Forum 2027"


def test_filtered_agenda_has_the_same_sessions_as_the_page(client, edition):
    wanted = scheduled(edition, "Wanted", 7, 9, kind=SessionType.WORKSHOP, format=Format.VIRTUAL)
    wanted.action_lines.set(ActionLine.objects.filter(code="C3"))
    scheduled(edition, "Other day", 8, 9, kind=SessionType.WORKSHOP, format=Format.VIRTUAL).action_lines.set(
        ActionLine.objects.filter(code="C3")
    )
    scheduled(edition, "Other line", 7, 11, kind=SessionType.WORKSHOP, format=Format.VIRTUAL)
    query = "day=2027-07-07&kind=workshop&action_line=C3&format=virtual"
    response = client.get(f"/en/forum/calendar.ics?{query}")
    assert response["Content-Disposition"] == 'attachment; filename="wsis-forum-2027-2027-07-07.ics"'
    calendar = parse(response)
    assert sorted(events(calendar)) == ["Wanted"]
    assert str(calendar["x-wr-calname"]) == "WSIS Forum 2027 · 2027-07-07"
    page = client.get(f"/en/forum/?{query}")
    assert [s.title for _day, sessions in page.context["days"] for s in sessions] == ["Wanted"]
    # an invalid value is ignored, as on the page
    assert sorted(events(parse(client.get("/en/forum/calendar.ics?format=paper")))) == [
        "Other day",
        "Other line",
        "Wanted",
    ]


def test_empty_calendar_without_an_edition(client, db):
    calendar = parse(client.get("/en/forum/calendar.ics"))
    assert calendar.walk("VEVENT") == []


@pytest.mark.parametrize("count", [1, 3])
def test_agenda_calendar_query_count_is_constant(client, edition, django_assert_num_queries, count):
    for number in range(count):
        scheduled(edition, f"Session {number}", 5 + number, 9).action_lines.set(
            ActionLine.objects.filter(code="C1")
        )
    # current edition, its phases, the action lines, the sessions with their requests
    with django_assert_num_queries(4):
        response = client.get("/en/forum/calendar.ics?action_line=C1")
    assert len(parse(response).walk("VEVENT")) == count


def test_session_calendar_is_one_query(client, edition, django_assert_num_queries):
    session = scheduled(edition, "Alone", 7, 9)
    with django_assert_num_queries(1):
        response = client.get(f"/en/forum/sessions/{session.pk}/calendar.ics")
    assert len(parse(response).walk("VEVENT")) == 1

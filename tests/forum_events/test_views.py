"""The Forum agenda: the current edition's sessions by day, unscheduled ones last; a session's page in the
reader's language, linked back to the workshop request it came from."""

from datetime import date, datetime, timedelta

import pytest
from django.conf import settings
from django.utils import translation

from consultations import services
from forum_events.models import Agenda, Session, SessionChange, SessionSpeaker, SessionType
from tests.consultations.factories import OPEN, WorkshopRequestFactory, submitted
from tests.factories import EditionFactory, SecretariatFactory
from wsis_portal.editions.models import ActionLine, Format, SustainableDevelopmentGoal
from wsis_portal.editions.schedule import geneva_time

pytestmark = pytest.mark.django_db


def text(response):
    return " ".join(response.content.decode().split())


def make_session(edition, title, day=None, **fields):
    return Session.objects.create(
        edition=edition,
        kind=fields.pop("kind", SessionType.WORKSHOP),
        title_en=title,
        title_ar=fields.pop("title_ar", ""),
        day=day,
        **fields,
    )


@pytest.fixture
def edition(time_machine):
    time_machine.move_to(OPEN, tick=False)
    return EditionFactory()


def test_agenda_groups_the_sessions_by_day_unscheduled_last(client, edition):
    make_session(edition, "Closing", date(2026, 7, 10), kind=SessionType.HIGH_LEVEL_POLICY)
    make_session(edition, "To be placed")
    make_session(edition, "Opening", date(2026, 7, 6), kind=SessionType.OPENING, format=Format.IN_PERSON)
    make_session(edition, "AI for good", date(2026, 7, 6), organisers="ITU\nUNESCO")
    make_session(EditionFactory(year=2025), "Last year's session", date(2025, 7, 7))
    response = client.get("/en/forum/")
    days = [(day, [session.title for session in sessions]) for day, sessions in response.context["days"]]
    assert days == [
        (date(2026, 7, 6), ["AI for good", "Opening"]),
        (date(2026, 7, 10), ["Closing"]),
        (None, ["To be placed"]),
    ]
    html = text(response)
    assert '<h2 id="day-1"><time datetime="2026-07-06">Monday 6 July 2026</time></h2>' in html
    assert '<h2 id="day-3">Not yet scheduled</h2>' in html
    assert "Last year" not in html


def test_agenda_shows_type_format_and_organisers(client, edition):
    session = make_session(
        edition, "AI for good", date(2026, 7, 6), organisers="ITU\nUNESCO", format=Format.VIRTUAL
    )
    html = text(client.get("/en/forum/"))
    assert f'<a href="/en/forum/sessions/{session.pk}/" lang="en" dir="auto">AI for good</a>' in html
    assert '<p class="result-meta">Thematic workshop · Virtual</p>' in html
    assert '<li dir="auto">ITU</li><li dir="auto">UNESCO</li>' in html


def test_agenda_is_in_arabic_with_the_english_title_marked_as_english(client, edition):
    make_session(edition, "Opening", date(2026, 7, 6), title_ar="الجزء الافتتاحي للمنتدى")
    make_session(edition, "Only in English", date(2026, 7, 6))
    html = text(client.get("/ar/forum/"))
    assert 'lang="ar" dir="auto">الجزء الافتتاحي للمنتدى</a>' in html
    assert 'lang="en" dir="auto">Only in English</a>' in html


def test_agenda_without_sessions_says_so(client, edition):
    assert "No session has been announced yet." in text(client.get("/en/forum/"))


def test_agenda_without_any_edition(client, db):
    response = client.get("/en/forum/")
    assert response.status_code == 200
    assert "No Forum edition has been announced yet." in text(response)


@pytest.mark.parametrize("count", [1, 3])
def test_agenda_query_count_does_not_grow_with_sessions(client, edition, django_assert_num_queries, count):
    for number in range(count):
        make_session(edition, f"Session {number}", date(2026, 7, 6 + number), organisers="ITU")
    # current edition, its phases, the action lines offered as filters, the sessions with their requests
    with django_assert_num_queries(4):
        response = client.get("/en/forum/")
    assert sum(len(sessions) for _day, sessions in response.context["days"]) == count


def test_session_page_shows_everything_about_it(client, edition):
    session = make_session(
        edition,
        "Opening",
        date(2026, 7, 6),
        title_ar="الجزء الافتتاحي",
        description_en="Welcome by the Secretary-General.",
        description_ar="كلمة ترحيب من الأمين العام.",
        kind=SessionType.OPENING,
        format=Format.HYBRID,
        languages=["en", "fr"],
        organisers="ITU",
    )
    session.action_lines.set(ActionLine.objects.filter(code="C1"))
    session.sdgs.set(SustainableDevelopmentGoal.objects.filter(number=17))
    html = text(client.get(f"/en/forum/sessions/{session.pk}/"))
    assert (
        '<article lang="en"> <h1 dir="auto">Opening</h1> '
        '<div dir="auto"><p>Welcome by the Secretary-General.</p></div>' in html
    )
    assert "<dt>Type</dt><dd>Opening segment</dd>" in html
    assert '<dt>Day</dt><dd><time datetime="2026-07-06">Monday 6 July 2026</time></dd>' in html
    assert "<dt>Format</dt><dd>Hybrid (in person with remote participation)</dd>" in html
    assert "<li>English</li><li>French</li>" in html
    assert "<li>C1 The role of public governance authorities and all stakeholders" in html
    assert "<li>SDG 17: Partnerships for the goals</li>" in html
    assert '<li dir="auto">ITU</li>' in html
    assert "From workshop request" not in html
    arabic = text(client.get(f"/ar/forum/sessions/{session.pk}/"))
    assert (
        '<article lang="ar"> <h1 dir="auto">الجزء الافتتاحي</h1> '
        '<div dir="auto"><p>كلمة ترحيب من الأمين العام.</p></div>' in arabic
    )


def test_session_from_an_accepted_workshop_request_names_it(client, edition):
    request = submitted(WorkshopRequestFactory(title="Atelier sur les réseaux communautaires", language="fr"))
    services.accept(request, SecretariatFactory())
    request.refresh_from_db()
    html = text(client.get(f"/ar/forum/sessions/{request.session_id}/"))
    assert '<article lang="fr"> <h1 dir="auto">Atelier sur les réseaux communautaires</h1>' in html
    assert "<bdi>WSIS-WS-2026-00001</bdi>" in html
    english = text(client.get(f"/en/forum/sessions/{request.session_id}/"))
    assert "<dt>Origin</dt><dd>From workshop request <bdi>WSIS-WS-2026-00001</bdi></dd>" in english
    assert '<time datetime="2026-07-08">Wednesday 8 July 2026</time>' in english


def test_unknown_session_is_not_found(client, db):
    assert client.get("/en/forum/sessions/987654/").status_code == 404


def scheduled(edition, title, day, hour, minutes=90, **fields):
    starts = geneva_time(2026, 7, day, hour, 0)
    return make_session(
        edition, title, starts_at=starts, ends_at=starts + timedelta(minutes=minutes), **fields
    )


def titles(response):
    return [session.title for _day, sessions in response.context["days"] for session in sessions]


def test_agenda_lists_a_day_by_start_time_with_the_time_in_geneva_and_the_reader_zone(client, edition):
    scheduled(edition, "Afternoon", 7, 14)
    scheduled(edition, "Morning", 7, 9, room="Popov Room", languages=["ar", "en"])
    client.cookies[settings.TIMEZONE_COOKIE_NAME] = "America/New_York"
    response = client.get("/en/forum/")
    assert titles(response) == ["Morning", "Afternoon"]
    html = text(response)
    assert (
        '<bdi><time datetime="2026-07-07T07:00:00+00:00">7 July 2026, 09:00</time></bdi>–'
        '<bdi><time datetime="2026-07-07T08:30:00+00:00">10:30</time></bdi> <bdi>CEST</bdi> (Geneva time)'
        in html
    )
    assert "<bdi>New York</bdi> time: <bdi>7 July 2026, 03:00</bdi>–<bdi>04:30</bdi> <bdi>EDT</bdi>" in html
    assert '<dt>Room</dt><dd dir="auto">Popov Room</dd>' in html
    assert "<dt>Interpretation languages</dt><dd><bdi>Arabic</bdi>, <bdi>English</bdi></dd>" in html


def test_agenda_day_navigation_has_every_forum_day_and_keeps_the_filters(client, edition):
    scheduled(edition, "Tuesday", 7, 9, kind=SessionType.TALKX)
    scheduled(edition, "Wednesday", 8, 9, kind=SessionType.TALKX)
    response = client.get("/en/forum/?day=2026-07-08&kind=talkx")
    assert titles(response) == ["Wednesday"]
    html = text(response)
    assert '<li><a href="/en/forum/?kind=talkx">All days</a></li>' in html
    assert (
        '<a href="/en/forum/?day=2026-07-06&amp;kind=talkx"><time datetime="2026-07-06">Monday 6 July</time>'
        in html
    )
    assert (
        '<a href="/en/forum/?day=2026-07-08&amp;kind=talkx" aria-current="page">'
        '<time datetime="2026-07-08">Wednesday 8 July</time>' in html
    )
    assert html.count('<time datetime="2026-07-1') == 1  # 6 to 10 July: only the 10th starts with "1"
    assert '<input type="hidden" name="day" value="2026-07-08">' in html
    assert 'href="/en/forum/calendar.ics?day=2026-07-08&amp;kind=talkx" download>' in html


def test_agenda_filters_combine_type_action_line_and_format(client, edition):
    wanted = scheduled(edition, "Wanted", 7, 9, kind=SessionType.WORKSHOP, format=Format.VIRTUAL)
    wanted.action_lines.set(ActionLine.objects.filter(code__in=["C3", "C5"]))
    other_line = scheduled(edition, "Other line", 7, 10, kind=SessionType.WORKSHOP, format=Format.VIRTUAL)
    other_line.action_lines.set(ActionLine.objects.filter(code="C1"))
    other_format = scheduled(edition, "Other format", 7, 11, kind=SessionType.WORKSHOP, format=Format.HYBRID)
    other_format.action_lines.set(ActionLine.objects.filter(code="C3"))
    other_kind = scheduled(edition, "Other type", 7, 12, kind=SessionType.TALKX, format=Format.VIRTUAL)
    other_kind.action_lines.set(ActionLine.objects.filter(code="C3"))
    response = client.get("/en/forum/?kind=workshop&action_line=C3&format=virtual")
    assert titles(response) == ["Wanted"]
    html = text(response)
    assert '<option value="workshop" selected>Thematic workshop</option>' in html
    assert '<option value="C3" selected>C3 ' in html
    assert '<option value="virtual" selected>Virtual</option>' in html
    assert '<label for="filter-action-line">Action line</label>' in html
    assert titles(client.get("/en/forum/?action_line=C3")) == ["Wanted", "Other format", "Other type"]
    assert titles(client.get("/en/forum/?format=hybrid")) == ["Other format"]


ACTION_LINE_ORDER = [
    "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C7.1", "C7.2", "C7.3", "C7.4", "C7.5", "C7.6", "C7.7", "C7.8",
    "C8", "C9", "C10", "C11",
]  # fmt: skip


def test_agenda_action_line_filter_lists_the_lines_in_the_plan_of_actions_order(client, edition):
    html = text(client.get("/en/forum/"))
    start = html.index('<select id="filter-action-line"')
    select = html[start : html.index("</select>", start)]
    offered = [part.split('"', 1)[0] for part in select.split('<option value="')[2:]]
    assert offered == ACTION_LINE_ORDER


def test_agenda_ignores_invalid_filter_values(client, edition):
    scheduled(edition, "Tuesday", 7, 9)
    make_session(edition, "Unplaced")
    for query in ("day=2026-07-20", "day=yesterday", "kind=party", "action_line=Z9", "format=paper"):
        response = client.get(f"/en/forum/?{query}")
        assert response.status_code == 200
        assert titles(response) == ["Tuesday", "Unplaced"]
        assert not response.context["params"].is_filtered


def test_agenda_filter_without_results_says_so(client, edition):
    scheduled(edition, "Tuesday", 7, 9)
    assert "No session matches these filters." in text(client.get("/en/forum/?kind=talkx"))


def test_cancelled_sessions_stay_listed_and_marked(client, edition):
    scheduled(edition, "Called off", 7, 9, is_cancelled=True)
    html = text(client.get("/en/forum/"))
    assert (
        '<li class="card session-cancelled"> <p><strong class="badge badge-closed">Cancelled</strong></p> '
        "<h3><a href=" in html
    )
    assert "Called off</a></h3>" in html


def make_speakers(session):
    SessionSpeaker.objects.create(
        session=session,
        role=SessionSpeaker.Role.SPEAKER,
        position=2,
        name="Second Speaker",
        organisation="UNESCO",
        email="second@example.org",
    )
    SessionSpeaker.objects.create(
        session=session,
        role=SessionSpeaker.Role.SPEAKER,
        position=1,
        name="Amina Haddad",
        title="Director",
        organisation="Ministry of Communications",
        email="amina@example.org",
    )
    SessionSpeaker.objects.create(
        session=session, role=SessionSpeaker.Role.MODERATOR, name="Mod Erator", email="mod@example.org"
    )


def test_session_page_shows_time_room_links_and_people_without_their_email(client, edition):
    session = scheduled(
        edition,
        "Connectivity",
        7,
        9,
        room="Room K",
        format=Format.HYBRID,
        remote_link="https://meet.example.org/wsis-k",
        recording_url="https://video.example.org/k",
    )
    make_speakers(session)
    client.cookies[settings.TIMEZONE_COOKIE_NAME] = "Asia/Tokyo"
    html = text(client.get(f"/en/forum/sessions/{session.pk}/"))
    assert '<dt>Time</dt><dd><span class="deadline">' in html
    assert "<bdi>7 July 2026, 09:00</bdi>" not in html  # Geneva's is inside <time>
    assert '<time datetime="2026-07-07T07:00:00+00:00">7 July 2026, 09:00</time>' in html
    assert "<bdi>Tokyo</bdi> time: <bdi>7 July 2026, 16:00</bdi>–<bdi>17:30</bdi> <bdi>JST</bdi>" in html
    assert '<dt>Room</dt><dd dir="auto">Room K</dd>' in html
    assert (
        '<dt>Remote participation</dt><dd><a href="https://meet.example.org/wsis-k" dir="ltr">'
        "https://meet.example.org/wsis-k</a></dd>" in html
    )
    assert '<dt>Recording</dt><dd><a href="https://video.example.org/k">Watch the recording</a></dd>' in html
    assert (
        f'<a href="/en/forum/sessions/{session.pk}/calendar.ics" download>Add to my calendar (iCal)</a>'
        in html
    )
    assert '<h3>Moderator</h3> <ul class="plain people"><li><bdi>Mod Erator</bdi></li></ul>' in html
    assert (
        '<h3>Speakers</h3> <ul class="plain people"><li><bdi>Amina Haddad</bdi>, '
        "<bdi>Director</bdi>, <bdi>Ministry of Communications</bdi></li>"
        "<li><bdi>Second Speaker</bdi>, <bdi>UNESCO</bdi></li></ul>" in html
    )
    assert "@example.org" not in html


def test_arabic_session_page_isolates_each_part_of_a_speaker_line_and_joins_them_with_the_arabic_comma(
    client, edition
):
    session = scheduled(edition, "Connectivity", 7, 9, languages=["ar", "en"])
    make_speakers(session)
    SessionSpeaker.objects.create(
        session=session,
        role=SessionSpeaker.Role.SPEAKER,
        position=3,
        name="Sofia Marquez",
        title="Facilitator",
        organisation="Community Networks Alliance",
        email="sofia@example.org",
    )
    html = text(client.get(f"/ar/forum/sessions/{session.pk}/"))
    assert (
        "<li><bdi>Amina Haddad</bdi>، <bdi>Director</bdi>، <bdi>Ministry of Communications</bdi></li>"
        "<li><bdi>Second Speaker</bdi>، <bdi>UNESCO</bdi></li>"
        "<li><bdi>Sofia Marquez</bdi>، <bdi>Facilitator</bdi>، <bdi>Community Networks Alliance</bdi></li>"
        in html
    )
    assert '<ul class="plain people"><li><bdi>Mod Erator</bdi></li></ul>' in html
    assert ", " not in html.split('id="people-title"')[1].split("</section>")[0]


def test_arabic_agenda_lists_interpretation_languages_isolated_with_the_arabic_comma(client, edition):
    from wsis_portal.languages import language_name

    scheduled(edition, "Morning", 7, 9, languages=["ar", "en"])
    html = text(client.get("/ar/forum/"))
    with translation.override("ar"):
        names = f"<bdi>{language_name('ar')}</bdi>، <bdi>{language_name('en')}</bdi>"
    assert f"<dd>{names}</dd>" in html


def test_in_person_session_hides_its_remote_link_and_unscheduled_has_no_calendar(client, edition):
    session = make_session(
        edition, "Unplaced", format=Format.IN_PERSON, remote_link="https://meet.example.org/x"
    )
    html = text(client.get(f"/en/forum/sessions/{session.pk}/"))
    assert "meet.example.org" not in html
    assert "calendar.ics" not in html
    assert "<dt>Day</dt><dd>Not yet scheduled</dd>" in html


def test_cancelled_session_page_says_so(client, edition):
    session = scheduled(edition, "Called off", 7, 9, is_cancelled=True)
    html = text(client.get(f"/en/forum/sessions/{session.pk}/"))
    assert '<p><strong class="badge badge-closed">Cancelled</strong></p>' in html
    assert '<article lang="en" class="session-cancelled">' in html


@pytest.mark.parametrize("count", [1, 3])
def test_session_page_query_count_does_not_grow_with_people(
    client, edition, django_assert_num_queries, count
):
    session = scheduled(edition, "Connectivity", 7, 9)
    session.action_lines.set(ActionLine.objects.filter(code__in=["C1", "C2", "C3"][:count]))
    session.sdgs.set(SustainableDevelopmentGoal.objects.filter(number__lte=count))
    for number in range(count):
        SessionSpeaker.objects.create(session=session, name=f"Speaker {number}")
    # the session with its edition and request, its action lines, its SDGs, its people
    with django_assert_num_queries(4):
        response = client.get(f"/en/forum/sessions/{session.pk}/")
    assert len(response.context["speakers"]) == count


def test_changes_before_the_agenda_is_published_say_so(client, edition):
    session = scheduled(edition, "Tuesday", 7, 9)
    Agenda.objects.create(edition=edition)
    SessionChange.objects.create(session=session, kind=SessionChange.Kind.ROOM, before="A", after="B")
    html = text(client.get("/en/forum/changes/"))
    assert "The agenda of the WSIS Forum 2026 is not published yet." in html
    assert "<table" not in html
    assert "No Forum edition" not in text(client.get("/ar/forum/changes/"))


def test_changes_without_an_agenda_record_or_an_edition(client, db):
    assert "No Forum edition has been announced yet." in text(client.get("/en/forum/changes/"))
    EditionFactory()
    assert "is not published yet" in text(client.get("/en/forum/changes/"))


def test_changes_after_publication_are_listed_newest_first(client, edition, time_machine):
    first = scheduled(edition, "Tuesday", 7, 9)
    second = scheduled(edition, "Wednesday", 8, 9, title_ar="الأربعاء")
    Agenda.objects.create(edition=edition, published_at=geneva_time(2026, 2, 10, 12, 0))
    time_machine.move_to(datetime(2026, 3, 2, 8, 0, tzinfo=geneva_time(2026, 1, 1).tzinfo), tick=False)
    SessionChange.objects.create(session=first, kind=SessionChange.Kind.ROOM, before="Room A", after="Room B")
    time_machine.move_to(geneva_time(2026, 3, 3, 10, 15), tick=False)
    SessionChange.objects.create(session=second, kind=SessionChange.Kind.CANCELLED)
    html = text(client.get("/en/forum/changes/"))
    when = '<span><bdi><time datetime="{}">{}</time></bdi> <bdi>CET</bdi> (Geneva time)</span> </span>'
    rows = html[html.index("<tbody>") :]
    cancelled = rows.index(
        f'<td><a href="/en/forum/sessions/{second.pk}/" lang="en" dir="auto">Wednesday</a></td> '
        "<td>Cancelled</td> <td><bdi>—</bdi></td> <td><bdi>—</bdi></td> </tr>"
    )
    moved = rows.index(
        f'<td><a href="/en/forum/sessions/{first.pk}/" lang="en" dir="auto">Tuesday</a></td> '
        "<td>New room</td> <td><bdi>Room A</bdi></td> <td><bdi>Room B</bdi></td> </tr>"
    )
    assert when.format("2026-03-03T09:15:00+00:00", "3 March 2026, 10:15") in rows[:cancelled]
    assert when.format("2026-03-02T07:00:00+00:00", "2 March 2026, 08:00") in rows[cancelled:moved]
    assert cancelled < moved
    arabic = text(client.get("/ar/forum/changes/"))
    assert 'lang="ar" dir="auto">الأربعاء</a>' in arabic


def test_changes_of_another_edition_are_not_listed(client, edition):
    Agenda.objects.create(edition=edition, published_at=geneva_time(2026, 1, 10, 12, 0))
    other = make_session(EditionFactory(year=2025), "Last year", date(2025, 7, 7))
    SessionChange.objects.create(session=other, kind=SessionChange.Kind.ROOM, before="A", after="B")
    html = text(client.get("/en/forum/changes/"))
    assert "has changed since its agenda was published" in html
    assert "Last year" not in html


@pytest.mark.parametrize("count", [1, 3])
def test_changes_query_count_is_constant(client, edition, django_assert_num_queries, count):
    Agenda.objects.create(edition=edition, published_at=geneva_time(2026, 1, 10, 12, 0))
    for number in range(count):
        session = scheduled(edition, f"Session {number}", 7, 9 + number)
        SessionChange.objects.create(session=session, kind=SessionChange.Kind.ROOM, before="A", after="B")
    # current edition, its phases, its agenda, the changes with their sessions and requests
    with django_assert_num_queries(4):
        response = client.get("/en/forum/changes/")
    assert len(response.context["changes"]) == count

"""The agenda's text search (``q``): every word of the query in a session's title, description (English or
Arabic) or a speaker's name, whatever the case, the accents or the Arabic spelling; on the page, in its
iCal export and in the links that keep the filters."""

from datetime import date

import pytest

from forum_events.agenda import AgendaParams, sessions
from forum_events.models import Session, SessionSpeaker, SessionType
from tests.consultations.factories import OPEN
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(time_machine):
    time_machine.move_to(OPEN, tick=False)
    return EditionFactory()


def make_session(edition, title, *, title_ar="", description_en="", description_ar="", day=None):
    return Session.objects.create(
        edition=edition,
        kind=SessionType.WORKSHOP,
        title_en=title,
        title_ar=title_ar,
        description_en=description_en,
        description_ar=description_ar,
        day=day,
    )


@pytest.fixture
def agenda(edition):
    geneva = make_session(
        edition,
        "Digital inclusion in Genève",
        description_en="Broadband for rural schools",
        day=date(2026, 7, 7),
    )
    health = make_session(
        edition,
        "E-health records",
        title_ar="السجلات الصحية الإلكترونية",
        description_ar="حماية البيانات في المستشفى",
        day=date(2026, 7, 8),
    )
    SessionSpeaker.objects.create(session=health, name="José Müller")
    other = make_session(edition, "Cybersecurity for small businesses")
    return {"geneva": geneva, "health": health, "other": other}


def titles(response):
    return [session.title for _day, group in response.context["days"] for session in group]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("geneve", ["Digital inclusion in Genève"]),
        ("GENÈVE inclusion", ["Digital inclusion in Genève"]),
        ("rural school", ["Digital inclusion in Genève"]),
        ("jose muller", ["E-health records"]),
        ("Müller", ["E-health records"]),
        ("المستشفي", ["E-health records"]),
        ("الصحيّة", ["E-health records"]),
        ("cybersecurity", ["Cybersecurity for small businesses"]),
        ("inclusion cybersecurity", []),
        ("ehealth", ["E-health records"]),
        ("e-health", ["E-health records"]),
        ("المستشفی", ["E-health records"]),  # farsi yeh
        ("الصحیۃ", ["E-health records"]),  # farsi yeh, teh marbuta goal
        ("حمایة", ["E-health records"]),
    ],
)
def test_agenda_search_matches_title_description_and_speakers_in_both_languages(client, agenda, query, found):
    response = client.get("/en/forum/", {"q": query})
    assert response.status_code == 200
    assert titles(response) == found


def test_agenda_search_keeps_the_other_filters_and_is_kept_by_the_day_links(client, agenda):
    response = client.get("/en/forum/", {"q": "health", "day": "2026-07-07"})
    assert titles(response) == []
    response = client.get("/en/forum/", {"q": "health"})
    assert dict(response.context["day_links"])[date(2026, 7, 8)] == "?day=2026-07-08&q=health"
    assert response.context["calendar_query"] == "?q=health"
    assert 'value="health"' in response.content.decode()


def test_agenda_search_of_only_common_words_filters_nothing_and_says_it_is_filtered(client, agenda):
    response = client.get("/en/forum/", {"q": "  the  of "})
    assert titles(response) == [
        "Digital inclusion in Genève",
        "E-health records",
        "Cybersecurity for small businesses",
    ]
    assert response.context["params"] == AgendaParams(q="the of")


def test_a_search_without_result_says_no_session_matches(client, agenda):
    response = client.get("/en/forum/", {"q": "blockchain"})
    assert "No session matches these filters." in response.content.decode()


def test_agenda_calendar_holds_the_sessions_the_search_finds(client, edition, agenda):
    Session.objects.filter(pk=agenda["geneva"].pk).update(
        starts_at="2026-07-07T07:00:00Z", ends_at="2026-07-07T08:00:00Z"
    )
    Session.objects.filter(pk=agenda["other"].pk).update(
        day=date(2026, 7, 9), starts_at="2026-07-09T07:00:00Z", ends_at="2026-07-09T08:00:00Z"
    )
    content = client.get("/en/forum/calendar.ics", {"q": "genève"}).content.decode()
    assert content.count("BEGIN:VEVENT") == 1
    assert "Digital inclusion in" in content


def test_the_search_reads_at_most_200_characters(edition, agenda):
    params = AgendaParams.from_query({"q": "cybersecurity " + "x" * 300}, edition, set())
    assert len(params.q) == 200
    assert list(sessions(edition, params)) == []


@pytest.mark.parametrize("count", [1, 3])
def test_agenda_search_query_count_does_not_grow_with_sessions(
    client, edition, django_assert_num_queries, count
):
    for number in range(count):
        session = make_session(edition, f"Inclusion {number}", day=date(2026, 7, 6 + number))
        SessionSpeaker.objects.create(session=session, name=f"Speaker {number}")
    # the page's four, then the sessions' texts and their speakers' names
    with django_assert_num_queries(6):
        response = client.get("/en/forum/", {"q": "inclusion"})
    assert len(titles(response)) == count


def test_the_search_field_is_labelled_in_arabic(client, agenda):
    html = client.get("/ar/forum/", {"q": "الصحية"}).content.decode()
    assert '<label for="filter-q">ابحث في الجلسات</label>' in html
    assert "كلمات من عنوان أو وصف أو اسم متحدث، بالعربية أو بالإنكليزية." in html

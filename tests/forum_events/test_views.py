"""The Forum agenda: the current edition's sessions by day, unscheduled ones last; a session's page in the
reader's language, linked back to the workshop request it came from."""

from datetime import date

import pytest

from consultations import services
from forum_events.models import Session, SessionType
from tests.consultations.factories import OPEN, WorkshopRequestFactory, submitted
from tests.factories import EditionFactory, SecretariatFactory
from wsis_portal.editions.models import ActionLine, Format, SustainableDevelopmentGoal

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
    # current edition, its phases, the sessions with their workshop requests
    with django_assert_num_queries(3):
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
    assert "<li>English</li><li>Français</li>" in html
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

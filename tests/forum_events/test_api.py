"""The sessions of published Forum agendas in the read-only API: filtered like the agenda page (with its
search), an edition chosen by year, never a draft agenda, and a value the schema does not list refused."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from forum_events.models import Agenda, Session, SessionSpeaker, SessionType
from tests.consultations.factories import OPEN
from tests.factories import EditionFactory
from wsis_portal.editions.models import ActionLine, Format, SustainableDevelopmentGoal
from wsis_portal.editions.schedule import GENEVA

pytestmark = pytest.mark.django_db

SESSIONS = "/api/v1/forum/sessions/"


def titles(response):
    assert response.status_code == 200, response.content
    return [session["title_en"] for session in response.json()["results"]]


def published(edition):
    return Agenda.objects.create(edition=edition, published_at=timezone.now())


@pytest.fixture
def edition(time_machine):
    time_machine.move_to(OPEN, tick=False)
    return EditionFactory()


@pytest.fixture
def agenda(edition):
    published(edition)
    opening = Session.objects.create(
        edition=edition,
        kind=SessionType.OPENING,
        title_en="Opening of the Forum",
        title_ar="افتتاح المنتدى",
        description_en="Welcome by the Secretary-General.",
        format=Format.HYBRID,
        starts_at=datetime(2026, 7, 6, 9, tzinfo=GENEVA),
        ends_at=datetime(2026, 7, 6, 10, tzinfo=GENEVA),
        room="Popov room",
        languages=["ar", "en"],
        organisers="ITU\nUNESCO",
    )
    opening.action_lines.set(ActionLine.objects.filter(code__in=["C11", "C2"]))
    opening.sdgs.set(SustainableDevelopmentGoal.objects.filter(number__in=[17, 9]))
    SessionSpeaker.objects.create(
        session=opening, name="Amina Diallo", title="Secretary-General", organisation="ITU", email="a@itu.int"
    )
    health = Session.objects.create(
        edition=edition,
        kind=SessionType.WORKSHOP,
        title_en="E-health in rural areas",
        title_ar="الصحة الإلكترونية في المناطق الريفية",
        format=Format.VIRTUAL,
        day=date(2026, 7, 8),
    )
    health.action_lines.set(ActionLine.objects.filter(code="C7.4"))
    SessionSpeaker.objects.create(session=health, name="José Müller")
    Session.objects.create(edition=edition, kind=SessionType.WORKSHOP, title_en="Not yet scheduled")
    return {"opening": opening, "health": health}


def test_a_session_is_given_with_its_schedule_topics_and_speakers_but_never_their_email(client, agenda):
    opening = agenda["opening"]
    found = client.get(SESSIONS).json()["results"][0]
    assert found == {
        "id": opening.pk,
        "edition": 2026,
        "kind": "opening",
        "title_en": "Opening of the Forum",
        "title_ar": "افتتاح المنتدى",
        "description_en": "Welcome by the Secretary-General.",
        "description_ar": None,
        "format": "hybrid",
        "day": "2026-07-06",
        "starts_at": "2026-07-06T07:00:00Z",
        "ends_at": "2026-07-06T08:00:00Z",
        "room": "Popov room",
        "languages": ["ar", "en"],
        "is_cancelled": False,
        "organisers": ["ITU", "UNESCO"],
        "action_lines": ["C2", "C11"],
        "sdgs": [9, 17],
        "speakers": [
            {"role": "speaker", "name": "Amina Diallo", "title": "Secretary-General", "organisation": "ITU"}
        ],
        "url": f"http://127.0.0.1:8000/en/forum/sessions/{opening.pk}/",
    }


def test_sessions_come_by_day_and_start_unscheduled_last(client, agenda):
    assert titles(client.get(SESSIONS)) == [
        "Opening of the Forum",
        "E-health in rural areas",
        "Not yet scheduled",
    ]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ({"day": "2026-07-08"}, ["E-health in rural areas"]),
        ({"day": "2026-07-20"}, []),
        ({"kind": "opening"}, ["Opening of the Forum"]),
        ({"action_line": "C7.4"}, ["E-health in rural areas"]),
        ({"format": "virtual"}, ["E-health in rural areas"]),
        ({"q": "jose MULLER"}, ["E-health in rural areas"]),
        ({"q": "الريفيه"}, ["E-health in rural areas"]),
        ({"q": "secretary general"}, ["Opening of the Forum"]),
        ({"q": "diallo", "format": "virtual"}, []),
        ({"year": "2026", "kind": "workshop"}, ["E-health in rural areas", "Not yet scheduled"]),
    ],
)
def test_sessions_are_filtered_like_the_agenda_page(client, agenda, query, found):
    assert titles(client.get(SESSIONS, query)) == found


def test_the_page_and_the_api_find_the_same_sessions(client, agenda):
    query = {"q": "rural", "format": "virtual", "day": "2026-07-08"}
    page = client.get("/en/forum/", query)
    listed = [session.title for _day, group in page.context["days"] for session in group]
    assert listed == titles(client.get(SESSIONS, query)) == ["E-health in rural areas"]


def test_a_draft_agenda_is_never_shown(client, edition):
    Session.objects.create(edition=edition, kind=SessionType.WORKSHOP, title_en="Draft session")
    assert titles(client.get(SESSIONS)) == []
    Agenda.objects.create(edition=edition)
    assert titles(client.get(SESSIONS)) == []
    assert titles(client.get(SESSIONS, {"year": 2026})) == []
    Agenda.objects.filter(edition=edition).update(published_at=timezone.now())
    assert titles(client.get(SESSIONS)) == ["Draft session"]


def test_another_edition_is_chosen_by_its_year(client, agenda):
    older = EditionFactory(year=2025)
    Session.objects.create(edition=older, kind=SessionType.WORKSHOP, title_en="A session of 2025")
    assert titles(client.get(SESSIONS, {"year": 2025})) == []
    published(older)
    assert titles(client.get(SESSIONS, {"year": 2025})) == ["A session of 2025"]
    assert titles(client.get(SESSIONS, {"year": 2031})) == []


def not_a_choice(value):
    return [f'"{value}" is not a valid choice.']


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("kind=party", {"kind": not_a_choice("party")}),
        ("action_line=Z9", {"action_line": not_a_choice("Z9")}),
        ("format=paper", {"format": not_a_choice("paper")}),
        ("kind=", {"kind": not_a_choice("")}),
        ("day=yesterday", {"day": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]}),
        ("year=abc", {"year": ["A valid integer is required."]}),
        ("year=2101", {"year": ["Ensure this value is less than or equal to 2100."]}),
        ("q=" + "x" * 201, {"q": ["Ensure this field has no more than 200 characters."]}),
        ("q=he%00alth", {"q": ["Null characters are not allowed."]}),
        ("page=0", {"page": ["Ensure this value is greater than or equal to 1."]}),
    ],
)
def test_a_value_the_schema_does_not_allow_is_refused(client, agenda, query, errors):
    response = client.get(f"{SESSIONS}?{query}")
    assert (response.status_code, response.json()) == (400, errors)


def test_the_page_ignores_the_values_the_api_refuses(client, agenda):
    page = client.get("/en/forum/?kind=party&format=paper&day=yesterday")
    assert (page.status_code, sum(len(group) for _day, group in page.context["days"])) == (200, 3)


def test_the_list_is_paginated(client, agenda):
    first = client.get(SESSIONS, {"page_size": 2}).json()
    assert (first["count"], len(first["results"])) == (3, 2)
    assert first["next"] == "http://testserver/api/v1/forum/sessions/?page=2&page_size=2"


@pytest.mark.parametrize("count", [1, 3])
def test_query_count_does_not_grow_with_sessions(client, edition, django_assert_num_queries, count):
    published(edition)
    for number in range(count):
        session = Session.objects.create(edition=edition, kind=SessionType.WORKSHOP, title_en=f"S{number}")
        session.action_lines.set(ActionLine.objects.filter(code="C1"))
        SessionSpeaker.objects.create(session=session, name=f"Speaker {number}")
    # the current edition and its phases, the count, the sessions, their action lines, SDGs and speakers
    with django_assert_num_queries(7):
        response = client.get(SESSIONS)
    assert len(response.json()["results"]) == count

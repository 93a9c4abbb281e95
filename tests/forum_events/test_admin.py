"""The secretariat's screen for the agenda's sessions: filters, titles in both languages, the workshop
request a session comes from, read-only, and every change in the audit log."""

from datetime import date, datetime

import pytest

from consultations import services
from forum_events.models import Agenda, Session, SessionChange
from forum_events.services import publish_agenda, update_session
from tests.consultations.factories import OPEN, WorkshopRequestFactory, submitted
from tests.factories import EditionFactory, SecretariatFactory, UserFactory
from wsis_portal.editions.schedule import GENEVA
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.mail.models import OutboundMail

pytestmark = pytest.mark.django_db

SESSIONS = "/en/admin/forum_events/session/"


@pytest.fixture
def clerk(client):
    clerk = SecretariatFactory()
    client.force_login(clerk)
    return clerk


def session(title, **fields):
    defaults = {
        "edition": EditionFactory(),
        "kind": "workshop",
        "format": "hybrid",
        "title_ar": f"{title} (ar)",
    }
    return Session.objects.create(title_en=title, **{**defaults, **fields})


@pytest.fixture
def sessions(db):
    return {
        "opening": session("Opening", kind="opening", format="in_person", day=date(2026, 7, 6)),
        "talkx": session("TalkX on AI", kind="talkx", format="virtual", day=date(2026, 7, 7)),
        "older": session("Workshop of 2025", edition=EditionFactory(year=2025)),
    }


@pytest.fixture
def accepted_request(clerk, time_machine):
    time_machine.move_to(OPEN, tick=False)
    request = submitted(WorkshopRequestFactory(title="Community networks in practice"))
    services.accept(request, clerk)
    request.refresh_from_db()
    return request


def listed(response):
    return sorted(str(item) for item in response.context["cl"].result_list)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind__exact=opening", ["Opening"]),
        ("format__exact=virtual", ["TalkX on AI"]),
        ("day=2026-07-07", ["TalkX on AI"]),
        ("kind__exact=workshop", ["Workshop of 2025"]),
    ],
)
def test_session_filters(client, clerk, sessions, query, expected):
    response = client.get(f"{SESSIONS}?{query}")
    assert response.status_code == 200
    assert listed(response) == expected


def test_session_filter_by_edition(client, clerk, sessions):
    edition = sessions["older"].edition
    assert listed(client.get(f"{SESSIONS}?edition__id__exact={edition.pk}")) == ["Workshop of 2025"]


def test_sessions_are_searched_by_title_in_either_language_and_by_request(
    client, clerk, sessions, accepted_request
):
    assert listed(client.get(SESSIONS, {"q": "TalkX on AI (ar)"})) == ["TalkX on AI"]
    assert listed(client.get(SESSIONS, {"q": accepted_request.reference})) == [
        "Community networks in practice"
    ]


def test_list_shows_the_request_a_session_comes_from(client, clerk, accepted_request):
    html = client.get(SESSIONS).content.decode()
    assert f'<td dir="auto" class="field-from_request">{accepted_request.reference}</td>' in html


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_does_not_grow_with_the_sessions(client, clerk, django_assert_num_queries, count):
    for index in range(count):
        session(f"Session {index}")
    client.get(SESSIONS)
    # session, user, own and groups' permissions, the edition filter's choices, the two counts, the page
    # (with editions and requests joined) and the dates of the day filter
    with django_assert_num_queries(8):
        response = client.get(SESSIONS)
    assert len(response.context["cl"].result_list) == count


def test_change_page_shows_the_workshop_request_read_only(client, clerk, accepted_request):
    html = client.get(f"{SESSIONS}{accepted_request.session_id}/change/").content.decode()
    link = (
        f'<a href="/en/admin/consultations/workshoprequest/{accepted_request.pk}/change/">'
        f"<bdi>{accepted_request.reference}</bdi></a> — "
        '<span dir="auto">Community networks in practice</span>'
    )
    assert link in html
    assert 'name="workshop_request' not in html
    assert 'name="title_en"' in html
    assert 'name="title_ar"' in html


def test_session_without_request_says_so(client, clerk, sessions):
    response = client.get(f"{SESSIONS}{sessions['opening'].pk}/change/")
    assert response.context["adminform"].form.instance == sessions["opening"]
    assert '<div class="readonly" dir="auto">—</div>' in response.content.decode()


def test_secretariat_translates_a_session_and_the_change_is_audited(client, clerk, accepted_request):
    session_id = accepted_request.session_id
    response = client.post(
        f"{SESSIONS}{session_id}/change/",
        {
            "edition": accepted_request.consultation.edition_id,
            "kind": "workshop",
            "title_en": "Community networks in practice",
            "title_ar": "الشبكات المجتمعية في الممارسة",
            "description_en": "How they connect the last billion.",
            "description_ar": "",
            "format": "hybrid",
            "day": "2026-07-08",
            "organisers": "Community Networks Alliance",
            "languages": '["en", "ar"]',
            "action_lines": [],
            "sdgs": [],
            **SPEAKERS_EMPTY,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    saved = Session.objects.get(pk=session_id)
    assert (saved.title_ar, saved.organisers, saved.workshop_request) == (
        "الشبكات المجتمعية في الممارسة",
        "Community Networks Alliance",
        accepted_request,
    )
    entry = AuditEntry.objects.filter(action="changed", object_id=str(session_id)).get()
    assert entry.actor == clerk
    assert entry.changes["title_ar"] == ["Community networks in practice", "الشبكات المجتمعية في الممارسة"]


SPEAKERS_EMPTY = {
    "speakers-TOTAL_FORMS": "0",
    "speakers-INITIAL_FORMS": "0",
    "speakers-MIN_NUM_FORMS": "0",
    "speakers-MAX_NUM_FORMS": "1000",
}


def scheduled(edition, **fields):
    from forum_events.models import SessionSpeaker

    made = Session.objects.create(
        edition=edition,
        kind="talkx",
        format="hybrid",
        title_en="WSIS TalkX: Youth",
        title_ar="حوارات: الشباب",
        starts_at=datetime(2026, 7, 8, 13, 0, tzinfo=GENEVA),
        ends_at=datetime(2026, 7, 8, 13, 45, tzinfo=GENEVA),
        room="CICG, Ground floor foyer",
        **fields,
    )
    SessionSpeaker.objects.create(session=made, name="Hana Yousef", email="hana@example.org", language="ar")
    return made


def change_form(session, **overrides):
    data = {
        "edition": session.edition_id,
        "kind": session.kind,
        "title_en": session.title_en,
        "title_ar": session.title_ar,
        "description_en": "",
        "description_ar": "",
        "day": "2026-07-08",
        "starts_at_0": "2026-07-08",
        "starts_at_1": "13:00",
        "ends_at_0": "2026-07-08",
        "ends_at_1": "13:45",
        "room": session.room,
        "format": session.format,
        "remote_link": "",
        "organisers": "",
        "languages": "[]",
        "recording_url": "",
        **SPEAKERS_EMPTY,
        "speakers-TOTAL_FORMS": "1",
        "speakers-INITIAL_FORMS": "1",
        "speakers-0-id": session.speakers.get().pk,
        "speakers-0-session": session.pk,
        "speakers-0-role": "speaker",
        "speakers-0-position": "0",
        "speakers-0-name": "Hana Yousef",
        "speakers-0-email": "hana@example.org",
        "speakers-0-language": "ar",
    }
    data.update(overrides)
    return data


def test_a_change_saved_in_the_admin_after_publication_is_recorded_and_told(client, clerk):
    edition = EditionFactory()
    talk = scheduled(edition)
    publish_agenda(edition, clerk)
    response = client.post(
        f"{SESSIONS}{talk.pk}/change/", change_form(talk, starts_at_1="15:00", ends_at_1="15:45")
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert [(c.kind, c.before, c.after) for c in SessionChange.objects.all()] == [
        ("time", "8 July 2026 13:00–13:45", "8 July 2026 15:00–15:45")
    ]
    mail = OutboundMail.objects.get()
    assert (mail.to, mail.language) == (["hana@example.org"], "ar")
    entry = AuditEntry.objects.get(content_type__model="session", object_id=str(talk.pk))
    assert (entry.actor, entry.changes) == (
        clerk,
        {
            "starts_at": ["2026-07-08 13:00:00+02:00", "2026-07-08 15:00:00+02:00"],
            "ends_at": ["2026-07-08 13:45:00+02:00", "2026-07-08 15:45:00+02:00"],
        },
    )


def test_speaker_changes_in_the_admin_are_audited_without_a_public_change(client, clerk):
    edition = EditionFactory()
    talk = scheduled(edition)
    publish_agenda(edition, clerk)
    response = client.post(f"{SESSIONS}{talk.pk}/change/", change_form(talk, **{"speakers-0-language": "en"}))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert not SessionChange.objects.exists()
    assert not OutboundMail.objects.exists()
    entry = AuditEntry.objects.get(content_type__model="session", object_id=str(talk.pk))
    speaker = talk.speakers.get()
    assert entry.changes == {f"speakers-{speaker.pk}.language": ["ar", "en"]}


def test_creating_a_session_after_publication_is_not_a_change(client, clerk):
    edition = EditionFactory()
    publish_agenda(edition, clerk)
    data = {
        "edition": edition.pk,
        "kind": "talkx",
        "title_en": "New TalkX",
        "title_ar": "",
        "description_en": "",
        "description_ar": "",
        "starts_at_0": "2026-07-09",
        "starts_at_1": "12:00",
        "ends_at_0": "2026-07-09",
        "ends_at_1": "12:30",
        "room": "CICG, Room 3",
        "format": "hybrid",
        "languages": "[]",
        **SPEAKERS_EMPTY,
    }
    response = client.post(f"{SESSIONS}add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    created = Session.objects.get(title_en="New TalkX")
    assert created.day == date(2026, 7, 9)
    assert not SessionChange.objects.exists()
    assert AuditEntry.objects.get(content_type__model="session").action == "created"


def test_the_publish_action_publishes_once(client, clerk):
    edition = EditionFactory()
    talk = scheduled(edition)
    action = {"action": "publish_agenda", "_selected_action": [talk.pk]}
    response = client.post(SESSIONS, action, follow=True)
    assert "Agenda published: " in response.content.decode()
    first = Agenda.objects.get(edition=edition).published_at
    response = client.post(SESSIONS, action, follow=True)
    assert "That agenda was already published." in response.content.decode()
    assert Agenda.objects.get(edition=edition).published_at == first
    assert AuditEntry.objects.filter(content_type__model="agenda").count() == 1


def test_agendas_and_changes_are_visible_and_changes_read_only(client, clerk):
    edition = EditionFactory()
    talk = scheduled(edition)
    publish_agenda(edition, clerk)
    update_session(talk, {"room": "CICG, Room 1"}, clerk)
    change = SessionChange.objects.get()
    listing = client.get("/en/admin/forum_events/sessionchange/")
    assert listing.status_code == 200
    assert [str(item) for item in listing.context["cl"].result_list] == ["WSIS TalkX: Youth: New room"]
    page = client.get(f"/en/admin/forum_events/sessionchange/{change.pk}/change/").content.decode()
    assert 'name="after"' not in page
    assert client.get("/en/admin/forum_events/sessionchange/add/").status_code == 403
    agendas = client.get("/en/admin/forum_events/agenda/")
    assert [str(item) for item in agendas.context["cl"].result_list] == [str(edition)]


def test_people_without_the_right_cannot_use_the_screens(client):
    client.force_login(UserFactory(is_staff=True))
    for url in (SESSIONS, "/en/admin/forum_events/agenda/", "/en/admin/forum_events/sessionchange/"):
        assert client.get(url).status_code == 403, url
    client.force_login(UserFactory())
    assert client.get(SESSIONS).status_code == 302

"""The secretariat's screen for the agenda's sessions: filters, titles in both languages, the workshop
request a session comes from, read-only, and every change in the audit log."""

import re
import secrets
from datetime import date, datetime

import pytest
from django.utils import timezone

from consultations import services
from forum_events import high_level
from forum_events.models import Agenda, Invitation, Session, SessionChange, SlotRequest
from forum_events.services import publish_agenda, update_session
from tests.consultations.factories import OPEN, WorkshopRequestFactory, submitted
from tests.factories import EditionFactory, PhaseFactory, SecretariatFactory, UserFactory
from wsis_portal.editions.models import Process
from wsis_portal.editions.schedule import GENEVA
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.mail.models import OutboundMail
from wsis_portal.stakeholders.models import MemberState

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
            "languages": ["en", "ar"],
            "speaking_capacity": "0",
            "minutes_per_speaker": "3",
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
        "room_en": session.room_en,
        "room_ar": session.room_ar or "",
        "format": session.format,
        "remote_link": "",
        "organisers": "",
        "recording_url": "",
        "speaking_capacity": "0",
        "minutes_per_speaker": "3",
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


def test_the_officer_is_told_how_many_people_a_public_change_was_mailed_to(client, clerk):
    edition = EditionFactory()
    talk = scheduled(edition)
    data = change_form(talk, room_en="CICG, Room 5")
    talk.speakers.create(name="Daniel Okafor", email="daniel@example.org", language="en")
    talk.speakers.create(name="No address")
    publish_agenda(edition, clerk)
    data.update({"speakers-TOTAL_FORMS": "3", "speakers-INITIAL_FORMS": "3"})
    for index, speaker in enumerate(talk.speakers.order_by("pk")):
        for name in ("id", "session", "role", "position", "name", "email", "language"):
            value = speaker.pk if name == "id" else talk.pk if name == "session" else getattr(speaker, name)
            data[f"speakers-{index}-{name}"] = value
    response = client.post(f"{SESSIONS}{talk.pk}/change/", data, follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert (
        "The change is listed in public and was mailed to 2 moderators and speakers, each in their language."
        in messages
    )
    assert OutboundMail.objects.count() == 2


def test_a_change_before_publication_says_nothing_of_mails(client, clerk):
    talk = scheduled(EditionFactory())
    response = client.post(
        f"{SESSIONS}{talk.pk}/change/", change_form(talk, room_en="CICG, Room 5"), follow=True
    )
    assert not [m for m in response.context["messages"] if "listed in public" in str(m)]
    assert not OutboundMail.objects.exists()


def test_the_session_form_labels_every_input_of_its_speakers_and_ticks_action_lines(client, clerk):
    page = client.get(f"{SESSIONS}add/").content.decode()
    for name in ("role", "position", "name", "title", "organisation", "email", "language"):
        assert f'for="id_speakers-0-{name}"' in page, name
    # Boxes to tick rather than the two-list filter widget, whose search boxes axe-core refuses.
    assert 'type="checkbox" name="action_lines"' in page and 'type="checkbox" name="sdgs"' in page
    assert "selectfilter" not in page.lower()


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
        "room_en": "CICG, Room 3",
        "room_ar": "",
        "format": "hybrid",
        "speaking_capacity": "0",
        "minutes_per_speaker": "3",
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


def purge(client, edition, confirmed):
    talk = Session.objects.filter(edition=edition).first() or scheduled(edition)
    data = {"action": "purge_personal_data", "_selected_action": [talk.pk]}
    if confirmed:
        data["confirmed"] = "yes"
    return client.post(SESSIONS, data, follow=True)


def test_the_purge_action_first_says_what_goes_and_what_stays_and_removes_nothing(
    client, clerk, time_machine
):
    edition = EditionFactory(year=2026, starts_on=date(2026, 7, 6), ends_on=date(2026, 7, 10))
    scheduled(edition)
    time_machine.move_to(datetime(2026, 7, 20, 12, tzinfo=GENEVA), tick=False)
    response = purge(client, edition, confirmed=False)
    page = response.content.decode()
    assert response.templates[0].name == "admin/forum_events/session/purge_personal_data.html"
    assert "What is removed" in page and "What stays" in page
    assert "speakers&#x27; e-mail addresses: 1" in page
    assert Session.objects.get(edition=edition).speakers.get().email == "hana@example.org"


def test_the_purge_action_once_confirmed_removes_the_editions_personal_data(client, clerk, time_machine):
    edition = EditionFactory(year=2026, starts_on=date(2026, 7, 6), ends_on=date(2026, 7, 10))
    scheduled(edition)
    time_machine.move_to(datetime(2026, 7, 20, 12, tzinfo=GENEVA), tick=False)
    response = purge(client, edition, confirmed=True)
    assert [str(m) for m in response.context["messages"]] == [
        f"Personal data of {edition} removed: statements, photos and personalised letters (files): 0; "
        "biographies: 0; speakers' e-mail addresses: 1; batches of personalised letters: 0; "
        "invitation links: 0."
    ]
    assert Session.objects.get(edition=edition).speakers.get().email == ""


def test_the_purge_action_refuses_an_edition_whose_forum_is_not_over(client, clerk, time_machine):
    edition = EditionFactory(year=2026, starts_on=date(2026, 7, 6), ends_on=date(2026, 7, 10))
    scheduled(edition)
    time_machine.move_to(datetime(2026, 7, 10, 18, tzinfo=GENEVA), tick=False)
    assert "Its Forum is not over" in purge(client, edition, confirmed=False).content.decode()
    response = purge(client, edition, confirmed=True)
    assert [str(m) for m in response.context["messages"]] == [
        f"The Forum of {edition} is not over (its last day is 10 July 2026): "
        "its personal data is still needed."
    ]
    assert Session.objects.get(edition=edition).speakers.get().email == "hana@example.org"


def test_staff_without_both_rights_are_not_offered_the_purge(client):
    from django.contrib.auth.models import Permission

    user = UserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_session", "change_session"]))
    client.force_login(user)
    actions = client.get(SESSIONS).context["action_form"].fields["action"].choices
    assert "purge_personal_data" not in [value for value, _label in actions]


def test_people_without_the_right_cannot_use_the_screens(client):
    client.force_login(UserFactory(is_staff=True))
    for url in (SESSIONS, "/en/admin/forum_events/agenda/", "/en/admin/forum_events/sessionchange/"):
        assert client.get(url).status_code == 403, url
    client.force_login(UserFactory())
    assert client.get(SESSIONS).status_code == 302


# High-level policy sessions: speaking slots and minutes per speaker set in the admin


def policy_form(edition, **overrides):
    """The add form of a high-level policy session on 7 July 2026, 10:00 to 11:30 (90 minutes)."""
    return {
        "edition": edition.pk,
        "kind": "high_level_policy",
        "title_en": "High-level policy session 3: Building confidence and security",
        "title_ar": "جلسة السياسة العامة رفيعة المستوى 3: بناء الثقة والأمن",
        "description_en": "",
        "description_ar": "",
        "day": "2026-07-07",
        "starts_at_0": "2026-07-07",
        "starts_at_1": "10:00",
        "ends_at_0": "2026-07-07",
        "ends_at_1": "11:30",
        "room_en": "CICG, Room 2",
        "room_ar": "",
        "format": "hybrid",
        "speaking_capacity": "20",
        "minutes_per_speaker": "4",
        **SPEAKERS_EMPTY,
        **overrides,
    }


def accepted_invitation(edition, country):
    PhaseFactory(
        edition=edition,
        process=Process.FORUM,
        key=high_level.CONFIRMATIONS_PHASE,
        opens_at=datetime(2020, 1, 1, 9, 0, tzinfo=GENEVA),
        closes_at=datetime(2099, 4, 15, 23, 59, tzinfo=GENEVA),
    )
    return Invitation.objects.create(
        edition=edition,
        member_state=MemberState.objects.get(country=country),
        token_digest=secrets.token_hex(32),
        issued_at=timezone.now(),
        answer=Invitation.Answer.ACCEPTED,
    )


MINISTER = {
    "speaker_name": "H.E. Ms Amal Nasser",
    "speaker_title": "Minister",
    "rank": 3,
    "attendance": "remote",
}


def test_a_policy_session_added_in_the_admin_with_its_slots_takes_a_member_states_request(client, clerk):
    edition = EditionFactory()
    page = client.get(f"{SESSIONS}add/").content.decode()
    assert 'name="speaking_capacity"' in page
    assert 'name="minutes_per_speaker" value="3" class="vIntegerField" min="1" max="15"' in page
    response = client.post(f"{SESSIONS}add/", policy_form(edition))
    assert response.status_code == 302, response.context["adminform"].form.errors
    session = Session.objects.get()
    assert (session.speaking_capacity, session.minutes_per_speaker) == (20, 4)
    request = high_level.request_slot(accepted_invitation(edition, "JO"), session, MINISTER)
    assert (request.session, request.status) == (session, "confirmed")


@pytest.mark.parametrize(
    ("overrides", "field", "error"),
    [
        (
            {"speaking_capacity": "0"},
            "speaking_capacity",
            "A high-level policy session needs at least one speaking slot, or no Member State can request "
            "to speak in it.",
        ),
        ({"minutes_per_speaker": "0"}, "minutes_per_speaker", "Give between 1 and 15 minutes per speaker."),
        ({"minutes_per_speaker": "16"}, "minutes_per_speaker", "Give between 1 and 15 minutes per speaker."),
        (
            {"speaking_capacity": "23"},
            "speaking_capacity",
            "The speaking slots take 92 minutes (slots × minutes per speaker), more than the session's 90 "
            "minutes.",
        ),
    ],
)
def test_policy_session_slots_are_checked(client, clerk, overrides, field, error):
    response = client.post(f"{SESSIONS}add/", policy_form(EditionFactory(), **overrides))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {field: [error]}
    assert not Session.objects.exists()


def test_slots_that_exactly_fill_the_session_are_accepted(client, clerk):
    response = client.post(
        f"{SESSIONS}add/", policy_form(EditionFactory(), speaking_capacity="30", minutes_per_speaker="3")
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Session.objects.get().speaking_capacity == 30


def test_unscheduled_policy_session_needs_a_slot_but_no_time(client, clerk):
    data = policy_form(EditionFactory(), starts_at_0="", starts_at_1="", ends_at_0="", ends_at_1="")
    response = client.post(f"{SESSIONS}add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert (Session.objects.get().starts_at, Session.objects.get().speaking_capacity) == (None, 20)


def test_other_sessions_keep_no_speaking_slots(client, clerk):
    response = client.post(
        f"{SESSIONS}add/", policy_form(EditionFactory(), kind="talkx", speaking_capacity="0")
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Session.objects.get().speaking_capacity == 0


def test_slot_errors_are_in_arabic_in_the_arabic_admin(client, clerk):
    response = client.post(
        "/ar/admin/forum_events/session/add/", policy_form(EditionFactory(), speaking_capacity="0")
    )
    assert response.context["adminform"].form.errors == {
        "speaking_capacity": [
            "تحتاج جلسة السياسة العامة رفيعة المستوى إلى مدة زمنية واحدة للتحدث على الأقل، وإلا فلن تتمكن "
            "أي دولة عضو من طلب التحدث فيها."
        ]
    }


def test_more_slots_set_in_the_admin_confirm_the_waiting_request_and_tell_it(client, clerk):
    edition = EditionFactory()
    session = Session.objects.create(
        edition=edition,
        kind="high_level_policy",
        title_en="High-level policy session 1",
        title_ar="جلسة السياسة العامة رفيعة المستوى 1",
        starts_at=datetime(2026, 7, 7, 10, 0, tzinfo=GENEVA),
        ends_at=datetime(2026, 7, 7, 11, 30, tzinfo=GENEVA),
        room="CICG, Room 2",
        speaking_capacity=1,
        minutes_per_speaker=4,
    )
    high_level.request_slot(accepted_invitation(edition, "JO"), session, MINISTER)
    MemberState.objects.filter(country="TN").update(protocol_office_email="protocol.tn@example.org")
    second = high_level.request_slot(
        Invitation.objects.create(
            edition=edition,
            member_state=MemberState.objects.get(country="TN"),
            token_digest=secrets.token_hex(32),
            issued_at=timezone.now(),
            answer=Invitation.Answer.ACCEPTED,
        ),
        session,
        {**MINISTER, "speaker_name": "H.E. Mr Karim Ben Salah"},
    )
    assert second.status == "waiting"
    data = policy_form(edition, title_en=session.title_en, title_ar=session.title_ar, speaking_capacity="2")
    response = client.post(f"{SESSIONS}{session.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(SlotRequest.objects.order_by("pk").values_list("status", flat=True)) == [
        "confirmed",
        "confirmed",
    ]
    assert list(OutboundMail.objects.values_list("to", flat=True)) == [["protocol.tn@example.org"]]
    entry = AuditEntry.objects.get(content_type__model="session", object_id=str(session.pk))
    assert entry.changes == {"speaking_capacity": [1, 2]}


# Interpretation languages: boxes to tick among the six UN languages


def test_interpretation_languages_are_boxes_for_the_un_languages(client, clerk):
    page = client.get(f"{SESSIONS}add/").content.decode()
    boxes = re.findall(r'<input type="checkbox" name="languages" value="([a-z-]+)"', page)
    assert boxes == ["ar", "en", "fr", "es", "ru", "zh-hans"]
    assert '<textarea name="languages"' not in page


def test_ticked_languages_are_stored_as_codes_in_the_un_order(client, clerk):
    data = policy_form(
        EditionFactory(), kind="talkx", speaking_capacity="0", languages=["zh-hans", "fr", "ar"]
    )
    response = client.post(f"{SESSIONS}add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    session = Session.objects.get()
    assert session.languages == ["ar", "fr", "zh-hans"]
    page = client.get(f"{SESSIONS}{session.pk}/change/").content.decode()
    checked = re.findall(r'<input type="checkbox" name="languages" value="([a-z-]+)"[^>]* checked>', page)
    assert checked == ["ar", "fr", "zh-hans"]


def test_a_language_outside_the_un_languages_is_refused(client, clerk):
    data = policy_form(EditionFactory(), kind="talkx", speaking_capacity="0", languages=["en", "de"])
    response = client.post(f"{SESSIONS}add/", data)
    assert response.context["adminform"].form.errors == {
        "languages": ["Select a valid choice. de is not one of the available choices."]
    }
    assert not Session.objects.exists()


def test_a_view_only_officer_reads_the_interpretation_languages_by_name(client):
    from django.contrib.auth.models import Permission

    reader = UserFactory(is_staff=True)
    reader.user_permissions.set(
        Permission.objects.filter(codename="view_session", content_type__app_label="forum_events")
    )
    client.force_login(reader)
    workshop = session("Community networks", languages=["ar", "en", "fr"])
    html = client.get(f"{SESSIONS}{workshop.pk}/change/").content.decode()
    assert (
        '<div class="readonly" dir="auto"><bdi>Arabic</bdi>, <bdi>English</bdi>, <bdi>French</bdi></div>'
        in html
    )
    assert "[&quot;ar&quot;" not in html and '["ar"' not in html

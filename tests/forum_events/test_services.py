"""Publishing the agenda and changing a published session: the public record of each change with readable
before/after text in Geneva time, and one e-mail per speaker in their own language — nothing before
publication, nothing when nothing public changed, and only for the secretariat."""

from datetime import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from forum_events import services
from forum_events.models import Agenda, Session, SessionChange, SessionSpeaker, SessionType
from tests.factories import EditionFactory, SecretariatFactory, UserFactory
from wsis_portal.editions.schedule import GENEVA
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.mail.models import OutboundMail

pytestmark = pytest.mark.django_db


def geneva(day, hour, minute=0):
    return datetime(2027, 7, day, hour, minute, tzinfo=GENEVA)


@pytest.fixture
def clerk():
    return SecretariatFactory()


@pytest.fixture
def edition():
    return EditionFactory(year=2027)


@pytest.fixture
def session(edition):
    session = Session.objects.create(
        edition=edition,
        kind=SessionType.KNOWLEDGE_CAFE,
        title_en="Knowledge café: AI for local languages",
        title_ar="مقهى المعارف: الذكاء الاصطناعي للغات المحلية",
        format="in_person",
        starts_at=geneva(7, 9),
        ends_at=geneva(7, 10, 30),
        room="CICG, Room 2",
    )
    SessionSpeaker.objects.create(session=session, name="Omar Saleh", email="omar@example.org", language="ar")
    SessionSpeaker.objects.create(
        session=session, name="Ingrid Holm", email="ingrid@example.org", language="en", role="moderator"
    )
    SessionSpeaker.objects.create(session=session, name="No Mail", email="", language="en")
    return session


@pytest.fixture
def published(edition, clerk):
    return services.publish_agenda(edition, clerk)


def session_audit(session):
    return AuditEntry.objects.filter(object_id=str(session.pk), content_type__model="session")


def changes(session):
    return [(c.kind, c.before, c.after) for c in SessionChange.objects.filter(session=session).order_by("pk")]


def test_publishing_sets_the_instant_once_and_audits_once(edition, clerk, time_machine):
    time_machine.move_to(datetime(2027, 6, 1, 9, 0, tzinfo=GENEVA), tick=False)
    agenda = services.publish_agenda(edition, clerk)
    time_machine.move_to(datetime(2027, 6, 2, 9, 0, tzinfo=GENEVA), tick=False)
    again = services.publish_agenda(edition, clerk)
    assert agenda.pk == again.pk
    assert Agenda.objects.get(edition=edition).published_at == datetime(2027, 6, 1, 9, 0, tzinfo=GENEVA)
    assert again.published_at == datetime(2027, 6, 1, 9, 0, tzinfo=GENEVA)
    entry = AuditEntry.objects.get(object_id=str(agenda.pk), action="changed")
    assert (entry.actor, entry.note, entry.changes) == (
        clerk,
        "agenda published",
        {"published_at": [None, "2027-06-01 09:00:00+02:00"]},
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"starts_at": geneva(8, 14), "ends_at": geneva(8, 15)},
            [("time", "7 July 2027 09:00–10:30", "8 July 2027 14:00–15:00")],
        ),
        ({"ends_at": geneva(7, 11)}, [("time", "7 July 2027 09:00–10:30", "7 July 2027 09:00–11:00")]),
        ({"room": "CICG, Room 3"}, [("room", "CICG, Room 2", "CICG, Room 3")]),
        ({"room": ""}, [("room", "CICG, Room 2", "No room")]),
        ({"format": "hybrid"}, [("format", "In person", "Hybrid (in person with remote participation)")]),
        ({"is_cancelled": True}, [("cancelled", "Scheduled", "Cancelled")]),
        (
            {"starts_at": None, "ends_at": None, "room": "CICG, Room 1"},
            [("time", "7 July 2027 09:00–10:30", "Not scheduled"), ("room", "CICG, Room 2", "CICG, Room 1")],
        ),
    ],
)
def test_each_public_change_is_recorded_with_readable_text(session, published, clerk, data, expected):
    services.update_session(session, data, clerk)
    assert changes(session) == expected


def test_the_public_record_of_a_change_is_written_in_every_language(session, published, clerk):
    session.room_ar = "CICG، القاعة 2"
    session.save()
    services.update_session(session, {"room_ar": "CICG، القاعة 3", "room_en": "CICG, Room 3"}, clerk)
    change = SessionChange.objects.get(session=session)
    assert (change.before_en, change.after_en) == ("CICG, Room 2", "CICG, Room 3")
    assert (change.before_ar, change.after_ar) == ("CICG، القاعة 2", "CICG، القاعة 3")
    with translation.override("ar"):
        assert (change.kind, change.before, change.after) == ("room", "CICG، القاعة 2", "CICG، القاعة 3")


def test_a_room_named_in_one_language_only_is_told_in_that_name(session, published, clerk):
    """A change of the Arabic name alone is a change; a language without a name reads the English one."""
    services.update_session(session, {"room_ar": "CICG، القاعة 2"}, clerk)
    change = SessionChange.objects.get(session=session)
    assert (change.before_ar, change.after_ar) == ("CICG, Room 2", "CICG، القاعة 2")
    assert (change.before_en, change.after_en) == ("CICG, Room 2", "CICG, Room 2")


def test_reinstating_a_cancelled_session_is_recorded(session, published, clerk):
    services.update_session(session, {"is_cancelled": True}, clerk)
    services.update_session(session, {"is_cancelled": False}, clerk)
    assert changes(session) == [
        ("cancelled", "Scheduled", "Cancelled"),
        ("reinstated", "Cancelled", "Scheduled"),
    ]
    assert OutboundMail.objects.count() == 4


def test_a_time_across_midnight_names_both_days(session, published, clerk):
    services.update_session(session, {"starts_at": geneva(7, 23), "ends_at": geneva(8, 0, 30)}, clerk)
    assert changes(session) == [("time", "7 July 2027 09:00–10:30", "7 July 2027 23:00 – 8 July 2027 00:30")]
    session.refresh_from_db()
    assert session.day == datetime(2027, 7, 7).date()


def test_nothing_is_recorded_or_sent_before_publication(session, clerk):
    services.update_session(session, {"room": "CICG, Room 3", "is_cancelled": True}, clerk)
    session.refresh_from_db()
    assert (session.room, session.is_cancelled) == ("CICG, Room 3", True)
    assert changes(session) == []
    assert OutboundMail.objects.count() == 0
    entry = session_audit(session).get()
    assert entry.changes == {"room": ["CICG, Room 2", "CICG, Room 3"], "is_cancelled": [False, True]}


def test_no_record_and_no_mail_when_nothing_public_changed(session, published, clerk):
    services.update_session(
        session, {"title_en": "Knowledge café on languages", "room": "CICG, Room 2"}, clerk
    )
    assert Session.objects.get(pk=session.pk).title_en == "Knowledge café on languages"
    assert changes(session) == []
    assert OutboundMail.objects.count() == 0
    assert session_audit(session).get().changes == {
        "title_en": ["Knowledge café: AI for local languages", "Knowledge café on languages"]
    }


def test_saving_the_same_values_writes_nothing(session, published, clerk):
    services.update_session(session, {"room": "CICG, Room 2", "format": "in_person"}, clerk)
    assert not session_audit(session).exists()
    assert OutboundMail.objects.count() == 0


def test_speakers_are_told_in_their_own_language(
    session, published, clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        services.update_session(
            session, {"starts_at": geneva(8, 14), "ends_at": geneva(8, 15), "room": "CICG, Room 3"}, clerk
        )
    mails = {tuple(mail.to): mail for mail in OutboundMail.objects.all()}
    assert sorted(mails) == [("ingrid@example.org",), ("omar@example.org",)]
    english, arabic = mails[("ingrid@example.org",)], mails[("omar@example.org",)]
    assert (english.language, english.subject) == (
        "en",
        "WSIS Forum: your session “Knowledge café: AI for local languages” has changed",
    )
    assert "- New time: 7 July 2027 09:00–10:30 → 8 July 2027 14:00–15:00" in english.body
    assert "- New room: CICG, Room 2 → CICG, Room 3" in english.body
    assert "Dear Ingrid Holm," in english.body
    assert "It now takes place 8 July 2027 14:00–15:00 (Geneva time)." in english.body
    assert f"http://127.0.0.1:8000{session.get_absolute_url()}" in english.body
    assert arabic.language == "ar"
    assert "مقهى المعارف: الذكاء الاصطناعي للغات المحلية" in arabic.subject
    assert "7 يوليو 2027 09:00–10:30 → 8 يوليو 2027 14:00–15:00" in arabic.body
    assert f"http://127.0.0.1:8000{session.get_absolute_url().replace('/en/', '/ar/')}" in arabic.body


def test_a_cancellation_mail_says_the_session_is_cancelled(session, published, clerk):
    services.update_session(session, {"is_cancelled": True}, clerk)
    mail = OutboundMail.objects.get(to=["ingrid@example.org"])
    assert "- Cancelled: Scheduled → Cancelled" in mail.body
    assert "The session is cancelled." in mail.body


def test_only_staff_who_may_change_sessions(session, edition):
    stakeholder = UserFactory()
    staff_without_rights = UserFactory(is_staff=True)
    for user in (stakeholder, staff_without_rights):
        with pytest.raises(PermissionDenied):
            services.publish_agenda(edition, user)
        with pytest.raises(PermissionDenied):
            services.update_session(session, {"room": "Elsewhere"}, user)
    assert not Agenda.objects.exists()
    assert Session.objects.get(pk=session.pk).room == "CICG, Room 2"


def test_an_unknown_field_is_refused(session, clerk):
    with pytest.raises(ValueError, match="Unknown session fields: colour"):
        services.update_session(session, {"colour": "red"}, clerk)

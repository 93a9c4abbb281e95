"""Personal data of the high-level track and the agenda is removed once the retention period after the
edition's Forum week has passed, by ``manage.py purge_personal_data`` (and the daily task): statements,
photos, biographies, speakers' addresses, personalised letters and invitation links; the public record
stays, and a second run removes nothing more."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command

from forum_events import retention
from forum_events.models import (
    Invitation,
    InvitationLink,
    ProtocolRank,
    Session,
    SessionSpeaker,
    SessionType,
    SlotRequest,
)
from forum_events.tasks import purge_personal_data
from tests.factories import EditionFactory, SecretariatFactory, UserFactory
from wsis_portal.editions.schedule import GENEVA
from wsis_portal.letters.models import CircularLetter, LetterBatch, PersonalLetter
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.stakeholders.models import MemberState

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n"
# The 2026 Forum ended on 10 July 2026; with 180 days kept, its data goes after 6 January 2027.
LAST_DAY_KEPT = datetime(2027, 1, 6, 12, tzinfo=UTC)


@pytest.fixture
def edition():
    return EditionFactory(year=2026, starts_on=date(2026, 7, 6), ends_on=date(2026, 7, 10))


@pytest.fixture
def slot_request(edition):
    session = Session.objects.create(
        edition=edition,
        kind=SessionType.HIGH_LEVEL_POLICY,
        title_en="Policy session 1",
        title_ar="الجلسة 1",
        starts_at=datetime(2026, 7, 7, 9, tzinfo=GENEVA),
        ends_at=datetime(2026, 7, 7, 10, 30, tzinfo=GENEVA),
        speaking_capacity=5,
    )
    SessionSpeaker.objects.create(session=session, name="Leila Haddad", email="leila@example.org")
    invitation = Invitation.objects.create(
        edition=edition,
        member_state=MemberState.objects.get(country="EG"),
        token_digest="a" * 64,
        issued_at=datetime(2026, 3, 1, tzinfo=UTC),
        answer=Invitation.Answer.ACCEPTED,
    )
    request = SlotRequest(
        invitation=invitation,
        member_state=invitation.member_state,
        session=session,
        speaker_name="Minister of Communications",
        speaker_title="Minister",
        rank=ProtocolRank.MINISTER,
        attendance=SlotRequest.Attendance.IN_PERSON,
        biography="Born in Alexandria; engineer.",
        requested_at=datetime(2026, 4, 1, tzinfo=UTC),
        status=SlotRequest.Status.CONFIRMED,
    )
    request.statement.save("statement.pdf", ContentFile(PDF), save=False)
    request.photo.save("photo.png", ContentFile(PNG), save=False)
    request.save()
    return request


@pytest.fixture
def batch(edition):
    letter = CircularLetter.objects.create(
        edition=edition,
        date=date(2026, 2, 1),
        subject_en="Invitation",
        subject_ar="دعوة",
        body_en="Body",
        body_ar="نص",
        contact_name="Secretariat",
        signatory_name="Amina Diallo",
        signatory_title_en="Secretary-General",
        signatory_title_ar="الأمينة العامة",
    )
    batch = LetterBatch.objects.create(letter=letter, audience="ministers", created_by=SecretariatFactory())
    copy = PersonalLetter(batch=batch, recipient_key="EG", recipient_label="Egypt", language="ar")
    copy.file.save("egypt.pdf", ContentFile(PDF), save=False)
    copy.save()
    batch.archive.save("all.zip", ContentFile(b"PK"), save=True)
    return batch


def test_nothing_is_removed_within_the_retention_period(slot_request, batch, time_machine):
    time_machine.move_to(LAST_DAY_KEPT, tick=False)
    assert retention.purge() == {}
    slot_request.refresh_from_db()
    assert (slot_request.statement.name != "", slot_request.biography) == (
        True,
        "Born in Alexandria; engineer.",
    )
    assert LetterBatch.objects.count() == 1


def test_personal_data_is_removed_after_the_retention_period(
    slot_request, batch, time_machine, django_capture_on_commit_callbacks
):
    files = [slot_request.statement.name, slot_request.photo.name, batch.copies.get().file.name]
    assert all(storages["private"].exists(name) for name in files)
    time_machine.move_to(LAST_DAY_KEPT + timedelta(days=1), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        removed = retention.purge()
    assert removed == {
        2026: {"files": 4, "biographies": 1, "speaker_addresses": 1, "letter_batches": 1, "secret_links": 1}
    }
    slot_request.refresh_from_db()
    assert (slot_request.statement.name, slot_request.photo.name, slot_request.biography) == ("", "", "")
    # The public record stays: who spoke, with their title, in which session.
    assert (slot_request.speaker_name, slot_request.status) == ("Minister of Communications", "confirmed")
    assert SessionSpeaker.objects.get().email == ""
    assert not LetterBatch.objects.exists() and not PersonalLetter.objects.exists()
    assert Invitation.objects.get().token_digest == f"void-{slot_request.invitation_id}"
    assert not any(storages["private"].exists(name) for name in files)
    assert AuditEntry.objects.filter(note="personal data retention").count() == 2


def test_a_second_run_removes_nothing_more(slot_request, batch, time_machine):
    time_machine.move_to(LAST_DAY_KEPT + timedelta(days=1), tick=False)
    retention.purge()
    assert retention.purge() == {}


def test_the_retention_period_is_a_setting(slot_request, settings, time_machine):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    time_machine.move_to(datetime(2026, 8, 10, 12, tzinfo=UTC), tick=False)
    assert retention.purge()[2026]["biographies"] == 1


def test_the_command_says_what_it_removed(slot_request, time_machine, capsys):
    time_machine.move_to(LAST_DAY_KEPT + timedelta(days=1), tick=False)
    call_command("purge_personal_data")
    assert capsys.readouterr().out == (
        "WSIS Forum 2026: files: 2, biographies: 1, speaker addresses: 1, letter batches: 0, "
        "secret links: 1.\n"
    )
    call_command("purge_personal_data")
    assert capsys.readouterr().out == "No edition ended more than 180 days ago with personal data left.\n"


def test_the_daily_task_purges(slot_request, time_machine):
    time_machine.move_to(LAST_DAY_KEPT + timedelta(days=1), tick=False)
    assert purge_personal_data.apply().get() == {
        "2026": {"files": 2, "biographies": 1, "speaker_addresses": 1, "letter_batches": 0, "secret_links": 1}
    }


def test_the_links_personalised_letters_carried_are_removed_with_the_others(slot_request, time_machine):
    InvitationLink.objects.create(
        invitation=slot_request.invitation, token_digest="b" * 64, issued_at=datetime(2026, 3, 2, tzinfo=UTC)
    )
    time_machine.move_to(LAST_DAY_KEPT + timedelta(days=1), tick=False)
    assert retention.purge()[2026]["secret_links"] == 2
    assert InvitationLink.objects.count() == 0


# The secretariat removes an edition's personal data sooner, from the admin, once its Forum is over.
FORUM_OVER = datetime(2026, 7, 10, 22, 1, tzinfo=UTC)  # 11 July in Geneva, one minute past midnight


def test_what_is_left_is_counted_as_the_purge_then_removes_it(
    slot_request, batch, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(FORUM_OVER, tick=False)
    left = retention.personal_data_left(slot_request.session.edition)
    assert left == {
        "files": 4,
        "biographies": 1,
        "speaker_addresses": 1,
        "letter_batches": 1,
        "secret_links": 1,
    }
    clerk = SecretariatFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert retention.purge_ended_edition(slot_request.session.edition, clerk) == left
    assert set(retention.personal_data_left(slot_request.session.edition).values()) == {0}
    entries = AuditEntry.objects.filter(note="personal data retention")
    assert [entry.actor for entry in entries] == [clerk, clerk]


def test_the_secretariat_cannot_purge_on_the_forums_last_day(slot_request, time_machine):
    time_machine.move_to(FORUM_OVER - timedelta(minutes=2), tick=False)  # 10 July, 23:59 in Geneva
    with pytest.raises(ValidationError) as refused:
        retention.purge_ended_edition(slot_request.session.edition, SecretariatFactory())
    assert refused.value.code == "not_over"
    slot_request.refresh_from_db()
    assert slot_request.biography == "Born in Alexandria; engineer."


def test_only_the_secretariat_purges(slot_request, time_machine):
    time_machine.move_to(FORUM_OVER, tick=False)
    with pytest.raises(PermissionDenied):
        retention.purge_ended_edition(slot_request.session.edition, UserFactory(is_staff=True))
    assert retention.personal_data_left(slot_request.session.edition)["biographies"] == 1

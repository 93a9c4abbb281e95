"""The demo data: the 2026 edition as announced, the 2027 one with invented dates, loaded twice without a
duplicate."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command

from consultations import services as consultation_services
from consultations.models import Consultation, Contribution, Meeting, Speaker, WorkshopRequest
from forum_events.models import Agenda, Invitation, Session, SessionChange, SessionSpeaker, SlotRequest
from wsis_portal.editions.models import Edition, Phase, Process
from wsis_portal.letters.models import CircularLetter, LetterPDF
from wsis_portal.stakeholders.models import FocalPoint, MemberState, Organisation, StakeholderType, User


def counts():
    models = (
        Edition,
        Phase,
        Organisation,
        User,
        FocalPoint,
        Consultation,
        Meeting,
        Contribution,
        WorkshopRequest,
    )
    return [
        model.objects.count()
        for model in (
            *models,
            Speaker,
            Session,
            SessionSpeaker,
            Agenda,
            SessionChange,
            Invitation,
            SlotRequest,
            CircularLetter,
            LetterPDF,
        )
    ]


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=None)


def test_loading_twice_duplicates_nothing(demo):
    first = counts()
    call_command("load_demo")
    # ... and one circular letter with its PDF in each portal language (English, Arabic).
    # The workshop's session has the two speakers its request proposed, beside the agenda's sixteen.
    assert counts() == first == [2, 13, 10, 3, 3, 2, 6, 6, 1, 2, 19, 18, 1, 1, 16, 8, 1, 2]


def test_edition_2026_has_the_announced_dates_in_geneva_time(demo):
    edition = Edition.objects.get(year=2026)
    assert (edition.starts_on, edition.ends_on, edition.venue_ar) == (
        date(2026, 7, 6),
        date(2026, 7, 10),
        "جنيف، سويسرا",
    )
    deadlines = {
        phase.process: phase.closes_at
        for phase in edition.phases.filter(key__in=("contributions", "submission"))
    }
    assert deadlines[Process.CONSULTATION] == datetime(2026, 3, 20, 22, 59, tzinfo=UTC)
    assert deadlines[Process.PRIZES] == datetime(2026, 3, 15, 22, 59, tzinfo=UTC)


def test_every_stakeholder_type_has_organisations(demo):
    assert {t for t in Organisation.objects.values_list("stakeholder_type", flat=True)} == set(
        StakeholderType
    )


def test_ministers_are_named_in_both_languages(demo):
    states = MemberState.objects.exclude(minister_name_en=None).exclude(minister_name_en="")
    assert states.count() == 8
    assert not states.filter(minister_name_ar__isnull=True).exists()


def test_demo_accounts_can_sign_in(client, demo):
    for email in ("secretariat@example.org", "reviewer@example.org", "stakeholder@example.org"):
        response = client.post("/en/accounts/login/", {"login": email, "password": "wsis-demo-2026"})
        assert response.status_code == 302, email
        client.logout()


def test_refuses_to_load_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo")


def test_the_2027_consultation_is_open_in_november_2026_with_a_draft_of_the_demo_stakeholder(demo):
    consultation = Consultation.objects.get(edition__year=2027)
    draft = Contribution.objects.get(consultation=consultation)
    with time_machine.travel(datetime(2026, 11, 23, 12, 0, tzinfo=UTC)):
        assert consultation_services.is_accepting(consultation)
        assert consultation_services.current_consultation() == consultation
        assert consultation_services.can_change(draft)
    assert (draft.owner.email, draft.state, draft.reference) == ("stakeholder@example.org", "draft", None)


def test_the_2026_workshop_request_became_a_session_of_the_2026_agenda(demo):
    request = WorkshopRequest.objects.get()
    assert (request.state, request.reference, request.session.edition.year) == (
        "accepted",
        "WSIS-WS-2026-00001",
        2026,
    )
    assert request.session.title_ar == request.title
    assert [speaker.name for speaker in request.speakers.all()] == ["Leila Benali", "Youssef Karam"]
    assert [speaker.name for speaker in request.session.speakers.all()] == ["Leila Benali", "Youssef Karam"]


def test_the_2026_agenda_is_published_with_one_change_and_the_2027_one_is_not(demo):
    agenda = Agenda.objects.get()
    assert (agenda.edition.year, agenda.is_published) == (2026, True)
    change = SessionChange.objects.get()
    assert (change.session.title_en, change.kind, change.before, change.after) == (
        "Knowledge café: AI for local languages",
        "room",
        "CICG, Knowledge café lounge",
        "CICG, Room 3",
    )
    assert change.session.room == "CICG, Room 3"
    opening = Session.objects.get(edition__year=2027, kind="opening")
    assert (opening.day, opening.starts_at) == (date(2027, 7, 5), datetime(2027, 7, 5, 7, 30, tzinfo=UTC))
    assert opening.remote_link == "https://meet.example.org/wsis-2027-opening-segment"


def test_the_high_level_track_of_2026_has_answers_and_requests_by_protocol_order(demo):
    call_command("load_demo")
    edition = Edition.objects.get(year=2026)
    confirmations = Phase.objects.get(edition=edition, process=Process.FORUM, key="confirmations")
    assert confirmations.closes_at == datetime(2026, 4, 15, 21, 59, tzinfo=UTC)
    assert Phase.objects.get(edition__year=2027, key="confirmations").closes_at == datetime(
        2027, 4, 14, 21, 59, tzinfo=UTC
    )
    answers = dict(Invitation.objects.filter(edition=edition).values_list("member_state__country", "answer"))
    assert answers == {
        "BR": "declined",
        "CH": "pending",
        "EG": "accepted",
        "JO": "accepted",
        "KE": "accepted",
        "MA": "accepted",
        "SN": "accepted",
        "TN": "accepted",
    }
    assert set(Invitation.objects.filter(edition__year=2027).values_list("answer", flat=True)) == {"pending"}
    first, second = Session.objects.filter(edition=edition, kind="high_level_policy").order_by("starts_at")
    assert (first.speaking_capacity, first.minutes_per_speaker) == (5, 3)
    order = [
        (r.member_state.country.code, r.status)
        for r in SlotRequest.objects.filter(session=first).order_by("rank", "requested_at")
    ]
    assert order == [
        ("EG", "confirmed"),
        ("JO", "confirmed"),
        ("KE", "confirmed"),
        ("SN", "confirmed"),
        ("MA", "confirmed"),
        ("TN", "waiting"),
    ]
    assert list(
        SlotRequest.objects.filter(session=second)
        .order_by("rank")
        .values_list("member_state__country", "status")
    ) == [("EG", "confirmed"), ("TN", "confirmed")]


def test_the_letter_to_ministers_is_issued_and_listed_in_both_languages_with_its_pdfs(client, demo):
    letter = CircularLetter.objects.get()
    assert (letter.reference, letter.state, letter.edition.year, letter.addressees) == (
        "CL-26/001",
        "issued",
        2026,
        ["ministers", "governments"],
    )
    assert letter.issued_by.email == "secretariat@example.org"
    english = client.get("/en/letters/").content.decode()
    assert "<td><bdi>CL-26/001</bdi></td>" in english
    assert "<td>WSIS Forum 2026: invitation to the high-level track (Geneva, 6-10 July 2026)</td>" in english
    arabic = client.get("/ar/letters/").content.decode()
    assert "<td><bdi>CL-26/001</bdi></td>" in arabic
    assert "<td>منتدى القمة العالمية لمجتمع المعلومات لعام 2026: دعوة إلى المسار الرفيع المستوى" in arabic
    for language in ("en", "ar"):
        link = f"/en/letters/{letter.pk}/{language}.pdf"
        assert f'<a href="{link}" hreflang="{language}" lang="{language}">' in english
        assert f'<a href="/ar/letters/{letter.pk}/{language}.pdf" hreflang="{language}"' in arabic
        response = client.get(link)
        assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
        assert b"".join(response.streaming_content).startswith(b"%PDF-")

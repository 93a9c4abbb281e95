"""The pages a Member State's protocol office uses through its secret invitation link: only the right link
opens them, the answer and the requests for speaking slots go through ``high_level``, bad input is refused
with a translated message and nothing lost, after the deadline everything is read-only, and the uploaded
statements are served only through the link of their own invitation."""

from datetime import datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from forum_events import high_level
from forum_events.models import Invitation, ProtocolRank, Session, SessionType, SlotRequest
from tests.factories import EditionFactory, PhaseFactory, SecretariatFactory
from wsis_portal.editions.models import Process
from wsis_portal.editions.schedule import GENEVA
from wsis_portal.mail.models import OutboundMail
from wsis_portal.stakeholders.models import MemberState

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def edition():
    return EditionFactory(year=2027)


@pytest.fixture
def confirmation_phase(edition):
    now = timezone.now()
    return PhaseFactory(
        edition=edition,
        process=Process.FORUM,
        key=high_level.CONFIRMATIONS_PHASE,
        name_en="Confirmations of the high-level track",
        name_ar="تأكيدات المسار الرفيع المستوى",
        opens_at=now - timedelta(days=30),
        closes_at=now + timedelta(days=10),
    )


def policy_session(edition, title, day, capacity):
    return Session.objects.create(
        edition=edition,
        kind=SessionType.HIGH_LEVEL_POLICY,
        title_en=title,
        title_ar=title,
        starts_at=datetime(2027, 7, day, 9, tzinfo=GENEVA),
        ends_at=datetime(2027, 7, day, 10, 30, tzinfo=GENEVA),
        speaking_capacity=capacity,
    )


@pytest.fixture
def sessions(edition):
    return [
        policy_session(edition, "Policy session 1: Bridging the digital divide", 6, 1),
        policy_session(edition, "Policy session 2: Cybersecurity", 7, 5),
        policy_session(edition, "Policy session 3: AI governance", 8, 5),
    ]


def state(country, email):
    member_state = MemberState.objects.get(country=country)
    member_state.protocol_office_email = email
    member_state.save()
    return member_state


def invite(edition, country="EG", email="protocol@mcit.gov.eg", accept=True):
    invitation, token = high_level.issue_invitation(edition, state(country, email), SecretariatFactory())
    if accept:
        high_level.answer(invitation, True)
    return invitation, token


def page(token, language="en"):
    return f"/{language}" + reverse("forum_events:invitation", args=[token])[3:]


def speaker(**changes):
    data = {
        "speaker_name": "Amr Talaat",
        "speaker_title": "Minister of Communications and Information Technology",
        "rank": ProtocolRank.MINISTER,
        "attendance": SlotRequest.Attendance.IN_PERSON,
        "statement_language": "ar",
        "biography": "",
    }
    data.update(changes)
    return data


def new_request(session, preference=1, **changes):
    posted = {f"new-{name}": value for name, value in speaker(**changes).items()}
    posted.update({"action": "request", "new-session": session.pk, "new-preference": preference})
    return posted


def change(slot_request, **changes):
    posted = {f"request-{slot_request.pk}-{name}": value for name, value in speaker(**changes).items()}
    posted.update({"action": "update", "request": slot_request.pk})
    return posted


@pytest.fixture
def egypt(edition, confirmation_phase, sessions):
    return invite(edition)


# The link


def test_forged_link_is_not_found(client, egypt):
    assert client.get(page("forged-" + egypt[1][7:])).status_code == 404


def test_replaced_link_is_not_found_and_the_new_one_opens_the_page(client, edition, egypt):
    invitation, old_token = egypt
    _, new_token = high_level.issue_invitation(edition, invitation.member_state, SecretariatFactory())
    assert client.get(page(old_token)).status_code == 404
    assert client.get(page(new_token)).status_code == 200


def test_link_of_a_forum_that_is_over_is_not_found(client, egypt, time_machine):
    time_machine.move_to(datetime(2027, 7, 12, 9, 0, tzinfo=GENEVA), tick=False)
    assert client.get(page(egypt[1])).status_code == 404


def test_page_shows_the_state_the_edition_the_deadline_and_the_rule(client, edition, confirmation_phase):
    _, token = invite(edition, accept=False)
    response = client.get(page(token))
    assert response.status_code == 200
    assert response.context["invitation"].member_state.country.code == "EG"
    assert response.context["phase"] == confirmation_phase
    content = response.content.decode()
    assert "<dd>Egypt</dd>" in content
    assert confirmation_phase.closes_at.astimezone(GENEVA).strftime("%H:%M") in content
    assert "ordered by the protocol rank of their speaker" in content
    assert 'name="action" value="accept"' in content
    assert 'name="action" value="decline"' in content
    # Not accepted yet: no request form.
    assert response.context["new_form"] is None


def test_request_form_offers_the_policy_sessions_with_their_time_and_free_slots(client, egypt, sessions):
    _, token = egypt
    client.post(page(token), new_request(sessions[0]))
    choices = [label for _, label in client.get(page(token)).context["new_form"].fields["session"].choices]
    assert choices == [
        "Choose a session",
        "Policy session 1: Bridging the digital divide · 6 July 2027, 09:00 (Geneva time) · 0 of 1 slot free",
        "Policy session 2: Cybersecurity · 7 July 2027, 09:00 (Geneva time) · 5 of 5 slots free",
        "Policy session 3: AI governance · 8 July 2027, 09:00 (Geneva time) · 5 of 5 slots free",
    ]


# Answering and requesting


def test_accepting_then_requesting_a_slot_confirms_it(client, edition, confirmation_phase, sessions):
    invitation, token = invite(edition, accept=False)
    response = client.post(page(token), {"action": "accept"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.answer == Invitation.Answer.ACCEPTED

    statement = SimpleUploadedFile("statement.pdf", PDF, "application/pdf")
    response = client.post(page(token), {**new_request(sessions[1]), "new-statement": statement})
    assert response.status_code == 302
    slot_request = SlotRequest.objects.get(invitation=invitation)
    assert (slot_request.session, slot_request.preference, slot_request.status) == (
        sessions[1],
        1,
        "confirmed",
    )
    assert slot_request.speaker_name == "Amr Talaat"
    assert slot_request.statement.read() == PDF

    content = client.get(page(token)).content.decode()
    assert "<bdi>1</bdi> of <bdi>1</bdi>, <bdi>5</bdi> slots" in content
    assert "Slot confirmed" in content


def test_second_request_for_the_same_session_is_refused_with_the_message(client, egypt, sessions):
    invitation, token = egypt
    client.post(page(token), new_request(sessions[0], preference=1))
    response = client.post(page(token), new_request(sessions[0], preference=2, speaker_name="Another one"))
    assert response.status_code == 400
    assert "Your Member State has already requested to speak in this session." in response.content.decode()
    assert SlotRequest.objects.filter(invitation=invitation).count() == 1
    # What was typed stays in the form.
    assert response.context["new_form"]["speaker_name"].value() == "Another one"


def test_second_first_choice_is_refused_with_the_message(client, egypt, sessions):
    invitation, token = egypt
    client.post(page(token), new_request(sessions[0], preference=1))
    response = client.post(page(token), new_request(sessions[1], preference=1))
    assert response.status_code == 400
    assert "You have already made this choice: change or withdraw that request." in response.content.decode()
    assert SlotRequest.objects.filter(invitation=invitation).count() == 1


def test_missing_field_is_refused_with_the_typed_values_kept(client, egypt, sessions):
    _, token = egypt
    response = client.post(page(token), new_request(sessions[0], speaker_name="", speaker_title="Minister"))
    assert response.status_code == 400
    form = response.context["new_form"]
    assert form.errors["speaker_name"] == ["This field is required."]
    assert form["speaker_title"].value() == "Minister"
    assert '<a href="#id_new-speaker_name">' in response.content.decode()
    assert SlotRequest.objects.count() == 0


def test_statement_that_is_not_a_pdf_is_refused_with_the_translated_message(client, egypt, sessions):
    _, token = egypt
    fake = SimpleUploadedFile("statement.pdf", b"<html>not a statement</html>", "application/pdf")
    response = client.post(page(token, "ar"), {**new_request(sessions[0]), "new-statement": fake})
    assert response.status_code == 400
    assert response.context["new_form"].errors["statement"] == ["محتوى الملف ليس من نوع PDF، أياً كان اسمه."]
    assert SlotRequest.objects.count() == 0


def test_oversize_photo_is_refused(client, egypt, sessions, settings):
    settings.UPLOAD_MAX_BYTES = 100
    _, token = egypt
    photo = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 200, "image/png")
    response = client.post(page(token), {**new_request(sessions[0]), "new-photo": photo})
    assert response.status_code == 400
    assert response.context["new_form"].errors["photo"] == [
        "The file is too large (208\xa0bytes); the limit is 100\xa0bytes."
    ]
    assert SlotRequest.objects.count() == 0


def test_requesting_before_accepting_is_refused_with_the_message(
    client, edition, confirmation_phase, sessions
):
    _, token = invite(edition, accept=False)
    response = client.post(page(token), new_request(sessions[0]))
    assert response.status_code == 400
    assert response.context["error"] == "Accept the invitation before requesting a slot."
    assert SlotRequest.objects.count() == 0


def test_statement_needs_its_original_language(client, egypt, sessions):
    _, token = egypt
    statement = SimpleUploadedFile("statement.pdf", PDF, "application/pdf")
    posted = {**new_request(sessions[0], statement_language=""), "new-statement": statement}
    response = client.post(page(token), posted)
    assert response.status_code == 400
    assert response.context["new_form"].errors["statement_language"] == [
        "Say in which language the statement was written."
    ]
    assert SlotRequest.objects.count() == 0


# Changing and withdrawing


def test_changing_the_speaker_keeps_the_statement_and_a_new_upload_replaces_it(client, egypt, sessions):
    invitation, token = egypt
    statement = SimpleUploadedFile("first.pdf", PDF, "application/pdf")
    client.post(page(token), {**new_request(sessions[0]), "new-statement": statement})
    slot_request = SlotRequest.objects.get(invitation=invitation)
    first_name = slot_request.statement.name

    assert client.post(page(token), change(slot_request, speaker_title="Minister of ICT")).status_code == 302
    slot_request.refresh_from_db()
    assert (slot_request.speaker_title, slot_request.statement.name) == ("Minister of ICT", first_name)

    second = SimpleUploadedFile("second.pdf", PDF + b"%second\n", "application/pdf")
    posted = {**change(slot_request), f"request-{slot_request.pk}-statement": second}
    assert client.post(page(token), posted).status_code == 302
    slot_request.refresh_from_db()
    assert slot_request.statement.name.rsplit("/", 1)[-1].startswith("second")
    assert slot_request.statement.read() == PDF + b"%second\n"


def test_change_to_a_delegate_ambassador_moves_the_request_down_the_order(client, edition, egypt, sessions):
    invitation, token = egypt
    _, kenya_token = invite(edition, "KE", "protocol@ict.go.ke")
    client.post(page(token), new_request(sessions[0]))
    client.post(page(kenya_token), new_request(sessions[0], speaker_name="Eliud Owalo"))
    egypt_request = SlotRequest.objects.get(invitation=invitation)
    assert (egypt_request.status, high_level.position_in(egypt_request)) == ("confirmed", 1)

    response = client.post(
        page(token),
        change(
            egypt_request,
            speaker_name="Ahmed Ihab Gamaleldin",
            is_delegate="on",
            rank=ProtocolRank.AMBASSADOR,
        ),
    )
    assert response.status_code == 302
    egypt_request.refresh_from_db()
    assert (egypt_request.speaker_name, egypt_request.is_delegate, egypt_request.rank) == (
        "Ahmed Ihab Gamaleldin",
        True,
        ProtocolRank.AMBASSADOR,
    )
    assert (egypt_request.status, high_level.position_in(egypt_request)) == ("waiting", 2)
    assert egypt_request.statement.name == ""
    assert "<bdi>2</bdi> of <bdi>2</bdi>, <bdi>1</bdi> slot" in client.get(page(token)).content.decode()


def test_invalid_change_keeps_the_typed_values_and_changes_nothing(client, egypt, sessions):
    invitation, token = egypt
    client.post(page(token), new_request(sessions[0]))
    slot_request = SlotRequest.objects.get(invitation=invitation)
    response = client.post(page(token), change(slot_request, speaker_name="", speaker_title="Ambassador"))
    assert response.status_code == 400
    form = next(r.form for r in response.context["requests"] if r.pk == slot_request.pk)
    assert form.errors["speaker_name"] == ["This field is required."]
    assert form["speaker_title"].value() == "Ambassador"
    slot_request.refresh_from_db()
    assert slot_request.speaker_title == "Minister of Communications and Information Technology"


def test_withdrawing_promotes_the_next_and_mails_its_protocol_office(client, edition, egypt, sessions):
    invitation, token = egypt
    kenya, kenya_token = invite(edition, "KE", "protocol@ict.go.ke")
    client.post(page(token), new_request(sessions[0]))
    client.post(page(kenya_token), new_request(sessions[0], speaker_name="Eliud Owalo"))
    egypt_request = SlotRequest.objects.get(invitation=invitation)
    OutboundMail.objects.all().delete()

    response = client.post(page(token), {"action": "withdraw", "request": egypt_request.pk})
    assert response.status_code == 302
    egypt_request.refresh_from_db()
    assert egypt_request.status == "withdrawn"
    assert SlotRequest.objects.get(invitation=kenya).status == "confirmed"
    assert list(OutboundMail.objects.values_list("to", flat=True)) == [["protocol@ict.go.ke"]]


def test_another_invitations_request_cannot_be_changed_or_withdrawn(client, edition, egypt, sessions):
    _, token = egypt
    kenya, kenya_token = invite(edition, "KE", "protocol@ict.go.ke")
    client.post(page(kenya_token), new_request(sessions[0]))
    kenya_request = SlotRequest.objects.get(invitation=kenya)
    assert client.post(page(token), {"action": "withdraw", "request": kenya_request.pk}).status_code == 404
    assert client.post(page(token), change(kenya_request, speaker_name="Someone")).status_code == 404
    kenya_request.refresh_from_db()
    assert (kenya_request.status, kenya_request.speaker_name) == ("confirmed", "Amr Talaat")


def test_declining_withdraws_every_request(client, egypt, sessions):
    invitation, token = egypt
    client.post(page(token), new_request(sessions[0]))
    assert client.post(page(token), {"action": "decline"}).status_code == 302
    invitation.refresh_from_db()
    assert invitation.answer == Invitation.Answer.DECLINED
    assert list(SlotRequest.objects.values_list("status", flat=True)) == ["withdrawn"]


# After the deadline


def test_after_the_deadline_the_page_is_read_only_and_a_post_changes_nothing(
    client, egypt, sessions, confirmation_phase
):
    invitation, token = egypt
    client.post(page(token), new_request(sessions[0]))
    slot_request = SlotRequest.objects.get(invitation=invitation)
    confirmation_phase.closes_at = timezone.now() - timedelta(minutes=1)
    confirmation_phase.save()

    response = client.get(page(token))
    content = response.content.decode()
    assert response.context["new_form"] is None
    assert response.context["requests"][0].form is None
    assert "can no longer be changed" in content
    assert 'name="action"' not in content

    refused = "The deadline to confirm has passed: your answers are kept but can no longer be changed."
    for posted in (
        new_request(sessions[1], preference=2),
        change(slot_request, speaker_name="Someone else"),
        {"action": "withdraw", "request": slot_request.pk},
        {"action": "decline"},
    ):
        response = client.post(page(token), posted)
        assert response.status_code == 400
        assert response.context["error"] == refused
    slot_request.refresh_from_db()
    invitation.refresh_from_db()
    assert (slot_request.status, slot_request.speaker_name) == ("confirmed", "Amr Talaat")
    assert SlotRequest.objects.count() == 1
    assert invitation.answer == Invitation.Answer.ACCEPTED


# The statement


def test_statement_is_downloaded_only_with_its_own_invitations_link(client, edition, egypt, sessions):
    invitation, token = egypt
    _, kenya_token = invite(edition, "KE", "protocol@ict.go.ke")
    statement = SimpleUploadedFile("egypt-statement.pdf", PDF, "application/pdf")
    client.post(page(token), {**new_request(sessions[0]), "new-statement": statement})
    slot_request = SlotRequest.objects.get(invitation=invitation)

    response = client.get(reverse("forum_events:invitation_statement", args=[token, slot_request.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="egypt-statement')
    assert b"".join(response.streaming_content) == PDF
    assert (
        client.get(
            reverse("forum_events:invitation_statement", args=[kenya_token, slot_request.pk])
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("forum_events:invitation_photo", args=[token, slot_request.pk])).status_code == 404
    )


# Languages and queries


def test_arabic_page_is_right_to_left_with_arabic_labels(client, egypt):
    response = client.get(page(egypt[1], "ar"))
    content = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in content
    assert "<dt>دولة عضو</dt>" in content


@pytest.mark.parametrize("count", [1, 3])
def test_invitation_page_runs_the_same_queries_for_1_and_3_requests(
    client, edition, egypt, sessions, count, django_assert_num_queries
):
    invitation, token = egypt
    client.post(page(token), new_request(sessions[0], preference=1))
    if count == 3:
        # A withdrawn request stays listed; two are active.
        client.post(page(token), new_request(sessions[1], preference=2))
        high_level.withdraw(SlotRequest.objects.get(session=sessions[1]))
        client.post(page(token), new_request(sessions[2], preference=2))
    assert SlotRequest.objects.filter(invitation=invitation).count() == count
    with django_assert_num_queries(5):
        response = client.get(page(token))
    assert len(response.context["requests"]) == count

"""The protocol office's account: an account the secretariat linked to a Member State does what the secret
link allows, on the same page, without the link; only for its own Member State's invitation and requests."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from forum_events import high_level
from forum_events.models import Invitation, SlotRequest
from tests.factories import EditionFactory, PhaseFactory, UserFactory
from tests.forum_events.test_invitation import PDF, change, invite, new_request, policy_session
from wsis_portal.editions.models import Process
from wsis_portal.stakeholders.models import MemberState

pytestmark = pytest.mark.django_db

PAGE = "/en/forum/high-level/"


@pytest.fixture
def edition():
    edition = EditionFactory(year=2027)
    now = timezone.now()
    PhaseFactory(
        edition=edition,
        process=Process.FORUM,
        key=high_level.CONFIRMATIONS_PHASE,
        name_en="Confirmations of the high-level track",
        name_ar="تأكيدات المسار الرفيع المستوى",
        opens_at=now - timedelta(days=30),
        closes_at=now + timedelta(days=10),
    )
    return edition


@pytest.fixture
def sessions(edition):
    return [
        policy_session(edition, "Policy session 1: Bridging the digital divide", 6, 1),
        policy_session(edition, "Policy session 2: Cybersecurity", 7, 5),
    ]


def officer(country):
    return UserFactory(member_state=MemberState.objects.get(country=country))


def statement_url(slot_request, which="statement"):
    return reverse(f"forum_events:protocol_office_{which}", args=[slot_request.pk])


def test_urls_are_under_the_forum():
    assert reverse("forum_events:protocol_office") == "/en/forum/high-level/"
    assert statement_url(SlotRequest(pk=7)) == "/en/forum/high-level/requests/7/statement/"
    assert statement_url(SlotRequest(pk=7), "photo") == "/en/forum/high-level/requests/7/photo/"


def test_linked_account_answers_requests_and_downloads_its_statement(client, edition, sessions):
    invitation, _ = invite(edition, accept=False)
    client.force_login(officer("EG"))

    response = client.get(PAGE)
    assert response.status_code == 200
    assert response.context["invitation"] == invitation
    assert response.context["page_url"] == PAGE
    content = response.content.decode()
    assert "<dd>Egypt</dd>" in content
    assert '<form method="post" action="/en/forum/high-level/" class="form">' in content

    response = client.post(PAGE, {"action": "accept"})
    assert (response.status_code, response["Location"]) == (302, PAGE)
    invitation.refresh_from_db()
    assert invitation.answer == Invitation.Answer.ACCEPTED

    statement = SimpleUploadedFile("egypt-statement.pdf", PDF, "application/pdf")
    response = client.post(PAGE, {**new_request(sessions[0]), "new-statement": statement})
    assert (response.status_code, response["Location"]) == (302, PAGE)
    slot_request = SlotRequest.objects.get(invitation=invitation)
    assert (slot_request.session, slot_request.status) == (sessions[0], SlotRequest.Status.CONFIRMED)

    content = client.get(PAGE).content.decode()
    assert f'<a href="/en/forum/high-level/requests/{slot_request.pk}/statement/" download>' in content
    assert "/invitation/" not in content

    response = client.post(PAGE, change(slot_request, speaker_title="Minister of ICT"))
    assert (response.status_code, response["Location"]) == (302, PAGE)
    slot_request.refresh_from_db()
    assert slot_request.speaker_title == "Minister of ICT"

    response = client.get(statement_url(slot_request))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="egypt-statement')
    assert b"".join(response.streaming_content) == PDF
    assert client.get(statement_url(slot_request, "photo")).status_code == 404

    response = client.post(PAGE, {"action": "withdraw", "request": slot_request.pk})
    assert (response.status_code, response["Location"]) == (302, PAGE)
    slot_request.refresh_from_db()
    assert slot_request.status == SlotRequest.Status.WITHDRAWN


def test_refusal_is_shown_on_the_accounts_page(client, edition, sessions):
    invite(edition, accept=False)
    client.force_login(officer("EG"))
    response = client.post(PAGE, new_request(sessions[0]))
    assert response.status_code == 400
    assert response.context["page_url"] == PAGE
    assert SlotRequest.objects.count() == 0


def test_another_states_officer_sees_only_its_own_invitation_and_not_the_others_statement(
    client, edition, sessions
):
    egypt, egypt_token = invite(edition)
    kenya, _ = invite(edition, "KE", "protocol@ict.go.ke")
    statement = SimpleUploadedFile("egypt-statement.pdf", PDF, "application/pdf")
    client.post(
        reverse("forum_events:invitation", args=[egypt_token]),
        {**new_request(sessions[0]), "new-statement": statement},
    )
    egypt_request = SlotRequest.objects.get(invitation=egypt)

    client.force_login(officer("KE"))
    response = client.get(PAGE)
    assert response.context["invitation"] == kenya
    assert response.context["requests"] == []
    assert "<dd>Kenya</dd>" in response.content.decode()
    assert client.get(statement_url(egypt_request)).status_code == 404
    # Acting on Egypt's request through Kenya's page finds nothing.
    assert client.post(PAGE, {"action": "withdraw", "request": egypt_request.pk}).status_code == 404
    egypt_request.refresh_from_db()
    assert egypt_request.status == SlotRequest.Status.CONFIRMED


def test_state_not_invited_to_the_current_edition_is_told_so(client, edition):
    client.force_login(officer("EG"))
    response = client.get(PAGE)
    assert response.status_code == 200
    assert (
        "Egypt has not been invited to the high-level track of " + str(edition) + " yet."
        in response.content.decode()
    )


def test_state_not_invited_is_told_so_in_arabic(client, edition):
    client.force_login(officer("EG"))
    response = client.get("/ar/forum/high-level/")
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_user_without_a_member_state_is_refused(client, edition, sessions):
    egypt, _ = invite(edition)
    slot_request = high_level.request_slot(
        egypt,
        sessions[1],
        {
            "speaker_name": "Amr Talaat",
            "speaker_title": "Minister",
            "rank": 3,
            "attendance": SlotRequest.Attendance.IN_PERSON,
        },
    )
    client.force_login(UserFactory())
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"action": "accept"}).status_code == 403
    assert client.get(statement_url(slot_request)).status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in(client, edition):
    response = client.get(PAGE)
    assert (response.status_code, response["Location"]) == (
        302,
        "/en/accounts/login/?next=/en/forum/high-level/",
    )


def test_link_still_works_beside_the_account(client, edition, sessions):
    invitation, token = invite(edition, accept=False)
    link = reverse("forum_events:invitation", args=[token])
    response = client.get(link)
    assert response.context["page_url"] == link
    response = client.post(link, {"action": "accept"})
    assert (response.status_code, response["Location"]) == (302, link)


# "My participation"


def test_dashboard_links_the_officer_to_its_invitation(client, edition):
    client.force_login(officer("EG"))
    content = client.get("/en/me/").content.decode()
    assert '<a href="/en/forum/high-level/">High-level track invitation of Egypt</a>' in content


def test_dashboard_has_no_link_for_other_users(client, edition):
    client.force_login(UserFactory())
    assert "/forum/high-level/" not in client.get("/en/me/").content.decode()


# The secretariat's screen


def test_secretariat_links_an_account_to_a_member_state(client, secretariat):
    someone = UserFactory()
    egypt = MemberState.objects.get(country="EG")
    client.force_login(secretariat)
    page = client.get(f"/en/admin/stakeholders/user/{someone.pk}/change/").content.decode()
    assert 'name="member_state"' in page
    response = client.post(
        f"/en/admin/stakeholders/user/{someone.pk}/change/",
        {
            "email": someone.email,
            "full_name": someone.full_name,
            "preferred_language": "en",
            "is_active": "on",
            "member_state": egypt.pk,
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 302
    someone.refresh_from_db()
    assert someone.member_state == egypt


def test_profile_does_not_let_the_user_choose_a_member_state(client, user):
    client.force_login(user)
    response = client.get("/en/me/profile/")
    assert response.status_code == 200
    assert 'name="member_state"' not in response.content.decode()


@pytest.mark.parametrize("count", [1, 2])
def test_accounts_page_runs_the_same_queries_for_1_and_2_requests(
    client, edition, sessions, count, django_assert_num_queries
):
    invitation, token = invite(edition)
    link = reverse("forum_events:invitation", args=[token])
    client.post(link, new_request(sessions[0], preference=1))
    if count == 2:
        client.post(link, new_request(sessions[1], preference=2))
    client.force_login(officer("EG"))
    client.get(PAGE)
    # session, user, invitation (the current edition is cached), its phases, requests, places in the order,
    # the sessions offered by the request form
    with django_assert_num_queries(7):
        response = client.get(PAGE)
    assert len(response.context["requests"]) == count

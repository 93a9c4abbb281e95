"""The secretariat's screens for the high-level track: invitations with their answers and requests, the
invitation mailed to protocol offices, the speaking slot requests and their withdrawal, and per session
the run of show with its exports and the statements as one ZIP, for the secretariat only."""

import csv
import io
import zipfile
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from forum_events import high_level
from forum_events.models import Invitation, SlotRequest
from tests.factories import EditionFactory, SecretariatFactory, UserFactory
from tests.forum_events.test_allocation import invite, open_edition, policy_session, speaker
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.mail.models import OutboundMail
from wsis_portal.stakeholders.models import MemberState

pytestmark = pytest.mark.django_db

INVITATIONS = "/en/admin/forum_events/invitation/"
REQUESTS = "/en/admin/forum_events/slotrequest/"
CODES = ("EG", "JO", "MA")


@pytest.fixture
def clerk(client):
    clerk = SecretariatFactory()
    client.force_login(clerk)
    return clerk


@pytest.fixture
def edition(db):
    return open_edition()


@pytest.fixture
def session(edition):
    session = policy_session(edition, 1, 2)
    session.starts_at = datetime(2026, 7, 6, 9, 15, tzinfo=UTC)  # 11:15 in Geneva
    session.ends_at = datetime(2026, 7, 6, 11, 0, tzinfo=UTC)
    session.save()
    return session


def state(code):
    return MemberState.objects.get(country=code)


@pytest.fixture
def requests(session):
    invitations = {code: invite(session.edition, state(code)) for code in CODES}
    made = {}
    for code, rank in (("EG", 3), ("JO", 1), ("MA", 3)):
        data = speaker(rank, f"Speaker of {code}")
        if code != "JO":
            data["statement"] = SimpleUploadedFile(f"{code}.pdf", b"%PDF-1.4 statement of " + code.encode())
        made[code] = high_level.request_slot(invitations[code], session, data)
    return made


@pytest.mark.parametrize("count", [1, 3])
def test_invitation_list_query_count_is_constant(client, clerk, edition, django_assert_num_queries, count):
    for code in CODES[:count]:
        invite(edition, state(code))
    client.get(INVITATIONS)
    # session, user, own and groups' permissions, the editions filter, the filtered and full counts, the page
    with django_assert_num_queries(8):
        response = client.get(INVITATIONS)
    assert len(response.context["cl"].result_list) == count


@pytest.mark.parametrize("count", [1, 3])
def test_request_list_query_count_is_constant(client, clerk, session, django_assert_num_queries, count):
    for code in CODES[:count]:
        high_level.request_slot(invite(session.edition, state(code)), session, speaker(3))
    client.get(REQUESTS)
    # session, user, own and groups' permissions, the editions and sessions filters, the filtered and full
    # counts, the page
    with django_assert_num_queries(9):
        response = client.get(REQUESTS)
    assert len(response.context["cl"].result_list) == count


def test_invitation_list_shows_answers_counts_and_filters(client, clerk, session, requests):
    Invitation.objects.filter(member_state__country="MA").update(answer="declined")
    Invitation.objects.filter(member_state__country="JO").update(answer="pending")
    response = client.get(INVITATIONS)
    rows = {
        inv.member_state.country.code: (inv.confirmed_count, inv.waiting_count)
        for inv in response.context["cl"].result_list
    }
    assert rows == {"EG": (1, 0), "JO": (1, 0), "MA": (0, 1)}
    assert "Silent (not answered)" in response.content.decode()
    silent = client.get(f"{INVITATIONS}?answer=pending")
    assert [inv.member_state.country.code for inv in silent.context["cl"].result_list] == ["JO"]
    found = client.get(f"{INVITATIONS}?q=jordan")
    assert [inv.member_state.country.code for inv in found.context["cl"].result_list] == ["JO"]


def test_invite_mails_the_protocol_offices_and_leaves_those_invited_alone(client, clerk, edition):
    MemberState.objects.filter(country__in=["EG", "JO"]).update(
        minister_name_en="H.E. Minister", protocol_office_email="protocol@example.org"
    )
    MemberState.objects.filter(country="EG").update(protocol_office_email="protocol.eg@example.org")
    MemberState.objects.filter(country="JO").update(protocol_office_email="protocol.jo@example.org")
    MemberState.objects.filter(country="KE").update(protocol_office_email="protocol.ke@example.org")
    invite(edition, state("JO"))
    response = client.post(
        f"{INVITATIONS}invite/",
        {
            "edition": edition.pk,
            "member_states": [state("KE").pk],
            "all_with_minister": "on",
            "language": "en",
        },
    )
    assert response.status_code == 302
    invited = Invitation.objects.filter(edition=edition).order_by("member_state__country")
    assert [(inv.member_state.country.code, inv.issued_by) for inv in invited] == [
        ("EG", clerk),
        ("JO", None),
        ("KE", clerk),
    ]
    assert sorted(mail.to for mail in OutboundMail.objects.all()) == [
        ["protocol.eg@example.org"],
        ["protocol.ke@example.org"],
    ]


def test_invite_in_the_protocol_offices_language_mails_the_link_in_it(client, clerk, edition):
    MemberState.objects.filter(country="JO").update(protocol_office_email="protocol.jo@example.org")
    data = {"edition": edition.pk, "member_states": [state("JO").pk], "language": "ar"}
    assert client.post(f"{INVITATIONS}invite/", data).status_code == 302
    invitation = Invitation.objects.get(edition=edition)
    mail = OutboundMail.objects.get(to=["protocol.jo@example.org"])
    assert (invitation.language, mail.language) == ("ar", "ar")
    assert "/ar/forum/invitation/" in mail.body
    # A new link keeps the language the invitation was issued in.
    client.post(INVITATIONS, {"action": "send_new_link", "_selected_action": [invitation.pk]})
    assert Invitation.objects.get(pk=invitation.pk).language == "ar"
    assert OutboundMail.objects.filter(to=["protocol.jo@example.org"], language="ar").count() == 2


def test_invite_form_requires_a_choice(client, clerk, edition):
    response = client.post(f"{INVITATIONS}invite/", {"edition": edition.pk, "language": "en"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Choose Member States, or all those whose minister is known."
    ]


def test_send_a_new_link_voids_the_old_one(client, clerk, edition):
    MemberState.objects.filter(country="EG").update(protocol_office_email="protocol.eg@example.org")
    invitation, token = high_level.issue_invitation(edition, state("EG"), clerk)
    OutboundMail.objects.all().delete()
    client.post(INVITATIONS, {"action": "send_new_link", "_selected_action": [invitation.pk]})
    assert high_level.invitation_for_token(token) is None
    assert [mail.to for mail in OutboundMail.objects.all()] == [["protocol.eg@example.org"]]


def test_withdraw_action_moves_the_waiting_list_up(client, clerk, requests):
    client.post(REQUESTS, {"action": "withdraw", "_selected_action": [requests["JO"].pk]})
    statuses = dict(SlotRequest.objects.values_list("member_state__country", "status"))
    assert statuses == {"EG": "confirmed", "JO": "withdrawn", "MA": "confirmed"}


def test_secretariat_withdraws_a_request_after_the_deadline_and_the_audit_names_the_clerk(
    client, clerk, edition, requests
):
    edition.phases.filter(key="confirmations").update(closes_at=datetime(2026, 1, 1, tzinfo=UTC))
    client.post(REQUESTS, {"action": "withdraw", "_selected_action": [requests["JO"].pk]})
    statuses = dict(SlotRequest.objects.values_list("member_state__country", "status"))
    assert statuses == {"EG": "confirmed", "JO": "withdrawn", "MA": "confirmed"}
    entry = AuditEntry.objects.filter(object_id=str(requests["JO"].pk)).first()
    assert (entry.actor, entry.changes) == (clerk, {"status": ["confirmed", "withdrawn"]})


def test_request_list_is_in_protocol_order_and_links_the_run_of_show(client, clerk, session, requests):
    response = client.get(REQUESTS)
    assert [r.member_state.country.code for r in response.context["cl"].result_list] == ["JO", "EG", "MA"]
    assert f"{REQUESTS}session/{session.pk}/speakers/" in response.content.decode()


def test_run_of_show_gives_order_and_planned_times(client, clerk, session, requests):
    response = client.get(f"{REQUESTS}session/{session.pk}/speakers/")
    assert response.status_code == 200
    confirmed = [
        (row["position"], row["request"].member_state.country.code, row["starts_at"].strftime("%H:%M"))
        for row in response.context["confirmed"]
    ]
    assert confirmed == [(1, "JO", "11:15"), (2, "EG", "11:18")]
    waiting = [
        (row["position"], row["request"].member_state.country.code) for row in response.context["waiting"]
    ]
    assert waiting == [(3, "MA")]
    # It prints as the run of show alone (rules in the admin's stylesheet, which the page links).
    assert 'class="run-of-show"' in response.content.decode()
    assert "body:has(.run-of-show)" in (settings.BASE_DIR / "static" / "css" / "admin.css").read_text()


def test_speakers_list_exports(client, clerk, session, requests):
    response = client.get(f"{REQUESTS}session/{session.pk}/speakers.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header = [
        "Order",
        "Member State",
        "Speaker",
        "Title",
        "Protocol rank",
        "Delegate",
        "Attendance",
        "Minutes",
        "Planned start (Geneva time)",
        "Status",
        "Policy statement",
    ]
    assert rows == [
        header,
        ["1", "Jordan", "Speaker of JO", "Minister", "Head of State or Government", "no",
         "In person in Geneva", "3", "2026-07-06 11:15", "Slot confirmed", "no"],
        ["2", "Egypt", "Speaker of EG", "Minister", "Minister", "no", "In person in Geneva", "3",
         "2026-07-06 11:18", "Slot confirmed", "yes"],
        ["3", "Morocco", "Speaker of MA", "Minister", "Minister", "no", "In person in Geneva", "", "",
         "On the waiting list", "yes"],
    ]  # fmt: skip
    xlsx = client.get(f"{REQUESTS}session/{session.pk}/speakers.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == header
    assert values[1][:3] == ("1", "Jordan", "Speaker of JO") or values[1][:3] == (
        1,
        "Jordan",
        "Speaker of JO",
    )


def test_statements_zip_holds_each_statement_by_order(client, clerk, session, requests):
    response = client.get(f"{REQUESTS}session/{session.pk}/statements.zip")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == ["02-EG.pdf", "03-MA.pdf"]
    assert archive.read("02-EG.pdf") == b"%PDF-1.4 statement of EG"


@pytest.mark.parametrize(
    "path",
    [
        "session/{pk}/speakers/",
        "session/{pk}/speakers.csv",
        "session/{pk}/speakers.xlsx",
        "session/{pk}/statements.zip",
    ],
)
def test_staff_without_the_right_get_403(client, session, requests, path):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(REQUESTS + path.format(pk=session.pk)).status_code == 403


def test_staff_without_the_right_cannot_invite(client, edition):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(f"{INVITATIONS}invite/").status_code == 403


def test_a_request_page_links_its_statement_to_a_download_for_staff_only(client, clerk, requests):
    egypt, jordan = requests["EG"], requests["JO"]
    page = client.get(f"{REQUESTS}{egypt.pk}/change/").content.decode()
    download = f"{REQUESTS}{egypt.pk}/statement/"
    assert f'href="{download}"' in page
    assert "/media/" not in page
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 statement of EG"
    assert client.get(f"{REQUESTS}{jordan.pk}/statement/").status_code == 404  # sent none
    assert client.get(f"{REQUESTS}{egypt.pk}/photo/").status_code == 404
    client.force_login(UserFactory(is_staff=True))
    assert client.get(download).status_code == 403
    client.logout()
    assert client.get(download).status_code == 302


def test_invite_is_refused_for_an_edition_without_its_confirmations_phase(client, clerk):
    edition = EditionFactory(year=2028)
    data = {"edition": edition.pk, "member_states": [state("KE").pk], "language": "en"}
    response = client.post(f"{INVITATIONS}invite/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["edition"] == [
        "The edition has no “Confirmation of participation in the high-level track” phase for the Forum "
        "agenda and high-level track: add it to the edition first."
    ]
    assert not Invitation.objects.exists()

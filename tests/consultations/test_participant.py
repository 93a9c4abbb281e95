"""A stakeholder's contributions, workshop requests and nominations: drafted, changed and sent until the
deadline (Geneva time, on the server), read only after it and kept; nobody else's; the secretariat's
comments shown; all of it listed in "my participation"."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages

from consultations import services
from consultations.models import Contribution, FacilitatorNomination, WorkshopRequest
from tests.consultations.factories import (
    CLOSED,
    DEADLINE,
    OPEN,
    ConsultationFactory,
    ContributionFactory,
    NominationFactory,
    WorkshopRequestFactory,
    submitted,
)
from tests.factories import FocalPointFactory, OrganisationFactory, SecretariatFactory, UserFactory
from wsis_portal.editions.models import ActionLine, SustainableDevelopmentGoal
from wsis_portal.mail.models import OutboundMail

pytestmark = pytest.mark.django_db

ONE_SECOND_LATE = DEADLINE + timedelta(seconds=1)
CLOSED_MESSAGE = (
    "The deadline for this consultation has passed: your draft is kept but can no longer be sent."
)


@pytest.fixture
def consultation(db):
    return ConsultationFactory()


@pytest.fixture
def open_now(time_machine, consultation):
    time_machine.move_to(OPEN, tick=False)
    return consultation


@pytest.fixture
def owner(db):
    return UserFactory(
        email="amina@example.org",
        organisation=OrganisationFactory(name="Nile Digital Inclusion Forum", stakeholder_type="academia"),
    )


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner)
    return client


def flash(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def text(response):
    return " ".join(response.content.decode().split())


def pk(model, **lookup):
    return model.objects.get(**lookup).pk


def contribution_data(owner, **changes):
    return {
        "kind": "priorities",
        "title": "Meaningful connectivity",
        "text": "Give more room to community networks.",
        "language": "en",
        "organisation": owner.organisation_id,
        "topics": [pk(Contribution.topics.field.related_model, code="ai")],
        "action_lines": [pk(ActionLine, code="C2")],
        "save": "",
        **changes,
    }


def speaker_rows(*names):
    data = {
        "speakers-TOTAL_FORMS": str(len(names)),
        "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "0",
        "speakers-MAX_NUM_FORMS": "1000",
    }
    for index, name in enumerate(names):
        data.update(
            {
                f"speakers-{index}-name": name,
                f"speakers-{index}-organisation": "Pacific Open Data Lab",
                f"speakers-{index}-gender": "woman",
                f"speakers-{index}-stakeholder_type": "academia",
                f"speakers-{index}-country": "FJ",
            }
        )
    return data


def workshop_data(owner, *speakers, **changes):
    return {
        "title": "Community networks",
        "description": "How they connect the last billion.",
        "language": "en",
        "format": "hybrid",
        "organisers": "Nile Digital Inclusion Forum\nPacific Open Data Lab",
        "organisation": owner.organisation_id,
        "action_lines": [pk(ActionLine, code="C3")],
        "sdgs": [pk(SustainableDevelopmentGoal, number=9)],
        "session_languages": ["en", "ar"],
        "preferred_day": "2026-07-08",
        "hybrid_needs": "Two remote speakers.",
        "save": "",
        **speaker_rows(*(speakers or ("Ana Tuilagi",))),
        **changes,
    }


def nomination_data(owner, **changes):
    return {
        "nominee_group": "academia",
        "nominee_name": "Leila Haddad",
        "nominee_email": "leila@example.org",
        "nominee_organisation": "Arab Digital Forum",
        "biography": "Twenty years of research on digital inclusion.",
        "language": "en",
        "organisation": owner.organisation_id,
        "save": "",
        **changes,
    }


# New items


@pytest.mark.parametrize("kind", ["contributions", "workshops", "nominations"])
def test_new_item_form_is_shown_while_the_consultation_accepts(signed_in, open_now, kind):
    response = signed_in.get(f"/en/consultations/{kind}/new/")
    assert response.status_code == 200
    assert response.context["form"].instance.consultation == open_now
    assert (
        '<button type="submit" name="submit" class="button button-primary">Save and submit</button>'
        in text(response)
    )


@pytest.mark.parametrize("kind", ["contributions", "workshops", "nominations"])
def test_no_new_item_after_the_deadline(signed_in, owner, consultation, time_machine, kind):
    time_machine.move_to(CLOSED, tick=False)
    response = signed_in.get(f"/en/consultations/{kind}/new/")
    assert "form" not in response.context
    assert (
        "The open consultation is not accepting contributions, workshop requests or nominations "
        "at the moment." in text(response)
    )
    response = signed_in.post(f"/en/consultations/{kind}/new/", contribution_data(owner))
    assert "form" not in response.context
    assert not Contribution.objects.exists()


def test_no_new_item_without_a_consultation(signed_in, time_machine):
    time_machine.move_to(OPEN, tick=False)
    response = signed_in.get("/en/consultations/contributions/new/")
    assert "There is no open consultation at the moment." in text(response)


def test_saving_a_contribution_creates_a_draft_and_comes_back_to_it(signed_in, owner, open_now):
    response = signed_in.post("/en/consultations/contributions/new/", contribution_data(owner))
    contribution = Contribution.objects.get()
    assert response["Location"] == f"/en/consultations/contributions/{contribution.pk}/edit/"
    assert flash(response) == ["Your draft has been saved."]
    assert (contribution.state, contribution.owner, contribution.consultation) == ("draft", owner, open_now)
    assert (contribution.title, contribution.stakeholder_type, contribution.reference) == (
        "Meaningful connectivity",
        "academia",
        None,
    )
    assert [topic.code for topic in contribution.topics.all()] == ["ai"]
    assert not OutboundMail.objects.exists()


def test_draft_comes_back_filled_in(signed_in, owner, open_now):
    contribution = ContributionFactory(owner=owner, title="Left for later", topics=["gender"])
    response = signed_in.get(f"/en/consultations/contributions/{contribution.pk}/edit/")
    form = response.context["form"]
    assert form["title"].value() == "Left for later"
    assert [topic.code for topic in form.initial["topics"]] == ["gender"]


def test_saving_again_changes_the_draft(signed_in, owner, open_now):
    contribution = ContributionFactory(owner=owner, organisation=owner.organisation)
    signed_in.post(
        f"/en/consultations/contributions/{contribution.pk}/edit/", contribution_data(owner, title="Renamed")
    )
    contribution.refresh_from_db()
    assert (contribution.title, contribution.state, Contribution.objects.count()) == ("Renamed", "draft", 1)


def test_save_and_submit_gives_a_reference_and_a_receipt(signed_in, owner, open_now):
    data = contribution_data(owner)
    del data["save"]
    response = signed_in.post("/en/consultations/contributions/new/", {**data, "submit": ""})
    contribution = Contribution.objects.get()
    assert response["Location"] == f"/en/consultations/contributions/{contribution.pk}/"
    assert (contribution.state, contribution.reference) == ("submitted", "WSIS-OCP-2026-00001")
    assert flash(response) == [
        "Sent to the secretariat, with the reference WSIS-OCP-2026-00001. A receipt is on its way by e-mail."
    ]
    mail = OutboundMail.objects.get()
    assert (mail.to, mail.language) == (["amina@example.org"], "en")
    assert mail.subject == "Open consultation: contribution WSIS-OCP-2026-00001 received"


def test_receipt_is_in_the_submitters_language(client, open_now):
    owner = UserFactory(preferred_language="ar", email="karim@example.org")
    client.force_login(owner)
    contribution = ContributionFactory(owner=owner)
    client.post(f"/en/consultations/contributions/{contribution.pk}/submit/")
    mail = OutboundMail.objects.get()
    assert (mail.to, mail.language) == (["karim@example.org"], "ar")
    assert "WSIS-OCP-2026-00001" in mail.body
    assert "أمانة القمة العالمية لمجتمع المعلومات" in mail.body


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Title: This field is required."), ("ar", "هذا الحقل مطلوب.")],
)
def test_missing_required_field_is_explained_and_saves_nothing(signed_in, owner, open_now, language, message):
    response = signed_in.post(
        f"/{language}/consultations/contributions/new/", contribution_data(owner, title="")
    )
    assert response.status_code == 400
    assert message in text(response)
    assert not Contribution.objects.exists()


def test_missing_topic_keeps_what_was_written(signed_in, owner, open_now):
    response = signed_in.post("/en/consultations/contributions/new/", contribution_data(owner, topics=[]))
    html = text(response)
    assert response.status_code == 400
    assert "Topics: Choose at least one topic." in html
    assert "Give more room to community networks.</textarea>" in html
    assert not Contribution.objects.exists()


def test_error_is_linked_to_its_field(signed_in, owner, open_now):
    html = text(signed_in.post("/en/consultations/contributions/new/", contribution_data(owner, title="")))
    assert '<a href="#id_title">Title: This field is required.</a>' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_title_error"' in html


# Workshop requests


def test_workshop_request_is_saved_with_its_speakers_in_order(signed_in, owner, open_now):
    signed_in.post("/en/consultations/workshops/new/", workshop_data(owner, "Ana Tuilagi", "Karim Saleh"))
    request = WorkshopRequest.objects.get()
    assert (request.state, request.session_languages, str(request.preferred_day)) == (
        "draft",
        ["en", "ar"],
        "2026-07-08",
    )
    assert list(request.speakers.values_list("name", "position")) == [("Ana Tuilagi", 0), ("Karim Saleh", 1)]
    assert [line.code for line in request.action_lines.all()] == ["C3"]


def test_workshop_form_offers_a_row_per_allowed_speaker(signed_in, open_now):
    response = signed_in.get("/en/consultations/workshops/new/")
    html = text(response)
    assert len(response.context["speakers"].forms) == 4
    assert "<legend>Speaker 4</legend>" in html
    assert "Propose from one to 4 speakers; leave the other rows empty." in html


def test_speaker_list_over_the_limit_is_refused_and_nothing_is_lost(signed_in, owner, open_now):
    names = ["Ana Tuilagi", "Karim Saleh", "Mei Lin", "Joao Pereira", "Fatou Ndiaye"]
    response = signed_in.post("/en/consultations/workshops/new/", workshop_data(owner, *names))
    html = text(response)
    assert response.status_code == 400
    assert "Propose at most 4 speakers." in html
    for name in names:
        assert f'value="{name}"' in html
    assert 'value="Community networks"' in html
    assert not WorkshopRequest.objects.exists()


def test_speakers_over_the_limit_are_refused_on_an_existing_draft_which_is_kept(signed_in, owner, open_now):
    request = WorkshopRequestFactory(owner=owner, speakers=2, title="Kept as it was")
    names = [f"Speaker {number}" for number in range(1, 6)]
    response = signed_in.post(f"/en/consultations/workshops/{request.pk}/edit/", workshop_data(owner, *names))
    assert response.status_code == 400
    request.refresh_from_db()
    assert (request.title, request.speakers.count()) == ("Kept as it was", 2)


def test_incomplete_speaker_is_listed_in_the_error_summary_with_a_link(signed_in, owner, open_now):
    response = signed_in.post(
        "/en/consultations/workshops/new/", workshop_data(owner, **{"speakers-0-country": ""})
    )
    html = text(response)
    assert response.status_code == 400
    assert '<a href="#id_speakers-0-country">Speaker 1, Country: This field is required.</a>' in html
    assert 'aria-describedby="id_speakers-0-country_error"' in html
    assert not WorkshopRequest.objects.exists()


def test_preferred_day_outside_the_forum_week_is_refused(signed_in, owner, open_now):
    response = signed_in.post(
        "/en/consultations/workshops/new/", workshop_data(owner, preferred_day="2026-07-20")
    )
    assert response.status_code == 400
    assert "Choose a day of the Forum week, from 6 July 2026 to 10 July 2026." in text(response)


def test_workshop_quota_of_the_organisation_is_explained_and_the_draft_kept(signed_in, owner, open_now):
    for _number in range(3):
        submitted(WorkshopRequestFactory(organisation=owner.organisation))
    data = workshop_data(owner)
    del data["save"]
    response = signed_in.post("/en/consultations/workshops/new/", {**data, "submit": ""})
    request = WorkshopRequest.objects.get(owner=owner)
    assert response["Location"] == f"/en/consultations/workshops/{request.pk}/edit/"
    assert flash(response) == [
        "Your organization has already sent 3 workshop requests, the most it may send."
    ]
    assert (request.state, request.title) == ("draft", "Community networks")


# Nominations


def test_nomination_sent_asks_the_nominee_for_consent(signed_in, owner, open_now):
    data = nomination_data(owner)
    del data["save"]
    signed_in.post("/en/consultations/nominations/new/", {**data, "submit": ""})
    nomination = FacilitatorNomination.objects.get()
    assert (nomination.state, nomination.reference, nomination.consent) == (
        "submitted",
        "WSIS-HLF-2026-00001",
        "pending",
    )
    assert sorted(address for mail in OutboundMail.objects.all() for address in mail.to) == [
        "amina@example.org",
        "leila@example.org",
    ]


def test_nomination_page_shows_the_consent_state(signed_in, owner, open_now):
    nomination = submitted(NominationFactory(owner=owner, nominee_email="leila@example.org"))
    services.answer_consent(nomination, agrees=True)
    html = text(signed_in.get(f"/en/consultations/nominations/{nomination.pk}/"))
    assert "<dt>Consent of the nominee</dt><dd>Consent given (<bdi>10 February 2026</bdi>)</dd>" in html
    assert "<dd><bdi>leila@example.org</bdi></dd>" in html


# The deadline


def test_submission_one_second_after_the_deadline_is_refused_and_the_draft_kept(
    signed_in, owner, consultation, time_machine
):
    time_machine.move_to(OPEN, tick=False)
    contribution = ContributionFactory(owner=owner, title="Almost in time")
    time_machine.move_to(ONE_SECOND_LATE, tick=False)
    response = signed_in.post(f"/en/consultations/contributions/{contribution.pk}/submit/")
    assert response["Location"] == f"/en/consultations/contributions/{contribution.pk}/"
    assert flash(response) == [CLOSED_MESSAGE]
    contribution.refresh_from_db()
    assert (contribution.state, contribution.reference, contribution.title) == (
        "draft",
        None,
        "Almost in time",
    )
    assert not OutboundMail.objects.exists()


def test_save_and_submit_one_second_after_the_deadline_changes_nothing(
    signed_in, owner, consultation, time_machine
):
    time_machine.move_to(OPEN, tick=False)
    contribution = ContributionFactory(owner=owner, title="Almost in time")
    time_machine.move_to(ONE_SECOND_LATE, tick=False)
    data = contribution_data(owner, title="Changed too late")
    del data["save"]
    response = signed_in.post(
        f"/en/consultations/contributions/{contribution.pk}/edit/", {**data, "submit": ""}
    )
    html = text(response)
    assert response.status_code == 400
    assert CLOSED_MESSAGE in html
    assert '<form method="post" novalidate' not in html
    contribution.refresh_from_db()
    assert (contribution.state, contribution.title) == ("draft", "Almost in time")
    assert not OutboundMail.objects.exists()


def test_last_instant_before_the_deadline_is_still_accepted(signed_in, owner, consultation, time_machine):
    time_machine.move_to(OPEN, tick=False)
    contribution = ContributionFactory(owner=owner)
    time_machine.move_to(DEADLINE - timedelta(microseconds=1), tick=False)
    signed_in.post(f"/en/consultations/contributions/{contribution.pk}/submit/")
    contribution.refresh_from_db()
    assert contribution.state == "submitted"


@pytest.mark.parametrize(
    ("factory", "path"),
    [
        (ContributionFactory, "contributions"),
        (WorkshopRequestFactory, "workshops"),
        (NominationFactory, "nominations"),
    ],
)
def test_draft_is_read_only_after_the_deadline(signed_in, owner, consultation, time_machine, factory, path):
    time_machine.move_to(OPEN, tick=False)
    item = factory(owner=owner)
    time_machine.move_to(CLOSED, tick=False)
    response = signed_in.get(f"/en/consultations/{path}/{item.pk}/edit/")
    html = text(response)
    assert response.status_code == 200
    assert "form" not in response.context
    assert CLOSED_MESSAGE in html
    assert "Save draft" not in html
    assert "Submit to the secretariat" not in html


def test_returned_contribution_can_be_corrected_after_the_deadline(
    signed_in, owner, consultation, time_machine
):
    time_machine.move_to(OPEN, tick=False)
    contribution = submitted(ContributionFactory(owner=owner))
    services.return_for_changes(contribution, SecretariatFactory(), "Please name the action lines.")
    time_machine.move_to(CLOSED, tick=False)
    html = text(signed_in.get(f"/en/consultations/contributions/{contribution.pk}/edit/"))
    assert '<h2>Comment from the secretariat</h2> <p dir="auto">Please name the action lines.</p>' in html
    data = contribution_data(owner, title="Corrected")
    del data["save"]
    signed_in.post(f"/en/consultations/contributions/{contribution.pk}/edit/", {**data, "submit": ""})
    contribution.refresh_from_db()
    assert (contribution.state, contribution.title, contribution.reference) == (
        "submitted",
        "Corrected",
        "WSIS-OCP-2026-00001",
    )


# Whose items


@pytest.mark.parametrize("suffix", ["", "edit/"])
def test_someone_elses_draft_is_not_found(signed_in, open_now, suffix):
    contribution = ContributionFactory()
    assert signed_in.get(f"/en/consultations/contributions/{contribution.pk}/{suffix}").status_code == 404


def test_someone_elses_draft_cannot_be_changed_or_sent(signed_in, owner, open_now):
    contribution = ContributionFactory(title="Not mine")
    edit = signed_in.post(
        f"/en/consultations/contributions/{contribution.pk}/edit/", contribution_data(owner)
    )
    send = signed_in.post(f"/en/consultations/contributions/{contribution.pk}/submit/")
    assert (edit.status_code, send.status_code) == (404, 404)
    contribution.refresh_from_db()
    assert (contribution.title, contribution.state) == ("Not mine", "draft")


def test_focal_point_edits_an_item_of_the_organisation(client, open_now):
    focal_point = FocalPointFactory(status="confirmed")
    request = WorkshopRequestFactory(organisation=focal_point.organisation)
    client.force_login(focal_point.user)
    assert client.get(f"/en/consultations/workshops/{request.pk}/edit/").status_code == 200


def test_unknown_item_is_not_found(signed_in, open_now):
    assert signed_in.get("/en/consultations/nominations/987654/").status_code == 404


def test_submitted_item_is_not_editable(signed_in, owner, open_now):
    contribution = submitted(ContributionFactory(owner=owner, title="Sent"))
    response = signed_in.post(
        f"/en/consultations/contributions/{contribution.pk}/edit/", contribution_data(owner, title="Changed")
    )
    assert response["Location"] == f"/en/consultations/contributions/{contribution.pk}/"
    assert flash(response) == ["This is with the secretariat; it cannot be changed now."]
    contribution.refresh_from_db()
    assert contribution.title == "Sent"


# Detail pages


def test_detail_shows_reference_state_and_content(signed_in, owner, open_now):
    contribution = submitted(ContributionFactory(owner=owner, title="Meaningful connectivity", language="fr"))
    html = text(signed_in.get(f"/en/consultations/contributions/{contribution.pk}/"))
    assert '<h1 lang="fr" dir="auto">Meaningful connectivity</h1>' in html
    assert "<dt>Reference</dt><dd><bdi>WSIS-OCP-2026-00001</bdi></dd>" in html
    assert "<dt>State</dt><dd>Submitted, awaiting review</dd>" in html
    assert '<div class="card" dir="auto" lang="fr"><p>The Forum should give more room' in html
    assert "Submit to the secretariat" not in html


def test_declined_item_shows_the_reason(signed_in, owner, open_now):
    contribution = submitted(ContributionFactory(owner=owner))
    services.decline(contribution, SecretariatFactory(), "Out of the Forum's scope.")
    html = text(signed_in.get(f"/en/consultations/contributions/{contribution.pk}/"))
    assert "<dt>State</dt><dd>Not accepted</dd>" in html
    assert "Out of the Forum&#x27;s scope." in html


def test_accepted_workshop_links_to_its_session(signed_in, owner, open_now):
    request = submitted(WorkshopRequestFactory(owner=owner))
    services.accept(request, SecretariatFactory())
    request.refresh_from_db()
    html = text(signed_in.get(f"/en/consultations/workshops/{request.pk}/"))
    assert f'<a href="/en/forum/sessions/{request.session_id}/">See the session</a>' in html


def test_merged_workshop_names_the_request_it_was_merged_into(signed_in, owner, open_now):
    target = submitted(WorkshopRequestFactory(title="The bigger workshop"))
    request = submitted(WorkshopRequestFactory(owner=owner))
    services.merge(request, target, SecretariatFactory())
    html = text(signed_in.get(f"/en/consultations/workshops/{request.pk}/"))
    assert "The secretariat merged this request into the request <bdi>WSIS-WS-2026-00001</bdi>:" in html
    assert '<span dir="auto" lang="en">The bigger workshop</span>' in html


def test_workshop_detail_lists_its_speakers(signed_in, owner, open_now):
    request = WorkshopRequestFactory(owner=owner, speakers=0)
    services.save(
        request,
        {},
        owner,
        speakers=[
            {
                "name": "Ana Tuilagi",
                "organisation": "Pacific Open Data Lab",
                "gender": "woman",
                "stakeholder_type": "academia",
                "country": "FJ",
            }
        ],
    )
    html = text(signed_in.get(f"/en/consultations/workshops/{request.pk}/"))
    assert (
        '<tr><td dir="auto">Ana Tuilagi</td><td dir="auto">Pacific Open Data Lab</td><td>Woman</td>'
        "<td>Academia / technical community</td><td>Fiji</td></tr>"
    ) in html


# My participation


def test_dashboard_lists_the_users_items_and_links_to_new_ones(signed_in, owner, open_now):
    contribution = submitted(ContributionFactory(owner=owner, title="My contribution"))
    WorkshopRequestFactory(owner=owner, title="My workshop")
    ContributionFactory(title="Somebody else's")
    html = text(signed_in.get("/en/me/"))
    assert (
        f'<td><a href="/en/consultations/contributions/{contribution.pk}/" lang="en" dir="auto">'
        "My contribution</a></td>"
        " <td><bdi>WSIS-OCP-2026-00001</bdi></td> <td>Submitted, awaiting review</td>"
    ) in html
    assert "My workshop</a></td> <td><bdi>—</bdi></td> <td>Draft</td>" in html
    assert "No nomination yet." in html
    assert "Somebody else" not in html
    assert '<a class="button" href="/en/consultations/contributions/new/">Send a contribution</a>' in html


def test_dashboard_has_no_links_to_new_items_after_the_deadline(signed_in, consultation, time_machine):
    time_machine.move_to(CLOSED, tick=False)
    html = text(signed_in.get("/en/me/"))
    assert "No contribution yet." in html
    assert "/consultations/contributions/new/" not in html


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_query_count_does_not_grow_with_items(client, open_now, django_assert_num_queries, count):
    owner = UserFactory()
    for _number in range(count):
        submitted(ContributionFactory(owner=owner))
        WorkshopRequestFactory(owner=owner)
        NominationFactory(owner=owner)
    client.force_login(owner)
    # session, user, edition, phases, contributions, workshop requests, nominations, focal points,
    # stocktaking entries, prize submissions, prize votes, expert assignments
    with django_assert_num_queries(12):
        response = client.get("/en/me/")
    assert response.content.decode().count("/consultations/workshops/") == count + 1

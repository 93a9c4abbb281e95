"""On whose behalf (issue 17), in the matrix's world: for every create and edit form of every process, the
focal point of organisation B posting for A, and an account with no confirmed organisation posting for A,
are refused and store nothing; the same post for an organisation one does act for is stored, so the
refusal is the organisation's alone. A focal point whose confirmation is withdrawn loses A's items at once.
"""

import re
from dataclasses import dataclass

import pytest
from django.urls import reverse

from consultations.models import Contribution, FacilitatorNomination, Topic, WorkshopRequest
from prizes.models import Submission
from stocktaking.models import Entry
from tests.consultations.factories import ContributionFactory, NominationFactory, WorkshopRequestFactory
from tests.factories import PrizeSubmissionFactory, SecretariatFactory, prize_category
from tests.prizes.test_participant import form_data as prize_form_data
from tests.stocktaking.factories import EntryFactory
from tests.test_authorization_matrix import fingerprint
from wsis_portal.editions.models import ActionLine, SustainableDevelopmentGoal
from wsis_portal.stakeholders import services as stakeholder_services
from wsis_portal.stakeholders.models import FocalPoint

pytestmark = pytest.mark.django_db


def _pk(model, **lookup):
    return model.objects.get(**lookup).pk


def entry_data(world, organisation):
    return {
        "kind": "project",
        "title": "Behalf entry",
        "description": "Buses with computers visit remote villages.",
        "language": "en",
        "organisation": organisation.pk,
        "countries": ["EG"],
        "action_lines": [_pk(ActionLine, code="C3")],
        "work_status": "ongoing",
    }


def contribution_data(world, organisation):
    return {
        "kind": "priorities",
        "title": "Behalf contribution",
        "text": "Give more room to community networks.",
        "language": "en",
        "organisation": organisation.pk if organisation else "",
        "topics": [_pk(Topic, code="ai")],
        "action_lines": [_pk(ActionLine, code="C2")],
    }


def workshop_data(world, organisation):
    return {
        "title": "Behalf workshop",
        "description": "How community networks connect the last billion.",
        "language": "en",
        "format": "hybrid",
        "organisers": "Organisation A\nOrganisation B",
        "organisation": organisation.pk if organisation else "",
        "action_lines": [_pk(ActionLine, code="C3")],
        "sdgs": [_pk(SustainableDevelopmentGoal, number=9)],
        "session_languages": ["en"],
        "preferred_day": world["edition"].starts_on.isoformat(),
        "hybrid_needs": "Two remote speakers.",
        "speakers-TOTAL_FORMS": "1",
        "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "0",
        "speakers-MAX_NUM_FORMS": "1000",
        "speakers-0-name": "Ana Tuilagi",
        "speakers-0-organisation": "Pacific Open Data Lab",
        "speakers-0-gender": "woman",
        "speakers-0-stakeholder_type": "academia",
        "speakers-0-country": "FJ",
    }


def nomination_data(world, organisation):
    return {
        "nominee_group": "academia",
        "nominee_name": "Behalf Nominee",
        "nominee_email": "behalf.nominee@example.org",
        "nominee_organisation": "Arab Digital Forum",
        "biography": "Twenty years of research on digital inclusion.",
        "language": "en",
        "organisation": organisation.pk if organisation else "",
    }


def prize_data(world, organisation):
    return prize_form_data(organisation, title="Behalf prize project")


@dataclass(frozen=True)
class Form:
    """One create-and-edit form: its URL names, the model it stores, valid data, and a draft of B's."""

    name: str
    new: str
    edit: str
    model: type
    data: object
    draft: object
    personal: bool

    def b_draft(self, world):
        b = world["organisation_b"]
        return self.draft(world, world.users["other_focal_point"], b)


def _consultation_draft(factory):
    return lambda world, owner, organisation: factory(
        consultation=world["consultation"], owner=owner, organisation=organisation
    )


FORMS = [
    Form(
        "stocktaking entry",
        "stocktaking:new",
        "stocktaking:edit",
        Entry,
        entry_data,
        lambda world, owner, organisation: EntryFactory(owner=owner, organisation=organisation),
        False,
    ),
    Form(
        "contribution",
        "consultations:contribution_new",
        "consultations:contribution_edit",
        Contribution,
        contribution_data,
        _consultation_draft(ContributionFactory),
        True,
    ),
    Form(
        "workshop request",
        "consultations:workshop_new",
        "consultations:workshop_edit",
        WorkshopRequest,
        workshop_data,
        _consultation_draft(WorkshopRequestFactory),
        True,
    ),
    Form(
        "facilitator nomination",
        "consultations:nomination_new",
        "consultations:nomination_edit",
        FacilitatorNomination,
        nomination_data,
        _consultation_draft(NominationFactory),
        True,
    ),
    Form(
        "prize project",
        "prizes:new",
        "prizes:edit",
        Submission,
        prize_data,
        lambda world, owner, organisation: PrizeSubmissionFactory(
            cycle=world["cycle"], owner=owner, organisation=organisation, category=prize_category("C6")
        ),
        False,
    ),
]
IDS = [form.name for form in FORMS]


def organisation_errors(response):
    return response.context["form"].errors.get("organisation")


@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_the_focal_point_of_b_creating_for_a_is_refused_and_nothing_is_stored(world, clients, form):
    before = fingerprint()
    response = clients["other_focal_point"].post(
        reverse(form.new), form.data(world, world["organisation_a"]) | {"save": ""}
    )
    assert response.status_code == 400
    assert organisation_errors(response) == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert fingerprint() == before


@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_the_focal_point_of_b_creating_for_b_is_stored_for_b(world, clients, form):
    response = clients["other_focal_point"].post(
        reverse(form.new), form.data(world, world["organisation_b"]) | {"save": ""}
    )
    assert response.status_code == 302, response.context["form"].errors
    created = form.model.objects.get(owner=world.users["other_focal_point"])
    assert created.organisation == world["organisation_b"]


@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_the_focal_point_of_b_moving_b_s_draft_to_a_is_refused_and_nothing_changes(world, clients, form):
    draft = form.b_draft(world)
    before = fingerprint()
    response = clients["other_focal_point"].post(
        reverse(form.edit, kwargs={"pk": draft.pk}), form.data(world, world["organisation_a"]) | {"save": ""}
    )
    assert response.status_code == 400
    assert organisation_errors(response) == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert fingerprint() == before


@pytest.mark.parametrize("form", [form for form in FORMS if form.personal], ids=lambda form: form.name)
def test_an_account_with_no_confirmed_organisation_posting_for_one_is_refused(world, clients, form):
    """The stakeholder has asked to act for A (pending): asking is not acting."""
    before = fingerprint()
    response = clients["stakeholder"].post(
        reverse(form.new), form.data(world, world["organisation_a"]) | {"save": ""}
    )
    assert response.status_code == 400
    assert organisation_errors(response) == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert fingerprint() == before


@pytest.mark.parametrize("form", [form for form in FORMS if form.personal], ids=lambda form: form.name)
def test_an_account_with_no_confirmed_organisation_files_in_its_own_name(world, clients, form):
    response = clients["stakeholder"].post(reverse(form.new), form.data(world, None) | {"save": ""})
    assert response.status_code == 302
    created = form.model.objects.get(owner=world.users["stakeholder"])
    profile = world.users["stakeholder"]
    assert (created.organisation, created.stakeholder_type, created.country) == (
        None,
        profile.stakeholder_type,
        profile.country,
    )


@pytest.mark.parametrize("form", [form for form in FORMS if not form.personal], ids=lambda form: form.name)
def test_an_account_with_no_confirmed_organisation_cannot_open_a_form_that_needs_one(world, clients, form):
    before = fingerprint()
    for response in (
        clients["stakeholder"].get(reverse(form.new)),
        clients["stakeholder"].post(reverse(form.new), form.data(world, world["organisation_a"])),
    ):
        assert response.status_code == 403
        assert "You are not the confirmed focal point of any organization yet." in response.content.decode()
    assert fingerprint() == before


@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_an_account_whose_address_is_not_confirmed_creates_nothing(world, clients, form):
    before = fingerprint()
    organisation = None if form.personal else world["organisation_a"]
    response = clients["unverified"].post(reverse(form.new), form.data(world, organisation) | {"save": ""})
    assert response.status_code == 403
    assert "Send the confirmation mail again" in response.content.decode()
    assert fingerprint() == before


@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_a_withdrawn_focal_point_loses_a_s_drafts_at_once_and_they_stay_with_a(world, clients, form):
    drafts = form.b_draft(world)
    colleague = clients["focal_point"]
    # A second confirmed focal point of B keeps what was filed for B.
    FocalPoint.objects.create(
        user=world.users["focal_point"], organisation=world["organisation_b"], status="confirmed"
    )
    url = reverse(form.edit, kwargs={"pk": drafts.pk})
    assert clients["other_focal_point"].get(url).status_code == 200

    withdrawn = FocalPoint.objects.get(
        user=world.users["other_focal_point"], organisation=world["organisation_b"]
    )
    assert stakeholder_services.withdraw_focal_point(
        withdrawn, SecretariatFactory(), "Left the organization."
    )

    assert clients["other_focal_point"].get(url).status_code == 404
    assert colleague.get(url).status_code == 200
    drafts.refresh_from_db()
    assert (drafts.organisation, drafts.owner) == (world["organisation_b"], world.users["other_focal_point"])


OBJECT_URLS = [
    ("stocktaking:mine_detail", "entry_draft"),
    ("stocktaking:edit", "entry_draft"),
    ("stocktaking:attachment", "entry_draft"),
    ("consultations:contribution", "contribution"),
    ("consultations:workshop_edit", "workshop"),
    ("consultations:nomination", "nomination"),
    ("prizes:detail", "prize_draft"),
    ("prizes:edit", "prize_draft"),
]


# The anonymous visitor reaches only the attachment without signing in; the other pages ask to sign in.
CASES = [(name, key, role) for name, key in OBJECT_URLS for role in ("other_focal_point", "stakeholder")]
CASES.append(("stocktaking:attachment", "entry_draft", "anonymous"))


@pytest.mark.parametrize(
    ("name", "key", "role"), CASES, ids=[f"{name} as {role}" for name, _k, role in CASES]
)
def test_another_s_object_answers_exactly_as_one_that_does_not_exist(world, clients, name, key, role):
    urls = reverse(name, kwargs={"pk": world[key].pk}), reverse(name, kwargs={"pk": 987654})
    # The page names its own address (the language switcher's "next") and carries a fresh CSRF token:
    # compare all the rest.
    existing, missing = (
        re.sub(
            r'name="csrfmiddlewaretoken" value="[^"]+"', "", clients[role].get(url).content.decode()
        ).replace(url.removeprefix("/en"), "URL")
        for url in urls
    )
    assert clients[role].get(urls[0]).status_code == 404
    assert existing == missing

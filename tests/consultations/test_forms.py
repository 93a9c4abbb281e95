"""The consultation's forms refuse incomplete or impossible input with translated messages, and return what
``services.save`` takes."""

from datetime import date

import pytest
from django.utils import translation

from consultations.forms import ContributionForm, NominationForm, WorkshopRequestForm, speaker_formset
from consultations.models import Contribution, FacilitatorNomination, Topic, WorkshopRequest
from tests.consultations.factories import ConsultationFactory, WorkshopRequestFactory
from tests.factories import OrganisationFactory, UserFactory
from wsis_portal.editions.models import ActionLine, SustainableDevelopmentGoal

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(db):
    return ConsultationFactory()


@pytest.fixture
def user(db):
    return UserFactory(organisation=OrganisationFactory(name="Community Networks Alliance"))


def contribution_data(**changes):
    return {
        "kind": "priorities",
        "title": "Meaningful connectivity",
        "text": "Give more room to community networks.",
        "language": "en",
        "topics": [Topic.objects.get(code="ai").pk],
        "action_lines": [ActionLine.objects.get(code="C2").pk],
        **changes,
    }


def workshop_data(**changes):
    return {
        "title": "Community networks",
        "description": "How they connect the last billion.",
        "language": "en",
        "format": "hybrid",
        "organisers": "Community Networks Alliance",
        "action_lines": [ActionLine.objects.get(code="C3").pk],
        "sdgs": [SustainableDevelopmentGoal.objects.get(number=9).pk],
        "session_languages": ["en", "fr"],
        "preferred_day": "2026-07-08",
        "hybrid_needs": "",
        **changes,
    }


def speakers_data(*names, total=None):
    data = {
        "speakers-TOTAL_FORMS": str(total if total is not None else len(names)),
        "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "0",
        "speakers-MAX_NUM_FORMS": "1000",
    }
    for index, name in enumerate(names):
        if name:
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


def test_contribution_form_returns_fields_and_relations(consultation, user):
    form = ContributionForm(contribution_data(), instance=Contribution(consultation=consultation), user=user)
    assert form.is_valid(), form.errors
    fields, relations = form.content()
    assert fields == {
        "kind": "priorities",
        "title": "Meaningful connectivity",
        "text": "Give more room to community networks.",
        "language": "en",
        "organisation": None,
    }
    assert [topic.code for topic in relations["topics"]] == ["ai"]
    assert [line.code for line in relations["action_lines"]] == ["C2"]


def test_contribution_needs_a_topic(consultation, user):
    form = ContributionForm(
        contribution_data(topics=[]), instance=Contribution(consultation=consultation), user=user
    )
    assert form.errors == {"topics": ["Choose at least one topic."]}


def test_missing_title_is_explained_in_arabic(consultation, user):
    with translation.override("ar"):
        form = ContributionForm(
            contribution_data(title=""), instance=Contribution(consultation=consultation), user=user
        )
        assert form.errors == {"title": ["هذا الحقل مطلوب."]}


def test_new_contribution_starts_with_the_users_organisation_and_language(consultation, user):
    with translation.override("ar"):
        form = ContributionForm(instance=Contribution(consultation=consultation), user=user)
    assert form.initial["organisation"] == user.organisation_id
    assert form.initial["language"] == "ar"


def test_type_is_a_choice_between_two_radio_buttons(consultation, user):
    form = ContributionForm(instance=Contribution(consultation=consultation), user=user)
    assert [value for value, _label in form.fields["kind"].choices] == ["priorities", "format"]


def test_organisation_is_chosen_among_those_the_user_may_see(consultation, user):
    hidden = OrganisationFactory(is_verified=False, name="Unverified, proposed by someone else")
    form = ContributionForm(
        contribution_data(organisation=hidden.pk), instance=Contribution(consultation=consultation), user=user
    )
    assert hidden not in form.fields["organisation"].queryset
    assert list(form.errors) == ["organisation"]


def test_workshop_form_returns_languages_and_day(consultation, user):
    form = WorkshopRequestForm(
        workshop_data(), instance=WorkshopRequest(consultation=consultation), user=user
    )
    assert form.is_valid(), form.errors
    fields, relations = form.content()
    assert (fields["session_languages"], fields["preferred_day"]) == (["en", "fr"], date(2026, 7, 8))
    assert [line.code for line in relations["action_lines"]] == ["C3"]
    assert [goal.number for goal in relations["sdgs"]] == [9]


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"action_lines": []}, {"action_lines": ["Choose at least one action line."]}),
        ({"session_languages": []}, {"session_languages": ["Choose at least one language for the session."]}),
        (
            {"preferred_day": "2026-07-11"},
            {"preferred_day": ["Choose a day of the Forum week, from 6 July 2026 to 10 July 2026."]},
        ),
        ({"format": ""}, {"format": ["This field is required."]}),
    ],
)
def test_workshop_form_refusals(consultation, user, change, errors):
    form = WorkshopRequestForm(
        workshop_data(**change), instance=WorkshopRequest(consultation=consultation), user=user
    )
    assert form.errors == errors


def test_forum_week_bounds_the_date_picker(consultation, user):
    form = WorkshopRequestForm(instance=WorkshopRequest(consultation=consultation), user=user)
    attrs = form.fields["preferred_day"].widget.attrs
    assert (attrs["min"], attrs["max"]) == ("2026-07-06", "2026-07-10")


def test_first_and_last_day_of_the_forum_are_accepted(consultation, user):
    for day in ("2026-07-06", "2026-07-10"):
        form = WorkshopRequestForm(
            workshop_data(preferred_day=day), instance=WorkshopRequest(consultation=consultation), user=user
        )
        assert form.is_valid(), form.errors


def test_speakers_in_order_blank_rows_ignored(consultation):
    formset = speaker_formset(
        speakers_data("Ana Tuilagi", "", "Karim Saleh", total=4), WorkshopRequest(consultation=consultation)
    )
    assert formset.is_valid(), formset.errors
    assert [speaker["name"] for speaker in formset.speakers()] == ["Ana Tuilagi", "Karim Saleh"]
    assert formset.speakers()[0] == {
        "name": "Ana Tuilagi",
        "organisation": "Pacific Open Data Lab",
        "gender": "woman",
        "stakeholder_type": "academia",
        "country": "FJ",
    }


def test_removed_speaker_is_left_out(consultation):
    data = speakers_data("Ana Tuilagi", "Karim Saleh")
    data["speakers-0-DELETE"] = "on"
    formset = speaker_formset(data, WorkshopRequest(consultation=consultation))
    assert formset.is_valid()
    assert [speaker["name"] for speaker in formset.speakers()] == ["Karim Saleh"]


def test_more_speakers_than_the_edition_allows_are_refused(consultation):
    names = [f"Speaker {number}" for number in range(1, 6)]
    formset = speaker_formset(speakers_data(*names), WorkshopRequest(consultation=consultation))
    assert not formset.is_valid()
    assert formset.non_form_errors() == ["Propose at most 4 speakers."]


def test_at_least_one_speaker(consultation):
    formset = speaker_formset(speakers_data("", "", total=2), WorkshopRequest(consultation=consultation))
    assert not formset.is_valid()
    assert formset.non_form_errors() == ["Propose at least one speaker."]


def test_incomplete_speaker_row_is_an_error_of_that_row(consultation):
    data = speakers_data("Ana Tuilagi")
    data["speakers-0-country"] = ""
    formset = speaker_formset(data, WorkshopRequest(consultation=consultation))
    assert not formset.is_valid()
    assert formset.errors == [{"country": ["This field is required."]}]


def test_existing_speakers_fill_the_first_rows_then_blank_rows_up_to_the_limit(consultation):
    request = WorkshopRequestFactory(consultation=consultation, speakers=2)
    formset = speaker_formset(None, request)
    assert len(formset.forms) == 4
    assert [form.initial.get("name") for form in formset.forms] == [
        *request.speakers.values_list("name", flat=True),
        None,
        None,
    ]


def test_nomination_form(consultation, user):
    form = NominationForm(
        {
            "nominee_group": "academia",
            "nominee_name": "Leila Haddad",
            "nominee_email": "not an address",
            "nominee_organisation": "Arab Digital Forum",
            "biography": "",
            "language": "en",
        },
        instance=FacilitatorNomination(consultation=consultation),
        user=user,
    )
    assert form.errors == {
        "nominee_email": ["Enter a valid email address."],
        "biography": ["This field is required."],
    }

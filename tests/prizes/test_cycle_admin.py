"""A prize cycle is set up in the admin only once its edition has every phase the cycle needs: the refusal
names each missing phase, in the officer's language."""

import json

import pytest

from prizes.models import PrizeCycle, default_criteria_weights
from tests.factories import EditionFactory, PhaseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def cycle_form(edition):
    return {
        "edition": edition.pk,
        "introduction_en": "",
        "introduction_ar": "",
        "short_description_min_words": 150,
        "short_description_max_words": 200,
        "content_languages": ["en", "ar"],
        "criteria_weights": json.dumps(default_criteria_weights()),
        "champions_per_category": 5,
        "network_vote_limit": 20,
        "burst_window_minutes": 10,
        "burst_account_limit": 10,
    }


def edition_with(*keys):
    edition = EditionFactory()
    for key in keys:
        PhaseFactory(edition=edition, process="prizes", key=key)
    return edition


def test_cycle_of_an_edition_without_voting_is_refused_naming_the_phase(clerk):
    edition = edition_with("submission", "nomination", "selection")
    response = clerk.post("/en/admin/prizes/prizecycle/add/", cycle_form(edition))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["edition"] == [
        "The edition has no “Public voting” phase for the WSIS Prizes: add it to the edition first."
    ]
    assert not PrizeCycle.objects.exists()


def test_cycle_refusal_names_every_missing_phase_in_arabic(clerk):
    edition = edition_with("submission", "ceremony")
    response = clerk.post("/ar/admin/prizes/prizecycle/add/", cycle_form(edition))
    refusal = (
        "لا توجد في الدورة مرحلة “{}” الخاصة بـجوائز القمة العالمية لمجتمع المعلومات: أضفها إلى الدورة أولاً."
    )
    assert response.context["adminform"].form.errors["edition"] == [
        refusal.format("استعراض فريق الخبراء للمشروعات واختيار المرشَّحين"),
        refusal.format("التصويت العام"),
        refusal.format("اختيار الفائزين"),
    ]
    assert not PrizeCycle.objects.exists()


def test_phases_of_another_process_do_not_count_for_the_cycle(clerk):
    edition = edition_with("submission", "nomination", "selection")
    PhaseFactory(edition=edition, process="consultations", key="voting")
    response = clerk.post("/en/admin/prizes/prizecycle/add/", cycle_form(edition))
    assert response.status_code == 200
    assert not PrizeCycle.objects.exists()


def test_cycle_of_an_edition_with_its_required_phases_is_saved(clerk):
    edition = edition_with("submission", "nomination", "voting", "selection")
    response = clerk.post("/en/admin/prizes/prizecycle/add/", cycle_form(edition))
    assert response.status_code == 302
    assert PrizeCycle.objects.get().edition == edition


def test_cycle_languages_are_ticked_and_saved_as_codes(clerk):
    edition = edition_with("submission", "nomination", "voting", "selection")
    page = clerk.get("/ar/admin/prizes/prizecycle/add/")
    assert '<input type="checkbox" name="content_languages" value="ar"' in page.content.decode()
    response = clerk.post(
        "/ar/admin/prizes/prizecycle/add/", {**cycle_form(edition), "content_languages": ["ar", "fr"]}
    )
    assert response.status_code == 302
    assert PrizeCycle.objects.get().content_languages == ["ar", "fr"]


def test_cycle_without_a_language_is_refused_in_arabic(clerk):
    edition = edition_with("submission", "nomination", "voting", "selection")
    form = {key: value for key, value in cycle_form(edition).items() if key != "content_languages"}
    response = clerk.post("/ar/admin/prizes/prizecycle/add/", form)
    assert response.context["adminform"].form.errors["content_languages"] == [
        "اختر لغة واحدة على الأقل: تُكتب المشروعات بها."
    ]
    assert not PrizeCycle.objects.exists()

"""The profile: every field saved, bad input refused with a translated message and nothing changed."""

import pytest

from tests.factories import OrganisationFactory, UserFactory

VALID = {
    "full_name": "Nour Haddad",
    "job_title": "Policy officer",
    "preferred_language": "en",
    "time_zone": "Africa/Cairo",
    "stakeholder_type": "academia",
    "organisation": "",
    "country": "EG",
}


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return user


def test_profile_requires_sign_in(client, db):
    response = client.get("/en/me/profile/")
    assert response["Location"] == "/en/accounts/login/?next=/en/me/profile/"


def test_profile_saves_every_field(client, signed_in):
    organisation = OrganisationFactory()
    response = client.post("/en/me/profile/", {**VALID, "organisation": organisation.pk})
    assert response["Location"] == "/en/me/profile/"
    signed_in.refresh_from_db()
    assert (
        signed_in.full_name,
        signed_in.job_title,
        signed_in.time_zone,
        signed_in.stakeholder_type,
        signed_in.organisation,
        signed_in.country.code,
    ) == ("Nour Haddad", "Policy officer", "Africa/Cairo", "academia", organisation, "EG")


def test_changing_preferred_language_moves_to_that_language(client, signed_in):
    response = client.post("/en/me/profile/", {**VALID, "preferred_language": "ar"})
    assert response["Location"] == "/ar/me/profile/"
    assert response.cookies["wsis_language"].value == "ar"


def test_invalid_country_is_refused_in_arabic_and_nothing_changes(client, signed_in):
    before = (signed_in.full_name, signed_in.country.code)
    response = client.post("/ar/me/profile/", {**VALID, "country": "XX"})
    assert response.status_code == 400
    assert "انتق خياراً صحيحاً. XX ليس أحد الخيارات المتاحة." in response.content.decode()
    signed_in.refresh_from_db()
    assert (signed_in.full_name, signed_in.country.code) == before


def test_unknown_time_zone_is_refused(client, signed_in):
    response = client.post("/en/me/profile/", {**VALID, "time_zone": "Mars/Olympus"})
    assert response.status_code == 400
    signed_in.refresh_from_db()
    assert signed_in.time_zone == ""


def test_name_stakeholder_type_and_country_are_required(client, signed_in):
    response = client.post(
        "/en/me/profile/", {**VALID, "full_name": "", "stakeholder_type": "", "country": ""}
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"full_name", "stakeholder_type", "country"}


def test_errors_are_summarised_and_linked_to_their_fields(client, signed_in):
    html = client.post("/en/me/profile/", {**VALID, "country": "XX"}).content.decode()
    assert 'role="alert"' in html
    assert '<a href="#id_country">' in html
    assert 'aria-invalid="true" aria-describedby="id_country_error"' in html or (
        'aria-describedby="id_country_error"' in html and 'aria-invalid="true"' in html
    )


def test_unverified_organisation_of_someone_else_cannot_be_chosen(client, signed_in):
    foreign = OrganisationFactory(is_verified=False, proposed_by=UserFactory())
    response = client.post("/en/me/profile/", {**VALID, "organisation": foreign.pk})
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors


def test_country_names_are_arabic_on_arabic_pages(client, signed_in):
    html = client.get("/ar/me/profile/").content.decode()
    assert '<option value="EG">مصر</option>' in html

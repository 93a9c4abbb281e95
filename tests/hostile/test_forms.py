"""Forms a signed-in stakeholder posts, fed hostile text in every text box: never a 5xx, and a refused
form (400) leaves the database as it was."""

import pytest
from django.core import serializers
from hypothesis import HealthCheck, given, settings

from consultations.models import Contribution
from stocktaking.models import Entry
from tests.factories import OrganisationFactory, UserFactory
from tests.hostile.strategies import hostile_text
from wsis_portal.editions.models import ActionLine
from wsis_portal.stakeholders.models import FocalPoint, Organisation, User

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
WATCHED = (User, Organisation, FocalPoint, Entry, Contribution)


def database():
    """Every row of the models a stakeholder's forms write, as text."""
    return [serializers.serialize("json", model.objects.order_by("pk")) for model in WATCHED]


@pytest.fixture
def stakeholder(client):
    user = UserFactory(full_name="Amina Diallo", organisation=OrganisationFactory(name="Nile Digital Forum"))
    client.force_login(user)
    return user


def check(client, url, data):
    before = database()
    response = client.post(url, data)
    assert response.status_code in (200, 302, 400)
    if response.status_code == 400:
        assert database() == before


def test_profile_form(client, stakeholder):
    @given(name=hostile_text, title=hostile_text)
    @FUZZ
    def posts(name, title):
        data = {
            "full_name": name,
            "job_title": title,
            "preferred_language": "ar",
            "time_zone": "",
            "stakeholder_type": "civil_society",
            "country": "EG",
        }
        check(client, "/en/me/profile/", data)

    posts()


def test_proposing_an_organisation(client, stakeholder):
    @given(name=hostile_text, acronym=hostile_text)
    @FUZZ
    def posts(name, acronym):
        data = {"new_name": name, "new_acronym": acronym, "new_country": "EG"}
        check(client, "/en/me/organizations/", data)

    posts()


def test_stocktaking_draft(client, stakeholder):
    line = ActionLine.objects.get(code="C3").pk

    @given(title=hostile_text, description=hostile_text, website=hostile_text)
    @FUZZ
    def posts(title, description, website):
        data = {
            "kind": "project",
            "title": title,
            "description": description,
            "language": "ar",
            "organisation": stakeholder.organisation_id,
            "countries": ["EG"],
            "action_lines": [line],
            "work_status": "ongoing",
            "website": website,
            "save": "",
        }
        check(client, "/en/stocktaking/mine/new/", data)

    posts()

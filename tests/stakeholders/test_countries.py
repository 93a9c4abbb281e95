"""Every country field and filter offers the same countries, those the portal's processes know, named and
sorted in the reader's language whenever the form was imported."""

import re

import pytest
from django.utils import translation

from consultations.forms import SpeakerForm
from forum_events.admin_high_level import InviteForm
from prizes.forms import StocktakingCoverageForm
from stocktaking.forms import EntryForm
from tests.factories import UserFactory
from wsis_portal.stakeholders.countries import PORTAL_COUNTRIES, collation_key, country_choices
from wsis_portal.stakeholders.forms import FocalPointRequestForm, ProfileForm
from wsis_portal.stakeholders.member_states import ITU_MEMBER_STATES
from wsis_portal.stakeholders.models import MemberState, Organisation


def codes(choices):
    return [code for code, _name in choices if code]


def test_the_known_countries_are_the_member_states_and_the_countries_of_the_regions():
    assert len(ITU_MEMBER_STATES) == 193
    assert PORTAL_COUNTRIES - set(ITU_MEMBER_STATES) == {"PS", "PW"}
    assert not {"AQ", "BV", "PR", "GI"} & PORTAL_COUNTRIES


@pytest.mark.django_db
def test_every_country_field_offers_the_known_countries():
    user = UserFactory()
    offered = {
        "stocktaking entry": EntryForm.base_fields["countries"].choices,
        "prize coverage": StocktakingCoverageForm.base_fields["countries"].choices,
        "profile": ProfileForm(instance=user).fields["country"].choices,
        "new organisation": FocalPointRequestForm(user=user).fields["new_country"].choices,
        "speaker": SpeakerForm.base_fields["country"].choices,
        "organisation admin": Organisation._meta.get_field("country").formfield().choices,
        "Member State admin": MemberState._meta.get_field("country").formfield().choices,
    }
    assert {name: sorted(codes(choices)) for name, choices in offered.items()} == {
        name: sorted(PORTAL_COUNTRIES) for name in offered
    }


def test_the_stocktaking_form_names_the_countries_in_the_language_of_each_request():
    field = EntryForm.base_fields["countries"]
    with translation.override("en"):
        english = list(field.choices)
    with translation.override("ar"):
        arabic = list(field.choices)
    assert english[:3] == [("AF", "Afghanistan"), ("AL", "Albania"), ("DZ", "Algeria")]
    assert arabic[:4] == [("ET", "إثيوبيا"), ("AZ", "أذربيجان"), ("AM", "أرمينيا"), ("ER", "إريتريا")]
    assert dict(arabic)["EG"] == "مصر"
    assert not [name for _code, name in arabic if re.search("[A-Za-z]", name)]


def test_arabic_names_sort_as_their_letters_whatever_the_hamza():
    with translation.override("ar"):
        names = [name for _code, name in country_choices()]
    assert names == sorted(names, key=collation_key)
    assert (
        names.index("إسبانيا") < names.index("أستراليا") < names.index("إستونيا") < names.index("الأرجنتين")
    )


def test_names_are_those_the_united_nations_write_in_arabic():
    with translation.override("ar"):
        named = dict(country_choices())
    assert (named["SA"], named["ZA"], named["AO"]) == ("المملكة العربية السعودية", "جنوب أفريقيا", "أنغولا")


@pytest.mark.django_db
def test_a_territory_is_refused_and_a_known_country_kept():
    with translation.override("ar"):
        territory = ProfileForm(data={"country": "AQ"}, instance=UserFactory())
        assert territory.errors["country"] == ["انتق خياراً صحيحاً. AQ ليس أحد الخيارات المتاحة."]
    assert ProfileForm(data={"country": "PS"}, instance=UserFactory()).errors.get("country") is None


@pytest.mark.django_db
def test_the_api_schema_lists_the_known_countries_as_the_country_filter(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    parameters = schema["paths"]["/api/v1/stocktaking/entries/"]["get"]["parameters"]
    country = next(parameter for parameter in parameters if parameter["name"] == "country")
    assert country["schema"]["items"]["enum"] == sorted(PORTAL_COUNTRIES)


@pytest.mark.django_db
def test_the_invitations_list_the_member_states_by_their_arabic_names():
    with translation.override("ar"):
        names = [str(name) for _value, name in InviteForm().fields["member_states"].choices]
    assert len(names) == 193
    assert names[:3] == ["إثيوبيا", "أذربيجان", "أرمينيا"]
    assert names == sorted(names, key=collation_key)

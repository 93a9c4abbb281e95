"""The ministers of the invited Member States as an audience of personalised letters: the Arabic form of
address by gender, each copy's own invitation link (the older link stops working), and a missing name
kept as the copy's failure."""

import pytest
from django.core.exceptions import ValidationError

from forum_events import high_level
from forum_events import letters as ministers
from tests.factories import EditionFactory, SecretariatFactory
from tests.letters.factories import CircularLetterFactory
from wsis_portal.stakeholders.models import MemberState

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk():
    return SecretariatFactory()


@pytest.fixture
def edition():
    return EditionFactory(year=2027)


def state(code, **fields):
    MemberState.objects.filter(country=code).update(**fields)
    return MemberState.objects.get(country=code)


@pytest.fixture
def invited(edition, clerk):
    kenya = state(
        "KE",
        minister_name_en="Amina Wanjiru",
        minister_name_ar="أمينة وانجيرو",
        minister_title_en="Cabinet Secretary",
        minister_title_ar="أمينة مجلس الوزراء",
        minister_gender=MemberState.Gender.WOMAN,
        protocol_office_email="protocol@ke.example",
    )
    oman = state("OM", minister_name_ar="سالم الهنائي", minister_gender=MemberState.Gender.MAN)
    chile = state("CL", minister_name_en="", minister_name_ar="")
    for member_state, language in ((kenya, "en"), (oman, "ar"), (chile, "en")):
        high_level.issue_invitation(edition, member_state, clerk, language=language)
    return kenya, oman, chile


def test_each_invited_state_gets_a_copy_with_a_new_link_and_the_old_one_stops_working(
    edition, clerk, invited
):
    old_link_token = high_level.issue_invitation(edition, invited[0], clerk)[1]
    letter = CircularLetterFactory(edition=edition)
    found = ministers.recipients(letter, clerk)
    assert [(r.key, r.language) for r in found] == [("CL", "en"), ("KE", "en"), ("OM", "ar")]
    assert high_level.invitation_for_token(old_link_token) is None
    token = found[1].kept["link"].rstrip("/").rsplit("/", 1)[1]
    assert high_level.invitation_for_token(token).member_state == invited[0]


def test_a_letter_without_edition_or_invitations_cannot_be_personalised(clerk, edition):
    with pytest.raises(ValidationError):
        ministers.recipients(CircularLetterFactory(), clerk)
    with pytest.raises(ValidationError):
        ministers.recipients(CircularLetterFactory(edition=edition), clerk)


def test_arabic_forms_of_address_follow_the_minister_gender(invited):
    woman = ministers.personalise("KE", {"link": "L"}, "ar")
    man = ministers.personalise("OM", {"link": "L"}, "ar")
    assert woman["address"][0] == "صاحبة المعالي أمينة وانجيرو"
    assert man["address"][0] == "صاحب المعالي سالم الهنائي"
    assert woman["address"][-1] == "كينيا"
    assert woman["link"] == "L"


def test_english_copies_use_his_or_her_excellency_and_fall_back_to_the_other_language(invited):
    assert ministers.personalise("KE", {}, "en")["address"][:2] == [
        "Her Excellency Amina Wanjiru",
        "Cabinet Secretary",
    ]
    assert ministers.personalise("OM", {}, "en")["address"][0] == "His Excellency سالم الهنائي"


def test_a_minister_without_a_name_fails_that_copy_with_a_reason(invited):
    with pytest.raises(ministers.PersonalisationError, match="No minister's name is recorded for Chile"):
        ministers.personalise("CL", {}, "en")

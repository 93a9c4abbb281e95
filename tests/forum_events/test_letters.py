"""The ministers of the invited Member States as an audience of personalised letters: the Arabic form of
address by gender, each copy's own link to the invitation (the protocol office's link keeps working), and
a missing name kept as the copy's failure."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from forum_events import high_level
from forum_events import letters as ministers
from forum_events.models import InvitationLink
from tests.factories import EditionFactory, SecretariatFactory, UserFactory
from tests.letters.factories import CircularLetterFactory
from wsis_portal.letters import batches, services
from wsis_portal.letters.models import PersonalLetter
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


def token_of(link):
    return link.rstrip("/").rsplit("/", 1)[1]


def test_each_invited_state_gets_a_copy_with_its_own_link_and_the_old_one_keeps_working(
    edition, clerk, invited
):
    old_link_token = high_level.issue_invitation(edition, invited[0], clerk)[1]
    letter = CircularLetterFactory(edition=edition)
    found = ministers.recipients(letter, clerk)
    assert [(r.key, r.language) for r in found] == [("CL", "en"), ("KE", "en"), ("OM", "ar")]
    kenya = high_level.invitation_for_token(old_link_token)
    assert kenya.member_state == invited[0]
    token = token_of(found[1].kept["link"])
    assert token != old_link_token
    assert high_level.invitation_for_token(token) == kenya


def test_a_new_link_sent_to_the_protocol_office_voids_the_links_letters_carried(edition, clerk, invited):
    found = ministers.recipients(CircularLetterFactory(edition=edition), clerk)
    letter_token = token_of(found[1].kept["link"])
    high_level.issue_invitation(edition, invited[0], clerk)
    assert high_level.invitation_for_token(letter_token) is None
    assert InvitationLink.objects.filter(invitation__member_state=invited[0]).count() == 0
    assert InvitationLink.objects.count() == 2


def test_only_the_secretariat_adds_a_link_to_an_invitation(edition, invited):
    invitation = invited[0].invitations.get(edition=edition)
    with pytest.raises(PermissionDenied):
        high_level.add_letter_link(invitation, UserFactory())
    assert InvitationLink.objects.count() == 0


def test_a_protocol_office_link_keeps_working_after_personalised_copies_are_made(
    client, edition, clerk, invited, eager_celery, django_capture_on_commit_callbacks
):
    _invitation, token = high_level.issue_invitation(edition, invited[0], clerk)
    url = reverse("forum_events:invitation", args=[token])
    before = client.get(url)
    assert before.status_code == 200
    letter = services.issue(CircularLetterFactory(edition=edition), clerk)
    with django_capture_on_commit_callbacks(execute=True):
        batches.start(letter, "ministers", clerk)
    after = client.get(url)
    assert after.status_code == 200
    copy = PersonalLetter.objects.get(recipient_key="KE")
    assert copy.status == PersonalLetter.Status.DONE
    through_letter = client.get(reverse("forum_events:invitation", args=[token_of(copy.kept["link"])]))
    assert through_letter.status_code == 200
    assert through_letter.context["invitation"].pk == after.context["invitation"].pk
    assert after.context["invitation"].member_state == invited[0]


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


def test_arabic_copies_greet_and_close_as_the_secretariat_writes_to_ministers(invited):
    woman = ministers.personalise("KE", {}, "ar")
    man = ministers.personalise("OM", {}, "ar")
    assert (woman["salutation"], woman["closing"]) == (
        "صاحبة المعالي،\nتحية طيبة وبعد،",
        "وتفضلوا، صاحبة المعالي، بقبول فائق التقدير والاحترام.",
    )
    assert (man["salutation"], man["closing"]) == (
        "صاحب المعالي،\nتحية طيبة وبعد،",
        "وتفضلوا، صاحب المعالي، بقبول فائق التقدير والاحترام.",
    )


def test_a_minister_whose_form_of_address_is_not_recorded_is_greeted_with_both_forms(invited):
    state("OM", minister_gender="")
    copy = ministers.personalise("OM", {}, "ar")
    assert copy["address"][0] == "معالي سالم الهنائي"
    assert copy["salutation"] == "صاحب المعالي / صاحبة المعالي،\nتحية طيبة وبعد،"
    assert ministers.personalise("OM", {}, "en")["salutation"] == "Excellency,"


def test_english_copies_use_his_or_her_excellency_and_fall_back_to_the_other_language(invited):
    assert ministers.personalise("KE", {}, "en")["address"][:2] == [
        "Her Excellency Amina Wanjiru",
        "Cabinet Secretary",
    ]
    assert ministers.personalise("OM", {}, "en")["address"][0] == "His Excellency سالم الهنائي"


def test_a_minister_without_a_name_fails_that_copy_with_a_reason(invited):
    with pytest.raises(ministers.PersonalisationError, match="No minister's name is recorded for Chile"):
        ministers.personalise("CL", {}, "en")

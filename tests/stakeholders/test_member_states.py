"""The 193 Member States of ITU are in every database."""

from django.utils import translation

from wsis_portal.stakeholders.models import MemberState


def test_there_are_193_member_states(db):
    assert MemberState.objects.count() == 193


def test_holy_see_is_a_member_state_and_palau_is_not(db):
    codes = set(MemberState.objects.values_list("country", flat=True))
    assert "VA" in codes
    assert "PW" not in codes


def test_member_state_is_named_in_the_active_language(db):
    egypt = MemberState.objects.get(country="EG")
    with translation.override("ar"):
        assert str(egypt) == "مصر"
    with translation.override("en"):
        assert str(egypt) == "Egypt"


def test_minister_name_is_kept_in_both_languages(db):
    MemberState.objects.filter(country="JO").update(
        minister_name_en="Lina Haddad", minister_name_ar="لينا حداد"
    )
    jordan = MemberState.objects.get(country="JO")
    with translation.override("ar"):
        assert jordan.minister_name == "لينا حداد"
    assert jordan.has_minister is True

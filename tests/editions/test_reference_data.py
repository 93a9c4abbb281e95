"""The WSIS reference data is in every database, in English and Arabic."""

from django.utils import translation

from wsis_portal.editions.models import ActionLine, GDCObjective, SustainableDevelopmentGoal


def test_action_lines_are_c1_to_c11_with_eight_c7_e_applications(db):
    assert list(ActionLine.objects.filter(parent=None).values_list("code", flat=True)) == [
        f"C{n}" for n in range(1, 12)
    ]
    assert list(ActionLine.objects.get(code="C7").children.values_list("name_en", flat=True)) == [
        "E-government",
        "E-business",
        "E-learning",
        "E-health",
        "E-employment",
        "E-environment",
        "E-agriculture",
        "E-science",
    ]


def test_action_line_name_follows_the_active_language(db):
    line = ActionLine.objects.get(code="C4")
    with translation.override("ar"):
        assert line.name == "بناء القدرات"
    with translation.override("en"):
        assert line.name == "Capacity building"


def test_seventeen_sdgs_in_both_languages(db):
    assert SustainableDevelopmentGoal.objects.count() == 17
    assert not SustainableDevelopmentGoal.objects.filter(name_ar__isnull=True).exists()
    assert SustainableDevelopmentGoal.objects.get(number=5).name_ar == "المساواة بين الجنسين"


def test_five_gdc_objectives_in_both_languages(db):
    assert list(GDCObjective.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert not GDCObjective.objects.filter(name_ar__isnull=True).exists()

"""Staff-written content of editions and reference data, in every language of LANGUAGES."""

from modeltranslation.translator import TranslationOptions, register

from .models import ActionLine, Edition, GDCObjective, Phase, SustainableDevelopmentGoal


@register(Edition)
class EditionTranslation(TranslationOptions):
    fields = ("theme", "venue")
    required_languages = {"en": ("venue",), "ar": ("venue",)}


@register(Phase)
class PhaseTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en", "ar")


@register(ActionLine)
class ActionLineTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "ar")


@register(SustainableDevelopmentGoal)
class SustainableDevelopmentGoalTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "ar")


@register(GDCObjective)
class GDCObjectiveTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "ar")

"""Member State contacts written by the secretariat, in every language of LANGUAGES (letters need both)."""

from modeltranslation.translator import TranslationOptions, register

from .models import MemberState, Region


@register(MemberState)
class MemberStateTranslation(TranslationOptions):
    fields = ("ministry_name", "minister_name", "minister_title")


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "ar")

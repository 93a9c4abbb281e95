"""The words of a circular letter are written by the secretariat in every portal language."""

from modeltranslation.translator import TranslationOptions, register

from .models import CircularLetter


@register(CircularLetter)
class CircularLetterTranslation(TranslationOptions):
    fields = ("subject", "body", "signatory_title")
    required_languages = ("en", "ar")

"""The words of a circular letter, and the letterhead, are written by the secretariat in every portal
language."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from .models import CircularLetter, Letterhead


@register(CircularLetter)
class CircularLetterTranslation(TranslationOptions):
    # Names too: the Arabic letter names its contact and signatory as Arabic writes them.
    fields = ("contact_name", "subject", "body", "signatory_name", "signatory_title")
    required_languages = tuple(settings.MODELTRANSLATION_LANGUAGES)


@register(Letterhead)
class LetterheadTranslation(TranslationOptions):
    fields = ("organisation", "office", "address")
    required_languages = tuple(settings.MODELTRANSLATION_LANGUAGES)

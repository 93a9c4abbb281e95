"""Session titles and descriptions are staff-edited content, kept in every portal language."""

from modeltranslation.translator import TranslationOptions, register

from .models import Session


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"en": ("title",)}

"""Session titles, descriptions and rooms are staff-edited content, kept in every portal language; the public
record of a change is written in every portal language when it is made."""

from modeltranslation.translator import TranslationOptions, register

from .models import Session, SessionChange


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "description", "room")
    required_languages = {"en": ("title",)}


@register(SessionChange)
class SessionChangeTranslation(TranslationOptions):
    fields = ("before", "after")

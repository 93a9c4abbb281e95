"""Staff-written content of the consultation, in every portal language."""

from modeltranslation.translator import TranslationOptions, register

from .models import Consultation, Meeting, Topic


@register(Consultation)
class ConsultationTranslation(TranslationOptions):
    fields = ("introduction",)


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "description", "venue")
    required_languages = {"en": ("title",), "ar": ("title",)}


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "ar")

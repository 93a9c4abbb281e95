"""Staff-written content of the prizes, in every portal language (category names are the action lines')."""

from modeltranslation.translator import TranslationOptions, register

from .models import PrizeCycle


@register(PrizeCycle)
class PrizeCycleTranslation(TranslationOptions):
    fields = ("introduction",)

"""``{{ value|isolated }}``: a value written by the secretariat, escaped, its runs of the other direction
isolated for the letter's language (``wsis_portal.letters.bidi``)."""

from django import template
from django.utils import translation

from wsis_portal.letters import bidi

register = template.Library()


@register.filter
def isolated(value):
    return bidi.isolate(value or "", translation.get_language_bidi())

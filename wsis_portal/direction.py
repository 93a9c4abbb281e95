"""Values of either direction put together on one line: a list of languages or countries, a person's name,
title and organisation. Each value is isolated, so that an English name on an Arabic line (or an Arabic one
on an English line) keeps its place and takes no comma with it, and the values are joined by the list
separator of the active language ("، " in Arabic), never by a Latin comma written into the code."""

import unicodedata

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import pgettext

FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


def list_separator() -> str:
    # Translators: what separates the items of a list written on one line (languages, countries, a
    # person's name, title and organisation), with its space: in Arabic the Arabic comma "، ".
    return pgettext("between the items of a list", ", ")


def _present(items):
    return [item for item in items if item is not None and str(item) != ""]


def isolated_list(items) -> SafeString:
    """HTML: the items that are not empty, each in <bdi>, joined by the language's list separator."""
    return format_html_join(list_separator(), "<bdi>{}</bdi>", ((item,) for item in _present(items)))


def isolated_text(value) -> str:
    """Plain text (an option of a list, a message) where <bdi> cannot stand: ``value`` between FIRST STRONG
    ISOLATE and POP DIRECTIONAL ISOLATE, the characters that do what <bdi> does."""
    return f"{FIRST_STRONG_ISOLATE}{value}{POP_DIRECTIONAL_ISOLATE}"


def isolated_list_text(items) -> str:
    """Plain text (a message, an e-mail, an error): the items that are not empty, each isolated
    (``isolated_text``), joined by the language's list separator."""
    return list_separator().join(isolated_text(item) for item in _present(items))


def code(value) -> SafeString:
    """HTML: an identifier (a rule's key, a topic's code) as code, left to right, in any page's direction."""
    return format_html('<code dir="ltr">{}</code>', value)


def text_direction(text) -> str:
    """ "rtl" or "ltr" after the first letter with a strong direction, as a browser's ``dir="auto"`` does
    (WeasyPrint and SVG do not): what people wrote keeps its own direction in a PDF or a chart."""
    for character in str(text):
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"

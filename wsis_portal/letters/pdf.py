"""Rendering a circular letter as an A4 PDF with WeasyPrint, in the letter's language and direction."""

import base64
import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from wsis_portal.uploads.images import PNG_MAGIC

from . import bidi, greetings
from .models import Letterhead

EASTERN_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def render_body(text) -> str:
    """Safe HTML from the letter's plain text: paragraphs at empty lines, "- " lines as lists, **bold**,
    and the runs of the other direction than the active language's isolated (``bidi``).

    Nothing the author typed becomes markup except those three forms.
    """
    rtl = translation.get_language_bidi()

    def inline(words):
        return bidi.isolate(words, rtl, bold=True)

    blocks = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        html, items, words = [], [], []
        for line in lines + [""]:
            if line.startswith("- "):
                if words:
                    html.append(f"<p>{inline(' '.join(words))}</p>")
                    words = []
                items.append(f"<li>{inline(line[2:].strip())}</li>")
                continue
            if items:
                html.append(f"<ul>{''.join(items)}</ul>")
                items = []
            if line:
                words.append(line)
        if words:
            html.append(f"<p>{inline(' '.join(words))}</p>")
        blocks.extend(html)
    return mark_safe("\n".join(blocks))  # noqa: S308 - every piece of text above was escaped


def letterhead():
    """The letterhead in use, in the active language: the organisation, its office, the lines of its
    address and its emblem as a ``data:`` URI (WeasyPrint reads it whatever the storage); the ITU's when
    the secretariat has set none."""
    found = Letterhead.objects.filter(active=True).first()
    if found is None:
        return {
            "organisation": gettext("International Telecommunication Union"),
            "office": gettext("General Secretariat"),
            "address": [gettext("Place des Nations, CH-1211 Geneva 20, Switzerland")],
            "emblem": "",
        }
    emblem = ""
    if found.emblem:
        try:
            with found.emblem.open("rb") as image:
                content = image.read()
        except OSError as error:  # never a letter without the emblem the secretariat chose
            raise OSError(gettext("The letterhead's emblem cannot be read: upload it again.")) from error
        kind = "png" if content.startswith(PNG_MAGIC) else "jpeg"
        emblem = f"data:image/{kind};base64,{base64.b64encode(content).decode()}"
    return {
        "organisation": found.organisation,
        "office": found.office,
        "address": [line.strip() for line in found.address.splitlines() if line.strip()],
        "emblem": emblem,
    }


def letter_context(letter, language, personal=None, draft=False):
    """What the letter template shows, computed under the letter's language; ``personal`` is one
    recipient's addressee block, salutation, closing and link (see ``audiences.Audience``); ``draft``
    marks a preview of a letter not issued yet, so that it is never taken for the letter sent."""
    eastern = language == "ar" and settings.LETTERS_EASTERN_DIGITS
    date = formats.date_format(letter.date, "j F Y")
    return {
        "letter": letter,
        "language": language,
        "direction": "rtl" if translation.get_language_bidi() else "ltr",
        # The date stays whole inside Arabic text: it is isolated like a reference.
        "date": format_html("<bdi>{}</bdi>", date.translate(EASTERN_DIGITS) if eastern else date),
        "body": render_body(letter.body),
        "greeting": (
            greetings.Greeting(personal["salutation"], personal["closing"])
            if personal
            else greetings.for_letter(letter)
        ),
        "letterhead": letterhead(),
        "page_counter_style": "arabic-indic" if eastern else "decimal",
        "font_dir": "/usr/share/fonts/opentype/fonts-hosny-amiri",
        "personal": personal,
        "draft": draft,
    }


def render_html(letter, language, personal=None, draft=False) -> str:
    with translation.override(language):
        return render_to_string("letters/letter_pdf.html", letter_context(letter, language, personal, draft))


def render(letter, language, personal=None, draft=False) -> bytes:
    """The letter as PDF bytes in ``language`` (A4, letterhead, page numbers), addressed to one recipient
    when ``personal`` is given, marked as a draft on every page when ``draft``."""
    from weasyprint import HTML  # imported here: loading it costs a second, only workers need it

    html = render_html(letter, language, personal, draft)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()

"""Rendering a circular letter as an A4 PDF with WeasyPrint, in the letter's language and direction."""

import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

EASTERN_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
BOLD = re.compile(r"\*\*(.+?)\*\*")


def _inline(text):
    """Escape everything, then turn ``**words**`` into bold."""
    return BOLD.sub(r"<strong>\1</strong>", escape(text))


def render_body(text) -> str:
    """Safe HTML from the letter's plain text: paragraphs at empty lines, "- " lines as lists, **bold**.

    Nothing the author typed becomes markup except those three forms.
    """
    blocks = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        html, items, words = [], [], []
        for line in lines + [""]:
            if line.startswith("- "):
                if words:
                    html.append(f"<p>{_inline(' '.join(words))}</p>")
                    words = []
                items.append(f"<li>{_inline(line[2:].strip())}</li>")
                continue
            if items:
                html.append(f"<ul>{''.join(items)}</ul>")
                items = []
            if line:
                words.append(line)
        if words:
            html.append(f"<p>{_inline(' '.join(words))}</p>")
        blocks.extend(html)
    return mark_safe("\n".join(blocks))  # noqa: S308 - every piece of text above was escaped


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

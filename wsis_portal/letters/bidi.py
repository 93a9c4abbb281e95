"""Direction runs of a letter's text isolated when the letter is rendered, so that its authors type plain
text and never direction marks.

Inside an Arabic sentence the Unicode bidirectional algorithm reorders what holds spaces or neutral
characters: "+41 22 730 53 50" comes out "50 53 730 22 41+", a web address wrapped at the line's end loses
its slashes to the wrong side. Each such run is wrapped in its own left-to-right ``<bdi dir="ltr">``
(WeasyPrint lays out an element with ``dir`` in that direction, as one piece of the line): web and e-mail
addresses, telephone numbers, and in right-to-left text every run of Latin script (names, references such
as CL-26/009 or WSIS-2026-HLT); in left-to-right text, runs of Arabic script are isolated right to left.
Everything else is escaped; nothing typed becomes markup.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

LATIN = r"A-Za-z\u00C0-\u024F"
ARABIC = r"\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF"
ADDRESSES = (
    r"(?P<url>(?:https?://|www\.)[^\s<>\"]+)",
    r"(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)",
    # +41 22 730 53 50, 022 730 5350, +41227305350: digits in groups that a line would reorder.
    r"(?P<phone>(?<![\w+])(?:\+\d{6,15}|\+?\d{1,4}(?:[ \u00a0.-]?\(\d{1,4}\))?"
    r"(?:[ \u00a0.-]\d{1,8}){2,})(?!\w))",
)


def _run_of(letters, joiners):
    """Words that start with one of ``letters``, then letters or digits glued by ``joiners``, separated by
    spaces; a word that starts an address is left to the address."""
    glued = rf"(?:[{joiners}][{letters}0-9]+)*"
    first, word = rf"[{letters}][{letters}0-9]*{glued}", rf"[{letters}0-9]+{glued}"
    return rf"{first}(?: +(?![\w.+-]*@|https?://|www\.){word})*"


# Names and references: Gitanjali Sah, Bogdan-Martin, CL-26/009, WSIS+20, A/70/1, O'Neill.
LATIN_RUN = _run_of(LATIN, "-/+&.'’_:")
ARABIC_RUN = _run_of(ARABIC, "-/.")
RUNS = {
    True: re.compile("|".join((*ADDRESSES, rf"(?P<latin>{LATIN_RUN})"))),
    False: re.compile("|".join((*ADDRESSES, rf"(?P<arabic>{ARABIC_RUN})"))),
}
# What ends a sentence after an address is not part of it.
TRAILING = ".,;:!?)]}'\"،؛؟»”’"
HOST = re.compile(r"^((?:https?://)?[^/?#]+)(.*)$", re.S)
BOLD = re.compile(r"\*\*(.+?)\*\*")


def _url(address) -> str:
    # The scheme and host stay on one line; the path breaks after its slashes, or anywhere if it must.
    host, path = HOST.match(address).groups()
    return f'<bdi dir="ltr" class="url"><span class="host">{escape(host)}</span>{escape(path)}</bdi>'


def _runs(text, rtl):
    out, at = [], 0
    for found in RUNS[bool(rtl)].finditer(text):
        kind, run = found.lastgroup, found.group()
        start, end = found.span()
        if kind == "url":
            stripped = run.rstrip(TRAILING)
            end = start + len(stripped)
            run = stripped
        out.append(escape(text[at:start]))
        if kind == "url":
            out.append(_url(run))
        elif kind == "arabic":
            out.append(f'<bdi dir="rtl">{escape(run)}</bdi>')
        else:
            out.append(f'<bdi dir="ltr" class="{kind}">{escape(run)}</bdi>')
        at = end
    out.append(escape(text[at:]))
    return "".join(out)


def isolate(text, rtl, bold=False) -> SafeString:
    """Safe HTML of ``text`` (written in a right-to-left language when ``rtl``) with its runs of the other
    direction isolated; with ``bold``, ``**words**`` become bold."""
    parts = BOLD.split(str(text)) if bold else [str(text)]
    # split() puts the bold parts at the odd places
    html = "".join(
        f"<strong>{_runs(part, rtl)}</strong>" if index % 2 else _runs(part, rtl)
        for index, part in enumerate(parts)
    )
    return mark_safe(html)  # noqa: S308 - every piece of text was escaped by _runs

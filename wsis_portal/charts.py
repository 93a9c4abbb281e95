"""Horizontal bar charts drawn on the server as SVG, mirrored for right-to-left pages. A chart never
stands alone: the page shows its numbers in a table beside it (``Chart.rows``)."""

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from wsis_portal.direction import text_direction

WIDTH, LABEL_WIDTH, BAR_AREA, ROW, TOP = 640, 250, 320, 26, 8
LABEL_CHARACTERS = 34
# The phone drawing: a label above each bar, drawn at about a phone's content width so that its text is
# not scaled down (a 640-wide drawing on a 390 px screen shrinks 13 px labels to 6 px).
NARROW_WIDTH, NARROW_BAR_AREA, NARROW_ROW = 300, 260, 40
NARROW_LABEL_CHARACTERS = 42


@dataclass
class Row:
    """One bar: a short label for the chart, the whole label for the table, the count, and optionally the
    address of what was counted."""

    label: str
    full_label: str
    count: int
    url: str = ""


@dataclass
class Chart:
    name: str
    title: str
    rows: list
    svg: str

    @property
    def total(self):
        return sum(row.count for row in self.rows)


def _short(label, characters):
    return label if len(label) <= characters else label[: characters - 1] + "…"


def _label(x, y, row, characters, edge):
    """A row's label, cut to ``characters``, with its ``edge`` ("left" or "right") at ``x``. The label runs
    in its own direction, so that a cut label's ellipsis ends it on its reading side whatever the page's
    direction (the drawing itself is left-to-right)."""
    text = _short(row.label, characters)
    if text_direction(text) == "rtl":
        anchor = "start" if edge == "right" else "end"
        template = '<text x="{}" y="{}" direction="rtl" text-anchor="{}" class="chart-label">{}</text>'
    else:
        anchor = "end" if edge == "right" else "start"
        template = '<text x="{}" y="{}" text-anchor="{}" class="chart-label">{}</text>'
    return format_html(template, x, y, anchor, text)


def _bar(x, y, length, height, count_x, count_y, count_anchor, count):
    return format_html(
        '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar"/>'
        '<text x="{}" y="{}" text-anchor="{}" class="chart-count">{}</text>',
        x,
        y,
        length,
        height,
        count_x,
        count_y,
        count_anchor,
        count,
    )


def _wide(rows, top, rtl):
    """Labels beside the bars."""
    for index, row in enumerate(rows):
        y = TOP + index * ROW
        length = round(BAR_AREA * row.count / top)
        if rtl:
            yield _label(WIDTH - 8, y + 17, row, LABEL_CHARACTERS, "right")
            bar_x = WIDTH - LABEL_WIDTH - length
            count_x, count_anchor = bar_x - 6, "end"
        else:
            yield _label(LABEL_WIDTH - 8, y + 17, row, LABEL_CHARACTERS, "right")
            bar_x, count_x, count_anchor = LABEL_WIDTH, LABEL_WIDTH + length + 6, "start"
        yield _bar(bar_x, y + 4, length, ROW - 8, count_x, y + 17, count_anchor, row.count)


def _narrow(rows, top, rtl):
    """Each label above its bar, across the whole width."""
    for index, row in enumerate(rows):
        y = TOP + index * NARROW_ROW
        length = round(NARROW_BAR_AREA * row.count / top)
        if rtl:
            yield _label(NARROW_WIDTH, y + 13, row, NARROW_LABEL_CHARACTERS, "right")
            bar_x = NARROW_WIDTH - length
            count_x, count_anchor = bar_x - 6, "end"
        else:
            yield _label(0, y + 13, row, NARROW_LABEL_CHARACTERS, "left")
            bar_x, count_x, count_anchor = 0, length + 6, "start"
        yield _bar(bar_x, y + 19, length, 14, count_x, y + 31, count_anchor, row.count)


def _svg(name, layout, title, width, height, pieces):
    ids = f"chart-{name}" if layout == "wide" else f"chart-{name}-{layout}"
    return format_html(
        '<svg class="chart chart-{}" viewBox="0 0 {} {}" width="100%" role="img" aria-labelledby="{}-title '
        '{}-desc" direction="ltr" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        layout,
        width,
        height,
        ids,
        ids,
        ids,
        title,
        ids,
        _("Bar chart; the table that follows gives the same numbers."),
        mark_safe("".join(pieces)),  # noqa: S308 - every piece was built with format_html
    )


def draw(name, title, rows, rtl=False) -> str:
    """An accessible horizontal bar chart, drawn twice: labels beside the bars for wide screens, labels
    above them for phones (the stylesheet shows one of the two). Labels sit on the reading side, bars grow
    away from them."""
    top = max((row.count for row in rows), default=0) or 1
    lines = max(len(rows), 1)
    return mark_safe(  # noqa: S308 - both drawings were built with format_html
        _svg(name, "wide", title, WIDTH, TOP * 2 + ROW * lines, _wide(rows, top, rtl))
        + _svg(name, "narrow", title, NARROW_WIDTH, TOP * 2 + NARROW_ROW * lines, _narrow(rows, top, rtl))
    )

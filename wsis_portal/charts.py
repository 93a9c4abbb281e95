"""Horizontal bar charts drawn on the server as SVG, mirrored for right-to-left pages. A chart never
stands alone: the page shows its numbers in a table beside it (``Chart.rows``)."""

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

WIDTH, LABEL_WIDTH, BAR_AREA, ROW, TOP = 640, 250, 320, 26, 8
LABEL_CHARACTERS = 34


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


def _short(label):
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def draw(name, title, rows, rtl=False) -> str:
    """An accessible horizontal bar chart; labels sit on the reading side, bars grow away from them."""
    height = TOP * 2 + ROW * max(len(rows), 1)
    top = max((row.count for row in rows), default=0) or 1
    bars = []
    for index, row in enumerate(rows):
        y = TOP + index * ROW
        length = round(BAR_AREA * row.count / top)
        if rtl:
            label_x, label_anchor = WIDTH - 8, "end"
            bar_x, count_x, count_anchor = (
                WIDTH - LABEL_WIDTH - length,
                WIDTH - LABEL_WIDTH - length - 6,
                "end",
            )
        else:
            label_x, label_anchor = LABEL_WIDTH - 8, "end"
            bar_x, count_x, count_anchor = LABEL_WIDTH, LABEL_WIDTH + length + 6, "start"
        bars.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="{}" class="chart-label">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar"/>'
                '<text x="{}" y="{}" text-anchor="{}" class="chart-count">{}</text>',
                label_x,
                y + 17,
                label_anchor,
                _short(row.label),
                bar_x,
                y + 4,
                length,
                ROW - 8,
                count_x,
                y + 17,
                count_anchor,
                row.count,
            )
        )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="100%" role="img" aria-labelledby="chart-{}-title '
        'chart-{}-desc" direction="ltr" xmlns="http://www.w3.org/2000/svg">'
        '<title id="chart-{}-title">{}</title><desc id="chart-{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        name,
        name,
        name,
        title,
        name,
        _("Bar chart; the table that follows gives the same numbers."),
        mark_safe("".join(bars)),  # noqa: S308 - every piece was built with format_html
    )

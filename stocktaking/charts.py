"""The stocktaking statistics: one bar chart (``wsis_portal.charts``) per facet of the published entries."""

from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _

from wsis_portal.charts import Chart, Row, draw

from . import reference

DIMENSIONS = ("action_line", "region", "year", "stakeholder_type")
TITLES = {
    "action_line": _("Entries by action line"),
    "region": _("Entries by region"),
    "year": _("Entries by year of publication"),
    "stakeholder_type": _("Entries by stakeholder type"),
}


def _rows(name, counts):
    if name == "year":
        return [Row(str(year), str(year), counts[year]) for year in sorted(counts)]
    if name == "stakeholder_type":
        return [Row(str(c.label), str(c.label), counts.get(c.pk, 0)) for c in reference.stakeholder_types()]
    choices = reference.action_lines() if name == "action_line" else reference.regions()
    return [Row(c.value if name == "action_line" else c.label, c.label, counts.get(c.pk, 0)) for c in choices]


def for_counts(counts) -> list:
    """One chart per dimension of ``counts`` (facet name → {value: count}), in the reader's direction."""
    rtl = get_language_bidi()
    charts = []
    for name in DIMENSIONS:
        if name not in counts:
            continue
        rows = _rows(name, counts[name])
        title = str(TITLES[name])
        charts.append(Chart(name, title, rows, draw(name, title, rows, rtl)))
    return charts

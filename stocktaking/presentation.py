"""What the search page shows of facets and results, in the reader's language."""

from dataclasses import dataclass

from wsis_portal.stakeholders.countries import collation_key

from . import reference
from .models import Entry
from .search import SearchParams

COUNTRIES_SHOWN_FIRST = 15


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetView:
    name: str
    label: str
    options: list
    more: list

    @property
    def selected(self):
        return [option for option in self.options + self.more if option.selected]


def facet_options(facet, params: SearchParams, counts: dict) -> FacetView:
    """The values of ``facet`` worth showing: those with entries, and those chosen, with their counts."""
    chosen = set(params.selected.get(facet.name, ()))
    if facet.choices:
        pairs = [(choice.pk, choice.value, choice.label) for choice in facet.choices()]
    elif facet.name == "country":
        pairs = sorted(
            ((code, code, reference.country_label(code)) for code in set(counts) | chosen),
            key=lambda pair: (-counts.get(pair[0], 0), collation_key(pair[2])),
        )
    elif facet.name == "kind":
        pairs = [(value, value, label) for value, label in Entry.Kind.choices]
    else:  # year, newest first
        pairs = [(year, str(year), str(year)) for year in sorted(set(counts) | chosen, reverse=True)]
    options = [
        Option(value, str(label), counts.get(key, 0), key in chosen)
        for key, value, label in pairs
        if counts.get(key, 0) or key in chosen
    ]
    if facet.name == "country" and len(options) > COUNTRIES_SHOWN_FIRST:
        first, rest = options[:COUNTRIES_SHOWN_FIRST], options[COUNTRIES_SHOWN_FIRST:]
        return FacetView(facet.name, str(facet.label), first, rest)
    return FacetView(facet.name, str(facet.label), options, [])


@dataclass
class ResultRow:
    entry: Entry
    action_lines: list
    countries: list


def result_rows(entries):
    """Each entry with the codes of its action lines (main first) and the names of its countries."""
    lines = reference.by_pk(reference.action_lines())
    rows = []
    for entry in entries:
        links = sorted(
            entry.action_line_links.all(), key=lambda link: (not link.is_main, link.action_line_id)
        )
        rows.append(
            ResultRow(
                entry,
                [lines[link.action_line_id].value for link in links if link.action_line_id in lines],
                [reference.country_label(link.country.code) for link in entry.country_links.all()],
            )
        )
    return rows

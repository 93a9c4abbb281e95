"""What the search page shows of facets and results, in the reader's language."""

import pytest
from django.utils import translation

from stocktaking.presentation import facet_options, result_rows
from stocktaking.search import FACETS_BY_NAME, SearchParams
from tests.stocktaking.factories import PublishedEntryFactory

pytestmark = pytest.mark.django_db


def options(view):
    return [(option.value, option.label, option.count, option.selected) for option in view.options]


def test_values_without_entries_are_left_out_unless_chosen():
    params = SearchParams(selected={"kind": ("event",)})
    view = facet_options(FACETS_BY_NAME["kind"], params, {"project": 2})
    assert options(view) == [
        ("project", "Project", 2, False),
        ("event", "Event", 0, True),
    ]
    assert [option.value for option in view.selected] == ["event"]


def test_reference_values_are_labelled_in_the_readers_language():
    line = next(choice for choice in FACETS_BY_NAME["action_line"].choices() if choice.value == "C4")
    with translation.override("ar"):
        view = facet_options(FACETS_BY_NAME["action_line"], SearchParams(), {line.pk: 3})
    assert options(view) == [("C4", "C4 بناء القدرات", 3, False)]


def test_countries_come_most_used_first_then_by_name():
    view = facet_options(FACETS_BY_NAME["country"], SearchParams(), {"SN": 1, "KE": 4, "EG": 1})
    assert options(view) == [
        ("KE", "Kenya", 4, False),
        ("EG", "Egypt", 1, False),
        ("SN", "Senegal", 1, False),
    ]


def test_countries_are_named_in_arabic_on_arabic_pages():
    with translation.override("ar"):
        view = facet_options(FACETS_BY_NAME["country"], SearchParams(), {"KE": 1})
    assert options(view) == [("KE", "كينيا", 1, False)]


def test_many_countries_show_fifteen_and_keep_the_rest_behind_more():
    codes = ["AR", "BR", "CA", "DE", "EG", "FR", "GH", "IN", "JO", "KE", "MA", "NG", "PE", "SN", "TN", "UY"]
    counts = {code: 100 - index for index, code in enumerate(codes)}
    view = facet_options(FACETS_BY_NAME["country"], SearchParams(selected={"country": ("UY",)}), counts)
    assert [option.value for option in view.options] == codes[:15]
    assert [(option.value, option.selected) for option in view.more] == [("UY", True)]
    assert [option.value for option in view.selected] == ["UY"]


def test_years_come_newest_first():
    view = facet_options(FACETS_BY_NAME["year"], SearchParams(), {2024: 1, 2026: 2, 2025: 3})
    assert [option.value for option in view.options] == ["2026", "2025", "2024"]


def test_result_row_lists_the_main_action_line_first_and_the_country_names(db):
    entry = PublishedEntryFactory(action_lines=["C7.4", "C2", "C5"], countries=["KE", "EG"])
    entry = type(entry).objects.prefetch_related("action_line_links", "country_links").get(pk=entry.pk)
    (row,) = result_rows([entry])
    assert (row.entry, row.action_lines, sorted(row.countries)) == (
        entry,
        ["C7.4", "C2", "C5"],
        ["Egypt", "Kenya"],
    )

"""The statistics page: one accessible SVG bar chart per dimension, its numbers in a table, mirrored in
Arabic; published entries only, filtered like the search."""

import re

import pytest

from stocktaking import charts

pytestmark = pytest.mark.django_db


def chart(response, name):
    return next(chart for chart in response.context["charts"] if chart.name == name)


def rows(response, name):
    return {row.full_label: row.count for row in chart(response, name).rows}


def test_statistics_count_published_entries_by_dimension(client, published):
    response = client.get("/en/stocktaking/statistics/")
    assert response.status_code == 200
    assert [c.name for c in response.context["charts"]] == [
        "action_line",
        "region",
        "year",
        "stakeholder_type",
    ]
    assert rows(response, "region") == {
        "Africa": 2,
        "Americas": 0,
        "Arab States": 1,
        "Asia and the Pacific": 0,
        "Commonwealth of Independent States": 0,
        "Europe": 0,
    }
    assert rows(response, "year") == {"2024": 1, "2025": 1, "2026": 1}
    assert rows(response, "stakeholder_type") == {
        "Government": 0,
        "Private sector": 0,
        "Civil society": 2,
        "Academia / technical community": 1,
        "International organization": 0,
    }
    assert chart(response, "action_line").total == 5


def test_statistics_leave_out_unpublished_entries(client, published, unpublished):
    response = client.get("/en/stocktaking/statistics/")
    assert response.context["count"] == 3
    assert rows(response, "year") == {"2024": 1, "2025": 1, "2026": 1}
    assert rows(response, "stakeholder_type")["Government"] == 0
    assert rows(response, "region")["Europe"] == 0


def test_statistics_follow_the_filters_including_their_own_dimension(client, published):
    response = client.get("/en/stocktaking/statistics/?region=africa&q=rural")
    assert response.context["count"] == 2
    assert rows(response, "region")["Arab States"] == 0
    assert rows(response, "region")["Africa"] == 2
    assert response.context["query_string"] == "q=rural&region=africa"


def test_each_chart_is_an_image_with_a_title_and_its_numbers_in_a_table(client, published):
    html = client.get("/en/stocktaking/statistics/").content.decode()
    assert (
        '<svg class="chart chart-wide" viewBox="0 0 640 172" width="100%" role="img" '
        'aria-labelledby="chart-region-title chart-region-desc"'
    ) in html
    assert (
        '<svg class="chart chart-narrow" viewBox="0 0 300 256" width="100%" role="img" '
        'aria-labelledby="chart-region-narrow-title chart-region-narrow-desc"'
    ) in html
    assert '<title id="chart-region-title">Entries by region</title>' in html
    assert '<th scope="row" dir="auto">Africa</th><td><bdi>2</bdi></td>' in html
    assert html.count('role="img"') == 8  # each chart drawn for wide screens and for phones


def test_bars_grow_from_the_labels_towards_the_end_of_the_line(client, published):
    svg = chart(client.get("/en/stocktaking/statistics/"), "region").svg
    assert (
        '<text x="242" y="25" text-anchor="end" class="chart-label">Africa</text>'
        '<rect x="250" y="12" width="320" height="18" class="chart-bar"/>'
        '<text x="576" y="25" text-anchor="start" class="chart-count">2</text>'
    ) in svg


def test_arabic_page_is_right_to_left_with_mirrored_charts(client, published):
    response = client.get("/ar/stocktaking/statistics/")
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    svg = chart(response, "region").svg
    assert (
        '<text x="632" y="25" direction="rtl" text-anchor="start" class="chart-label">أفريقيا</text>'
        '<rect x="70" y="12" width="320" height="18" class="chart-bar"/>'
        '<text x="64" y="25" text-anchor="end" class="chart-count">2</text>'
    ) in svg
    assert (
        '<text x="300" y="21" direction="rtl" text-anchor="start" class="chart-label">أفريقيا</text>'
        '<rect x="40" y="27" width="260" height="14" class="chart-bar"/>'
        '<text x="34" y="39" text-anchor="end" class="chart-count">2</text>'
    ) in svg
    assert '<th scope="row" dir="auto">أفريقيا</th><td><bdi>2</bdi></td>' in html


def test_half_the_largest_count_draws_half_the_bar():
    rows = [charts.Row("A", "A", 4), charts.Row("B", "B", 2), charts.Row("C", "C", 0)]
    svg = charts.draw("x", "X", rows)
    assert [int(width) for width in re.findall(r'width="(\d+)" height', svg)] == [320, 160, 0, 260, 130, 0]


def test_long_label_is_shortened_in_the_chart_but_whole_in_the_table():
    label = "Commonwealth of Independent States and more words"
    svg = charts.draw("x", "X", [charts.Row(label, label, 1)])
    assert ">Commonwealth of Independent State…</text>" in svg
    # the phone drawing gives each label a line of its own, and so room for more of it
    assert ">Commonwealth of Independent States and mo…</text>" in svg


@pytest.mark.parametrize(
    ("label", "attributes"),
    [
        (
            "بناء الثقة والأمن في استعمال تكنولوجيا المعلومات والاتصالات",
            'direction="rtl" text-anchor="start"',
        ),
        ("Commonwealth of Independent States and more words", 'text-anchor="end"'),
    ],
)
def test_a_cut_label_runs_in_its_own_direction_so_that_its_ellipsis_ends_it(label, attributes):
    svg = charts.draw("x", "X", [charts.Row(label, label, 1)], rtl=True)
    assert f'<text x="632" y="25" {attributes} class="chart-label">{label[:33]}…</text>' in svg


def test_labels_are_escaped():
    svg = charts.draw("x", "<b>", [charts.Row("<script>", "<script>", 1)])
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_empty_chart_still_has_room_for_its_title():
    assert 'viewBox="0 0 640 42"' in charts.draw("x", "X", [])


def test_statistics_apply_every_filter_to_every_chart(client, published, unpublished):
    response = client.get("/en/stocktaking/statistics/?region=africa&sdg=9")
    assert response.context["count"] == 1
    assert rows(response, "region")["Africa"] == 1
    assert rows(response, "year") == {"2024": 1}
    assert rows(response, "stakeholder_type")["Civil society"] == 1

"""The synthesis of a consultation: its submitted and accepted contributions counted by theme, action line,
stakeholder type and region in the database, drawn as charts with their tables, each row listing the
contributions it counts; exported as CSV; the same number of queries whatever the number of
contributions."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission

from consultations import services, synthesis
from tests.consultations.factories import (
    OPEN,
    ConsultationFactory,
    ContributionFactory,
    submitted,
)
from tests.factories import EditionFactory, OrganisationFactory, SecretariatFactory, UserFactory
from wsis_portal.stakeholders.models import Region

pytestmark = pytest.mark.django_db

PAGE = "/en/admin/consultations/contribution/synthesis/"
CHANGELIST = "/en/admin/consultations/contribution/"


@pytest.fixture(autouse=True)
def before_the_deadline(time_machine):
    time_machine.move_to(OPEN, tick=False)


@pytest.fixture
def clerk(client):
    clerk = SecretariatFactory()
    client.force_login(clerk)
    return clerk


def contribution(title, stakeholder_type, region, topics, action_lines, **extra):
    organisation = OrganisationFactory(stakeholder_type=stakeholder_type or "civil_society")
    return ContributionFactory(
        title=title,
        organisation=organisation,
        stakeholder_type=stakeholder_type,
        region=Region.objects.get(code=region) if region else None,
        topics=topics,
        action_lines=action_lines,
        **extra,
    )


@pytest.fixture
def consultation(db):
    return ConsultationFactory()


@pytest.fixture
def counted(consultation):
    """Four contributions the synthesis counts (three submitted, one accepted), and one of each kind it
    must leave out, tagged so that they would show if they were counted."""
    clerk = SecretariatFactory()
    items = {
        "networks": submitted(
            contribution("Networks", "civil_society", "africa", ["digital-inclusion", "ai"], ["C2", "C3"])
        ),
        "content": submitted(contribution("Content", "government", "arab-states", ["ai"], ["C3"])),
        "schools": submitted(contribution("Schools", "civil_society", "africa", ["gender"], ["C7.3"])),
        "unsaid": submitted(contribution("Unsaid", "", None, ["youth"], ["C1"])),
    }
    services.accept(items["content"], clerk)
    left_out = dict(
        stakeholder_type="private_sector", region="europe", topics=["ai", "trust"], action_lines=["C3", "C5"]
    )
    contribution("Draft", **left_out)
    services.return_for_changes(submitted(contribution("Returned", **left_out)), clerk, "Add sources.")
    services.decline(submitted(contribution("Declined", **left_out)), clerk, "Off topic.")
    submitted(
        contribution(
            "Other year",
            consultation=ConsultationFactory(edition=EditionFactory(year=2025)),
            **left_out,
        )
    )
    return items


def nonzero(groups):
    return [(group.key, group.count) for group in groups if group.count]


def dimension(consultation, name):
    return synthesis.of(consultation).dimensions[name]


def test_contributions_are_counted_by_theme(consultation, counted):
    groups = dimension(consultation, "topic")
    assert [group.key for group in groups][:3] == ["digital-inclusion", "ai", "trust"]
    assert len(groups) == 11
    assert nonzero(groups) == [("digital-inclusion", 1), ("ai", 2), ("gender", 1), ("youth", 1)]


def test_contributions_are_counted_by_action_line(consultation, counted):
    groups = dimension(consultation, "action_line")
    assert len(groups) == 19
    assert groups[2].label == "C3 Access to information and knowledge"
    assert nonzero(groups) == [("C1", 1), ("C2", 1), ("C3", 2), ("C7.3", 1)]


def test_contributions_are_counted_by_stakeholder_type_with_those_that_state_none(consultation, counted):
    assert [
        (group.key, group.label, group.count) for group in dimension(consultation, "stakeholder_type")
    ] == [
        ("government", "Government", 1),
        ("private_sector", "Private sector", 0),
        ("civil_society", "Civil society", 2),
        ("academia", "Academia / technical community", 0),
        ("international_organization", "International organization", 0),
        ("none", "Not stated", 1),
    ]


def test_contributions_are_counted_by_region_with_those_from_none(consultation, counted):
    assert [(group.key, group.count) for group in dimension(consultation, "region")] == [
        ("africa", 2),
        ("americas", 0),
        ("arab-states", 1),
        ("asia-pacific", 0),
        ("cis", 0),
        ("europe", 0),
        ("none", 1),
    ]


def test_groups_of_nothing_stated_appear_only_when_there_are_such_contributions(consultation):
    submitted(contribution("Networks", "academia", "cis", ["ai"], ["C3"]))
    assert [group.key for group in dimension(consultation, "stakeholder_type")][
        -1
    ] == "international_organization"
    assert [group.key for group in dimension(consultation, "region")][-1] == "europe"


def test_counted_contributions_by_state(consultation, counted):
    result = synthesis.of(consultation)
    assert (result.states, result.total) == ({"submitted": 3, "accepted": 1}, 4)


# The page


def test_page_draws_a_chart_and_a_table_for_each_dimension(client, clerk, counted):
    response = client.get(PAGE)
    assert response.status_code == 200
    assert [(chart.name, chart.title, chart.total) for chart in response.context["charts"]] == [
        ("topic", "Contributions by theme", 5),
        ("action_line", "Contributions by action line", 5),
        ("stakeholder_type", "Contributions by stakeholder type", 4),
        ("region", "Contributions by region", 4),
    ]
    html = response.content.decode()
    assert html.count('<svg class="chart chart-wide"') == 4
    assert html.count('<svg class="chart chart-narrow"') == 4
    assert (
        '<tr><th scope="row"><a href="/en/admin/consultations/contribution/?edition=2026&amp;state=counted'
        '&amp;action_line=C3">C3 Access to information and knowledge</a></th>'
        '<td class="count"><bdi>2</bdi></td></tr>'
    ) in html
    assert "4 contributions are counted" in html
    assert "accepted: <bdi>1</bdi>, awaiting review: <bdi>3</bdi>" in html
    assert "Drafts, contributions returned for changes (until they are sent again) and declined" in html


@pytest.mark.parametrize(
    ("name", "key", "expected"),
    [
        ("topic", "ai", ["Content", "Networks"]),
        ("action_line", "C3", ["Content", "Networks"]),
        ("stakeholder_type", "civil_society", ["Networks", "Schools"]),
        ("stakeholder_type", "none", ["Unsaid"]),
        ("region", "africa", ["Networks", "Schools"]),
        ("region", "none", ["Unsaid"]),
    ],
)
def test_each_row_lists_the_contributions_it_counts(client, clerk, counted, name, key, expected):
    chart = next(chart for chart in client.get(PAGE).context["charts"] if chart.name == name)
    row = next(row for row in chart.rows if row.url.endswith(f"&{name}={key}"))
    listed = client.get(row.url).context["cl"].result_list
    assert sorted(item.title for item in listed) == expected
    assert len(expected) == row.count


@pytest.mark.parametrize("count", [1, 3])
def test_page_query_count_does_not_grow_with_the_contributions(
    client, clerk, consultation, django_assert_num_queries, count
):
    for index in range(count):
        submitted(contribution(f"Item {index}", "academia", "cis", ["ai", "gender"], ["C3", "C4"]))
    client.get(PAGE)
    # session, user, own and groups' permissions, the consultations, then the origins (state, stakeholder
    # type, region) in one GROUP BY, topics and action lines (counts and names), the regions' names
    with django_assert_num_queries(11):
        response = client.get(PAGE)
    assert response.context["total"] == count


def test_page_shows_the_current_editions_consultation_and_offers_the_others(client, clerk, counted):
    response = client.get(PAGE)
    assert response.context["consultation"].edition.year == 2026
    html = response.content.decode()
    assert '<option value="2026" selected>WSIS Forum 2026</option>' in html
    assert '<option value="2025">WSIS Forum 2025</option>' in html


def test_another_edition_can_be_chosen(client, clerk, counted):
    response = client.get(PAGE, {"edition": 2025})
    assert response.context["consultation"].edition.year == 2025
    assert (response.context["submitted"], response.context["accepted"]) == (1, 0)
    region = next(chart for chart in response.context["charts"] if chart.name == "region")
    assert [(row.full_label, row.count) for row in region.rows if row.count] == [("Europe", 1)]


def test_an_edition_without_consultation_is_not_found(client, clerk, counted):
    assert client.get(PAGE, {"edition": 1999}).status_code == 404


def test_page_says_when_there_is_no_consultation_yet(client, clerk):
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "There is no open consultation yet" in response.content.decode()


def test_arabic_page_is_right_to_left_with_mirrored_charts(client, clerk, counted):
    response = client.get(PAGE.replace("/en/", "/ar/"))
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    region = next(chart for chart in response.context["charts"] if chart.name == "region")
    assert (
        '<text x="632" y="25" direction="rtl" text-anchor="start" class="chart-label">أفريقيا</text>'
        '<rect x="70" y="12" width="320" height="18" class="chart-bar"/>'
        '<text x="64" y="25" text-anchor="end" class="chart-count">2</text>'
    ) in region.svg
    assert (
        '<a href="/ar/admin/consultations/contribution/?edition=2026&amp;state=counted&amp;topic=ai">'
        "الذكاء الاصطناعي من أجل التنمية المستدامة</a>"
    ) in html


def test_contribution_list_and_consultation_list_link_the_synthesis(client, clerk, consultation):
    assert f'href="{PAGE}"' in client.get(CHANGELIST).content.decode()
    html = client.get("/en/admin/consultations/consultation/").content.decode()
    assert f'<a href="{PAGE}?edition=2026">Synthesis of contributions</a>' in html


# Exports


def read_csv(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_counts_are_exported_as_csv(client, clerk, counted):
    response = client.get(f"{PAGE}counts.csv", {"edition": 2026})
    assert response["Content-Disposition"] == 'attachment; filename="wsis-ocp-2026-synthesis.csv"'
    rows = read_csv(response)
    assert rows[0] == ["dimension", "code", "label", "contributions"]
    assert len(rows) == 1 + 11 + 19 + 6 + 7
    assert ["topic", "ai", "Artificial intelligence for sustainable development", "2"] in rows
    assert ["action_line", "C7.3", "C7.3 E-learning", "1"] in rows
    assert ["stakeholder_type", "none", "Not stated", "1"] in rows
    assert rows[-1] == ["region", "none", "No region", "1"]


def test_counted_contributions_are_exported_with_their_themes_and_action_lines(client, clerk, counted):
    response = client.get(f"{PAGE}contributions.csv")
    assert response["Content-Disposition"] == 'attachment; filename="wsis-ocp-2026-contributions-counted.csv"'
    rows = read_csv(response)
    header = rows[0]
    columns = [header.index(name) for name in ("title", "state", "topics", "action_lines")]
    found = sorted(tuple(row[column] for column in columns) for row in rows[1:])
    assert found == [
        ("Content", "accepted", "ai", "C3"),
        ("Networks", "submitted", "digital-inclusion;ai", "C2;C3"),
        ("Schools", "submitted", "gender", "C7.3"),
        ("Unsaid", "submitted", "youth", "C1"),
    ]


def test_unknown_export_is_not_found(client, clerk, counted):
    assert client.get(f"{PAGE}everything.csv").status_code == 404


# Who may see it


def test_staff_without_view_permission_on_contributions_is_refused(client, counted):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(
        Permission.objects.get(codename="view_session", content_type__app_label="forum_events")
    )
    client.force_login(staff)
    assert client.get(PAGE).status_code == 403
    assert client.get(f"{PAGE}counts.csv").status_code == 403


def test_stakeholder_is_sent_to_sign_in(client, counted):
    client.force_login(counted["networks"].owner)
    assert client.get(PAGE).status_code == 302

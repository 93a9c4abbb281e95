"""The public search: text and facets (OR within a facet, AND across), counts beside values, pagination,
order, shareable URLs; bad parameters are ignored; only published entries ever show."""

import pytest
from django.core.files.base import ContentFile

from stocktaking import reference, search
from stocktaking.search import SearchParams
from tests.factories import SecretariatFactory
from tests.stocktaking.factories import PublishedEntryFactory, SubmittedEntryFactory

pytestmark = pytest.mark.django_db


def get(client, query=""):
    response = client.get(f"/en/stocktaking/?{query}")
    assert response.status_code == 200
    return response


def titles(response):
    return [row.entry.title for row in response.context["results"]]


def counts(response, name):
    view = next(facet for facet in response.context["facets"] if facet.name == name)
    return {option.value: option.count for option in view.options + view.more}


def selected(response, name):
    view = next(facet for facet in response.context["facets"] if facet.name == name)
    return [option.value for option in view.selected]


def test_without_parameters_every_published_entry_shows_newest_first(client, published):
    response = get(client)
    assert response.context["count"] == 3
    assert titles(response) == [
        "E-health records for rural clinics",
        "Digital library on wheels",
        "Community networks for rural broadband",
    ]


def test_text_search_finds_title_and_body(client, published):
    assert titles(get(client, "q=broadband")) == [
        "Community networks for rural broadband",
        "Digital library on wheels",
    ]


def test_text_search_requires_every_word(client, published):
    assert titles(get(client, "q=rural+clinics")) == ["E-health records for rural clinics"]


@pytest.mark.parametrize("q", ["ehealth", "e-health", "E‑Health"])
def test_text_search_finds_a_hyphenated_title_by_its_joined_or_hyphenated_spelling(client, published, q):
    assert titles(get(client, f"q={q}&kind=project")) == ["E-health records for rural clinics"]


@pytest.mark.parametrize("q", ["مکتبة رقمیة", "مکتبہ", "رقمیۃ"])
def test_text_search_finds_arabic_typed_with_persian_or_urdu_letters(client, q):
    PublishedEntryFactory(title="مكتبة رقمية للقرى", description="حافلات مجهزة بالحواسيب.", kind="project")
    PublishedEntryFactory(title="شبكات مجتمعية", description="القرى تدير شبكاتها.", kind="project")
    response = client.get("/ar/stocktaking/", {"q": q, "kind": "project"})
    assert titles(response) == ["مكتبة رقمية للقرى"]
    assert response.context["count"] == 1


def test_values_of_one_facet_are_alternatives(client, published):
    assert titles(get(client, "action_line=C2&action_line=C3")) == [
        "Digital library on wheels",
        "Community networks for rural broadband",
    ]


def test_facets_all_apply_together(client, published):
    assert titles(get(client, "country=KE&sdg=3")) == ["E-health records for rural clinics"]
    assert titles(get(client, "action_line=C2&country=EG")) == []


def test_text_and_facets_apply_together(client, published):
    assert titles(get(client, "q=rural&kind=project")) == ["E-health records for rural clinics"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=arab-states", ["Digital library on wheels"]),
        ("stakeholder_type=academia", ["Digital library on wheels"]),
        ("year=2024", ["Community networks for rural broadband"]),
        ("kind=initiative", ["Community networks for rural broadband"]),
        ("sdg=4&sdg=9", ["Digital library on wheels", "Community networks for rural broadband"]),
        ("country=sn", ["Community networks for rural broadband"]),
    ],
)
def test_each_facet_filters(client, published, query, expected):
    assert titles(get(client, query)) == expected


def test_counts_stand_beside_the_values(client, published):
    response = get(client)
    assert counts(response, "country") == {"KE": 2, "SN": 1, "EG": 1}
    assert counts(response, "region") == {"africa": 2, "arab-states": 1}
    assert counts(response, "kind") == {"project": 2, "initiative": 1}
    assert counts(response, "year") == {"2026": 1, "2025": 1, "2024": 1}
    assert counts(response, "stakeholder_type") == {"civil_society": 2, "academia": 1}
    assert counts(response, "sdg") == {"3": 1, "4": 1, "5": 1, "9": 1}


def test_count_of_a_facet_value_is_shown_on_the_page(client, published):
    html = get(client).content.decode()
    assert (
        'name="country" value="KE"> <span dir="auto">Kenya</span> <span class="count">(<bdi>2</bdi>)' in html
    )


def test_counts_of_a_facet_leave_out_its_own_choice(client, published):
    response = get(client, "action_line=C2")
    assert counts(response, "action_line") == {"C2": 1, "C6": 1, "C3": 1, "C4": 1, "C7.4": 1}
    assert counts(response, "country") == {"KE": 1, "SN": 1}
    assert selected(response, "action_line") == ["C2"]


def test_counts_with_two_facets_chosen_apply_the_other_one_each(client, published, unpublished):
    response = get(client, "country=KE&sdg=9")
    assert titles(response) == ["Community networks for rural broadband"]
    assert counts(response, "country") == {"KE": 1, "SN": 1}
    assert counts(response, "sdg") == {"9": 1, "3": 1}
    assert counts(response, "action_line") == {"C2": 1, "C6": 1}
    assert counts(response, "year") == {"2024": 1}


def test_counts_with_two_values_of_a_facet_and_text(client, published, unpublished):
    response = get(client, "q=rural&kind=project&kind=initiative&stakeholder_type=civil_society")
    assert response.context["count"] == 2
    assert counts(response, "kind") == {"project": 1, "initiative": 1}
    assert counts(response, "stakeholder_type") == {"civil_society": 2}
    assert counts(response, "region") == {"africa": 2}


def test_counts_with_text_and_three_facets_leave_out_each_facets_own_choice(client, published, unpublished):
    response = get(client, "q=rural&country=KE&kind=project&stakeholder_type=civil_society")
    assert (response.context["count"], titles(response)) == (1, ["E-health records for rural clinics"])
    assert counts(response, "country") == {"KE": 1}
    assert counts(response, "kind") == {"initiative": 1, "project": 1}
    assert counts(response, "stakeholder_type") == {"civil_society": 1}
    assert counts(response, "action_line") == {"C7.4": 1}
    assert counts(response, "sdg") == {"3": 1}
    assert counts(response, "year") == {"2026": 1}


def test_chosen_value_without_entries_stays_shown(client, published):
    response = get(client, "country=FR")
    assert response.context["count"] == 0
    assert counts(response, "country") == {"KE": 2, "SN": 1, "EG": 1, "FR": 0}
    assert selected(response, "country") == ["FR"]


def test_text_query_narrows_the_counts(client, published):
    assert counts(get(client, "q=rural"), "country") == {"KE": 2, "SN": 1}


def test_order_by_relevance_puts_title_matches_first(client, published):
    # The library entry is the newer one, but holds the word only in its description.
    assert titles(get(client, "q=broadband")) == [
        "Community networks for rural broadband",
        "Digital library on wheels",
    ]


def test_order_by_date_puts_the_newest_first(client, published):
    assert titles(get(client, "q=broadband&sort=date")) == [
        "Digital library on wheels",
        "Community networks for rural broadband",
    ]


def test_search_is_a_shareable_url(client, published):
    response = get(client, "sort=date&q=rural&country=KE&action_line=C7.4&action_line=C2")
    assert response.context["query_string"] == "q=rural&action_line=C2&action_line=C7.4&country=KE&sort=date"
    assert response.context["relevance_order"] == "q=rural&action_line=C2&action_line=C7.4&country=KE"
    html = response.content.decode()
    assert 'href="/en/stocktaking/export.csv?q=rural&amp;action_line=C2&amp;action_line=C7.4' in html
    assert titles(get(client, response.context["query_string"])) == titles(response)


@pytest.fixture
def many(db):
    return PublishedEntryFactory.create_batch(search.PAGE_SIZE + 1, title="Broadband entry")


def test_results_are_cut_into_pages(client, many):
    first, second = get(client, "q=broadband"), get(client, "q=broadband&page=2")
    assert (len(first.context["results"]), len(second.context["results"])) == (20, 1)
    assert (first.context["pages"], first.context["next_page"], second.context["previous_page"]) == (
        2,
        "q=broadband&page=2",
        "q=broadband",
    )
    assert second.context["next_page"] is None
    shown = {row.entry.pk for row in first.context["results"] + second.context["results"]}
    assert shown == {entry.pk for entry in many}


def test_page_after_the_last_is_not_found(client, many):
    assert client.get("/en/stocktaking/?page=3").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=0",
        "page=-2",
        "page=99999999999",
        "sort=random",
        "year=abc",
        "year=1800",
        "sdg=99",
        "sdg=x",
        "country=XX",
        "country=",
        "region=atlantis",
        "action_line=C99",
        "kind=poem",
        "stakeholder_type=pirates",
        "gdc=0",
        "q=" + "%00",
        "unknown=1",
    ],
)
def test_bad_parameter_is_ignored(client, published, query):
    response = get(client, query)
    assert response.context["count"] == 3
    assert response.context["params"].page == 1


@pytest.mark.parametrize("query", ["page=%C2%B2", "year=%C2%B2%C2%B2%C2%B2%C2%B2"])
def test_superscript_digit_is_ignored_too(client, published, query):
    assert client.get(f"/en/stocktaking/?{query}").status_code == 200


def test_long_query_is_cut_to_its_first_200_characters(client, published):
    params = get(client, "q=" + "a" * 500).context["params"]
    assert params.q == "a" * 200


def test_unpublished_entries_never_show_in_results_or_counts(client, published, unpublished):
    response = get(client, "q=broadband")
    assert titles(response) == ["Community networks for rural broadband", "Digital library on wheels"]
    everything = get(client)
    assert everything.context["count"] == 3
    assert counts(everything, "country") == {"KE": 2, "SN": 1, "EG": 1}
    assert counts(everything, "stakeholder_type") == {"civil_society": 2, "academia": 1}
    assert counts(everything, "year") == {"2026": 1, "2025": 1, "2024": 1}
    assert counts(everything, "region") == {"africa": 2, "arab-states": 1}
    assert "Hidden" not in everything.content.decode()
    assert titles(get(client, "q=hidden")) == []
    assert get(client, "stakeholder_type=government").context["count"] == 0


def test_unpublished_entry_page_is_not_found(client, unpublished):
    for entry in unpublished:
        assert client.get(f"/en/stocktaking/entries/{entry.pk}/").status_code == 404


def test_published_entry_page_shows_it(client, published):
    response = client.get(f"/en/stocktaking/entries/{published['library'].pk}/")
    assert response.status_code == 200
    assert "WSIS-ST-2026-00002" in response.content.decode()


@pytest.mark.parametrize(("language", "separator"), [("ar", "، "), ("en", ", ")])
def test_entry_page_and_results_list_countries_isolated_with_the_language_separator(
    client, published, language, separator
):
    from django.utils import translation

    with translation.override(language):
        kenya, senegal = reference.country_label("KE"), reference.country_label("SN")
    countries = f"<bdi>{kenya}</bdi>{separator}<bdi>{senegal}</bdi>"
    entry = client.get(f"/{language}/stocktaking/entries/{published['networks'].pk}/").content.decode()
    assert countries in entry
    results = client.get(f"/{language}/stocktaking/", {"q": "cooperatives"}).content.decode()
    assert countries in results


def test_attachment_of_an_unpublished_entry_is_refused_to_the_public(client, unpublished):
    assert client.get(f"/en/stocktaking/entries/{unpublished[1].pk}/attachment/").status_code == 404


def test_reviewer_may_download_an_attachment_of_a_submitted_entry(client, db):
    entry = SubmittedEntryFactory()
    entry.attachment.save("report.pdf", ContentFile(b"%PDF-1.7"))
    client.force_login(SecretariatFactory())
    response = client.get(f"/en/stocktaking/entries/{entry.pk}/attachment/")
    assert (response.status_code, b"".join(response.streaming_content)) == (200, b"%PDF-1.7")


def test_search_functions_agree_with_the_page(published):
    params = SearchParams(q="rural", selected={"country": ("KE",)})
    assert search.total(params) == 2
    # Both hold "rural" in their title: the newer comes first.
    assert [entry.title for entry in search.page_of_results(params)] == [
        "E-health records for rural clinics",
        "Community networks for rural broadband",
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_search_page_query_count_does_not_grow_with_results(client, django_assert_num_queries, count):
    PublishedEntryFactory.create_batch(count, countries=["KE", "SN"], sdgs=[4], regions=["africa"])
    for choices in (reference.action_lines, reference.sdgs, reference.gdc_objectives, reference.regions):
        choices()
    # the total and the facet counts (one statement), the page of results with its action lines and countries
    with django_assert_num_queries(4):
        response = client.get("/en/stocktaking/?q=entry&sort=date")
    assert len(response.context["results"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_search_with_text_and_three_facets_takes_four_queries(client, django_assert_num_queries, count):
    PublishedEntryFactory.create_batch(count, countries=["KE", "SN"], sdgs=[4], regions=["africa"])
    for choices in (reference.action_lines, reference.sdgs, reference.gdc_objectives, reference.regions):
        choices()
    with django_assert_num_queries(4):
        response = client.get("/en/stocktaking/?q=entry&sdg=4&country=ke&kind=project")
    assert (response.context["count"], len(response.context["results"])) == (count, count)


def test_facet_tokens_follow_the_entry_through_its_publication(db):
    from tests.stocktaking.factories import EntryFactory, publish

    entry = publish(EntryFactory(action_lines=["C3"], countries=["KE"], sdgs=[4], is_global=False))
    entry.refresh_from_db()
    line = reference.by_value(reference.action_lines())["C3"].pk
    goal = reference.by_value(reference.sdgs())["4"].pk
    assert set(entry.search_tags.split()) >= {
        f"f1x{line}",
        f"f2x{goal}",
        "f5xke",
        "f6xcivilsociety",
        "f7xproject",
        f"f8x{entry.year}",
    }


def test_no_text_can_be_mistaken_for_a_facet_token():
    from wsis_portal.textsearch.analysis import terms

    assert terms("f2x5 f6xcivilsociety") == ["f", "2", "x", "5", "f", "6", "xcivilsocieti"]


def test_unfiltered_figures_are_computed_in_the_background(published):
    from django.core.cache import cache

    from stocktaking.tasks import warm_search_cache

    cache.clear()
    assert warm_search_cache() == search.total(SearchParams())
    names = ",".join(search.FACETS_BY_NAME)
    key = f"stocktaking:figures:{search.version()}:0:{names}:{SearchParams().cache_key}"
    assert cache.get(key) is not None

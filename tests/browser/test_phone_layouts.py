"""At a phone's width (390 px), in Arabic and in English: a form with a file (and a long file name) is no
wider than the screen; chart labels are drawn at 12 px or more; on the stocktaking search the results come
first and the filters are one tap (or one key) away."""

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from tests.browser.conftest import Accessibility, sign_in
from tests.factories import PASSWORD
from tests.stocktaking.factories import EntryFactory, PublishedEntryFactory
from wsis_portal.editions.models import ActionLine
from wsis_portal.stakeholders.models import Region, StakeholderType

PHONE = {"width": 390, "height": 844}
LANGUAGES = pytest.mark.parametrize("language", ["ar", "en"])
LONG_FILE_NAME = "community_networks_rural_connectivity_programme_annual_report_2025_final.pdf"

# The size a chart label is drawn at on the screen: its font size times the drawing's scale.
LABEL_SIZES = """() => [...document.querySelectorAll('svg.chart text')]
  .filter(text => text.getClientRects().length)
  .map(text => text.getScreenCTM().a * parseFloat(getComputedStyle(text).fontSize))"""
PAGE_WIDTH = "document.documentElement.scrollWidth"


@pytest.fixture
def phone(browser, live_server, reference_data, policy_violations):
    context = policy_violations.watch(browser.new_context(base_url=live_server.url, viewport=PHONE))
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@LANGUAGES
def test_a_form_with_a_file_and_a_long_file_name_is_no_wider_than_a_phone(phone, language):
    entry = EntryFactory()
    entry.attachment.save(LONG_FILE_NAME, ContentFile(b"%PDF-1.7\n"), save=True)
    sign_in(phone, entry.owner.email, PASSWORD, language)
    phone.goto(f"/{language}/stocktaking/mine/{entry.pk}/edit/")
    expect(phone.locator("input[type=file]")).to_be_visible()
    expect(phone.locator(".field a[href*=community_networks]")).to_be_visible()
    assert phone.evaluate(PAGE_WIDTH) == PHONE["width"]


@LANGUAGES
def test_chart_labels_are_at_least_12_px_on_a_phone(phone, language):
    for regions in (["africa"], ["africa", "arab-states"], ["cis"]):
        PublishedEntryFactory(regions=regions, is_global=False)
    phone.goto(f"/{language}/stocktaking/statistics/")
    sizes = phone.evaluate(LABEL_SIZES)
    # a label and a count for each bar of the four charts: action lines, regions, one year, stakeholder types
    bars = ActionLine.objects.count() + Region.objects.count() + 1 + len(StakeholderType.choices)
    assert len(sizes) == 2 * bars
    assert min(sizes) >= 12
    assert phone.evaluate(PAGE_WIDTH) == PHONE["width"]


@LANGUAGES
def test_the_search_shows_the_results_before_the_filters_on_a_phone(phone, language):
    PublishedEntryFactory(title="Community networks in Kenya", countries=["KE"], is_global=False)
    PublishedEntryFactory(title="Digital skills in Senegal", countries=["SN"], is_global=False)
    phone.goto(f"/{language}/stocktaking/")
    results, filters = phone.locator(".result"), phone.locator(".facets-fold > summary")
    options = phone.locator(".facet input[type=checkbox]")
    expect(results).to_have_count(2)
    expect(options.first).to_be_hidden()
    first_result = results.first.bounding_box()
    assert first_result["y"] < PHONE["height"] - 100  # it starts on the first screen
    assert filters.bounding_box()["y"] < first_result["y"]  # one tap away, above the results
    Accessibility(phone).check()

    filters.focus()
    phone.keyboard.press("Enter")
    phone.locator(".facet > summary", has_text="البلد" if language == "ar" else "Country").click()
    kenya = phone.locator(".facet label", has_text="كينيا" if language == "ar" else "Kenya")
    expect(kenya).to_be_visible()
    kenya.click()
    phone.locator(".facets-fold button[type=submit]").click()
    expect(results).to_have_count(1)
    expect(filters).to_have_text("عوامل التصفية (1)" if language == "ar" else "Filters (1)")
    expect(options.first).to_be_hidden()  # folded again: the result comes first
    assert phone.evaluate(PAGE_WIDTH) == PHONE["width"]


def test_the_filters_stay_beside_the_results_on_a_wide_screen(page):
    PublishedEntryFactory(title="Community networks in Kenya", countries=["KE"], is_global=False)
    page.goto("/ar/stocktaking/")
    expect(page.locator(".facets-fold > summary")).to_be_hidden()
    expect(page.locator(".facet input[type=checkbox]").first).to_be_visible()

"""On whose behalf, in a real browser, in Arabic, on a 390-px phone: a focal point of two organisations
files a contribution for one and a stocktaking entry for the other. The contribution form offers exactly
the two organisations and the personal capacity, the stocktaking form exactly the two; each item takes its
organisation's stakeholder type and country. axe-core checks every page visited."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from consultations.models import Contribution
from stocktaking.models import Entry
from tests.browser.conftest import Accessibility, sign_in
from tests.consultations.factories import open_consultation
from tests.factories import PASSWORD, FocalPointFactory, OrganisationFactory, UserFactory
from wsis_portal.editions.models import ActionLine
from wsis_portal.stakeholders.models import StakeholderType

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def consultation(reference_data):
    return open_consultation(timedelta(days=1))


def option_labels(page, name):
    return [label.strip() for label in page.locator(f"select[name={name}] option").all_inner_texts()]


def test_a_focal_point_of_two_organisations_files_for_each_in_arabic_on_a_phone(
    new_page, consultation, tmp_path
):
    nile = OrganisationFactory(
        name="منتدى النيل للشمول الرقمي", country="EG", stakeholder_type=StakeholderType.CIVIL_SOCIETY
    )
    ministry = OrganisationFactory(
        name="هيئة الحكومة الرقمية", country="JO", stakeholder_type=StakeholderType.GOVERNMENT
    )
    OrganisationFactory(name="منظمة لا يمثلها", country="MA")  # verified, not theirs: never offered
    author = UserFactory(preferred_language="ar", country="TN", stakeholder_type=StakeholderType.ACADEMIA)
    for organisation in (nile, ministry):
        FocalPointFactory(user=author, organisation=organisation, status="confirmed")
    page = new_page("ar")
    page.set_viewport_size(PHONE)
    axe = Accessibility(page)
    sign_in(page, author.email, PASSWORD, "ar")

    # The contribution: the two organisations and the personal capacity, nothing else.
    page.goto("/ar/consultations/contributions/new/")
    axe.check()
    assert option_labels(page, "organisation") == [
        "باسمي الشخصي (حسب ملفي الشخصي)",
        "منتدى النيل للشمول الرقمي",
        "هيئة الحكومة الرقمية",
    ]
    page.locator("input[name=kind][value=priorities]").check()
    page.locator("input[name=title]").fill("شبكات مجتمعية في القرى")
    page.locator("textarea[name=text]").fill("نقترح جلسة عن الشبكات التي تديرها المجتمعات المحلية.")
    page.locator("select[name=language]").select_option("ar")
    page.locator("select[name=organisation]").select_option(label="منتدى النيل للشمول الرقمي")
    page.locator("input[name=topics]").first.check()
    page.screenshot(path=tmp_path / "contribution-ar-390.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    page.locator("button[name=save]").click()
    expect(page.get_by_role("status").first).to_be_visible()
    contribution = Contribution.objects.get(owner=author)
    assert (contribution.organisation, contribution.stakeholder_type, str(contribution.country)) == (
        nile,
        "civil_society",
        "EG",
    )

    # The stocktaking entry: an organisation is required, so only the two are offered.
    page.goto("/ar/stocktaking/mine/new/")
    axe.check()
    assert option_labels(page, "organisation") == ["منتدى النيل للشمول الرقمي", "هيئة الحكومة الرقمية"]
    page.locator("select[name=kind]").select_option("project")
    page.locator("input[name=title]").fill("بوابة الخدمات الحكومية الموحدة")
    page.locator("textarea[name=description]").fill("خدمات حكومية على الإنترنت في مكان واحد لكل المواطنين.")
    page.locator("select[name=language]").select_option("ar")
    page.locator("select[name=organisation]").select_option(label="هيئة الحكومة الرقمية")
    page.locator("select[name=countries]").select_option(["JO"])
    page.locator(f"input[name=action_lines][value='{ActionLine.objects.get(code='C7').pk}']").check()
    page.locator("select[name=work_status]").select_option("ongoing")
    page.screenshot(path=tmp_path / "entry-ar-390.png", full_page=True)
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    page.locator("button[name=save]").click()
    expect(page.get_by_role("status").first).to_be_visible()
    entry = Entry.objects.get(owner=author)
    assert (entry.organisation, entry.stakeholder_type) == (ministry, "government")

    # Each organisation's item is on the focal point's page, under its organisation.
    page.goto("/ar/me/")
    axe.check()
    expect(page.locator("main")).to_contain_text("شبكات مجتمعية في القرى")
    expect(page.locator("main")).to_contain_text("بوابة الخدمات الحكومية الموحدة")

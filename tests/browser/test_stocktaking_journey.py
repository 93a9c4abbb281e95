"""A focal point submits a stocktaking entry in Arabic; the secretariat returns it with a comment in the
admin; the focal point corrects and resubmits; the secretariat approves; a visitor finds the entry
through facets and through an Arabic query spelled differently from the entry."""

import re

from playwright.sync_api import expect

from stocktaking.models import Entry
from tests.browser.conftest import Accessibility, sign_in
from tests.factories import PASSWORD, FocalPointFactory, OrganisationFactory, SecretariatFactory
from wsis_portal.editions.models import ActionLine, SustainableDevelopmentGoal
from wsis_portal.mail.models import OutboundMail

TITLE = "المكتبات الرقميّة المتنقلة في الأرياف"


def c3():
    return ActionLine.objects.get(code="C3").pk


def fill_entry(page):
    page.locator("select[name=kind]").select_option("project")
    page.locator("input[name=title]").fill(TITLE)
    page.locator("textarea[name=description]").fill(
        "حافلات مجهّزة بالحواسيب تجوب القرى كل أسبوع وتقدّم للنساء والشباب دورات في المهارات الرقمية."
    )
    page.locator("select[name=language]").select_option("ar")
    page.locator("select[name=countries]").select_option(["EG"])
    page.locator(f"input[name=action_lines][value='{c3()}']").check()
    page.locator("select[name=work_status]").select_option("ongoing")


def review(page, axe, entry, decision, comment=""):
    page.goto(f"/en/admin/stocktaking/entry/{entry.pk}/change/")
    axe.check()
    page.locator(f"input[name=decision][value={decision}]").check()
    if comment:
        page.locator("textarea[name=comment]").fill(comment)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".messagelist")).to_contain_text("1 entry done.")


def test_entry_from_submission_to_publication(page, new_page, live_server):
    organisation = OrganisationFactory(name="Nile Digital Inclusion Forum", country="EG")
    focal_point = FocalPointFactory(
        organisation=organisation,
        status="confirmed",
        user__preferred_language="ar",
        user__organisation=organisation,
    ).user
    clerk = SecretariatFactory(email="clerk@example.org")

    # The focal point writes the entry in Arabic; an action line is missing at first.
    author = new_page("ar")
    author_axe = Accessibility(author)
    sign_in(author, focal_point.email, PASSWORD, "ar")
    author.goto("/ar/stocktaking/mine/new/")
    author_axe.check()
    fill_entry(author)
    author.locator(f"input[name=action_lines][value='{c3()}']").uncheck()
    author.locator("button[name=submit]").click()
    expect(author.get_by_role("alert")).to_be_visible()
    expect(author.locator("input[name=title]")).to_have_value(TITLE)
    author_axe.check()
    author.locator(f"input[name=action_lines][value='{c3()}']").check()
    author.locator("button[name=submit]").click()
    expect(author).to_have_url(re.compile(r"/ar/stocktaking/mine/\d+/$"))
    author_axe.check()
    entry = Entry.objects.get(title=TITLE)
    assert (entry.state, entry.reference) == ("submitted", f"WSIS-ST-{entry.submitted_at.year}-00001")

    # The secretariat returns it with a comment, in the admin.
    sign_in(page, clerk.email, PASSWORD)
    page.goto("/en/admin/stocktaking/entry/?state__exact=submitted")
    axe = Accessibility(page)
    axe.check()
    review(page, axe, entry, "return", "Please add the Sustainable Development Goals the project serves.")
    entry.refresh_from_db()
    assert entry.state == "returned"
    assert OutboundMail.objects.filter(to=[focal_point.email], language="ar").count() == 2

    # The focal point reads the comment, corrects and resubmits.
    author.goto(f"/ar/stocktaking/mine/{entry.pk}/")
    expect(author.get_by_role("status").first).to_contain_text("Sustainable Development Goals")
    author_axe.check()
    author.goto(f"/ar/stocktaking/mine/{entry.pk}/edit/")
    for number in (4, 5):
        goal = SustainableDevelopmentGoal.objects.get(number=number).pk
        author.locator(f"input[name=sdgs][value='{goal}']").check()
    author.locator("button[name=submit]").click()
    expect(author).to_have_url(re.compile(rf"/ar/stocktaking/mine/{entry.pk}/$"))

    # The secretariat approves; the entry is published.
    review(page, axe, entry, "approve")
    entry.refresh_from_db()
    assert entry.state == "accepted"

    # A visitor finds it through facets, in English...
    visitor = new_page("en")
    visitor_axe = Accessibility(visitor)
    visitor.goto("/en/stocktaking/")
    visitor_axe.check()
    visitor.locator("input[name=action_line][value=C3]").check()
    visitor.locator("summary", has_text="Country").click()
    visitor.locator("input[name=country][value=EG]").check()
    visitor.get_by_role("button", name="Apply filters").click()
    expect(visitor.locator(".result-list")).to_contain_text(TITLE)
    expect(visitor).to_have_url(re.compile(r"action_line=C3.*country=EG"))
    visitor_axe.check()

    # ... and through an Arabic query spelled otherwise (ه for ة, no shadda, no article, ى for ي).
    visitor.goto("/ar/stocktaking/")
    visitor.locator("input[name=q]").fill("مكتبات رقميه متنقله")
    visitor.locator("input[name=q]").press("Enter")
    expect(visitor.locator(".result-list")).to_contain_text(TITLE)
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    visitor_axe.check()

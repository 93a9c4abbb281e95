"""What every stage of the rehearsal shares: the officer's Arabic admin tab, other people's browsers,
axe-core on every page, and the few gestures the admin repeats (save, pick an action, fill a date-time)."""

import re
from dataclasses import dataclass, field
from datetime import datetime

from playwright.sync_api import expect

from tests.browser.conftest import Accessibility
from tests.factories import PASSWORD
from wsis_portal.editions.schedule import GENEVA
from wsis_portal.links import portal_url
from wsis_portal.mail.models import OutboundMail

YEAR = 2028
PHONE = {"width": 390, "height": 844}


@dataclass
class Rehearsal:
    """The state of the rehearsal, handed from stage to stage."""

    officer: object  # the secretariat's page, in the Arabic admin
    officer_email: str
    open_page: object  # a new browser (own cookies) for someone else: open_page(locale)
    axe: Accessibility
    people: dict = field(default_factory=dict)  # e-mail → that person's page
    found: list = field(default_factory=list)  # what the stage saw worth keeping for the next ones

    def edition_url(self):
        return "/ar/admin/editions/edition/"


def local(moment: datetime) -> datetime:
    return moment.astimezone(GENEVA)


def fill_datetime(page, name, moment: datetime):
    """Fill an admin split date-time field (``name_0`` the date, ``name_1`` the time) in Geneva time."""
    moment = local(moment)
    page.locator(f"input[name='{name}_0']").fill(moment.strftime("%Y-%m-%d"))
    page.locator(f"input[name='{name}_1']").fill(moment.strftime("%H:%M:%S"))


def save(page, axe=None, button="_save"):
    """Press the admin's save button (by its name: ``_save``, ``_continue``…); expect the success message
    (and no error note)."""
    with page.expect_navigation():
        page.locator(f"[type=submit][name='{button}']").first.click()
    errors = page.locator(".errornote, .errorlist")
    if errors.count():
        raise AssertionError(f"{page.url}: {' | '.join(errors.all_inner_texts())}")
    expect(page.locator(".messagelist .success").first).to_be_visible()
    if axe is not None:
        axe.check()


def run_action(page, row_text, action, button="نفّذ"):
    """Tick the change-list row containing ``row_text`` and run the bulk ``action`` (its value)."""
    # "/" escaped too: Playwright passes the pattern on as /…/ (a reference such as CL-26/001 broke it).
    name = re.compile(re.escape(row_text).replace("/", r"\/"))
    page.get_by_role("row", name=name).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(action)
    page.get_by_role("button", name=button).click()


def mailed_link(to, pattern):
    """The link matching ``pattern`` in the last mail to ``to``, as a path on the live server."""
    mail = OutboundMail.objects.filter(to=[to]).order_by("-pk").first()
    assert mail is not None, f"no mail to {to}"
    match = re.search(pattern, mail.body)
    assert match, f"no link {pattern} in the mail to {to}: {mail.subject}"
    return match.group(0).removeprefix(portal_url())


def sign_up(
    rehearsal, email, full_name, language="ar", phone=False, stakeholder_type="civil_society", country="EG"
):
    """Someone signs up on the site, confirms the address from the mail (which signs them in) and fills
    their profile (name, stakeholder type and country, which the profile requires); returns their page."""
    page = rehearsal.open_page(language)
    if phone:
        page.set_viewport_size(PHONE)
    page.goto(f"/{language}/accounts/signup/")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/accounts/confirm-email/$"))
    page.goto(mailed_link(email, rf"https?://\S+/{language}/accounts/confirm-email/\S+"))
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/me/$"))
    page.goto(f"/{language}/me/profile/")
    page.locator("input[name=full_name]").fill(full_name)
    page.locator("select[name=stakeholder_type]").select_option(stakeholder_type)
    page.locator("select[name=country]").select_option(country)
    page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_role("status").first).to_be_visible()
    rehearsal.people[email] = page
    return page


def join_organisation(rehearsal, email, name, stakeholder_type, country, role):
    """``email`` proposes a new organisation on the site, then the officer confirms them as its focal point
    in the Arabic admin (which verifies the organisation)."""
    page = rehearsal.people[email]
    language = "ar" if "/ar/" in page.url else "en"
    page.goto(f"/{language}/me/organizations/")
    page.locator("input[name=new_name]").fill(name)
    page.locator("select[name=new_stakeholder_type]").select_option(stakeholder_type)
    page.locator("select[name=new_country]").select_option(country)
    page.locator("textarea[name=motivation]").fill(role)
    page.locator("main form button[type=submit]").last.click()
    expect(page.get_by_role("status").first).to_be_visible()

    officer = rehearsal.officer
    officer.goto("/ar/admin/stakeholders/focalpoint/?status__exact=pending")
    rehearsal.axe.check()
    run_action(officer, name, "confirm_selected")
    expect(officer.locator(".messagelist")).to_contain_text("أُكِّدت جهة تنسيق واحدة (1).")

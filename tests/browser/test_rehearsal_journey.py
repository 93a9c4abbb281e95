"""The rehearsal of the 2028 edition: the secretariat runs a whole Forum cycle from the Arabic admin alone,
from a database holding only what the migrations load plus one secretariat account, with stakeholders,
experts, voters and protocol offices doing their part in their own browsers. axe-core checks every page.
The stages are in ``tests/browser/rehearsal/``; ``REHEARSAL_STAGES=edition,prizes`` runs only those (the
edition stage always comes first)."""

import os
import re
from importlib import import_module

from playwright.sync_api import expect

from tests.browser.conftest import Accessibility
from tests.browser.rehearsal.common import Rehearsal
from tests.factories import PASSWORD, SecretariatFactory

# The stages in the order the year runs them; each is tests/browser/rehearsal/<name>.py, run(rehearsal).
STAGES = ["edition", "consultation", "prizes", "forum", "reminders", "closing"]


def chosen_stages():
    names = [name for name in os.environ.get("REHEARSAL_STAGES", "").split(",") if name] or STAGES
    names = ["edition"] + [name for name in STAGES if name in names and name != "edition"]
    return [import_module(f"tests.browser.rehearsal.{name}").run for name in names]


def test_the_secretariat_runs_the_2028_edition_from_the_admin(page, new_page, reference_data):
    officer = SecretariatFactory(email="officer@example.org", preferred_language="ar", full_name="ليلى منصور")
    page.goto("/ar/accounts/login/")
    page.locator("input[name=login]").fill(officer.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.goto("/ar/admin/")
    expect(page).to_have_url(re.compile(r"/ar/admin/$"))
    rehearsal = Rehearsal(
        officer=page, officer_email=officer.email, open_page=new_page, axe=Accessibility(page)
    )
    for stage in chosen_stages():
        stage(rehearsal)

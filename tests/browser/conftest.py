"""Browser journeys: Playwright drives Debian's chromium (never a downloaded browser) against the live
server, and axe-core (from npm) checks every page visited, in Arabic and in English."""

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import sync_playwright  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE.read_text() if AXE.exists() else ""
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: apt-get install chromium")
    if not AXE.exists():
        pytest.fail("axe-core is missing: npm ci")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield browser
        browser.close()


class PolicyViolations:
    """What the browser refused under the Content-Security-Policy, in every tab of the contexts watched."""

    def __init__(self):
        self.found = []

    def watch(self, context):
        context.on("console", self._console)
        return context

    def _console(self, message):
        if "Content Security Policy" in message.text:
            page = message.page.url if message.page else message.location.get("url", "")
            self.found.append(f"{page}: {message.text}")

    def assert_none(self):
        assert not self.found, "\n".join(self.found)


@pytest.fixture
def policy_violations():
    violations = PolicyViolations()
    yield violations
    violations.assert_none()


@pytest.fixture
def page(browser, live_server, reference_data, policy_violations):
    context = policy_violations.watch(
        browser.new_context(
            base_url=live_server.url,
            locale="ar",
            timezone_id="Africa/Cairo",
            viewport={"width": 1280, "height": 900},
        )
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


class Accessibility:
    """Runs axe-core on a page and on the same page in the other language; collects what it finds."""

    def __init__(self, page):
        self.page = page
        self.checked = []

    def violations(self, page):
        # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern
        # (a script tag would be refused, as it should).
        page.evaluate(AXE_SOURCE)
        # No CSSOM preload: axe would copy the stylesheets into inline <style> elements, which the policy
        # refuses (and reports); only the css-orientation-lock rule needs them.
        result = page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations'], preload: false})"
        )
        return [
            f"{page.url}: {v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:3])
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    def check(self):
        """Check the current page, then the same URL in the other language (in a second tab)."""
        found = self.violations(self.page)
        self.checked.append(self.page.url)
        other_url = self.other_language(self.page.url)
        if other_url:
            twin = self.page.context.new_page()
            twin.goto(other_url)
            found += self.violations(twin)
            self.checked.append(twin.url)
            twin.close()
        assert not found, "\n".join(found)

    @staticmethod
    def other_language(url):
        match = re.match(r"^(https?://[^/]+)/(ar|en)/(.*)$", url)
        if not match:
            return None
        base, language, rest = match.groups()
        return f"{base}/{'en' if language == 'ar' else 'ar'}/{rest}"


@pytest.fixture
def axe(page):
    return Accessibility(page)


@pytest.fixture
def new_page(browser, live_server, reference_data, policy_violations):
    """Another browser (its own cookies), for a second person in the same journey."""
    contexts = []

    def open_page(locale="en"):
        context = policy_violations.watch(
            browser.new_context(
                base_url=live_server.url, locale=locale, viewport={"width": 1280, "height": 900}
            )
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def sign_in(page, email, password, language="en"):
    """Sign in through the allauth form, in ``language``."""
    page.goto(f"/{language}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

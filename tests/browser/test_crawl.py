"""Every page reachable from the home page, as a visitor, a stakeholder and the secretariat, in Arabic and in
English, at 1366 px and at 390 px: no page wider than its viewport, headings larger than body text, no Arabic
page over 1.3 times the height of its English twin, no Latin word outside a run marked as another language
except names and codes, and no serious or critical axe violation (the admin's add and change forms included).

Set CRAWL_REPORT to a file path to have the figures written there (pages, widest pages, height ratios)."""

import json
import os
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models

from tests.browser.conftest import Accessibility, sign_in
from tests.browser.crawl import DESKTOP, PHONE, Crawl, Rules, pattern, ratios
from wsis_portal.demo.data import DEMO_PASSWORD

pytestmark = pytest.mark.slow

READERS = {
    "visitor": (None, ["/ar/"]),
    "stakeholder": ("stakeholder@example.org", ["/ar/", "/ar/me/"]),
    "secretariat": ("secretariat@example.org", ["/ar/", "/ar/admin/"]),
}
WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’.-]*[A-Za-z0-9]")


@pytest.fixture
def demo(live_server, reference_data, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=None)
    settings.DEBUG = False


# Reference data the portal publishes in every language: its English words never belong on an Arabic page.
REFERENCE = {"actionline", "sustainabledevelopmentgoal", "gdcobjective", "prizecategory", "region", "topic"}
# Names of languages are the portal's own words: an Arabic page names English in Arabic.
LANGUAGE_NAMES = {"English", "Arabic", "French", "Spanish", "Russian", "Chinese", "Français", "Español"}
# Identifiers and key names an Arabic page shows as they are.
CODES = {
    "iCal",
    "OpenAPI",
    "TalkX",
    "Gmail",
    "IPv4",
    "IPv6",
    "Ctrl",
    "Cmd",
    "Mac",
    "Control",
    "Command",
    "Europe/Zurich",
    "Europe",
    "Zurich",
}


def names_and_codes():
    """The Latin-script words an Arabic page may show: what people wrote into the portal as they wrote it
    (names of people and organisations, the texts of their submissions, staff-written content), and codes.
    The portal's own words (templates, catalogues, reference data, names of languages) are not among them."""
    words = set()
    for model in apps.get_models():
        if model._meta.app_label in {"auth", "contenttypes", "sessions", "admin", "sites"}:
            continue
        if model._meta.model_name in REFERENCE:
            continue
        texts = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
        ]
        for row in model.objects.values_list(*texts) if texts else ():
            for value in row:
                words.update(WORD.findall(value or ""))
    return (words - LANGUAGE_NAMES) | CODES


def contexts(browser, live_server, email):
    made = []
    for viewport in (DESKTOP, PHONE):
        context = browser.new_context(base_url=live_server.url, locale="ar", viewport=viewport)
        page = context.new_page()
        page.set_default_timeout(15_000)
        if email:
            sign_in(page, email, DEMO_PASSWORD, language="ar")
        made.append((context, page))
    return made


@pytest.mark.parametrize("reader", READERS)
def test_every_reachable_page_reads_well_in_both_directions(reader, browser, live_server, demo):
    email, starts = READERS[reader]
    (desktop_context, desktop), (phone_context, phone) = contexts(browser, live_server, email)
    accessibility = Accessibility(desktop)
    crawl = Crawl(desktop=desktop, phone=phone, axe=accessibility.violations)
    for start in starts:
        crawl.run(start)
    desktop_context.close()
    phone_context.close()

    visits = crawl.visits
    problems = Rules(allowed_latin=names_and_codes()).problems(visits)
    heights = ratios(visits)
    figures = {
        "reader": reader,
        "pages": len(crawl.seen),
        "visits": len(visits),
        "overflows": sum(v.width > v.viewport_width for v in visits),
        "max_height_ratio": max(heights.values(), default=0),
        "highest": sorted(heights.items(), key=lambda kv: -kv[1])[:5],
        "smallest_h1_over_body": min((v.h1 / v.body for v in visits if v.h1 and v.body), default=0),
        "problems": problems,
    }
    if os.environ.get("CRAWL_REPORT"):
        with open(os.environ["CRAWL_REPORT"], "a") as report:
            report.write(json.dumps(figures, ensure_ascii=False) + "\n")
    assert len(crawl.seen) > 10, [pattern(v.path) for v in visits]
    assert not problems, "\n".join(problems)

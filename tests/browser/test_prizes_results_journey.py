"""A visitor finds the results of the WSIS Prizes 2026 from the cycle's page, sees the winner of a
category with its certificate, downloads the certificate's PDF, types its code (as a person would, in lower
case and with spaces) in the verification form and is told it is genuine; a code never issued is not.
axe-core checks each page in Arabic and English."""

import re
from datetime import UTC, datetime
from importlib import import_module

import pytest
from django.apps import apps
from playwright.sync_api import expect

from prizes import results
from prizes.models import Certificate
from tests.browser.conftest import Accessibility
from tests.factories import (
    EditionFactory,
    OrganisationFactory,
    PrizeCycleFactory,
    PrizeSubmissionFactory,
    prize_category,
)

WINNER = "شبكات مجتمعية للنطاق العريض في الأرياف"
CHAMPION = "Solar schools online"
NOMINEE = "Village radio archives"


@pytest.fixture
def published_cycle(reference_data, eager_celery):
    """The 2026 cycle with its results published and its certificates issued and rendered."""
    import_module("prizes.migrations.0002_categories").load(apps, None)
    cycle = PrizeCycleFactory(
        edition=EditionFactory(year=2026),
        nominees_published_at=datetime(2026, 4, 14, 7, 0, tzinfo=UTC),
        champions_published_at=datetime(2026, 5, 19, 10, 0, tzinfo=UTC),
        winners_published_at=datetime(2026, 7, 7, 16, 0, tzinfo=UTC),
    )
    for state, title, language, organisation in (
        ("winner", WINNER, "ar", "منتدى النيل للإدماج الرقمي"),
        ("champion", CHAMPION, "en", "Sahel Mobile Networks"),
        ("nominee", NOMINEE, "en", "Pacific Open Data Lab"),
    ):
        PrizeSubmissionFactory(
            cycle=cycle,
            state=state,
            category=prize_category("C2"),
            title=title,
            language=language,
            organisation=OrganisationFactory(name=organisation),
        )
    results.issue_certificates(cycle)  # no transaction here: the PDFs are rendered at once
    assert set(Certificate.objects.values_list("status", flat=True)) == {"done"}
    return cycle


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_winners_page_shows_the_certificate_and_its_verification_works(page, published_cycle, language):
    axe = Accessibility(page)
    certificate = Certificate.objects.get(kind="winner")
    code = certificate.code

    page.goto(f"/{language}/prizes/")
    page.locator("main a[href$='/prizes/2026/results/']").click()
    expect(page).to_have_url(re.compile(rf"/{language}/prizes/2026/results/$"))
    axe.check()

    category = page.locator("main section.card").filter(has_text="C2")
    winner = category.locator("article").first
    expect(winner.locator("h4")).to_have_text(WINNER)
    expect(winner.locator("h4")).to_have_attribute("lang", "ar")
    expect(category).to_contain_text(CHAMPION)
    expect(category).to_contain_text(NOMINEE)
    link = winner.locator(f"a[href='/{language}/prizes/verify/{code}/{language}.pdf']")
    expect(link).to_be_visible()
    download = page.request.get(link.get_attribute("href"))
    assert (download.status, download.headers["content-type"]) == (200, "application/pdf")
    assert download.body().startswith(b"%PDF-")

    winner.locator(f"a[href='/{language}/prizes/verify/{code}/']").click()
    expect(page).to_have_url(re.compile(rf"/{language}/prizes/verify/{code}/$"))
    page.goto(f"/{language}/prizes/verify/")
    axe.check()
    page.locator("input[name=code]").fill(" " + code.lower().replace("-", " ") + " ")
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/prizes/verify/{code}/$"))
    expect(page.locator("main .message-success")).to_contain_text(code)
    facts = page.locator("main dl.facts")
    expect(facts.locator("dd[lang=ar]")).to_have_text(WINNER)
    expect(facts).to_contain_text(code)
    expect(facts.locator(f"a[href='/{language}/prizes/verify/{code}/ar.pdf']")).to_be_visible()
    axe.check()

    page.goto(f"/{language}/prizes/verify/")
    page.locator("input[name=code]").fill("0000-0000-0000")
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/prizes/verify/0000-0000-0000/$"))
    expect(page.get_by_role("alert")).to_contain_text("0000-0000-0000")
    expect(page.locator("input[name=code]")).to_be_visible()
    axe.check()

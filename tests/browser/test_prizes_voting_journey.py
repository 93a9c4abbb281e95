"""A voter of the WSIS Prizes votes in two categories (finding one nominee with the search box), gives their
vote in a category to another nominee, and finds both votes under "my votes"; once the deadline has passed
a vote is refused on the page, in their language, and nothing is lost. axe-core checks each page in Arabic
and English."""

import re
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from prizes.models import PrizeCycle, Vote
from tests.browser.conftest import Accessibility, sign_in
from tests.factories import (
    PASSWORD,
    EditionFactory,
    PhaseFactory,
    PrizeCycleFactory,
    PrizeSubmissionFactory,
    UserFactory,
)
from tests.factories import prize_category as category_of
from wsis_portal.editions.models import Process

TITLES = {
    "library": "Mobile digital libraries for remote villages",
    "networks": "شبكات مجتمعية للنطاق العريض في الأرياف",
    "health": "Telemedicine for island clinics",
    "maternal": "الرعاية الصحية للأمهات عبر الهاتف المحمول",
}


@pytest.fixture
def voting_open(reference_data):
    import_module("prizes.migrations.0002_categories").load(apps, None)
    now = timezone.now()
    edition = EditionFactory(year=now.year + 1)
    phase = PhaseFactory(
        edition=edition,
        process=Process.PRIZES,
        key="voting",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=10),
    )
    cycle = PrizeCycleFactory(edition=edition, submission_phase=False)
    PrizeCycle.objects.filter(pk=cycle.pk).update(nominees_published_at=now - timedelta(days=1))
    nominees = {
        "library": PrizeSubmissionFactory(cycle=cycle, title=TITLES["library"]),
        "networks": PrizeSubmissionFactory(
            cycle=cycle,
            title=TITLES["networks"],
            language="ar",
            short_description="تدير القرى شبكاتها بنفسها.",
        ),
        "health": PrizeSubmissionFactory(cycle=cycle, category=category_of("C7.4"), title=TITLES["health"]),
        "maternal": PrizeSubmissionFactory(
            cycle=cycle,
            category=category_of("C7.4"),
            title=TITLES["maternal"],
            language="ar",
            short_description="رسائل نصية ترافق الأمهات في أثناء الحمل.",
        ),
    }
    for submission in nominees.values():
        submission.state = "nominee"
        submission.save(update_fields=["state"])
    return phase, nominees


def vote_button(page, submission):
    return page.locator(f"form:has(input[name=submission][value='{submission.pk}']) button")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_voter_votes_in_two_categories_and_sees_my_votes(page, voting_open, language):
    phase, nominees = voting_open
    voter = UserFactory(preferred_language=language)
    axe = Accessibility(page)
    direction = "rtl" if language == "ar" else "ltr"
    sign_in(page, voter.email, PASSWORD, language)

    page.goto(f"/{language}/prizes/vote/")
    expect(page.locator("html")).to_have_attribute("dir", direction)
    axe.check()
    page.locator(f"a[href='/{language}/prizes/vote/C3/']").click()
    expect(page.locator("main h2").filter(has_text=TITLES["library"])).to_be_visible()
    axe.check()

    vote_button(page, nominees["library"]).click()
    expect(page.get_by_role("status")).to_contain_text(TITLES["library"])
    expect(vote_button(page, nominees["library"])).to_have_count(0)
    axe.check()
    # A second vote in the category: the vote moves, it is not added.
    vote_button(page, nominees["networks"]).click()
    expect(page.get_by_role("status")).to_contain_text(TITLES["networks"])
    assert list(Vote.objects.filter(voter=voter).values_list("submission", flat=True)) == [
        nominees["networks"].pk
    ]

    page.goto(f"/{language}/prizes/vote/C7.4/")
    page.locator("input[name=q]").fill("الأمهات" if language == "ar" else "island")
    page.locator("form[role=search] button").click()
    expect(page).to_have_url(re.compile(r"/prizes/vote/C7\.4/\?q="))
    expect(page.locator("main ul.nominees > li")).to_have_count(1)
    axe.check()
    searched = nominees["maternal"] if language == "ar" else nominees["health"]
    vote_button(page, searched).click()
    expect(page.get_by_role("status")).to_contain_text(TITLES["maternal" if language == "ar" else "health"])
    expect(page).to_have_url(re.compile(r"/prizes/vote/C7\.4/\?q="))

    page.goto(f"/{language}/prizes/my-votes/")
    table = page.locator("main table")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table).to_contain_text(TITLES["networks"])
    expect(table).to_contain_text(searched.title)
    axe.check()

    # The deadline passes while the category page is open: the vote is refused on the page, nothing lost.
    page.goto(f"/{language}/prizes/vote/C3/")
    phase.closes_at = timezone.now() - timedelta(seconds=1)
    phase.save()
    vote_button(page, nominees["library"]).click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(vote_button(page, nominees["library"])).to_have_count(0)
    axe.check()
    assert sorted(Vote.objects.filter(voter=voter).values_list("submission", flat=True)) == sorted(
        [nominees["networks"].pk, searched.pk]
    )

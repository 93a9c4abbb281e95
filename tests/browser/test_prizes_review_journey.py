"""An expert of the WSIS Prizes, in Arabic and in English, declares a conflict of interest with one project
of their category (it disappears from their list, and opening it answers 403 with the reason), then scores
another: a score out of range is refused on the page with nothing typed lost, the corrected one is saved.
axe-core checks each page in both languages."""

import re
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from prizes.models import ConflictOfInterest, ExpertAssignment, Score
from tests.browser.conftest import Accessibility, sign_in
from tests.factories import (
    PASSWORD,
    EditionFactory,
    PhaseFactory,
    PrizeCycleFactory,
    PrizeSubmissionFactory,
    UserFactory,
    prize_category,
)
from wsis_portal.editions.models import Process
from wsis_portal.stakeholders.roles import Role

SCORES = {
    "results_impact": "8",
    "community_empowerment": "7",
    "sdg_relevance": "9",
    "replication": "6",
    "sustainability": "8",
    "partnerships": "5",
    "wsis_values": "9",
}
TEXTS = {
    "ar": {
        "library": "مكتبات رقمية متنقلة",
        "clinic": "عيادات ريفية متصلة",
        "reason": "أعمل مستشارة لهذا المشروع.",
    },
    "en": {
        "library": "Mobile digital libraries",
        "clinic": "Connected rural clinics",
        "reason": "I advise this project.",
    },
}


@pytest.fixture
def review_cycle(reference_data):
    import_module("prizes.migrations.0002_categories").load(apps, None)
    now = timezone.now()
    edition = EditionFactory(year=now.year + 1)
    PhaseFactory(
        edition=edition,
        process=Process.PRIZES,
        key="submission",
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=30),
    )
    PhaseFactory(
        edition=edition,
        process=Process.PRIZES,
        key="nomination",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=20),
    )
    return PrizeCycleFactory(edition=edition, submission_phase=False)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_an_expert_scores_a_project_with_a_conflict_declared_on_another(page, review_cycle, language):
    texts = TEXTS[language]
    expert = UserFactory(preferred_language=language)
    expert.groups.add(Group.objects.get(name=Role.REVIEWER.group_name))
    ExpertAssignment.objects.create(cycle=review_cycle, category=prize_category("C3"), expert=expert)
    library, clinic = (
        PrizeSubmissionFactory(
            cycle=review_cycle, state="submitted", title=texts[name], language=language, reference=reference
        )
        for name, reference in (("library", "WSIS-PR-2027-00001"), ("clinic", "WSIS-PR-2027-00002"))
    )
    axe = Accessibility(page)
    sign_in(page, expert.email, PASSWORD, language)

    page.goto(f"/{language}/prizes/review/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    expect(page.locator("main table tbody tr")).to_have_count(2)
    axe.check()

    # A conflict on the clinic: refused without its nature, then recorded; the clinic leaves the list.
    page.locator(f"a[href='/{language}/prizes/review/{clinic.pk}/conflict/']").click()
    expect(page).to_have_url(re.compile(rf"/{language}/prizes/review/{clinic.pk}/conflict/$"))
    axe.check()
    page.locator("form.form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("textarea[name=reason]")).to_have_attribute("aria-invalid", "true")
    axe.check()
    page.locator("textarea[name=reason]").fill(texts["reason"])
    page.locator("form.form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/prizes/review/$"))
    expect(page.locator("main table tbody tr")).to_have_count(1)
    expect(page.locator("main table")).not_to_contain_text(texts["clinic"])
    axe.check()
    assert ConflictOfInterest.objects.values_list("submission", "reason").get() == (
        clinic.pk,
        texts["reason"],
    )

    # Opening the clinic's page now answers 403, with the reason.
    response = page.goto(f"/{language}/prizes/review/{clinic.pk}/")
    assert response.status == 403
    expect(page.get_by_role("alert")).to_be_visible()
    axe.check()

    # The library is scored: 11 is refused on the page, nothing typed is lost; then saved.
    page.goto(f"/{language}/prizes/review/")
    page.locator(f"a[href='/{language}/prizes/review/{library.pk}/']").click()
    axe.check()
    for name, value in SCORES.items():
        page.locator(f"input[name={name}]").fill(value)
    page.locator("input[name=wsis_values]").fill("11")
    page.locator("textarea[name=comment]").fill(texts["reason"])
    page.locator("form.form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("input[name=wsis_values]")).to_have_value("11")
    expect(page.locator("input[name=partnerships]")).to_have_value("5")
    expect(page.locator("textarea[name=comment]")).to_have_value(texts["reason"])
    axe.check()
    assert not Score.objects.exists()
    page.locator("input[name=wsis_values]").fill("9")
    page.locator("form.form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/prizes/review/$"))
    axe.check()
    saved = Score.objects.get()
    assert (saved.submission, saved.expert, saved.stage, saved.wsis_values, saved.partnerships) == (
        library,
        expert,
        "nomination",
        9,
        5,
    )

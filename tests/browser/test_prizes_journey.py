"""A confirmed focal point drafts a project for the WSIS Prizes from the cycle's page, is told on the
page (in their language, nothing lost) that its short description is too short, corrects it, submits it and
finds it under "my prize submissions"; axe-core checks each page in Arabic and English."""

import re
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from prizes.models import Submission
from tests.browser.conftest import Accessibility, sign_in
from tests.factories import (
    PASSWORD,
    EditionFactory,
    FocalPointFactory,
    OrganisationFactory,
    PhaseFactory,
    PrizeCycleFactory,
)
from wsis_portal.editions.models import GDCObjective, Process, SustainableDevelopmentGoal

TEXTS = {
    "ar": {
        "title": "مكتبات رقمية متنقلة للقرى النائية",
        "short": "حافلات مجهّزة بالحواسيب والإنترنت تزور القرى النائية كل أسبوع "
        "وتعلّم النساء والشباب المهارات الرقمية",
        "text": "نص تجريبي عن المشروع.",
        "refused": "عدد كلمات الوصف الموجز 3",
    },
    "en": {
        "title": "Mobile digital libraries for remote villages",
        "short": "Buses with computers and internet visit remote villages every week to teach digital skills",
        "text": "A sample text about the project.",
        "refused": "The short description has 3 words",
    },
}
BOXES = (
    "description",
    "impact_qualitative",
    "impact_quantitative",
    "partnerships",
    "challenges",
    "future_plans",
)


@pytest.fixture
def open_cycle(reference_data):
    import_module("prizes.migrations.0002_categories").load(apps, None)
    now = timezone.now()
    edition = EditionFactory(year=now.year + 1)
    PhaseFactory(
        edition=edition,
        process=Process.PRIZES,
        key="submission",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30),
    )
    return PrizeCycleFactory(edition=edition, submission_phase=False, short_description_max_words=20)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_focal_point_drafts_and_submits_a_project(page, open_cycle, language):
    texts = TEXTS[language]
    organisation = OrganisationFactory(name="Nile Digital Inclusion Forum", country="EG")
    focal_point = FocalPointFactory(
        organisation=organisation,
        status="confirmed",
        user__preferred_language=language,
        user__organisation=organisation,
    ).user
    axe = Accessibility(page)
    sign_in(page, focal_point.email, PASSWORD, language)

    page.goto(f"/{language}/prizes/")
    axe.check()
    page.locator("a[href$='/prizes/mine/new/?category=C3']").click()
    expect(page).to_have_url(re.compile(rf"/{language}/prizes/mine/new/\?category=C3$"))
    axe.check()

    page.locator("input[name=title]").fill(texts["title"])
    page.locator("select[name=language]").select_option(language)
    page.locator("textarea[name=short_description]").fill(
        "ثلاث كلمات فقط" if language == "ar" else "Only three words"
    )
    for name in BOXES:
        page.locator(f"textarea[name={name}]").fill(texts["text"])
    page.locator(f"input[name=sdgs][value='{SustainableDevelopmentGoal.objects.get(number=4).pk}']").check()
    page.locator(f"input[name=gdc_objectives][value='{GDCObjective.objects.get(number=1).pk}']").check()
    page.locator("input[name=project_status][value=completed]").check()
    page.locator("button[name=submit]").click()
    expect(page.get_by_role("alert")).to_contain_text(texts["refused"])
    expect(page.locator("input[name=title]")).to_have_value(texts["title"])
    expect(page.locator("textarea[name=partnerships]")).to_have_value(texts["text"])
    axe.check()

    page.locator("textarea[name=short_description]").fill(texts["short"])
    page.locator("button[name=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/prizes/mine/\d+/$"))
    axe.check()
    submission = Submission.objects.get(title=texts["title"])
    assert (submission.state, submission.reference, submission.language) == (
        "submitted",
        f"WSIS-PR-{open_cycle.edition.year}-00001",
        language,
    )

    page.goto(f"/{language}/prizes/mine/")
    expect(page.locator("main table")).to_contain_text(texts["title"])
    expect(page.locator("main table")).to_contain_text(submission.reference)
    axe.check()

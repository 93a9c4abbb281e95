"""One lifecycle between the stocktaking and the WSIS Prizes, in Arabic and English: a focal point opens
their published stocktaking entry, submits it for a prize through the form filled in from it (told on the
page, nothing lost, that the short description is out of range); a stakeholder nominates someone else's
project and its contact confirms through the mailed link; the entry then shows its prize history, and its
stage once the nominees are published. The other way: a submitted project is published to the stocktaking
from its page. axe-core checks each page in both languages."""

import re
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from prizes import services
from prizes.models import Submission
from stocktaking.models import Entry
from tests.browser.conftest import Accessibility, sign_in
from tests.factories import (
    PASSWORD,
    EditionFactory,
    FocalPointFactory,
    OrganisationFactory,
    PhaseFactory,
    PrizeCycleFactory,
    PrizeSubmissionFactory,
    UserFactory,
    prize_category,
)
from tests.stocktaking.factories import PublishedEntryFactory
from wsis_portal.editions.models import GDCObjective, Process, SustainableDevelopmentGoal
from wsis_portal.mail.models import OutboundMail

TEXTS = {
    "ar": {
        "title": "سجلات صحية إلكترونية للعيادات الريفية",
        "description": "تحفظ العيادات الريفية سجلات المرضى على أجهزة لوحية، فيرى الممرضون تاريخ كل مريض "
        "ويتابعون اللقاحات والأدوية، وتصل التقارير إلى وزارة الصحة كل أسبوع دون ورق ودون تأخير، "
        "وتُدرَّب الممرضات على استعمالها في كل محافظة.",
        "too_short": "ثلاث كلمات فقط",
        "short": "عيادات ريفية تحفظ سجلات المرضى على أجهزة لوحية وتتابع اللقاحات والأدوية",
        "text": "نص تجريبي عن المشروع.",
        "nominated": "شبكات مجتمعية للنطاق العريض في الأرياف",
    },
    "en": {
        "title": "E-health records for rural clinics",
        "description": "Rural clinics keep patient records on tablets, so nurses see the history of each "
        "patient, follow vaccines and medicines, and reports reach the ministry of health every week "
        "without paper and without delay, with nurses trained in every county.",
        "too_short": "Only three words",
        "short": "Rural clinics keep patient records on tablets and follow vaccines and medicines",
        "text": "A sample text about the project.",
        "nominated": "Community networks for rural broadband",
    },
}
BOXES = ("impact_qualitative", "impact_quantitative", "partnerships", "challenges", "future_plans")


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


def focal_point_of(organisation, language):
    return FocalPointFactory(
        organisation=organisation,
        status="confirmed",
        user__preferred_language=language,
        user__organisation=organisation,
    ).user


def expect_language(page, language):
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_submit_from_a_stocktaking_entry_nominate_and_confirm(page, new_page, open_cycle, language):
    texts = TEXTS[language]
    organisation = OrganisationFactory(name="Nile Digital Inclusion Forum", country="EG")
    focal_point = focal_point_of(organisation, language)
    entry = PublishedEntryFactory(
        owner=focal_point,
        organisation=organisation,
        title=texts["title"],
        description=texts["description"],
        language=language,
        action_lines=["C7.4", "C3"],
        countries=["EG"],
        sdgs=[3],
        gdc_objectives=[2],
        work_status="completed",
    )
    entry_url = f"/{language}/stocktaking/entries/{entry.pk}/"

    # The focal point opens their published entry and submits it for a prize.
    axe = Accessibility(page)
    sign_in(page, focal_point.email, PASSWORD, language)
    page.goto(entry_url)
    expect_language(page, language)
    axe.check()
    page.locator(f"main a[href='/{language}/prizes/mine/new/?entry={entry.pk}']").click()
    expect(page).to_have_url(re.compile(rf"/{language}/prizes/mine/new/\?entry={entry.pk}$"))
    expect(page.locator("[data-from-entry]")).to_have_attribute("data-from-entry", str(entry.pk))
    expect(page.locator("input[name=title]")).to_have_value(texts["title"])
    expect(page.locator("textarea[name=description]")).to_have_value(texts["description"])
    expect(page.locator("textarea[name=short_description]")).to_have_value("")
    expect(page.locator("select[name=category]")).to_have_value(str(prize_category("C7.4").pk))
    expect(page.locator("select[name=organisation]")).to_have_value(str(organisation.pk))
    expect(page.locator("select[name=language]")).to_have_value(language)
    expect(page.locator("select[name=stocktaking_entry]")).to_have_value(str(entry.pk))
    expect(page.locator("input[name=project_status][value=completed]")).to_be_checked()
    sdg = SustainableDevelopmentGoal.objects.get(number=3).pk
    expect(page.locator(f"input[name=sdgs][value='{sdg}']")).to_be_checked()
    objective = GDCObjective.objects.get(number=2).pk
    expect(page.locator(f"input[name=gdc_objectives][value='{objective}']")).to_be_checked()
    assert not Submission.objects.exists()
    axe.check()

    page.locator("textarea[name=short_description]").fill(texts["too_short"])
    for name in BOXES:
        page.locator(f"textarea[name={name}]").fill(texts["text"])
    page.locator("button[name=submit]").click()
    expect(page.get_by_role("alert")).to_contain_text("3")
    expect(page.locator("input[name=title]")).to_have_value(texts["title"])
    expect(page.locator("textarea[name=partnerships]")).to_have_value(texts["text"])
    expect(page.locator("textarea[name=short_description]")).to_have_value(texts["too_short"])
    axe.check()
    assert Submission.objects.get().state == "draft"

    page.locator("textarea[name=short_description]").fill(texts["short"])
    page.locator("button[name=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/prizes/mine/\d+/$"))
    axe.check()
    submission = Submission.objects.get()
    assert (
        submission.state,
        submission.stocktaking_entry_id,
        submission.category.code,
        submission.language,
        submission.organisation_id,
    ) == ("submitted", entry.pk, "C7.4", language, organisation.pk)

    # A stakeholder nominates someone else's project; its contact confirms through the mailed link.
    nominee_organisation = OrganisationFactory(name="Community Networks Alliance", country="ZA")
    nominator = UserFactory(preferred_language=language)
    nominating = new_page(language)
    nominator_axe = Accessibility(nominating)
    sign_in(nominating, nominator.email, PASSWORD, language)
    nominating.goto(f"/{language}/prizes/mine/nominate/")
    expect(nominating.locator("select[name=organisation]")).to_be_visible()
    nominator_axe.check()
    nominating.locator("select[name=category]").select_option(str(prize_category("C3").pk))
    nominating.locator("select[name=organisation]").select_option(str(nominee_organisation.pk))
    nominating.locator("input[name=title]").fill(texts["nominated"])
    nominating.locator("select[name=language]").select_option(language)
    nominating.locator("textarea[name=short_description]").fill(texts["short"])
    nominating.locator("textarea[name=description]").fill(texts["text"])
    for name in BOXES:
        nominating.locator(f"textarea[name={name}]").fill(texts["text"])
    nominating.locator(f"input[name=sdgs][value='{sdg}']").check()
    nominating.locator(f"input[name=gdc_objectives][value='{objective}']").check()
    nominating.locator("input[name=project_status][value=completed]").check()
    nominating.locator("input[name=contact_name]").fill("Thandi Mokoena")
    nominating.locator("input[name=contact_email]").fill("thandi@cna.example.org")
    nominating.locator("button[name=submit]").click()
    expect(nominating).to_have_url(re.compile(rf"/{language}/prizes/mine/\d+/$"))
    nominator_axe.check()
    nomination = Submission.objects.get(kind="nomination")
    assert (nomination.state, nomination.confirmation) == ("submitted", "pending")

    body = OutboundMail.objects.get(to=["thandi@cna.example.org"]).body
    path = re.search(rf"https?://[^/\s]+(/{language}/prizes/confirm/\S+/)", body).group(1)
    contact = new_page(language)
    contact_axe = Accessibility(contact)
    contact.goto(path)
    expect_language(contact, language)
    expect(contact.locator("main")).to_contain_text(texts["nominated"])
    contact_axe.check()
    contact.locator("button[name=answer][value=confirm]").click()
    expect(contact).to_have_url(re.compile(rf"{re.escape(path)}$"))
    expect(contact.locator("main .message-success")).to_be_visible()
    contact_axe.check()
    nomination.refresh_from_db()
    assert nomination.confirmation == "confirmed"

    # The entry shows its prize history: submitted, then nominee once the nominees are published.
    year = str(open_cycle.edition.year)
    history = page.locator("main [data-prize-history]")
    page.goto(entry_url)
    expect(history.locator(f"tr[data-cycle='{year}'] td[data-stage]")).to_have_attribute(
        "data-stage", "submitted"
    )
    expect(history.locator("tbody tr")).to_have_count(1)
    expect(page.locator(f"main a[href*='/prizes/mine/new/?entry={entry.pk}']")).to_have_count(0)
    axe.check()
    Submission.objects.filter(pk=submission.pk).update(state="nominee")
    open_cycle.nominees_published_at = timezone.now() - timedelta(minutes=1)
    open_cycle.save()
    visitor = new_page(language)
    visitor_axe = Accessibility(visitor)
    visitor.goto(entry_url)
    expect(
        visitor.locator(f"main [data-prize-history] tr[data-cycle='{year}'] td[data-stage]")
    ).to_have_attribute("data-stage", "nominee")
    visitor_axe.check()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_submitted_project_is_published_to_the_stocktaking(page, open_cycle, language):
    texts = TEXTS[language]
    organisation = OrganisationFactory(name="Nile Digital Inclusion Forum", country="EG")
    focal_point = focal_point_of(organisation, language)
    submission = PrizeSubmissionFactory(
        cycle=open_cycle,
        owner=focal_point,
        organisation=organisation,
        title=texts["title"],
        language=language,
        category=prize_category("C7.4"),
    )
    services.submit(submission, focal_point)

    axe = Accessibility(page)
    sign_in(page, focal_point.email, PASSWORD, language)
    page.goto(f"/{language}/prizes/mine/{submission.pk}/")
    expect_language(page, language)
    axe.check()
    page.locator("button[name=publish]").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#id_is_global")).to_have_attribute("aria-invalid", "true")
    assert not Entry.objects.exists()
    axe.check()

    page.locator("select[name=countries]").select_option(["EG", "KE"])
    page.locator("button[name=publish]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/prizes/mine/{submission.pk}/$"))
    entry = Entry.objects.get()
    expect(page.locator(f"main [data-stocktaking-entry='{entry.pk}']")).to_be_visible()
    expect(page.locator("button[name=publish]")).to_have_count(0)
    axe.check()
    assert (entry.state, entry.kind, entry.title, entry.organisation_id, entry.main_action_line.code) == (
        "submitted",
        "project",
        texts["title"],
        organisation.pk,
        "C7.4",
    )
    assert sorted(entry.country_links.values_list("country", flat=True)) == ["EG", "KE"]

    page.locator(f"main a[href='/{language}/stocktaking/mine/{entry.pk}/']").click()
    expect(page).to_have_url(re.compile(rf"/{language}/stocktaking/mine/{entry.pk}/$"))
    expect(page.locator("main [data-prize-history] td[data-stage]")).to_have_attribute(
        "data-stage", "submitted"
    )
    axe.check()

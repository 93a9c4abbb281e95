"""Stage 3: the stocktaking and the WSIS Prizes 2028. A stakeholder signs up on a phone in Arabic, joins
an organisation and files two stocktaking entries; the officer returns one for changes and publishes both
from the Arabic admin; the public finds the entry. The officer opens the 2028 prize cycle; the stakeholder
submits the published entry for a prize; the officer moves the cycle on by editing its phase dates,
assigns experts who signed up on the site, who score in their browsers; the officer marks and publishes
the nominees; voters sign up and vote; the officer computes and publishes the champions, chooses and
publishes the winners; the certificates are downloaded in Arabic and English."""

import re
import subprocess
import tempfile
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from prizes.models import Certificate, PrizeCycle, Submission, Vote
from stocktaking.models import Entry
from tests.browser.conftest import Accessibility
from wsis_portal.editions.models import Edition, GDCObjective

from .common import YEAR, fill_datetime, join_organisation, mailed_link, run_action, save, sign_up
from .edition import edition_label

STAKEHOLDER = "amal.haddad@nilebridge.example.org"
ORGANISATION = "جمعية جسور النيل للشمول الرقمي"
ENTRY_TITLE = "حافلات المعرفة الرقمية في قرى الصعيد"
EVENT_TITLE = "ملتقى الصعيد الرقمي للشباب"


def action_line(page, code):
    """The checkbox of action line ``code`` on a stocktaking form."""
    from wsis_portal.editions.models import ActionLine

    return page.locator(f"input[name=action_lines][value='{ActionLine.objects.get(code=code).pk}']")


def file_entry(page, axe, kind, title, description, code):
    page.goto("/ar/stocktaking/mine/new/")
    axe.check()
    page.locator("select[name=kind]").select_option(kind)
    page.locator("input[name=title]").fill(title)
    page.locator("textarea[name=description]").fill(description)
    page.locator("select[name=language]").select_option("ar")
    page.locator("select[name=countries]").select_option(["EG"])
    action_line(page, code).check()
    page.locator("select[name=work_status]").select_option("completed")
    page.locator("button[name=submit]").click()
    expect(page).to_have_url(re.compile(r"/ar/stocktaking/mine/\d+/$"))
    axe.check()
    return Entry.objects.get(title=title)


def review_entry(rehearsal, entry, decision, comment=""):
    officer = rehearsal.officer
    officer.goto(f"/ar/admin/stocktaking/entry/{entry.pk}/change/")
    rehearsal.axe.check()
    officer.locator(f"input[name=decision][value={decision}]").check()
    if comment:
        officer.locator("textarea[name=comment]").fill(comment)
    officer.get_by_role("button", name="تسجيل القرار").click()
    expect(officer.locator(".messagelist")).to_contain_text("عولج مدخل واحد (1).")


def stocktaking(rehearsal):
    """The stakeholder's two entries, reviewed and published; the public finds the project."""
    page = sign_up(rehearsal, STAKEHOLDER, "أمل الحداد", phone=True)
    axe = Accessibility(page)
    join_organisation(rehearsal, STAKEHOLDER, ORGANISATION, "civil_society", "EG", "منسقة المشروعات")
    entry = file_entry(
        page,
        axe,
        "project",
        ENTRY_TITLE,
        "حافلات مجهّزة بالحواسيب والإنترنت تجوب قرى الصعيد كل أسبوع، وتقدّم للنساء والشباب دورات في "
        "المهارات الرقمية وفي استعمال الخدمات الحكومية الإلكترونية.",
        "C4",
    )
    event = file_entry(
        page,
        axe,
        "event",
        EVENT_TITLE,
        "ملتقى سنوي في أسيوط يجمع الشباب ورواد الأعمال حول التطبيقات الرقمية في الزراعة والتجارة.",
        "C7.8",
    )
    assert (entry.state, event.state) == ("submitted", "submitted")

    # The officer returns the project for changes: its goals are missing.
    officer = rehearsal.officer
    officer.goto("/ar/admin/stocktaking/entry/?state__exact=submitted")
    rehearsal.axe.check()
    expect(officer.locator("#result_list")).to_contain_text(ENTRY_TITLE)
    review_entry(rehearsal, entry, "return", "أضيفوا أهداف التنمية المستدامة التي يخدمها المشروع.")
    entry.refresh_from_db()
    assert entry.state == "returned"

    # The stakeholder reads the comment in their browser, adds the goals and sends it again.
    page.goto(f"/ar/stocktaking/mine/{entry.pk}/")
    expect(page.locator("main")).to_contain_text("أهداف التنمية المستدامة التي يخدمها المشروع")
    axe.check()
    page.goto(f"/ar/stocktaking/mine/{entry.pk}/edit/")
    from wsis_portal.editions.models import SustainableDevelopmentGoal

    for number in (4, 5):
        goal = SustainableDevelopmentGoal.objects.get(number=number).pk
        page.locator(f"input[name=sdgs][value='{goal}']").check()
    page.locator("button[name=submit]").click()
    expect(page).to_have_url(re.compile(rf"/ar/stocktaking/mine/{entry.pk}/$"))

    # The officer approves the project on its page and the event from the list.
    review_entry(rehearsal, entry, "approve")
    officer.goto("/ar/admin/stocktaking/entry/?state__exact=submitted")
    run_action(officer, EVENT_TITLE, "approve_selected")
    expect(officer.locator(".messagelist")).to_contain_text("عولج مدخل واحد (1).")
    rehearsal.axe.check()
    entry.refresh_from_db()
    event.refresh_from_db()
    assert (entry.state, event.state) == ("accepted", "accepted")

    # A visitor finds the project on the public stocktaking search, spelled otherwise.
    visitor = rehearsal.open_page("ar")
    visitor_axe = Accessibility(visitor)
    visitor.goto("/ar/stocktaking/")
    visitor.locator("input[name=q]").fill("حافلات المعرفه الرقميه")
    visitor.locator("input[name=q]").press("Enter")
    expect(visitor.locator(".result-list")).to_contain_text(ENTRY_TITLE)
    visitor_axe.check()
    visitor.get_by_role("link", name=ENTRY_TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(ENTRY_TITLE)
    visitor_axe.check()
    return entry


SHORT = (
    "حافلات مجهزة بالحواسيب والإنترنت تزور أربعين قرية في الصعيد كل أسبوع، فتدرّب النساء والشباب على "
    "المهارات الرقمية وعلى الخدمات الحكومية الإلكترونية، وقد تخرّج منها ستة آلاف متدرب في ثلاث سنوات."
)
EXPERTS = {
    "khaled.omari@experts.example.org": ("خالد العمري", "ar"),
    "grace.mwangi@experts.example.org": ("Grace Mwangi", "en"),
}
VOTERS = {
    "salma.voter@example.org": ("سلمى يوسف", "ar"),
    "tom.voter@example.org": ("Tom Becker", "en"),
}


def open_cycle(rehearsal):
    """The officer sets up the 2028 cycle: its introduction, word range and languages."""
    officer, axe = rehearsal.officer, rehearsal.axe
    edition = Edition.objects.get(year=YEAR)
    officer.goto("/ar/admin/prizes/prizecycle/add/")
    axe.check()
    officer.locator("select[name=edition]").select_option(label=edition_label(edition))
    officer.locator("[name=introduction_ar]").fill(
        "تدعو الأمانة أصحاب المصلحة إلى تقديم مشروعاتهم لجوائز القمة."
    )
    officer.locator("[name=introduction_en]").fill(
        "The secretariat invites stakeholders to submit their projects."
    )
    officer.locator("input[name=short_description_min_words]").fill("20")
    officer.locator("input[name=short_description_max_words]").fill("80")
    for language in ("ar", "en"):
        officer.locator(f"input[name=content_languages][value={language}]").check()
    save(officer, axe)
    cycle = PrizeCycle.objects.get(edition=edition)
    assert cycle.content_languages == ["ar", "en"]
    # The 18 categories come with the portal.
    officer.goto("/ar/admin/prizes/prizecategory/")
    axe.check()
    expect(officer.locator("#result_list tbody tr")).to_have_count(18)
    return cycle


def submit_entry(rehearsal, entry):
    """The stakeholder submits their published entry for a prize, from the entry's page."""
    page = rehearsal.people[STAKEHOLDER]
    axe = Accessibility(page)
    page.goto(f"/ar/stocktaking/entries/{entry.pk}/")
    axe.check()
    page.locator(f"main a[href='/ar/prizes/mine/new/?entry={entry.pk}']").click()
    expect(page.locator("input[name=title]")).to_have_value(ENTRY_TITLE)
    expect(page.locator("select[name=stocktaking_entry]")).to_have_value(str(entry.pk))
    axe.check()
    page.locator("textarea[name=short_description]").fill(SHORT)
    for name, text in (
        ("impact_qualitative", "صارت النساء في القرى يستعملن الخدمات الحكومية الإلكترونية وحدهن."),
        ("impact_quantitative", "ستة آلاف متدرب في أربعين قرية خلال ثلاث سنوات."),
        ("partnerships", "وزارة الاتصالات ومديريات التعليم في أسيوط وسوهاج."),
        ("challenges", "ضعف تغطية الشبكات في بعض القرى."),
        ("future_plans", "التوسع إلى قرى محافظة قنا في العام المقبل."),
    ):
        page.locator(f"textarea[name={name}]").fill(text)
    objective = GDCObjective.objects.get(number=1).pk
    page.locator(f"input[name=gdc_objectives][value='{objective}']").check()
    page.locator("button[name=submit]").click()
    expect(page).to_have_url(re.compile(r"/ar/prizes/mine/\d+/$"))
    axe.check()
    submission = Submission.objects.get(stocktaking_entry=entry)
    assert (submission.state, submission.category.code, submission.language) == ("submitted", "C4", "ar")
    return submission


def move_phases(rehearsal, dates):
    """The officer edits the dates of the edition's prize phases: ``dates`` maps a phase key to (opens,
    closes), instants."""
    officer = rehearsal.officer
    edition = Edition.objects.get(year=YEAR)
    officer.goto(f"/ar/admin/editions/edition/{edition.pk}/change/")
    rows = officer.locator("#phases-group select[name$='-key']")
    moved = set()
    for index in range(rows.count()):
        name = rows.nth(index).get_attribute("name").removesuffix("-key")
        process = officer.locator(f"select[name='{name}-process']").input_value()
        key = rows.nth(index).input_value()
        if process == "prizes" and key in dates:
            opens, closes = dates[key]
            fill_datetime(officer, f"{name}-opens_at", opens)
            fill_datetime(officer, f"{name}-closes_at", closes)
            moved.add(key)
    assert moved == set(dates), moved
    save(officer, rehearsal.axe)
    for key, (opens, closes) in dates.items():
        phase = edition.phases.get(process="prizes", key=key)
        assert (phase.opens_at, phase.closes_at) == (opens, closes), key


def minute(offset_minutes=0):
    return timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=offset_minutes)


def expert_review(rehearsal, cycle, submission):
    """Two people who signed up are assigned as experts of C4 and score the project in their browsers."""
    officer, axe = rehearsal.officer, rehearsal.axe
    pages = {}
    for email, (name, language) in EXPERTS.items():
        pages[email] = sign_up(
            rehearsal,
            email,
            name,
            language,
            stakeholder_type="academia",
            country="KE" if language == "en" else "JO",
        )
    for name, _language in EXPERTS.values():
        officer.goto("/ar/admin/prizes/expertassignment/add/")
        axe.check()
        officer.locator("select[name=cycle]").select_option(label=str_ar(cycle))
        officer.locator("select[name=category]").select_option(label=category_label("C4"))
        officer.locator("select[name=expert]").select_option(label=name)
        save(officer, axe)
    assert cycle.expert_assignments.count() == 2

    for number, (email, (_name, language)) in enumerate(EXPERTS.items()):
        page = pages[email]
        expert_axe = Accessibility(page)
        # The expert opens the link of the mail telling them they were assigned.
        page.goto(mailed_link(email, rf"https?://\S+/{language}/prizes/review/"))
        expect(page.locator("main")).to_contain_text(ENTRY_TITLE)
        expert_axe.check()
        page.locator(f"main a[href='/{language}/prizes/review/{submission.pk}/']").first.click()
        expect(page.locator("input[name=results_impact]")).to_be_visible()
        expert_axe.check()
        for criterion in (
            "results_impact",
            "community_empowerment",
            "sdg_relevance",
            "replication",
            "sustainability",
            "partnerships",
            "wsis_values",
        ):
            page.locator(f"input[name={criterion}]").fill(str(8 + number))
        page.locator("textarea[name=comment]").fill("مشروع متين" if language == "ar" else "A sound project.")
        page.locator("main form button[type=submit]").first.click()
        expect(page).to_have_url(re.compile(rf"/{language}/prizes/review/$"))
        expect(page.get_by_role("status").first).to_be_visible()
        expert_axe.check()
    assert submission.scores.count() == 2


def str_ar(obj):
    from django.utils import translation

    with translation.override("ar"):
        return str(obj)


def category_label(code):
    from prizes.models import PrizeCategory

    category = PrizeCategory.objects.select_related("action_line").get(action_line__code=code)
    return str_ar(category)


def nominees(rehearsal, submission):
    """The officer marks the project a nominee from the ranking, closes the review and publishes."""
    officer, axe = rehearsal.officer, rehearsal.axe
    officer.goto("/ar/admin/prizes/score/")
    axe.check()
    officer.locator("a[href$='/admin/prizes/score/overview/']").click()
    expect(officer.locator("#id_stage")).to_have_value("nomination")
    axe.check()
    officer.locator(f"input[name=_selected_action][value='{submission.pk}']").check()
    officer.locator("form[action$='/admin/prizes/submission/'] input[type=submit]").click()
    expect(officer.locator(".messagelist .success")).to_be_visible()
    submission.refresh_from_db()
    assert submission.state == "nominee"
    axe.check()


def publish_nominees(rehearsal):
    officer, axe = rehearsal.officer, rehearsal.axe
    officer.goto(f"/ar/admin/prizes/score/overview/?cycle={YEAR}&stage=nomination")
    officer.locator("form[action$='/overview/publish/'] input[type=submit]").click()
    expect(officer.locator(".messagelist .success")).to_be_visible()
    axe.check()
    assert PrizeCycle.objects.get(edition__year=YEAR).nominees_published_at is not None


def vote(rehearsal, submission):
    """Voters sign up and vote on the public site: one vote per person."""
    for email, (name, language) in VOTERS.items():
        page = sign_up(rehearsal, email, name, language, phone=language == "ar")
        axe = Accessibility(page)
        page.goto(f"/{language}/prizes/vote/")
        axe.check()
        page.goto(f"/{language}/prizes/vote/C4/")
        expect(page.locator("main")).to_contain_text(ENTRY_TITLE)
        axe.check()
        page.locator(f"main form:has(input[name=submission][value='{submission.pk}']) button").click()
        expect(page.get_by_role("status").first).to_be_visible()
        expect(page.locator("main .nominees .badge-open")).to_be_visible()
        axe.check()
    assert Vote.objects.filter(submission=submission).count() == 2

    # The same mailbox behind a second account (a "+tag" address) does not vote twice.
    again = "salma.voter+again@example.org"
    page = sign_up(rehearsal, again, "سلمى يوسف")
    page.goto("/ar/prizes/vote/C4/")
    page.locator(f"main form:has(input[name=submission][value='{submission.pk}']) button").click()
    expect(page.get_by_role("alert")).to_contain_text("بعنوان بريدك الإلكتروني")
    Accessibility(page).check()
    assert Vote.objects.filter(submission=submission).count() == 2


def champions(rehearsal):
    officer, axe = rehearsal.officer, rehearsal.axe
    officer.goto("/ar/admin/prizes/vote/")
    axe.check()
    officer.locator("a[href$='/admin/prizes/vote/counts/']").click()
    expect(officer.locator("#id_cycle")).to_have_value(str(YEAR))
    axe.check()
    officer.locator("button[name=do][value=champions]").click()
    expect(officer.locator(".messagelist .success")).to_be_visible()
    officer.locator("button[name=do][value=publish]").click()
    expect(officer.locator(".messagelist .success")).to_be_visible()
    axe.check()


def winners(rehearsal, submission):
    officer, axe = rehearsal.officer, rehearsal.axe
    officer.goto(f"/ar/admin/prizes/score/overview/?cycle={YEAR}&stage=selection")
    axe.check()
    officer.locator(f"input[name=_selected_action][value='{submission.pk}']").check()
    officer.locator("form[action$='/admin/prizes/submission/'] input[type=submit]").click()
    expect(officer.locator(".messagelist .success")).to_be_visible()
    submission.refresh_from_db()
    assert submission.state == "winner"


def publish_winners(rehearsal):
    officer, axe = rehearsal.officer, rehearsal.axe
    officer.goto(f"/ar/admin/prizes/score/overview/?cycle={YEAR}&stage=selection")
    officer.locator("form[action$='/overview/publish/'] input[type=submit]").click()
    expect(officer.locator(".messagelist .success")).to_be_visible()
    axe.check()


def certificates(rehearsal, submission):
    """The officer downloads each certificate in Arabic and English; pdftotext reads the project."""
    officer, axe = rehearsal.officer, rehearsal.axe
    officer.goto("/ar/admin/prizes/certificate/")
    axe.check()
    issued = Certificate.objects.filter(submission=submission).order_by("kind")
    assert [c.kind for c in issued] == ["champion", "winner"]
    for certificate in issued:
        officer.goto(f"/ar/admin/prizes/certificate/{certificate.pk}/change/")
        axe.check()
        for language, expected in (("ar", "جوائز القمة العالمية"), ("en", "WSIS Prizes")):
            href = officer.locator(f".field-files a[href$='/{language}.pdf']").get_attribute("href")
            response = officer.request.get(href)
            assert response.ok and response.headers["content-type"] == "application/pdf", href
            with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
                pdf.write(response.body())
                pdf.flush()
                text = subprocess.run(["pdftotext", pdf.name, "-"], capture_output=True, text=True).stdout
            assert certificate.code in text, (language, text)
            assert expected in text, (language, text)


def run(rehearsal):
    entry = stocktaking(rehearsal)
    cycle = open_cycle(rehearsal)
    submission = submit_entry(rehearsal, entry)
    move_phases(
        rehearsal,
        {"submission": (minute(-60 * 24), minute(-1)), "nomination": (minute(-1), minute(60 * 24 * 15))},
    )
    cycle.refresh_from_db()
    expert_review(rehearsal, cycle, submission)
    nominees(rehearsal, submission)
    move_phases(
        rehearsal, {"nomination": (minute(-60), minute(-1)), "voting": (minute(-1), minute(60 * 24 * 15))}
    )
    publish_nominees(rehearsal)
    vote(rehearsal, submission)
    move_phases(
        rehearsal, {"voting": (minute(-60), minute(-1)), "selection": (minute(-1), minute(60 * 24 * 15))}
    )
    champions(rehearsal)
    submission.refresh_from_db()
    assert submission.state == "champion"
    winners(rehearsal, submission)
    move_phases(rehearsal, {"selection": (minute(-60), minute(-1))})
    publish_winners(rehearsal)
    certificates(rehearsal, submission)
    # The public reads the results: the project is the winner of its category.
    visitor = rehearsal.open_page("en")
    visitor.goto(f"/en/prizes/{YEAR}/results/")
    winner = visitor.locator("main section.card", has=visitor.locator("h3", has_text="Winner"))
    expect(winner).to_contain_text(ENTRY_TITLE)
    Accessibility(visitor).check()

"""Stage 5: the reminders. Two stakeholders (one in Arabic, one in English) leave draft contributions to the
2028 consultation; the officer, rehearsing the last week before the deadline, brings the contributions
deadline five days near in the Arabic admin, opens "Scheduled reminders" and sees who gets which mail, when
and in which language; sends the due ones now (each recipient gets one, in their language, and pressing again
sends nothing); pauses the rule, after which a new draft is neither listed nor reminded until the rule is
resumed; then puts the deadline back where it was."""

import re
from datetime import timedelta

from django.utils import timezone, translation
from playwright.sync_api import expect

from consultations.models import Contribution
from tests.browser.conftest import Accessibility
from wsis_portal.mail.models import OutboundMail
from wsis_portal.reminders import registry
from wsis_portal.reminders.models import ReminderDelivery
from wsis_portal.reminders.services import shown_deadline

from .common import YEAR, fill_datetime, local, mailed_link, run_action, save, sign_up

RULE = "consultations.draft_contribution"
SAMIRA = "samira.reminders@example.org"
TOM = "tom.reminders@example.org"
DRAFTS = {
    SAMIRA: ("سميرة بن علي", "ar", "الإذاعات المجتمعية في عصر المنصات"),
    TOM: ("Tom Okafor", "en", "Local languages on the open web"),
}
LATE_DRAFT = "Digital public goods for municipalities"
SUBJECT = "Reminder: your contribution to the open consultation is not sent yet"


def save_draft(page, language, title):
    """``page``'s owner starts a contribution in their own name and saves it as a draft."""
    page.goto(f"/{language}/consultations/contributions/new/")
    Accessibility(page).check()
    page.locator("input[name=kind][value=priorities]").check()
    page.locator("input[name=title]").fill(title)
    page.locator("textarea[name=text]").fill(title + ".")
    page.locator("select[name=language]").select_option(language)
    page.locator("input[name=topics]").first.check()
    page.locator("button[name=save]").click()
    expect(page.get_by_role("status").first).to_be_visible()
    assert Contribution.objects.get(title=title).state == "draft"


def contributions_deadline(rehearsal, moment=None, shown=None):
    """Open the 2028 edition in the admin and read the contributions phase's deadline as its inputs show
    it; set it to ``moment`` (or back to the ``shown`` inputs) and save. Returns what the inputs showed."""
    page, axe = rehearsal.officer, rehearsal.axe
    page.goto(rehearsal.edition_url())
    with page.expect_navigation():
        page.get_by_role("link", name=str(YEAR)).first.click()
    # The inline's rows (not the blank one its "add" link copies), as (index, process, phase).
    rows = [
        (
            name.split("-")[1],
            select.input_value(),
            page.locator(f"select[name='{name[:-7]}key']").input_value(),
        )
        for select in page.locator("select[name^='phases-'][name$='-process']").all()
        if "__prefix__" not in (name := select.get_attribute("name"))
    ]
    index = next(
        (i for i, process, key in rows if (process, key) == ("consultations", "contributions")), None
    )
    assert index is not None, rows
    name = f"phases-{index}-closes_at"
    before = tuple(page.locator(f"input[name='{name}_{part}']").input_value() for part in (0, 1))
    if moment is not None:
        fill_datetime(page, name, moment)
    else:
        for part, value in enumerate(shown):
            page.locator(f"input[name='{name}_{part}']").fill(value)
    save(page, axe, button="_continue")
    axe.check()
    return before


def open_scheduled(rehearsal):
    """From the admin's home, the reminder rules, then their scheduled reminders."""
    page, axe = rehearsal.officer, rehearsal.axe
    page.goto("/ar/admin/")
    page.get_by_role("link", name="قواعد التذكير").first.click()
    axe.check()
    page.get_by_role("link", name="التذكيرات المجدولة").click()
    expect(page.get_by_role("heading", name="التذكيرات المجدولة")).to_be_visible()
    axe.check()
    return page.locator(f"[id='rule-{RULE}']")


def arabic(text):
    with translation.override("ar"):
        return str(translation.gettext(text))


def language_name(code):
    """The recipient's language as the Arabic schedule names it (in Arabic, not in itself)."""
    return {"ar": "العربية", "en": "الإنجليزية"}[code]


def sent_reminders(email):
    return OutboundMail.objects.filter(to=[email], subject__in=[SUBJECT, arabic(SUBJECT)])


def press_send(page, expected):
    with page.expect_navigation():
        page.get_by_role("button", name="إرسال التذكيرات المستحقة الآن").click()
    expect(page.locator(".messagelist .success")).to_contain_text(expected)


def run(rehearsal):
    page, axe = rehearsal.officer, rehearsal.axe
    people = {
        email: sign_up(rehearsal, email, name, language) for email, (name, language, _title) in DRAFTS.items()
    }
    for email, (_name, language, title) in DRAFTS.items():
        save_draft(people[email], language, title)

    # Five days before the deadline, a draft's reminder of seven days before is due.
    deadline = local(timezone.now() + timedelta(days=5)).replace(second=0, microsecond=0)
    kept = contributions_deadline(rehearsal, deadline)
    rule = registry.get(RULE)
    section = open_scheduled(rehearsal)
    expect(section).to_contain_text(rule.template)
    with translation.override("ar"):
        when = shown_deadline(rule.send_at(deadline, 7))["geneva"]
    for email, (name, language, title) in DRAFTS.items():
        row = section.get_by_role("row", name=re.compile(re.escape(email))).filter(has_text="مستحق الآن")
        expect(row).to_have_count(1)
        cells = row.locator("td")
        expect(cells.nth(0)).to_have_text(when)
        expect(cells.nth(1)).to_have_text(f"{name} {email}")
        expect(cells.nth(2)).to_have_text(arabic(SUBJECT) if language == "ar" else SUBJECT)
        expect(cells.nth(3)).to_have_text(title)
        expect(cells.nth(4)).to_have_text(language_name(language))
        expect(cells.nth(5)).to_have_text("7")
    due = int(page.locator("form p bdi").first.inner_text())
    assert due >= len(DRAFTS), due

    # Sent now: one mail each, in the recipient's language; pressing again sends nothing.
    press_send(page, f"({due})" if due <= 2 else str(due))
    axe.check()
    for email, (_name, language, title) in DRAFTS.items():
        (mail,) = sent_reminders(email)
        assert (mail.language, mail.subject) == (language, arabic(SUBJECT) if language == "ar" else SUBJECT)
        assert title in mail.body, mail.body
        delivery = ReminderDelivery.objects.get(rule=RULE, recipient=email)
        assert (delivery.status, delivery.offset, delivery.language) == ("sent", 7, language)
    press_send(page, "لم يُرسَل أي تذكير مستحق (0).")
    for email in DRAFTS:
        assert sent_reminders(email).count() == 1
    for email, (_name, language, title) in DRAFTS.items():
        people[email].goto(mailed_link(email, rf"https?://\S+/{language}/consultations/contributions/\d+/"))
        expect(people[email].get_by_role("heading", level=1)).to_have_text(title)

    # The officer pauses the rule: a draft saved now is not listed, and not reminded when due.
    page.goto("/ar/admin/reminders/reminderrule/")
    run_action(page, RULE, "pause")
    expect(page.locator(".messagelist .success")).to_be_visible()
    axe.check()
    save_draft(people[TOM], "en", LATE_DRAFT)
    section = open_scheduled(rehearsal)
    expect(section).to_contain_text(
        arabic("This rule is paused: the sweep sends none of its reminders until it is resumed.")
    )
    expect(section.locator("tbody tr")).to_have_count(0)
    press_send(page, "")
    assert ReminderDelivery.objects.filter(rule=RULE, recipient=TOM).count() == 1
    assert sent_reminders(TOM).count() == 1

    # Resumed, the late draft is due again: the pause held it back, it did not drop it.
    page.goto("/ar/admin/reminders/reminderrule/")
    run_action(page, RULE, "unpause")
    expect(page.locator(".messagelist .success")).to_be_visible()
    section = open_scheduled(rehearsal)
    expect(
        section.get_by_role("row").filter(has_text=LATE_DRAFT).filter(has_text="مستحق الآن")
    ).to_have_count(1)

    # The rehearsal of the last week is over: the deadline goes back where it was.
    contributions_deadline(rehearsal, shown=kept)
    section = open_scheduled(rehearsal)
    expect(section.get_by_role("row").filter(has_text="مستحق الآن")).to_have_count(0)

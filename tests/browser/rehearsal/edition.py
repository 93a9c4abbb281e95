"""Stage 1: the officer creates the 2028 edition (dates, venue, hybrid) and dates each process's phases,
picking them from those the processes declare; a consultation set up before its required phase exists is
refused with a message naming that phase."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from wsis_portal.editions.models import Edition, Phase

from .common import YEAR, fill_datetime, save

# (process, declared key, opens in days from now, closes in days from now); the forum week is in July 2028.
PHASES = [
    ("stocktaking", "submissions", -1, 400),
    ("prizes", "submission", -1, 30),
    ("prizes", "nomination", 30, 45),
    ("prizes", "voting", 45, 60),
    ("prizes", "selection", 60, 75),
    ("forum_events", "confirmations", -1, 200),
]


def add_phase(page, index, process, key, opens, closes, now):
    """Fill row ``index`` of the edition's phases (a new row is added with the inline's own link)."""
    page.locator("#phases-group .add-row a").click()
    prefix = f"phases-{index}"
    page.locator(f"select[name='{prefix}-process']").select_option(process)
    page.locator(f"select[name='{prefix}-key']").select_option(key)
    fill_datetime(page, f"{prefix}-opens_at", now + timedelta(days=opens))
    fill_datetime(page, f"{prefix}-closes_at", now + timedelta(days=closes))


def run(rehearsal):
    page, axe = rehearsal.officer, rehearsal.axe
    now = timezone.now().replace(microsecond=0, second=0)

    page.goto("/ar/admin/editions/edition/add/")
    axe.check()
    page.locator("input[name=year]").fill(str(YEAR))
    page.locator("input[name=theme_ar]").fill("التكنولوجيا الرقمية من أجل التنمية المستدامة للجميع")
    page.locator("input[name=theme_en]").fill("Digital technology for sustainable development for all")
    page.locator("input[name=starts_on]").fill(f"{YEAR}-07-03")
    page.locator("input[name=ends_on]").fill(f"{YEAR}-07-07")
    page.locator("input[name=venue_ar]").fill("المركز الدولي للمؤتمرات في جنيف")
    page.locator("input[name=venue_en]").fill("Geneva International Conference Centre (CICG)")
    page.locator("input[name=is_hybrid]").check()
    for index, (process, key, opens, closes) in enumerate(PHASES):
        add_phase(page, index, process, key, opens, closes, now)
    # The phase select offers only the phases of the process chosen in its row.
    offered = page.locator("select[name='phases-1-key'] option:not([hidden])").all_inner_texts()
    assert [label for label in offered if label.strip() not in ("", "---------")] == [
        "تقديم المشروعات أو ترشيحها",
        "استعراض فريق الخبراء للمشروعات واختيار المرشَّحين",
        "التصويت العام",
        "اختيار الفائزين",
        "حفل توزيع جوائز القمة",
    ], offered
    save(page, axe)
    edition = Edition.objects.get(year=YEAR)
    assert (edition.venue_en, edition.is_hybrid, edition.phases.count()) == (
        "Geneva International Conference Centre (CICG)",
        True,
        len(PHASES),
    )

    # The consultation before its contributions phase: refused, naming the phase.
    page.goto("/ar/admin/consultations/consultation/add/")
    axe.check()
    page.locator("select[name=edition]").select_option(label=str(edition_label(edition)))
    page.locator("textarea[name=introduction_ar]").fill("تدعو الأمانة جميع أصحاب المصلحة إلى المساهمة.")
    page.locator("textarea[name=introduction_en]").fill(
        "The secretariat invites every stakeholder to take part."
    )
    page.locator("input[type=submit][name=_save]").click()
    expect(page.locator(".errorlist")).to_contain_text("المساهمات الرسمية")
    axe.check()

    # The officer adds the phase to the edition, then the consultation goes through.
    page.goto(f"/ar/admin/editions/edition/{edition.pk}/change/")
    add_phase(page, len(PHASES), "consultations", "contributions", -1, 60, now)
    save(page, axe)
    page.goto("/ar/admin/consultations/consultation/add/")
    page.locator("select[name=edition]").select_option(label=str(edition_label(edition)))
    page.locator("textarea[name=introduction_ar]").fill("تدعو الأمانة جميع أصحاب المصلحة إلى المساهمة.")
    page.locator("textarea[name=introduction_en]").fill(
        "The secretariat invites every stakeholder to take part."
    )
    save(page, axe)
    assert Phase.objects.filter(edition=edition, process="consultations", key="contributions").exists()
    rehearsal.found.append(("edition", edition.pk))


def edition_label(edition):
    from django.utils import translation

    with translation.override("ar"):
        return str(edition)

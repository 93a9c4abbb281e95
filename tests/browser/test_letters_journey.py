"""Circular letters in a real browser, in Arabic and in English: the secretariat drafts a letter in the
admin, issues it, watches its PDFs appear and downloads one; then starts the ministers' personalised letters
and watches their progress reach the end, and downloads the ZIP. With a broker (CI) the real worker makes
the PDFs while the page waits. axe-core checks every page visited, in both languages."""

import io
import re
import zipfile

import pytest
from playwright.sync_api import expect

from forum_events import high_level
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, EditionFactory, SecretariatFactory
from wsis_portal.letters.models import CircularLetter, LetterBatch, PersonalLetter
from wsis_portal.stakeholders.models import MemberState

WORDS = {
    "ar": {
        "letters": "رسائل معممة",
        "issued": "صدرت رسالة واحدة",
        "pdf": "العربية (PDF)",
        "personalise": "إعداد رسائل مخصّصة",
        "audience": "وزراء الدول الأعضاء المدعوة",
        "make": "إعداد الرسائل",
        "finished": "انتهى الإعداد؛ ملف ZIP جاهز.",
        "zip": "تنزيل ملف ZIP",
    },
    "en": {
        "letters": "Circular letters",
        "issued": "1 letter issued",
        "pdf": "English (PDF)",
        "personalise": "Make personalised letters",
        "audience": "Ministers of the invited Member States",
        "make": "Make the letters",
        "finished": "finished; the ZIP is ready.",
        "zip": "Download the ZIP",
    },
}
MINISTERS = {
    "KE": ("Amina Wanjiru", "أمينة وانجيرو", MemberState.Gender.WOMAN),
    "OM": ("Salim Al-Hinai", "سالم الهنائي", MemberState.Gender.MAN),
    "UY": ("Lucía Pereira", "لوسيا بيريرا", MemberState.Gender.WOMAN),
}


@pytest.mark.parametrize("language", ["ar", "en"])
def test_secretariat_issues_a_letter_and_personalises_it_for_the_ministers(
    page, axe, reference_data, celery_worker, language
):
    words = WORDS[language]
    clerk = SecretariatFactory(email="letters@example.org", preferred_language=language)
    edition = EditionFactory(year=2027)
    for code, (name_en, name_ar, gender) in MINISTERS.items():
        MemberState.objects.filter(country=code).update(
            minister_name_en=name_en, minister_name_ar=name_ar, minister_gender=gender
        )
        high_level.issue_invitation(edition, MemberState.objects.get(country=code), clerk, language=language)

    sign_in(page, clerk.email, PASSWORD, language)
    page.goto(f"/{language}/admin/")
    page.locator("th[scope=row]").get_by_role("link", name=words["letters"]).first.click()
    expect(page).to_have_url(re.compile(rf"/{language}/admin/letters/circularletter/$"))
    axe.check()

    # The draft.
    page.goto(f"/{language}/admin/letters/circularletter/add/")
    page.locator("select[name=edition]").select_option(str(edition.pk))
    page.locator("input[name=addressees][value=ministers]").check()
    for name, value in {
        "contact_name_en": "Leila Haddad",
        "contact_name_ar": "ليلى حداد",
        "contact_phone": "+41 22 730 5111",
        "contact_email": "wsis-contact@example.org",
        "subject_en": "High-level track of the WSIS Forum 2027",
        "subject_ar": "المسار الرفيع المستوى لمنتدى القمة العالمية لمجتمع المعلومات 2027",
        "body_en": "The Forum will meet in Geneva from 5 to 9 July 2027.\n\n- Confirm online.",
        "body_ar": "سيُعقد المنتدى في جنيف من 5 إلى 9 يوليو 2027.\n\n- يُرجى التأكيد عبر الإنترنت.",
        "signatory_name_en": "Amina Diallo",
        "signatory_name_ar": "أمينة ديالو",
        "signatory_title_en": "Secretary-General",
        "signatory_title_ar": "الأمينة العامة",
    }.items():
        page.locator(f"[name={name}]").fill(value)
    axe.check()
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    letter = CircularLetter.objects.get()
    assert letter.state == "draft" and re.fullmatch(r"CL-\d\d/001", letter.reference)

    # Issue it, then watch its PDFs appear on its page and download one.
    page.get_by_role("row", name=letter.reference).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("issue_letters")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text(words["issued"])
    axe.check()
    page.get_by_role("link", name=letter.reference).first.click()
    pdf_link = page.get_by_role("link", name=words["pdf"])
    expect(pdf_link).to_be_visible(timeout=60_000)  # the page follows the worker, then reloads
    axe.check()
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")

    # The ministers' letters: start them, watch the progress reach the end, download the ZIP.
    page.get_by_role("link", name=words["personalise"]).first.click()
    axe.check()
    page.get_by_label(words["audience"]).check()
    page.get_by_role("button", name=words["make"]).click()
    status = page.locator("#batch-status")
    expect(status).to_contain_text(words["finished"], timeout=90_000)
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "3")
    axe.check()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(words["zip"])).click()
    with zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read())) as archive:
        names = sorted(archive.namelist())
    assert [name.rsplit("-", 2)[-2] for name in names] == ["KE", "OM", "UY"]
    assert all(name.endswith(f"-{language}.pdf") for name in names)

    batch = LetterBatch.objects.get()
    assert batch.copies.filter(status=PersonalLetter.Status.DONE).count() == 3

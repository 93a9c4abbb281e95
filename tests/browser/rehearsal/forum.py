"""Stage: the Forum agenda and the high-level track of 2028. The officer builds the agenda in the Arabic
admin (high-level policy sessions with their speaking slots and minutes per speaker, rooms, interpretation
languages, a dialogue with its moderator and speaker), sets two Member States' protocol offices and
ministers and invites them, one in Arabic and one in English; drafts the circular letter to ministers,
previews its PDFs in Arabic and English before issuing it, issues it and makes the personalised copies,
while the link the Jordanian protocol office already uses keeps working. The protocol offices (Jordan's in
Arabic on a phone, Ghana's in English) accept and request slots; the officer arranges the slots and
exports the run of show."""

import csv
import io
import re
import subprocess
from datetime import datetime

from django.utils import timezone, translation
from playwright.sync_api import expect

from forum_events.models import Invitation, InvitationLink, Session, SessionType, SlotRequest
from wsis_portal.editions.models import Edition
from wsis_portal.editions.schedule import GENEVA
from wsis_portal.letters.models import CircularLetter, LetterBatch, PersonalLetter
from wsis_portal.links import portal_url
from wsis_portal.mail.models import OutboundMail

from .common import PHONE, YEAR, fill_datetime, mailed_link, run_action, save

JORDAN = {
    "code": "JO",
    "search": "الاردن",
    "name_ar": "الأردن",
    "protocol": "protocol.jordan@example.org",
    "minister_ar": "هالة زواتي",
    "minister_en": "Hala Zawati",
    "title_ar": "وزيرة الاقتصاد الرقمي والريادة",
    "title_en": "Minister of Digital Economy and Entrepreneurship",
    "ministry_ar": "وزارة الاقتصاد الرقمي والريادة",
    "ministry_en": "Ministry of Digital Economy and Entrepreneurship",
    "gender": "woman",
    "language": "ar",
}
GHANA = {
    "code": "GH",
    "search": "غانا",
    "name_ar": "غانا",
    "protocol": "protocol.ghana@example.org",
    "minister_ar": "كوفي مينسا",
    "minister_en": "Kofi Mensah",
    "title_ar": "وزير الاتصالات والرقمنة",
    "title_en": "Minister for Communications and Digitalisation",
    "ministry_ar": "وزارة الاتصالات والرقمنة",
    "ministry_en": "Ministry of Communications and Digitalisation",
    "gender": "man",
    "language": "en",
}
# The dialogue's moderator reads Arabic, its speaker English: the closing stage tells them of a change.
MODERATOR = ("نادية الحسيني", "nadia.husseini@example.org", "ar")
SPEAKER = ("Daniel Okafor", "daniel.okafor@example.org", "en")
SESSIONS = [
    {
        "kind": SessionType.HIGH_LEVEL_POLICY,
        "title_ar": "جلسة السياسة العامة الرفيعة المستوى 1: سد الفجوات الرقمية",
        "title_en": "High-level policy session 1: closing digital divides",
        "starts": datetime(YEAR, 7, 4, 11, 0, tzinfo=GENEVA),
        "ends": datetime(YEAR, 7, 4, 12, 30, tzinfo=GENEVA),
        "room": ("CICG, Room 1", "CICG، القاعة 1"),
        "languages": ["ar", "en", "fr"],
        "slots": 1,
        "minutes": 5,
    },
    {
        "kind": SessionType.HIGH_LEVEL_POLICY,
        "title_ar": "جلسة السياسة العامة الرفيعة المستوى 2: الثقة والأمن في استخدام التكنولوجيا",
        "title_en": "High-level policy session 2: building confidence and security",
        "starts": datetime(YEAR, 7, 5, 14, 0, tzinfo=GENEVA),
        "ends": datetime(YEAR, 7, 5, 15, 30, tzinfo=GENEVA),
        "room": ("CICG, Room 2", "CICG، القاعة 2"),
        "languages": ["ar", "en", "fr", "es", "ru", "zh-hans"],
        "slots": 3,
        "minutes": 4,
    },
    {
        "kind": SessionType.HIGH_LEVEL_DIALOGUE,
        "title_ar": "حوار رفيع المستوى: الذكاء الاصطناعي من أجل التنمية المستدامة",
        "title_en": "High-level dialogue: artificial intelligence for sustainable development",
        "starts": datetime(YEAR, 7, 6, 9, 0, tzinfo=GENEVA),
        "ends": datetime(YEAR, 7, 6, 10, 0, tzinfo=GENEVA),
        "room": ("CICG, Room 3", "CICG، القاعة 3"),
        "languages": ["ar", "en"],
        "speakers": [("moderator", *MODERATOR), ("speaker", *SPEAKER)],
    },
]
LETTER = {
    "subject_ar": f"المسار الرفيع المستوى لمنتدى القمة العالمية لمجتمع المعلومات {YEAR}",
    "subject_en": f"High-level track of the WSIS Forum {YEAR}",
    "body_ar": (
        "يسرّني أن أدعوكم إلى المشاركة في المسار الرفيع المستوى "
        f"لمنتدى القمة العالمية لمجتمع المعلومات {YEAR}، "
        "الذي سيُعقد في المركز الدولي للمؤتمرات في جنيف من 3 إلى 7 يوليو.\n\n"
        "- يُرجى تأكيد المشاركة وطلب مدة للتحدث عبر الرابط.\n- **يُغلق باب التأكيد قبل المنتدى.**"
    ),
    "body_en": (
        f"I have the pleasure to invite you to the high-level track of the WSIS Forum {YEAR}, to be held at "
        "the Geneva International Conference Centre from 3 to 7 July.\n\n"
        "- Please confirm and request a speaking slot through the link.\n"
        "- **Confirmations close before the Forum.**"
    ),
    "signatory_title_ar": "الأمينة العامة",
    "signatory_title_en": "Secretary-General",
}
INVITATION = r"https?://\S+/{language}/forum/invitation/[\w-]+/"


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF"), content[:40]
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def first_page_png(content: bytes) -> bytes:
    """The letter's first page as the officer sees it (80 dpi PNG)."""
    png = subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", "-"],
        input=content,
        capture_output=True,
        check=True,
    ).stdout
    assert png.startswith(b"\x89PNG"), png[:40]
    return png


def edition_label():
    with translation.override("ar"):
        return str(Edition.objects.get(year=YEAR))


def add_session(rehearsal, spec):
    page, axe = rehearsal.officer, rehearsal.axe
    page.goto("/ar/admin/forum_events/session/add/")
    page.locator("select[name=edition]").select_option(label=edition_label())
    page.locator("select[name=kind]").select_option(spec["kind"])
    page.locator("input[name=title_ar]").fill(spec["title_ar"])
    page.locator("input[name=title_en]").fill(spec["title_en"])
    fill_datetime(page, "starts_at", spec["starts"])
    fill_datetime(page, "ends_at", spec["ends"])
    page.locator("input[name=room_en]").fill(spec["room"][0])
    page.locator("input[name=room_ar]").fill(spec["room"][1])
    page.locator("select[name=format]").select_option("hybrid")
    for code in spec["languages"]:
        page.locator(f"input[name=languages][value='{code}']").check()
    if "slots" in spec:
        page.locator("input[name=speaking_capacity]").fill(str(spec["slots"]))
        page.locator("input[name=minutes_per_speaker]").fill(str(spec["minutes"]))
    for index, (role, name, email, language) in enumerate(spec.get("speakers", [])):
        if index:
            page.locator("#speakers-group .add-row a").click()
        page.locator(f"select[name='speakers-{index}-role']").select_option(role)
        page.locator(f"input[name='speakers-{index}-name']").fill(name)
        page.locator(f"input[name='speakers-{index}-email']").fill(email)
        page.locator(f"select[name='speakers-{index}-language']").select_option(language)
    save(page, axe)
    return Session.objects.get(edition__year=YEAR, title_en=spec["title_en"])


def build_agenda(rehearsal):
    page, axe = rehearsal.officer, rehearsal.axe
    # Thirty five-minute statements do not fit in a 90-minute session: refused, saying why.
    page.goto("/ar/admin/forum_events/session/add/")
    axe.check()
    first = SESSIONS[0]
    page.locator("select[name=edition]").select_option(label=edition_label())
    page.locator("select[name=kind]").select_option(first["kind"])
    page.locator("input[name=title_ar]").fill(first["title_ar"])
    page.locator("input[name=title_en]").fill(first["title_en"])
    fill_datetime(page, "starts_at", first["starts"])
    fill_datetime(page, "ends_at", first["ends"])
    page.locator("input[name=speaking_capacity]").fill("30")
    page.locator("input[name=minutes_per_speaker]").fill("5")
    page.locator("[type=submit][name=_save]").click()
    expect(page.locator(".errorlist")).to_contain_text("150")
    axe.check()

    sessions = [add_session(rehearsal, spec) for spec in SESSIONS]
    policy = sessions[0]
    assert (policy.speaking_capacity, policy.minutes_per_speaker, policy.languages, policy.room) == (
        1,
        5,
        ["ar", "en", "fr"],
        "CICG, Room 1",
    )
    assert policy.day.isoformat() == f"{YEAR}-07-04"
    assert sorted(sessions[2].speakers.values_list("role", "email", "language")) == [
        ("moderator", MODERATOR[1], "ar"),
        ("speaker", SPEAKER[1], "en"),
    ]
    return sessions


def set_member_state(rehearsal, state):
    page, axe = rehearsal.officer, rehearsal.axe
    # The officer looks the country up by its Arabic name, spelt without the hamza.
    page.goto("/ar/admin/stakeholders/memberstate/")
    page.locator("#searchbar").fill(state["search"])
    page.locator("#searchbar").press("Enter")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    axe.check()
    page.locator("#result_list tbody th a").first.click()
    page.locator("input[name=minister_name_ar]").fill(state["minister_ar"])
    page.locator("input[name=minister_name_en]").fill(state["minister_en"])
    page.locator("input[name=minister_title_ar]").fill(state["title_ar"])
    page.locator("input[name=minister_title_en]").fill(state["title_en"])
    page.locator("input[name=ministry_name_ar]").fill(state["ministry_ar"])
    page.locator("input[name=ministry_name_en]").fill(state["ministry_en"])
    page.locator("select[name=minister_gender]").select_option(state["gender"])
    page.locator("input[name=protocol_office_email]").fill(state["protocol"])
    save(page, axe)


def invite(rehearsal, state):
    """The officer invites one Member State, in its protocol office's language."""
    page, axe = rehearsal.officer, rehearsal.axe
    page.goto("/ar/admin/forum_events/invitation/")
    axe.check()
    page.get_by_role("link", name="دعوة الدول الأعضاء").click()
    axe.check()
    page.locator("select[name=edition]").select_option(label=edition_label())
    page.locator("select[name=member_states]").select_option(label=state["name_ar"])
    page.locator("select[name=language]").select_option(state["language"])
    page.locator("#content-main [type=submit]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    axe.check()
    invitation = Invitation.objects.get(edition__year=YEAR, member_state__country=state["code"])
    assert invitation.language == state["language"]
    mail = OutboundMail.objects.filter(to=[state["protocol"]]).order_by("-pk").first()
    assert mail.language == state["language"]
    return invitation


def open_invitation(rehearsal, state, link, phone=False):
    language = state["language"]
    page = rehearsal.people.get(state["protocol"]) or rehearsal.open_page(language)
    if phone:
        page.set_viewport_size(PHONE)
    rehearsal.people[state["protocol"]] = page
    page.goto(link)
    expect(page.locator("html")).to_have_attribute("lang", language)
    return page


def request_slot(page, axe, session, speaker, title, rank, preference=1, statement=None, photo=None):
    form = page.locator("form", has=page.locator("button[value=request]"))
    form.locator("select[name=new-session]").select_option(str(session.pk))
    form.locator(f"input[name=new-preference][value='{preference}']").check()
    form.locator("input[name=new-speaker_name]").fill(speaker)
    form.locator("input[name=new-speaker_title]").fill(title)
    form.locator("select[name=new-rank]").select_option(str(rank))
    form.locator("input[name=new-attendance][value=in_person]").check()
    if statement:
        upload, language = statement
        form.locator("input[name=new-statement]").set_input_files(upload)
        form.locator("select[name=new-statement_language]").select_option(language)
    if photo:
        form.locator("input[name=new-photo]").set_input_files(photo)
        form.locator("textarea[name=new-biography]").fill(speaker + " — " + title)
    with page.expect_navigation():
        form.locator("button[value=request]").click()
    expect(page.get_by_role("status").first).to_be_visible()
    axe.check()


def draft_letter(rehearsal):
    page, axe = rehearsal.officer, rehearsal.axe
    page.goto("/ar/admin/letters/circularletter/add/")
    axe.check()
    page.locator("select[name=edition]").select_option(label=edition_label())
    page.locator("input[name=addressees][value=ministers]").check()
    page.locator("input[name=contact_name_en]").fill("Leila Mansour")
    page.locator("input[name=contact_name_ar]").fill("ليلى منصور")
    page.locator("input[name=contact_phone]").fill("+41 22 730 5111")
    page.locator("input[name=contact_email]").fill("wsis-contact@example.org")
    for name, value in LETTER.items():
        page.locator(f"[name={name}]").fill(value)
    page.locator("input[name=signatory_name_en]").fill("Amina Diallo")
    page.locator("input[name=signatory_name_ar]").fill("أمينة ديالو")
    save(page, axe, button="_continue")
    letter = CircularLetter.objects.get(subject_en=LETTER["subject_en"])
    assert letter.state == CircularLetter.State.DRAFT
    # The Geneva year of the letter's date (today) numbers it, as the README says.
    year = timezone.now().astimezone(GENEVA).year % 100
    assert re.fullmatch(rf"CL-{year:02d}/\d{{3}}", letter.reference), letter.reference
    return letter


def preview(rehearsal, letter):
    """The officer downloads the draft's PDF previews from its admin page, in Arabic and in English."""
    page = rehearsal.officer
    texts, files = {}, {}
    for language, name in (("ar", "العربية"), ("en", "الإنجليزية")):
        link = page.locator("a[href*='/preview/']", has_text=name)
        expect(link).to_be_visible()
        response = page.request.get(link.get_attribute("href"))
        assert response.ok, response.status
        assert response.headers["content-type"] == "application/pdf"
        texts[language] = pdf_text(response.body())
        files[language] = response.body()
    assert "High-level track of the WSIS Forum 2028" in texts["en"]
    assert "Amina Diallo" in texts["en"] and "Secretary-General" in texts["en"]
    assert "DRAFT" in texts["en"], texts["en"]
    assert "جنيف" in texts["ar"] and "الأمينة العامة" in texts["ar"]
    assert "مسودة" in texts["ar"], texts["ar"]
    assert letter.reference in texts["ar"] and letter.reference in texts["en"]
    letter.refresh_from_db()
    assert letter.state == CircularLetter.State.DRAFT and not letter.pdfs.exists()
    return files


def issue_and_personalise(rehearsal, letter):
    page, axe = rehearsal.officer, rehearsal.axe
    page.goto("/ar/admin/letters/circularletter/")
    run_action(page, letter.reference, "issue_letters")
    expect(page.locator(".messagelist .success")).to_be_visible()
    axe.check()
    page.get_by_role("link", name=letter.reference).first.click()
    issued = page.locator("a[href*='/letters/']", has_text="الإنجليزية (PDF)")
    expect(issued).to_be_visible(timeout=60_000)
    axe.check()
    response = page.request.get(issued.get_attribute("href"))
    assert "Confirmations close before the Forum." in pdf_text(response.body())
    assert "DRAFT" not in pdf_text(response.body())

    page.get_by_role("link", name="إعداد رسائل مخصّصة").first.click()
    axe.check()
    page.get_by_label("وزراء الدول الأعضاء المدعوة").check()
    page.get_by_role("button", name="إعداد الرسائل").click()
    expect(page.locator("#batch-status")).to_contain_text("ملف ZIP جاهز", timeout=90_000)
    axe.check()
    batch = LetterBatch.objects.get(letter=letter)
    copies = {copy.recipient_key: copy for copy in batch.copies.all()}
    assert set(copies) >= {"JO", "GH"}
    assert all(copy.status == PersonalLetter.Status.DONE for copy in copies.values())
    links = {}
    for code, language, salutation in (("JO", "ar", "صاحبة المعالي"), ("GH", "en", "His Excellency")):
        copy = copies[code]
        assert copy.language == language
        row = page.get_by_role("row", name=re.compile(re.escape(copy.recipient_label)))
        response = page.request.get(row.get_by_role("link").get_attribute("href"))
        text = pdf_text(response.body())
        assert salutation in text, text
        links[code] = re.search(INVITATION.format(language=language), text.replace("\n", "")).group(0)
    return links


def run(rehearsal):
    page, axe = rehearsal.officer, rehearsal.axe
    sessions = build_agenda(rehearsal)
    first, second, dialogue = sessions

    for state in (JORDAN, GHANA):
        set_member_state(rehearsal, state)
    jordan_invitation = invite(rehearsal, JORDAN)
    invite(rehearsal, GHANA)

    # Jordan's protocol office opens its link on a phone, in Arabic, and accepts.
    jordan_link = mailed_link(JORDAN["protocol"], INVITATION.format(language="ar"))
    jordan = open_invitation(rehearsal, JORDAN, jordan_link, phone=True)
    jordan_axe = type(axe)(jordan)
    jordan_axe.check()
    with jordan.expect_navigation():
        jordan.locator("button[name=action][value=accept]").click()
    jordan_invitation.refresh_from_db()
    assert jordan_invitation.answer == Invitation.Answer.ACCEPTED
    jordan_axe.check()

    # The circular letter to ministers: drafted, previewed in both languages, issued, personalised.
    letter = draft_letter(rehearsal)
    previews = preview(rehearsal, letter)
    letter_links = issue_and_personalise(rehearsal, letter)
    assert InvitationLink.objects.filter(invitation__edition__year=YEAR).count() == 2

    # The link the Jordanian office already had still opens its invitation; so does the letter's.
    jordan.goto(jordan_link)
    expect(jordan.locator("button[value=request]")).to_be_visible()
    jordan_axe.check()
    # The policy statement is a PDF written in Arabic (here, the letter's preview stands in for it).
    statement = {"name": "bayan.pdf", "mimeType": "application/pdf", "buffer": previews["ar"]}
    request_slot(
        jordan, jordan_axe, first, JORDAN["minister_ar"], JORDAN["title_ar"], 3, statement=(statement, "ar")
    )
    request_slot(jordan, jordan_axe, second, JORDAN["minister_ar"], JORDAN["title_ar"], 3, preference=2)
    jordan_request = SlotRequest.objects.get(session=first, member_state__country="JO")
    assert jordan_request.status == SlotRequest.Status.CONFIRMED and jordan_request.statement

    # Ghana's office (English) opens the link of its minister's letter: the same invitation.
    ghana = open_invitation(rehearsal, GHANA, letter_links["GH"].removeprefix(portal_url()))
    ghana_axe = type(axe)(ghana)
    ghana_axe.check()
    with ghana.expect_navigation():
        ghana.locator("button[name=action][value=accept]").click()
    ghana_axe.check()
    # The President speaks: Head of State outranks the minister for the one slot of the first session.
    photo = {"name": "portrait.png", "mimeType": "image/png", "buffer": first_page_png(previews["en"])}
    request_slot(ghana, ghana_axe, first, "John Asante", "President of the Republic of Ghana", 1, photo=photo)
    ghana_request = SlotRequest.objects.get(session=first, member_state__country="GH")
    jordan_request.refresh_from_db()
    assert (ghana_request.status, jordan_request.status) == ("confirmed", "waiting")
    told = OutboundMail.objects.filter(to=[JORDAN["protocol"]]).order_by("-pk").first()
    assert told.language == "ar" and "قائمة الانتظار" in told.body + told.subject, told.body

    # The officer gives the first session a second slot: Jordan is confirmed again, and told.
    page.goto(f"/ar/admin/forum_events/session/{first.pk}/change/")
    axe.check()
    page.locator("input[name=speaking_capacity]").fill("2")
    save(page, axe)
    jordan_request.refresh_from_db()
    assert jordan_request.status == SlotRequest.Status.CONFIRMED
    told = OutboundMail.objects.filter(to=[JORDAN["protocol"]]).order_by("-pk").first()
    assert told.language == "ar" and "مدة التحدث مؤكَّدة" in told.body, told.body

    # The run of show of the first session, exported.
    page.goto(f"/ar/admin/forum_events/slotrequest/?session={first.pk}")
    axe.check()
    page.locator(f"a[href$='/session/{first.pk}/speakers/']").first.click()
    expect(page.locator("#content-main")).to_contain_text("John Asante")
    axe.check()
    csv_link = page.locator("a[href$='speakers.csv']")
    response = page.request.get(csv_link.get_attribute("href"))
    rows = list(csv.reader(io.StringIO(response.body().decode("utf-8-sig"))))
    assert [row[2] for row in rows[1:]] == ["John Asante", JORDAN["minister_ar"]], rows
    assert [row[8] for row in rows[1:]] == [f"{YEAR}-07-04 11:00", f"{YEAR}-07-04 11:05"], rows
    rehearsal.found.append(("forum", {"sessions": [s.pk for s in sessions], "letter": letter.pk}))
    assert dialogue.speakers.count() == 2

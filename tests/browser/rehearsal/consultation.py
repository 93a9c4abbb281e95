"""Stage 2: the open consultation of 2028. The officer announces its meetings (online, then hybrid in
Geneva); two stakeholders (one in Arabic on a phone, one in English) join their organisations, send
contributions (one for the organisation, one in their own name) and one of them a binding workshop request
whose speakers include the other's person. The officer reviews them in the Arabic admin: accepts one
contribution, returns the other for changes (the stakeholder corrects it and sends it again, keeping its
reference), then accepts the workshop request, which becomes an agenda session with its speakers."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from consultations.models import Contribution, Meeting, WorkshopRequest
from tests.browser.conftest import Accessibility
from wsis_portal.editions.models import ActionLine
from wsis_portal.mail.models import OutboundMail

from .common import YEAR, fill_datetime, join_organisation, local, mailed_link, run_action, save, sign_up

AMAL = "amal.consultation@example.org"
ERIK = "erik.consultation@example.org"
AMAL_ORG = "الشبكة العربية للمكتبات الرقمية"
ERIK_ORG = "Nordic Open Standards Institute"
AMAL_TITLE = "المكتبات العامة بوابة للشمول الرقمي"
ERIK_TITLE = "Shorter sessions & more dialogue"
WORKSHOP_TITLE = "مكتبات رقمية للجميع: من الحي إلى العالم"


def at_geneva(days, hour):
    """``days`` from now at ``hour`` o'clock, Geneva wall clock."""
    moment = local(timezone.now() + timedelta(days=days))
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def add_meetings(rehearsal):
    page, axe = rehearsal.officer, rehearsal.axe
    page.goto("/ar/admin/consultations/consultation/")
    axe.check()
    page.get_by_role("link", name=re.compile(str(YEAR))).first.click()
    axe.check()
    meetings = [
        {
            "title_ar": "الاجتماع الأول للمشاورة المفتوحة (عبر الإنترنت)",
            "title_en": "First open consultation meeting (online)",
            "description_ar": "عرض إطار المنتدى ومواعيد المشاورة.",
            "description_en": "The framework of the Forum and the consultation's dates.",
            "format": "virtual",
            "venue_ar": "",
            "venue_en": "",
            "link": "https://meet.example.org/wsis-ocp-2028-1",
            "starts": at_geneva(14, 14),
            "hours": 2,
        },
        {
            "title_ar": "الاجتماع الثاني للمشاورة المفتوحة (هجين، جنيف)",
            "title_en": "Second open consultation meeting (hybrid, Geneva)",
            "description_ar": "مناقشة المساهمات الواردة وطلبات عقد ورش العمل.",
            "description_en": "The contributions and workshop requests received.",
            "format": "hybrid",
            "venue_ar": "مقر الاتحاد الدولي للاتصالات، جنيف",
            "venue_en": "ITU headquarters, Geneva",
            "link": "https://meet.example.org/wsis-ocp-2028-2",
            "starts": at_geneva(40, 10),
            "hours": 3,
        },
    ]
    for index, meeting in enumerate(meetings):
        page.locator("#meetings-group .add-row a").click()
        prefix = f"meetings-{index}"
        for name in ("title_ar", "title_en", "venue_ar", "venue_en", "link"):
            page.locator(f"input[name='{prefix}-{name}']").fill(meeting[name])
        for name in ("description_ar", "description_en"):
            page.locator(f"textarea[name='{prefix}-{name}']").fill(meeting[name])
        page.locator(f"select[name='{prefix}-format']").select_option(meeting["format"])
        fill_datetime(page, f"{prefix}-starts_at", meeting["starts"])
        fill_datetime(page, f"{prefix}-ends_at", meeting["starts"] + timedelta(hours=meeting["hours"]))
    save(page, axe, button="_continue")
    stored = Meeting.objects.filter(consultation__edition__year=YEAR).order_by("starts_at")
    assert [(m.title_en, m.format, m.venue_en or "") for m in stored] == [
        ("First open consultation meeting (online)", "virtual", ""),
        ("Second open consultation meeting (hybrid, Geneva)", "hybrid", "ITU headquarters, Geneva"),
    ], [(m.title_en, m.format, m.venue_en or "") for m in stored]
    assert stored[1].starts_at == meetings[1]["starts"]


def fill_contribution(page, kind, title, text, language, organisation):
    page.locator(f"input[name=kind][value={kind}]").check()
    page.locator("input[name=title]").fill(title)
    page.locator("textarea[name=text]").fill(text)
    page.locator("select[name=language]").select_option(language)
    if organisation is None:
        page.locator("select[name=organisation]").select_option("")
    else:
        page.locator("select[name=organisation]").select_option(label=organisation)
    page.locator("input[name=topics]").first.check()
    line = ActionLine.objects.get(code="C3").pk
    page.locator(f"input[name=action_lines][value='{line}']").check()


def send_contributions(amal, erik):
    # Amal, on her phone, from the consultation's page: its meetings are announced there.
    amal.goto("/ar/consultations/")
    expect(amal.locator("main")).to_contain_text("الاجتماع الأول للمشاورة المفتوحة (عبر الإنترنت)")
    expect(amal.locator("main")).to_contain_text("مقر الاتحاد الدولي للاتصالات، جنيف")
    Accessibility(amal).check()
    amal.get_by_role("link", name="إرسال مساهمة").click()
    expect(amal).to_have_url(re.compile(r"/ar/consultations/contributions/new/$"))
    Accessibility(amal).check()
    fill_contribution(
        amal,
        "priorities",
        AMAL_TITLE,
        "نقترح أن يخصص المنتدى جلسة لدور المكتبات العامة في محو الأمية الرقمية وفي الوصول المفتوح.",
        "ar",
        AMAL_ORG,
    )
    amal.locator("button[name=submit]").click()
    expect(amal).to_have_url(re.compile(r"/ar/consultations/contributions/\d+/$"))
    expect(amal.get_by_role("status").first).to_contain_text(f"WSIS-OCP-{YEAR}-00001")
    Accessibility(amal).check()

    # Erik, in English, in his own name: a proposal on the format.
    erik.goto("/en/consultations/contributions/new/")
    Accessibility(erik).check()
    fill_contribution(
        erik,
        "format",
        ERIK_TITLE,
        "Sessions of 45 minutes, with half of the time for questions from the room and online.",
        "en",
        None,
    )
    erik.locator("button[name=submit]").click()
    expect(erik).to_have_url(re.compile(r"/en/consultations/contributions/\d+/$"))
    expect(erik.get_by_role("status").first).to_contain_text(f"WSIS-OCP-{YEAR}-00002")
    Accessibility(erik).check()

    first, second = Contribution.objects.get(title=AMAL_TITLE), Contribution.objects.get(title=ERIK_TITLE)
    assert (first.reference, first.organisation.name, first.state) == (
        f"WSIS-OCP-{YEAR}-00001",
        AMAL_ORG,
        "submitted",
    )
    assert (second.reference, second.organisation, second.state) == (
        f"WSIS-OCP-{YEAR}-00002",
        None,
        "submitted",
    )
    for contribution, language in ((first, "ar"), (second, "en")):
        receipt = OutboundMail.objects.filter(to=[contribution.owner.email]).order_by("-pk").first()
        assert (receipt.language, contribution.reference in receipt.subject) == (language, True), (
            receipt.subject
        )


SPEAKERS = [
    ("أمل الحسيني", AMAL_ORG, "woman", "civil_society", "EG"),
    ("Erik Lindqvist", ERIK_ORG, "man", "academia", "SE"),
]


def request_workshop(amal):
    amal.goto("/ar/consultations/")
    amal.get_by_role("link", name="طلب عقد ورشة عمل").click()
    expect(amal).to_have_url(re.compile(r"/ar/consultations/workshops/new/$"))
    Accessibility(amal).check()
    amal.locator("input[name=title]").fill(WORKSHOP_TITLE)
    amal.locator("textarea[name=description]").fill(
        "تعرض مكتبات عامة من المنطقة العربية وأوروبا كيف تقدم خدمات رقمية للجميع."
    )
    amal.locator("select[name=language]").select_option("ar")
    amal.locator("input[name=format][value=hybrid]").check()
    amal.locator("textarea[name=organisers]").fill(f"{AMAL_ORG}\n{ERIK_ORG}")
    amal.locator("select[name=organisation]").select_option(label=AMAL_ORG)
    amal.locator(f"input[name=action_lines][value='{ActionLine.objects.get(code='C3').pk}']").check()
    amal.locator("input[name=session_languages][value=ar]").check()
    amal.locator("input[name=session_languages][value=en]").check()
    amal.locator("input[name=preferred_day]").fill(f"{YEAR}-07-05")
    amal.locator("textarea[name=hybrid_needs]").fill("ترجمة فورية بين العربية والإنكليزية.")
    for index, (name, organisation, gender, stakeholder_type, country) in enumerate(SPEAKERS):
        amal.locator(f"input[name=speakers-{index}-name]").fill(name)
        amal.locator(f"input[name=speakers-{index}-organisation]").fill(organisation)
        amal.locator(f"select[name=speakers-{index}-gender]").select_option(gender)
        amal.locator(f"select[name=speakers-{index}-stakeholder_type]").select_option(stakeholder_type)
        amal.locator(f"select[name=speakers-{index}-country]").select_option(country)
    amal.locator("button[name=submit]").click()
    expect(amal).to_have_url(re.compile(r"/ar/consultations/workshops/\d+/$"))
    expect(amal.get_by_role("status").first).to_contain_text(f"WSIS-WS-{YEAR}-00001")
    Accessibility(amal).check()
    request = WorkshopRequest.objects.get(title=WORKSHOP_TITLE)
    assert (request.reference, request.state, request.speakers.count()) == (
        f"WSIS-WS-{YEAR}-00001",
        "submitted",
        2,
    )
    return request


def decide(rehearsal, changelist, reference, decision, comment=""):
    """The officer opens ``reference`` from the queue of submitted items and records ``decision``."""
    page, axe = rehearsal.officer, rehearsal.axe
    page.goto(f"/ar/admin/consultations/{changelist}/?state=submitted")
    axe.check()
    page.get_by_role("link", name=reference).click()
    axe.check()
    page.locator(f"input[name=decision][value={decision}]").check()
    if comment:
        page.locator("textarea[name=comment]").fill(comment)
    with page.expect_navigation():
        page.get_by_role("button", name="تسجيل القرار").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    axe.check()


def review(rehearsal, erik):
    page = rehearsal.officer
    decide(rehearsal, "contribution", f"WSIS-OCP-{YEAR}-00001", "accept")
    decide(
        rehearsal,
        "contribution",
        f"WSIS-OCP-{YEAR}-00002",
        "return",
        "يرجى ذكر أمثلة على جلسات سابقة نجح فيها هذا الشكل.",
    )
    returned = Contribution.objects.get(title=ERIK_TITLE)
    assert returned.state == "returned"
    mail = OutboundMail.objects.filter(to=[ERIK]).order_by("-pk").first()
    assert mail.language == "en"
    assert f"“{ERIK_TITLE}” ({returned.reference})" in mail.body, mail.body

    # Erik opens the contribution from the mail, reads the comment, corrects it and sends it again.
    erik.goto(mailed_link(ERIK, r"https?://\S+/en/consultations/contributions/\d+/"))
    expect(erik.locator("main")).to_contain_text("يرجى ذكر أمثلة")
    Accessibility(erik).check()
    erik.get_by_role("link", name="Edit").click()
    Accessibility(erik).check()
    erik.locator("textarea[name=text]").fill(
        "Sessions of 45 minutes, with half of the time for questions, as in the 2025 WSIS TalkX."
    )
    erik.locator("button[name=submit]").click()
    expect(erik.get_by_role("status").first).to_contain_text(f"WSIS-OCP-{YEAR}-00002")
    returned.refresh_from_db()
    assert (returned.state, returned.reference) == ("submitted", f"WSIS-OCP-{YEAR}-00002")

    # Accepted from the queue, with the bulk action.
    page.goto("/ar/admin/consultations/contribution/?state=submitted")
    run_action(page, f"WSIS-OCP-{YEAR}-00002", "accept_selected")
    expect(page.locator(".messagelist .success")).to_be_visible()
    rehearsal.axe.check()
    assert set(
        Contribution.objects.filter(consultation__edition__year=YEAR).values_list("reference", "state")
    ) == {(f"WSIS-OCP-{YEAR}-00001", "accepted"), (f"WSIS-OCP-{YEAR}-00002", "accepted")}


def accept_workshop(rehearsal, request):
    page, axe = rehearsal.officer, rehearsal.axe
    decide(rehearsal, "workshoprequest", request.reference, "accept")
    request.refresh_from_db()
    session = request.session
    assert session is not None and request.state == "accepted"
    assert (session.edition.year, session.kind, str(session.day), session.format) == (
        YEAR,
        "workshop",
        f"{YEAR}-07-05",
        "hybrid",
    )
    assert list(session.speakers.values_list("name", "organisation", "role")) == [
        (name, organisation, "speaker") for name, organisation, *_rest in SPEAKERS
    ]

    # The session in the Session admin, with its speakers and the request it comes from.
    page.goto(f"/ar/admin/forum_events/session/?q={request.reference}")
    axe.check()
    page.get_by_role("link", name=WORKSHOP_TITLE).click()
    axe.check()
    for index, (name, organisation, *_rest) in enumerate(SPEAKERS):
        expect(page.locator(f"input[name='speakers-{index}-name']")).to_have_value(name)
        expect(page.locator(f"input[name='speakers-{index}-organisation']")).to_have_value(organisation)
    expect(page.locator("#content")).to_contain_text(request.reference)

    # Amal opens it from the mail telling her the request is accepted, on her phone.
    amal = rehearsal.people[AMAL]
    amal.goto(mailed_link(AMAL, r"https?://\S+/ar/forum/sessions/\d+/"))
    expect(amal.get_by_role("heading", level=1)).to_have_text(WORKSHOP_TITLE)
    Accessibility(amal).check()

    # And on the public agenda, for anyone.
    visitor = rehearsal.open_page("en")
    visitor_axe = Accessibility(visitor)
    visitor.goto("/en/forum/")
    visitor_axe.check()
    visitor.get_by_role("link", name=WORKSHOP_TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(WORKSHOP_TITLE)
    for name, *_rest in SPEAKERS:
        expect(visitor.locator("main")).to_contain_text(name)
    visitor_axe.check()
    rehearsal.found.append(("workshop_session", session.pk))


def run(rehearsal):
    add_meetings(rehearsal)
    amal = sign_up(rehearsal, AMAL, "أمل الحسيني", "ar", phone=True)
    erik = sign_up(rehearsal, ERIK, "Erik Lindqvist", "en")
    join_organisation(rehearsal, AMAL, AMAL_ORG, "civil_society", "EG", "منسقة البرامج الرقمية في الشبكة.")
    join_organisation(rehearsal, ERIK, ERIK_ORG, "academia", "SE", "Research director of the institute.")
    send_contributions(amal, erik)
    request = request_workshop(amal)
    review(rehearsal, erik)
    accept_workshop(rehearsal, request)

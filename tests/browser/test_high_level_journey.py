"""The high-level track in a real browser: a Member State's protocol office opens the invitation link
mailed to it (in Arabic), accepts, requests a speaking slot with a policy statement written in Arabic, then
names a delegate instead of the minister; the secretariat sees the confirmation in the admin (in English).
axe-core checks every page visited, in both languages."""

import re
from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from forum_events import high_level
from forum_events.models import Invitation, Session, SessionType, SlotRequest
from tests.browser.conftest import Accessibility, sign_in
from tests.factories import PASSWORD, EditionFactory, SecretariatFactory
from wsis_portal.editions.models import Phase, Process
from wsis_portal.editions.schedule import geneva_time
from wsis_portal.mail.models import OutboundMail
from wsis_portal.stakeholders.models import MemberState

STATEMENT = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_protocol_office_accepts_requests_a_slot_and_names_a_delegate(
    page, new_page, reference_data, tmp_path
):
    edition = EditionFactory(year=2027, starts_on=date(2027, 7, 5), ends_on=date(2027, 7, 9))
    Phase.objects.create(
        edition=edition,
        process=Process.FORUM,
        key=high_level.CONFIRMATIONS_PHASE,
        name_en="Confirmations and speaking slots",
        name_ar="التأكيدات وطلبات مدد التحدث",
        opens_at=timezone.now() - timedelta(days=10),
        closes_at=timezone.now() + timedelta(days=10),
    )
    session = Session.objects.create(
        edition=edition,
        kind=SessionType.HIGH_LEVEL_POLICY,
        title_en="High-level policy session 1: closing digital divides",
        title_ar="جلسة السياسة العامة رفيعة المستوى 1: سد الفجوات الرقمية",
        starts_at=geneva_time(2027, 7, 6, 11, 15),
        ends_at=geneva_time(2027, 7, 6, 13, 0),
        room="CICG, Room 1",
        speaking_capacity=2,
    )
    egypt = MemberState.objects.get(country="EG")
    egypt.protocol_office_email = "protocol@example.org"
    egypt.save()
    clerk = SecretariatFactory(email="clerk@example.org")
    high_level.issue_invitation(edition, egypt, clerk, language="ar")
    mail = OutboundMail.objects.get(to=["protocol@example.org"])
    assert mail.language == "ar"
    link = re.search(r"https?://\S+/invitation/\S+/", mail.body).group(0)

    # The protocol office opens its link, in Arabic, and accepts.
    office = new_page("ar")
    axe = Accessibility(office)
    office.goto(link[link.index("/ar/") :])
    expect(office.locator("html")).to_have_attribute("dir", "rtl")
    axe.check()
    with office.expect_navigation():
        office.locator("button[name=action][value=accept]").click()
    assert Invitation.objects.get().answer == "accepted"
    axe.check()

    # It requests a slot for the minister, with the statement written in Arabic.
    statement = tmp_path / "bayan.pdf"
    statement.write_bytes(STATEMENT)
    form = office.locator("form", has=office.locator("button[value=request]"))
    form.locator("select[name=new-session]").select_option(str(session.pk))
    form.locator("input[name=new-preference][value='1']").check()
    form.locator("input[name=new-speaker_name]").fill("كريم منصور")
    form.locator("input[name=new-speaker_title]").fill("وزير الاتصالات وتكنولوجيا المعلومات")
    form.locator("select[name=new-rank]").select_option("3")
    form.locator("input[name=new-attendance][value=in_person]").check()
    form.locator("input[name=new-statement]").set_input_files(str(statement))
    form.locator("select[name=new-statement_language]").select_option("ar")
    with office.expect_navigation():
        form.locator("button[value=request]").click()
    request = SlotRequest.objects.get()
    assert (request.status, request.rank, request.statement_language) == ("confirmed", 3, "ar")
    assert request.statement.read() == STATEMENT
    axe.check()

    # The minister cannot come: an ambassador speaks instead.
    change = office.locator(f"#request-{request.pk}")
    change.locator(f"input[name=request-{request.pk}-speaker_name]").fill("هالة الشريف")
    change.locator(f"input[name=request-{request.pk}-speaker_title]").fill("سفيرة، رئيسة الوفد")
    change.locator(f"select[name=request-{request.pk}-rank]").select_option("5")
    change.locator(f"input[name=request-{request.pk}-is_delegate]").check()
    with office.expect_navigation():
        change.locator("button[value=update]").click()
    request.refresh_from_db()
    assert (request.speaker_name, request.rank, request.is_delegate, request.status) == (
        "هالة الشريف",
        5,
        True,
        "confirmed",
    )
    expect(office.locator("main")).to_contain_text("هالة الشريف")
    axe.check()

    # The secretariat sees the confirmation.
    sign_in(page, clerk.email, PASSWORD)
    admin_axe = Accessibility(page)
    page.goto("/en/admin/forum_events/invitation/")
    expect(page.locator("#result_list")).to_contain_text("Egypt")
    expect(page.locator("#result_list")).to_contain_text("Accepted")
    admin_axe.check()
    page.goto("/en/admin/forum_events/slotrequest/")
    expect(page.locator("#result_list")).to_contain_text("Slot confirmed")
    admin_axe.check()
    page.goto(f"/en/admin/forum_events/slotrequest/session/{session.pk}/speakers/")
    expect(page.locator("main, #content").first).to_contain_text("هالة الشريف")
    admin_axe.check()

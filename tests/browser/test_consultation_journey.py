"""The open consultation in a real browser, in Arabic and English: a civil-society stakeholder drafts a
contribution, leaves, comes back and submits it before the deadline, with a receipt; after the deadline a
draft is read-only; a workshop request is accepted in the admin and appears as a session of the agenda; a
nominee confirms their consent through the link mailed to them. axe-core checks every page visited."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations.models import CONTRIBUTIONS_PHASE, Contribution, FacilitatorNomination, WorkshopRequest
from tests.browser.conftest import Accessibility, sign_in
from tests.consultations.factories import NominationFactory, open_consultation, submitted
from tests.factories import PASSWORD, OrganisationFactory, SecretariatFactory, UserFactory
from wsis_portal.editions.models import ActionLine, Phase
from wsis_portal.mail.models import OutboundMail
from wsis_portal.stakeholders.models import StakeholderType

TITLE = "مكتبات عامة رقمية في كل حي"


@pytest.fixture
def consultation(reference_data):
    """The 2027 consultation, its deadline an hour from now (the browser and the server share the clock)."""
    return open_consultation(timedelta(hours=1), max_speakers=3)


def close_the_consultation(consultation):
    Phase.objects.filter(edition=consultation.edition, key=CONTRIBUTIONS_PHASE).update(
        closes_at=timezone.now() - timedelta(seconds=1)
    )


def test_contribution_drafted_left_resumed_submitted_then_read_only_after_the_deadline(
    new_page, consultation
):
    organisation = OrganisationFactory(
        name="Nile Digital Inclusion Forum", country="EG", stakeholder_type=StakeholderType.CIVIL_SOCIETY
    )
    author = UserFactory(preferred_language="ar", organisation=organisation, country="EG")
    page = new_page("ar")
    axe = Accessibility(page)
    sign_in(page, author.email, PASSWORD, "ar")

    # The timeline says what is open, and leads to the form.
    page.goto("/ar/consultations/")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    axe.check()
    page.get_by_role("link", name="إرسال مساهمة").click()
    expect(page).to_have_url(re.compile(r"/ar/consultations/contributions/new/$"))
    axe.check()

    # A first try without a topic is refused with a translated message; nothing typed is lost.
    page.locator("input[name=kind][value=priorities]").check()
    page.locator("input[name=title]").fill(TITLE)
    page.locator("textarea[name=text]").fill(
        "نقترح أن يناقش المنتدى دور المكتبات العامة في محو الأمية الرقمية."
    )
    page.locator("select[name=language]").select_option("ar")
    page.locator("button[name=save]").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.locator("input[name=title]")).to_have_value(TITLE)
    axe.check()

    # Saved as a draft, then the stakeholder leaves.
    page.locator("input[name=topics]").first.check()
    page.locator(f"input[name=action_lines][value='{ActionLine.objects.get(code='C3').pk}']").check()
    page.locator("button[name=save]").click()
    expect(page.get_by_role("status").first).to_be_visible()
    contribution = Contribution.objects.get(title=TITLE)
    assert (contribution.state, contribution.reference) == ("draft", None)
    page.goto("/ar/")

    # Back later: the draft is on the dashboard; it is completed and submitted.
    page.goto("/ar/me/")
    axe.check()
    page.get_by_role("link", name=TITLE).click()
    axe.check()
    page.get_by_role("link", name="تعديل").click()
    page.locator("textarea[name=text]").fill(
        "نقترح أن يناقش المنتدى دور المكتبات العامة في محو الأمية الرقمية للكبار."
    )
    page.locator("button[name=submit]").click()
    contribution.refresh_from_db()
    assert contribution.state == "submitted"
    assert contribution.reference == "WSIS-OCP-2027-00001"  # the edition's year, whenever it is sent
    expect(page.locator("main")).to_contain_text(contribution.reference)
    axe.check()
    receipt = OutboundMail.objects.get(to=[author.email])
    assert receipt.language == "ar"
    assert contribution.reference in receipt.subject

    # A second draft, then the deadline passes: its page is read-only and the draft is kept.
    page.goto("/ar/consultations/contributions/new/")
    page.locator("input[name=kind][value=format]").check()
    page.locator("input[name=title]").fill("جلسات أقصر")
    page.locator("textarea[name=text]").fill("جلسات من خمس وأربعين دقيقة.")
    page.locator("input[name=topics]").first.check()
    page.locator("button[name=save]").click()
    late = Contribution.objects.get(title="جلسات أقصر")
    close_the_consultation(consultation)
    page.goto(f"/ar/consultations/contributions/{late.pk}/edit/")
    expect(page.locator("main")).to_contain_text("انقضى الموعد النهائي")
    expect(page.locator("textarea[name=text]")).to_have_count(0)
    axe.check()
    late.refresh_from_db()
    assert (late.state, late.text) == ("draft", "جلسات من خمس وأربعين دقيقة.")


def test_nominee_confirms_consent_through_the_mailed_link(new_page, consultation):
    nomination = NominationFactory(
        consultation=consultation, nominee_name="Hana Yusuf", owner__preferred_language="en"
    )
    submitted(nomination)
    mail = OutboundMail.objects.get(to=[nomination.nominee_email])
    link = re.search(r"https?://\S+/consent/\S+/", mail.body).group(0)
    page = new_page("en")
    axe = Accessibility(page)
    page.goto(link[link.index("/en/") :])
    expect(page.locator("main")).to_contain_text("Hana Yusuf")
    axe.check()
    page.get_by_role("button", name="Yes, I agree to be nominated").click()
    nomination.refresh_from_db()
    assert nomination.consent == FacilitatorNomination.Consent.GIVEN
    axe.check()
    assert (
        OutboundMail.objects.filter(to=[nomination.owner.email], subject__contains="Hana Yusuf").count() == 1
    )


def test_workshop_request_accepted_in_the_admin_appears_as_a_session(page, new_page, consultation):
    organisation = OrganisationFactory(
        name="Pacific Open Data Lab", country="FJ", stakeholder_type="academia"
    )
    author = UserFactory(preferred_language="en", organisation=organisation, stakeholder_type="academia")
    clerk = SecretariatFactory(email="clerk@example.org")
    title = "Open climate data for small island states"

    # The stakeholder requests a workshop, in English, with two speakers.
    requester = new_page("en")
    axe = Accessibility(requester)
    sign_in(requester, author.email, PASSWORD, "en")
    requester.goto("/en/consultations/workshops/new/")
    axe.check()
    requester.locator("input[name=title]").fill(title)
    requester.locator("textarea[name=description]").fill(
        "Island statistics offices show how they open ocean data."
    )
    requester.locator("select[name=language]").select_option("en")
    requester.locator("input[name=format][value=hybrid]").check()
    requester.locator("textarea[name=organisers]").fill("Pacific Open Data Lab")
    requester.locator(f"input[name=action_lines][value='{ActionLine.objects.get(code='C7.8').pk}']").check()
    requester.locator("input[name=session_languages][value=en]").check()
    requester.locator("input[name=preferred_day]").fill("2027-07-07")
    for index, (name, gender) in enumerate([("Mere Tuilagi", "woman"), ("Sione Havili", "man")]):
        requester.locator(f"input[name=speakers-{index}-name]").fill(name)
        requester.locator(f"input[name=speakers-{index}-organisation]").fill("Pacific Open Data Lab")
        requester.locator(f"select[name=speakers-{index}-gender]").select_option(gender)
        requester.locator(f"select[name=speakers-{index}-stakeholder_type]").select_option("academia")
        requester.locator(f"select[name=speakers-{index}-country]").select_option("FJ")
    requester.locator("button[name=submit]").click()
    expect(requester).to_have_url(re.compile(r"/en/consultations/workshops/\d+/$"))
    axe.check()
    request = WorkshopRequest.objects.get(title=title)
    assert (request.state, request.speakers.count()) == ("submitted", 2)

    # The secretariat accepts it on its page in the admin.
    sign_in(page, clerk.email, PASSWORD)
    admin_axe = Accessibility(page)
    page.goto("/en/admin/consultations/workshoprequest/?state__exact=submitted")
    admin_axe.check()
    page.goto(f"/en/admin/consultations/workshoprequest/{request.pk}/change/")
    admin_axe.check()
    page.locator("input[name=decision][value=accept]").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".messagelist")).to_be_visible()
    request.refresh_from_db()
    assert request.state == "accepted"
    session = request.session
    assert (session.title_en, session.title_ar, str(session.day)) == (title, title, "2027-07-07")

    # It is a session of the agenda, for everyone, linked back to its request.
    visitor = new_page("ar")
    visitor_axe = Accessibility(visitor)
    visitor.goto("/ar/forum/")
    visitor_axe.check()
    visitor.get_by_role("link", name=title).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
    expect(visitor.locator("main")).to_contain_text(request.reference)
    visitor_axe.check()

"""The secretariat's screen for circular letters: drafts editable, issued letters read-only, issuing and
corrigenda through the services."""

import subprocess

import pytest

from tests.factories import UserFactory
from wsis_portal.letters import pdf, services
from wsis_portal.letters.models import CircularLetter, LetterPDF

from .factories import CircularLetterFactory

pytestmark = pytest.mark.django_db
LETTERS = "/en/admin/letters/circularletter/"


@pytest.fixture
def admin_user(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def form_data(**changes):
    data = {
        "reference": "",
        "date": "2026-01-15",
        "place": "geneva",
        "addressees": ["stakeholders", "ministers"],
        "contact_name_en": "Leila Haddad",
        "contact_name_ar": "ليلى حداد",
        "contact_phone": "+41 22 555 0100",
        "contact_email": "wsis-contact@example.org",
        "subject_en": "WSIS Forum 2026",
        "subject_ar": "منتدى القمة العالمية لمجتمع المعلومات 2026",
        "body_en": "Dear all.",
        "body_ar": "حضرات السادة والسيدات.",
        "signatory_name_en": "Amina Diallo",
        "signatory_name_ar": "أمينة ديالو",
        "signatory_title_en": "Secretary-General",
        "signatory_title_ar": "الأمينة العامة",
        "pdfs-TOTAL_FORMS": "0",
        "pdfs-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def test_a_draft_is_added_with_the_next_reference(client, admin_user):
    response = client.post(f"{LETTERS}add/", form_data())
    assert response.status_code == 302
    letter = CircularLetter.objects.get()
    assert (letter.reference, letter.addressees, letter.state) == (
        "CL-26/001",
        ["stakeholders", "ministers"],
        "draft",
    )


def test_the_issue_action_issues_and_renders(client, admin_user, django_capture_on_commit_callbacks):
    letter = CircularLetterFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(LETTERS, {"action": "issue_letters", "_selected_action": [letter.pk]})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.state, letter.issued_by) == ("issued", admin_user)
    assert sorted(LetterPDF.objects.values_list("language", "status")) == [("ar", "done"), ("en", "done")]
    listing = client.get(LETTERS).content.decode()
    assert "<bdi>Arabic: Ready</bdi>, <bdi>English: Ready</bdi>" in listing


def test_an_issued_letter_is_read_only_in_the_admin(client, admin_user, django_capture_on_commit_callbacks):
    letter = CircularLetterFactory()
    with django_capture_on_commit_callbacks(execute=False):
        client.post(LETTERS, {"action": "issue_letters", "_selected_action": [letter.pk]})
    page = client.get(f"{LETTERS}{letter.pk}/change/")
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    response = client.post(f"{LETTERS}{letter.pk}/change/", form_data(subject_en="Changed"))
    assert response.status_code == 403
    assert client.post(f"{LETTERS}{letter.pk}/delete/", {"post": "yes"}).status_code == 403
    assert CircularLetter.objects.get(pk=letter.pk).subject_en == "WSIS Forum 2026: call for contributions"


def test_the_corrigendum_action_makes_a_linked_draft(client, admin_user, django_capture_on_commit_callbacks):
    letter = CircularLetterFactory()
    draft = CircularLetterFactory()
    with django_capture_on_commit_callbacks(execute=False):
        client.post(LETTERS, {"action": "issue_letters", "_selected_action": [letter.pk]})
    client.post(LETTERS, {"action": "make_corrigenda", "_selected_action": [letter.pk, draft.pk]})
    corrigendum = CircularLetter.objects.get(corrigendum_of=letter)
    assert (corrigendum.reference, corrigendum.state) == ("CL-26/001 Corr.1", "draft")
    assert CircularLetter.objects.filter(corrigendum_of=draft).count() == 0


def pdf_text(content):
    return subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def test_a_draft_page_links_its_previews_in_each_language(client, admin_user):
    letter = CircularLetterFactory()
    response = client.get(f"{LETTERS}{letter.pk}/change/")
    for language in ("ar", "en"):
        assert f'href="{LETTERS}{letter.pk}/preview/{language}.pdf"' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "subject", "mark"),
    [
        ("en", "WSIS Forum 2026: call for contributions", "DRAFT: preview of a letter not issued yet"),
        ("ar", "دعوة إلى تقديم مساهمات", "مسودة"),
    ],
)
def test_a_draft_previews_as_a_pdf_marked_draft_without_issuing_it(
    client, admin_user, language, subject, mark
):
    letter = CircularLetterFactory()
    response = client.get(f"{LETTERS}{letter.pk}/preview/{language}.pdf")
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response["Content-Disposition"] == f'inline; filename="{letter.file_stem}-draft-{language}.pdf"'
    text = pdf_text(response.content)
    assert subject in text and mark in text
    letter.refresh_from_db()
    assert (letter.state, letter.pdfs.count()) == ("draft", 0)


def test_an_issued_letter_has_no_preview_and_its_pdfs_carry_no_draft_mark(client, admin_user):
    letter = CircularLetterFactory()
    services.issue(letter, admin_user)
    assert client.get(f"{LETTERS}{letter.pk}/preview/en.pdf").status_code == 404
    assert "DRAFT" not in pdf_text(pdf.render(letter, "en"))


def test_a_preview_in_a_language_the_portal_does_not_have_is_404(client, admin_user):
    letter = CircularLetterFactory()
    assert client.get(f"{LETTERS}{letter.pk}/preview/fr.pdf").status_code == 404


def test_staff_who_may_not_see_letters_get_no_preview(client):
    client.force_login(UserFactory(is_staff=True))
    letter = CircularLetterFactory()
    assert client.get(f"{LETTERS}{letter.pk}/preview/en.pdf").status_code == 403

"""The secretariat's screen for circular letters: drafts editable, issued letters read-only, issuing and
corrigenda through the services."""

import pytest

from tests.factories import UserFactory
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
        "contact_name": "Leila Haddad",
        "contact_phone": "+41 22 555 0100",
        "contact_email": "wsis-contact@example.org",
        "subject_en": "WSIS Forum 2026",
        "subject_ar": "منتدى القمة العالمية لمجتمع المعلومات 2026",
        "body_en": "Dear all.",
        "body_ar": "حضرات السادة والسيدات.",
        "signatory_name": "Amina Diallo",
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
    assert "ar: Ready, en: Ready" in listing


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

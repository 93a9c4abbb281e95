"""The public list of issued letters and their PDFs."""

from datetime import date

import pytest

from tests.factories import EditionFactory, SecretariatFactory
from wsis_portal.letters import services
from wsis_portal.letters.models import LetterPDF

from .factories import CircularLetterFactory

pytestmark = pytest.mark.django_db


def issue(letter, capture):
    with capture(execute=True):
        services.issue(letter, SecretariatFactory())
    return letter


def test_the_list_shows_only_issued_letters_with_their_pdfs(client, django_capture_on_commit_callbacks):
    issued = issue(CircularLetterFactory(edition=EditionFactory()), django_capture_on_commit_callbacks)
    CircularLetterFactory(subject_en="A draft nobody may see")
    response = client.get("/en/letters/")
    assert response.status_code == 200
    assert [letter.reference for letter in response.context["letters"]] == ["CL-26/001"]
    assert response.context["letters"][0].ready_pdfs == [("ar", "العربية"), ("en", "English")]
    content = response.content.decode()
    assert "A draft nobody may see" not in content
    assert f'href="/en/letters/{issued.pk}/ar.pdf"' in content
    assert f'href="/en/letters/{issued.pk}/en.pdf"' in content


def test_the_list_in_arabic_shows_the_arabic_subject(client, django_capture_on_commit_callbacks):
    issue(CircularLetterFactory(), django_capture_on_commit_callbacks)
    content = client.get("/ar/letters/").content.decode()
    assert "منتدى القمة العالمية لمجتمع المعلومات لعام 2026: دعوة إلى تقديم مساهمات" in content
    assert "<bdi>CL-26/001</bdi>" in content


def test_the_list_filters_by_edition(client, django_capture_on_commit_callbacks):
    issue(CircularLetterFactory(edition=EditionFactory(year=2026)), django_capture_on_commit_callbacks)
    issue(
        CircularLetterFactory(edition=EditionFactory(year=2027), date=date(2027, 1, 5)),
        django_capture_on_commit_callbacks,
    )
    response = client.get("/en/letters/?edition=2027")
    assert [letter.reference for letter in response.context["letters"]] == ["CL-27/001"]
    assert (response.context["editions"], response.context["selected"]) == ([2027, 2026], 2027)
    everything = client.get("/en/letters/?edition=1999")
    assert [letter.reference for letter in everything.context["letters"]] == ["CL-27/001", "CL-26/001"]


def test_a_letter_whose_pdfs_are_not_ready_says_so(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        services.issue(CircularLetterFactory(), SecretariatFactory())
    response = client.get("/en/letters/")
    assert response.context["letters"][0].ready_pdfs == []
    assert "Being prepared" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_runs_a_fixed_number_of_queries(
    client, count, django_capture_on_commit_callbacks, django_assert_num_queries
):
    for _number in range(count):
        issue(CircularLetterFactory(), django_capture_on_commit_callbacks)
    with django_assert_num_queries(3):
        assert client.get("/en/letters/").status_code == 200


def test_the_pdf_is_served_in_its_language(client, django_capture_on_commit_callbacks):
    letter = issue(CircularLetterFactory(), django_capture_on_commit_callbacks)
    response = client.get(f"/en/letters/{letter.pk}/ar.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="CL-26-001-ar.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_pdf_of_a_draft_or_unrendered_letter_is_missing(client, django_capture_on_commit_callbacks):
    draft = CircularLetterFactory()
    LetterPDF.objects.create(letter=draft, language="en", status="done", file="letters/pdf/2026/x.pdf")
    with django_capture_on_commit_callbacks(execute=False):
        services.issue(pending := CircularLetterFactory(), SecretariatFactory())
    assert client.get(f"/en/letters/{draft.pk}/en.pdf").status_code == 404
    assert client.get(f"/en/letters/{pending.pk}/en.pdf").status_code == 404
    assert client.get(f"/en/letters/{pending.pk}/fr.pdf").status_code == 404

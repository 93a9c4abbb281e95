"""The letter's PDFs: rendered by the task in both languages once issued, Arabic shaped in logical order
with the reference whole, rendered once however often the task runs."""

import re
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError

from tests.factories import SecretariatFactory
from wsis_portal.letters import pdf, services
from wsis_portal.letters.models import LetterPDF
from wsis_portal.letters.tasks import render_letter_pdf, requeue_stale_pdfs

from .factories import CircularLetterFactory

pytestmark = pytest.mark.django_db
BIDI_CONTROLS = dict.fromkeys(range(0x202A, 0x202F))


def text_of(content):
    """The text of a PDF as poppler extracts it, without the direction marks it adds."""
    out = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout
    return " ".join(out.decode().translate(BIDI_CONTROLS).split())


@pytest.fixture
def issued(django_capture_on_commit_callbacks):
    letter = CircularLetterFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.issue(letter, SecretariatFactory())
    return letter


def test_issuing_renders_and_stores_both_languages(issued):
    rows = {row.language: row for row in LetterPDF.objects.filter(letter=issued)}
    assert sorted(rows) == ["ar", "en"]
    for language, row in rows.items():
        assert (row.status, row.error) == ("done", "")
        # The in-memory storage outlives a test: a later test's file gets a suffix.
        assert re.fullmatch(rf"letters/pdf/2026/CL-26-001-{language}(_\w{{7}})?\.pdf", row.file.name)
        assert row.file.read(5) == b"%PDF-"
        assert row.finished_at is not None


def test_arabic_pdf_text_is_in_logical_order_with_the_reference_whole(issued):
    row = LetterPDF.objects.get(letter=issued, language="ar")
    text = text_of(row.file.read())
    assert "CL-26/001" in text
    assert "دعوة إلى تقديم مساهمات" in text
    assert "ندعوكم إلى المشاركة في منتدى القمة في جنيف" in text
    assert "الأمينة العامة" in text
    assert text.index("الحكومات") < text.index("المجتمع المدني")


def test_english_pdf_has_the_letter_fields(issued):
    text = text_of(LetterPDF.objects.get(letter=issued, language="en").file.read())
    for expected in (
        "International Telecommunication Union",
        "General Secretariat",
        "Ref. CL-26/001",
        "Subject: WSIS Forum 2026: call for contributions",
        "Dear Sir/Madam,",
        "I am pleased to invite you to the WSIS Forum 2026.",
        "(original signed) Amina Diallo Secretary-General",
        "Place des Nations, CH-1211 Geneva 20, Switzerland 1/1",
    ):
        assert expected in text


def test_the_task_renders_a_pdf_once(issued):
    row = LetterPDF.objects.get(letter=issued, language="ar")
    assert render_letter_pdf(issued.pk, "ar") is False
    assert LetterPDF.objects.get(pk=row.pk).file.name == row.file.name


def test_a_draft_is_never_rendered():
    draft = CircularLetterFactory()
    LetterPDF.objects.create(letter=draft, language="en")
    assert render_letter_pdf(draft.pk, "en") is False
    assert LetterPDF.objects.get(letter=draft).status == "pending"


def test_a_failed_rendering_keeps_its_error(issued, monkeypatch):
    LetterPDF.objects.filter(letter=issued, language="en").update(status="pending", file="")

    def broken(letter, language):
        raise OSError("font missing")

    monkeypatch.setattr(pdf, "render", broken)
    assert render_letter_pdf(issued.pk, "en") is False
    assert LetterPDF.objects.filter(letter=issued, language="en").values_list("status", "error").get() == (
        "failed",
        "font missing",
    )


def test_a_rendering_is_queued_again_after_ten_minutes(issued, time_machine):
    LetterPDF.objects.filter(letter=issued, language="en").update(status="rendering", file="")
    time_machine.move_to(datetime(2099, 1, 1, tzinfo=UTC), tick=False)
    LetterPDF.objects.filter(letter=issued, language="en").update(
        claimed_at=datetime(2098, 12, 31, 23, 55, tzinfo=UTC)
    )
    assert requeue_stale_pdfs() == 0
    LetterPDF.objects.filter(letter=issued, language="en").update(
        claimed_at=datetime(2098, 12, 31, 23, 49, tzinfo=UTC)
    )
    assert requeue_stale_pdfs() == 1
    assert LetterPDF.objects.get(letter=issued, language="en").status == "done"


def test_body_markup_is_escaped_except_paragraphs_lists_and_bold():
    html = pdf.render_body('Hello <script>x</script> **all**\n\n- one\n- <b>two</b>\nafter "quote"')
    assert html == (
        "<p>Hello &lt;script&gt;x&lt;/script&gt; <strong>all</strong></p>\n"
        "<ul><li>one</li><li>&lt;b&gt;two&lt;/b&gt;</li></ul>\n"
        "<p>after &quot;quote&quot;</p>"
    )


def test_eastern_digits_for_arabic_dates_and_page_numbers(settings):
    settings.LETTERS_EASTERN_DIGITS = True
    letter = CircularLetterFactory()
    text = text_of(pdf.render(letter, "ar"))
    assert "١٥" in text and "٢٠٢٦" in text
    assert text.endswith("سويسرا ١/١")
    assert "CL-26/001" in text
    assert text_of(pdf.render(letter, "en")).endswith("Switzerland 1/1")


def test_a_letter_issued_while_the_broker_is_down_is_kept_and_rendered_once_it_is_back(
    monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    letter = CircularLetterFactory()
    monkeypatch.setattr(render_letter_pdf, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        services.issue(letter, SecretariatFactory())  # no error reaches the secretariat
    assert set(LetterPDF.objects.filter(letter=letter).values_list("status", flat=True)) == {"pending"}
    assert services.stale_pdfs() == []  # its task may still be on its way
    monkeypatch.undo()
    later = timezone.now() + timedelta(minutes=2)
    assert sorted(services.stale_pdfs(later)) == [(letter.pk, "ar"), (letter.pk, "en")]
    for letter_id, language in services.stale_pdfs(later):
        render_letter_pdf.delay(letter_id, language)
    assert set(LetterPDF.objects.filter(letter=letter).values_list("status", flat=True)) == {"done"}

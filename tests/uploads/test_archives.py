"""What a DOCX may inflate to (``wsis_portal.uploads.archives``): Word documents and openpyxl workbooks
pass, a ZIP bomb is refused with a translated message, whatever its headers declare, and is read in
bounded memory; too many members, other compression methods and ZIPs nested twice are refused."""

import io
import tracemalloc
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from tests.uploads.files import CONTENT_TYPES, DOCUMENT, MEBIBYTE, archive, declaring, docx, docx_of_zeros
from wsis_portal.uploads import FileCheck
from wsis_portal.uploads.archives import RATIO_GRACE_BYTES, InflationBudget

DOCX_ONLY = FileCheck(("docx",))
INFLATES = {
    "en": (
        "When opened, the file expands to far more data than a DOCX document holds, or into too many parts. "
        "Save it again as a plain DOCX, or split it into smaller files, and send it again."
    ),
    "ar": (
        "عند فتحه يتمدد الملف إلى بيانات تفوق بكثير ما يحتويه مستند DOCX، أو إلى عدد كبير جداً من الأجزاء. "
        "احفظه مجدداً بصيغة DOCX عادية، أو قسّمه إلى ملفات أصغر، ثم أرسله من جديد."
    ),
}
NOT_DOCX = "The file's content is not DOCX, whatever its name says."
IMAGE = "word/media/image1.png"
BASE_BYTES = len(CONTENT_TYPES) + len(DOCUMENT)  # what docx() inflates to before its extra members


def refusal(content, check=DOCX_ONLY):
    """The messages and code the check gives a DOCX of ``content``, or None when it accepts it."""
    try:
        check(SimpleUploadedFile("report.docx", content))
    except ValidationError as error:
        return error.messages, error.code
    return None


def inflates(language="en"):
    return [INFLATES[language]], "file_inflates"


def workbook(rows: int) -> bytes:
    """An XLSX written by openpyxl: ``rows`` rows of the same ten strings, as repetitive as a sheet gets."""
    book = openpyxl.Workbook()
    for _ in range(rows):
        book.active.append(["Mobile digital libraries for rural schools"] * 10)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb():
    """A DOCX whose image inflates to 200 MB of zeros (about 200 KB)."""
    return docx_of_zeros(200 * MEBIBYTE)


# What passes


def test_word_document_holding_a_chart_workbook_passes():
    assert refusal(docx({"word/embeddings/Microsoft_Excel_Worksheet.xlsx": workbook(20)})) is None


def test_large_workbook_written_by_openpyxl_inflates_within_the_limits(settings):
    content = workbook(5000)
    with zipfile.ZipFile(io.BytesIO(content)) as zipped:
        sheet = zipped.getinfo("xl/worksheets/sheet1.xml")
        inflated = sum(member.file_size for member in zipped.infolist())
    assert sheet.file_size > RATIO_GRACE_BYTES and sheet.file_size > 20 * sheet.compress_size
    budget = InflationBudget(settings.UPLOAD_MAX_BYTES)
    with budget.open(io.BytesIO(content)) as opened:
        budget.check(opened)
    assert budget.bytes_left == settings.UPLOAD_ZIP_MAX_TOTAL_BYTES - inflated


# A ZIP bomb


@pytest.mark.parametrize("language", ["en", "ar"])
def test_member_of_zeros_compressed_a_thousand_times_is_refused(bomb, language):
    assert len(bomb) < 250 * 1024
    with translation.override(language):
        assert refusal(bomb) == inflates(language)


def test_member_whose_header_understates_its_size_is_refused_by_counting():
    forged = declaring(docx_of_zeros(2 * MEBIBYTE), IMAGE, 1000)
    with zipfile.ZipFile(io.BytesIO(forged)) as zipped:
        assert sum(member.file_size for member in zipped.infolist()) == BASE_BYTES + 1000
    assert refusal(forged) == inflates()


def test_member_whose_header_overstates_its_size_is_refused():
    assert refusal(declaring(docx_of_zeros(1000), IMAGE, 2000)) == ([NOT_DOCX], "file_content")


def test_bomb_is_counted_in_bounded_memory(settings, bomb):
    # The header says 1 KB and the ratio is out of the way: the check inflates up to the member limit.
    settings.UPLOAD_ZIP_MAX_RATIO = 10_000
    upload = SimpleUploadedFile("report.docx", declaring(bomb, IMAGE, 1024))
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as refused:
            DOCX_ONLY(upload)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refused.value.code == "file_inflates"
    assert peak < 2 * MEBIBYTE


# Each limit, at its edge


def test_member_over_the_member_limit_is_refused(settings):
    settings.UPLOAD_ZIP_MAX_MEMBER_BYTES = 64 * 1024
    assert refusal(docx_of_zeros(64 * 1024)) is None
    assert refusal(docx_of_zeros(64 * 1024 + 1)) == inflates()


def test_members_over_the_total_limit_are_refused(settings):
    settings.UPLOAD_ZIP_MAX_TOTAL_BYTES = BASE_BYTES + 100_000
    halves = {"word/media/image1.png": bytes(50_000), "word/media/image2.png": bytes(50_000)}
    assert refusal(docx(halves)) is None
    assert refusal(docx({**halves, "word/media/image2.png": bytes(50_001)})) == inflates()


def test_ratio_counts_only_past_the_grace():
    assert refusal(docx_of_zeros(RATIO_GRACE_BYTES)) is None
    assert refusal(docx_of_zeros(RATIO_GRACE_BYTES + 1)) == inflates()


def test_too_many_members_are_refused_before_the_directory_is_read(settings, monkeypatch):
    settings.UPLOAD_ZIP_MAX_MEMBERS = 4
    assert refusal(docx({"word/styles.xml": b"<w:styles/>", "word/settings.xml": b"<w:settings/>"})) is None
    crowded = docx({f"word/media/image{number}.png": b"" for number in range(3)})
    monkeypatch.setattr(zipfile, "ZipFile", None)  # would fail if it were used
    assert refusal(crowded) == inflates()


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_member_compressed_otherwise_than_stored_or_deflated_is_refused(method):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr("[Content_Types].xml", CONTENT_TYPES)
        zipped.writestr("word/document.xml", DOCUMENT, compress_type=method)
    assert refusal(buffer.getvalue()) == ([NOT_DOCX], "file_content")


# A ZIP inside


def test_embedded_workbook_counts_against_the_same_limits(settings):
    settings.UPLOAD_ZIP_MAX_MEMBER_BYTES = 64 * 1024
    chart = archive({"xl/worksheets/sheet1.xml": bytes(64 * 1024 + 1)}, zipfile.ZIP_DEFLATED)
    assert len(chart) < 1024  # the workbook is under the limit, its sheet is not
    assert refusal(docx({"word/embeddings/Microsoft_Excel_Worksheet.xlsx": chart})) == inflates()


def test_embedded_zip_larger_than_the_upload_limit_is_refused():
    inner = archive({"data.bin": bytes(20_000)})
    content = docx({"word/embeddings/package.zip": inner}, zipfile.ZIP_DEFLATED)
    assert len(content) < len(inner)  # the upload is under the limit, the ZIP inside is not
    assert refusal(content, FileCheck(("docx",), max_bytes=len(inner) - 1)) == inflates()
    assert refusal(content, FileCheck(("docx",), max_bytes=len(inner))) is None


def test_zip_inside_an_embedded_zip_is_refused():
    inner = archive({"xl/embeddings/nested.zip": archive({"readme.txt": b"WSIS"})})
    assert refusal(docx({"word/embeddings/Microsoft_Excel_Worksheet.xlsx": inner})) == inflates()

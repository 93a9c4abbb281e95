"""The upload check (``wsis_portal.uploads.FileCheck``) on crafted bytes: a file must be what its extension
says and only that — not also a web page, a ZIP archive, a PDF with scripts or attached files, a Word
document with macros — under the size limit, with a plain name; it is read in chunks, never whole."""

import io
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.utils import translation

from tests.uploads.files import (
    CATALOG,
    CONTENT,
    DOCUMENT,
    DOCX,
    JPEG,
    MACRO_CONTENT_TYPES,
    PAGE,
    PAGES,
    PDF,
    PNG,
    ZIP_TRAILER,
    archive,
    docx,
    object_stream,
    pdf,
    stream,
)
from wsis_portal.uploads import CHUNK_BYTES, MAX_NAME_LENGTH, FileCheck

ANY = FileCheck(("pdf", "png", "jpg", "jpeg", "docx"))
NOT_PDF = "The file's content is not PDF, whatever its name says."
ACTIVE_PDF = (
    "The file is not a plain PDF: it also holds a script, a web page, macros or another file. "
    "Save it again as a plain PDF and send it again."
)
BAD_NAME = (
    "Rename the file: its name must be a plain file name, without folders or invisible characters, "
    "of at most 100 characters."
)


def active(label):
    return ACTIVE_PDF.replace("PDF", label)


def refusal(name, content, check=ANY, kind=SimpleUploadedFile):
    """The messages and code the check gives, or None when it accepts the file."""
    try:
        check(kind(name, content) if kind is SimpleUploadedFile else kind(content, name=name))
    except ValidationError as error:
        return error.messages, error.code
    return None


# Plain files pass


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("statement.pdf", PDF),
        ("statement.PDF", PDF),
        ("photo.png", PNG),
        ("photo.jpg", JPEG),
        ("photo.jpeg", JPEG),
        ("notes.docx", DOCX),
        ("بيان الوزير.pdf", PDF),
        ("a" * (MAX_NAME_LENGTH - 4) + ".pdf", PDF),
    ],
)
def test_plain_file_of_an_accepted_type_passes(name, content):
    assert refusal(name, content) is None


def test_pdf_that_opens_on_a_page_passes():
    opening = CATALOG.replace(b">>", b" /OpenAction [3 0 R /Fit]>>")
    assert refusal("statement.pdf", pdf(opening, PAGES, PAGE, CONTENT)) is None


def test_pdf_with_its_objects_in_a_compressed_object_stream_passes():
    content = pdf(CATALOG, object_stream(b"<</Type /Pages /Kids [] /Count 0>>"))
    assert refusal("statement.pdf", content) is None


def test_pdf_with_an_uncompressed_object_stream_passes():
    plain = object_stream(b"<</Type /Pages /Kids [] /Count 0>>", dictionary=b"/Type /ObjStm /N 1 /First 4")
    assert refusal("statement.pdf", pdf(CATALOG, plain)) is None


def test_pdf_whose_image_bytes_spell_a_short_name_passes():
    # Compressed bytes may spell "/JS " by chance: inside a stream only long names count.
    image = stream(b"/Type /XObject /Subtype /Image /Filter /DCTDecode", b"\x00\x13/JS \x9a\xff")
    assert refusal("statement.pdf", pdf(CATALOG, image)) is None


def test_pdf_whose_strings_and_comments_name_scripts_passes():
    link = (
        b"<</Type /Annot /Subtype /Link /A <</S /URI /URI (https://developer.mozilla.org/Web/JavaScript)>>>>"
    )
    info = b"<</Title (Forms \\(/XFA\\) and \\\\/JS \\) (nested /Launch)) /Subject (a\\\r\n/JS)>>"
    comment = b"% /JavaScript (\n<</Type /Page>>"
    assert refusal("statement.pdf", pdf(CATALOG, link, info, comment, object_stream(link))) is None


def test_pdf_name_after_a_string_or_a_comment_is_still_read():
    assert (
        refusal("statement.pdf", pdf(CATALOG, b"<</T (a\\) b) /S /JavaScript>>"))[1] == "file_active_content"
    )
    assert refusal("statement.pdf", pdf(CATALOG, b"% (\n<</S /JavaScript>>"))[1] == "file_active_content"


@pytest.mark.parametrize("shift", range(-3, 3))
def test_escaped_parenthesis_across_two_chunks_stays_in_the_string(shift):
    start = b"%PDF-1.7\n1 0 obj <</Title ("
    text = b"x" * (CHUNK_BYTES - len(start) - 1 + shift) + b"\\) /JavaScript) /Type /Info>> endobj\n"
    assert refusal("statement.pdf", start + text + b"%%EOF\n") is None


# Wrong type, whatever the extension


@pytest.mark.parametrize(
    ("name", "content", "label"),
    [
        ("statement.pdf", PNG, "PDF"),
        ("statement.pdf", b"<html><body>statement</body></html>", "PDF"),
        ("statement.pdf", b" %PDF-1.7\n", "PDF"),
        ("photo.png", JPEG, "PNG"),
        ("photo.jpg", PNG, "JPEG"),
        ("photo.jpeg", b"GIF89a\x01\x00\x01\x00", "JPEG"),
        ("notes.docx", PDF, "DOCX"),
        ("notes.docx", b"PK\x03\x04" + b"\x00" * 40, "DOCX"),
        ("notes.docx", archive({"word/readme.txt": b"x"}), "DOCX"),
    ],
)
def test_content_of_another_type_is_refused(name, content, label):
    assert refusal(name, content) == (
        [f"The file's content is not {label}, whatever its name says."],
        "file_content",
    )


@pytest.mark.parametrize("name", ["setup.exe", "statement", "statement.pdf.html", "notes.doc", "photo.svg"])
def test_extension_not_accepted_is_refused(name):
    assert refusal(name, PDF) == (["Only these file types are accepted: DOCX, JPEG, PDF, PNG."], "file_type")


def test_extension_accepted_elsewhere_but_not_by_this_field_is_refused():
    assert refusal("photo.png", PNG, FileCheck(("pdf",))) == (
        ["Only these file types are accepted: PDF."],
        "file_type",
    )


# Size


def test_file_over_the_limit_is_refused_before_its_content_is_read():
    upload = SimpleUploadedFile("statement.pdf", b"<html>" + b"x" * 2043)
    with pytest.raises(ValidationError) as refused:
        FileCheck(("pdf",), max_bytes=2048)(upload)
    assert (refused.value.messages, refused.value.code) == (
        ["The file is too large (2.0\xa0KB); the limit is 2.0\xa0KB."],
        "file_size",
    )


def test_file_at_the_limit_passes():
    assert refusal("statement.pdf", PDF.ljust(2048, b"\n"), FileCheck(("pdf",), max_bytes=2048)) is None


def test_default_limit_comes_from_the_settings(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    assert refusal("statement.pdf", PDF.ljust(1001, b"\n"))[1] == "file_size"


# PDF polyglots


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(
            pdf(CATALOG.replace(b">>", b" /OpenAction 2 0 R>>"), b"<</S /JavaScript /JS (app.alert(1))>>"),
            id="open-action-javascript",
        ),
        pytest.param(pdf(CATALOG, b"<</JS 3 0 R>>"), id="js-key"),
        pytest.param(pdf(CATALOG, b"<</S /Launch /F (cmd.exe)>>"), id="launch"),
        pytest.param(pdf(CATALOG, b"<</Names <</EmbeddedFiles 3 0 R>>>>"), id="embedded-files-tree"),
        pytest.param(pdf(CATALOG, stream(b"/Type /EmbeddedFile", b"MZ\x90\x00")), id="embedded-file-stream"),
        pytest.param(pdf(CATALOG, b"<</S /GoToE /T <</R /C>>>>"), id="go-to-embedded"),
        pytest.param(pdf(CATALOG, b"<</Subtype /RichMedia>>"), id="rich-media"),
        pytest.param(pdf(CATALOG, b"<</Fields [] /XFA 3 0 R>>"), id="xfa-form"),
        pytest.param(pdf(CATALOG, b"<</S /SubmitForm /F (https://example.org/)>>"), id="submit-form"),
        pytest.param(pdf(CATALOG, b"<</S /ImportData /F (data.fdf)>>"), id="import-data"),
        pytest.param(pdf(CATALOG, b"<</S /J#61vaScript /J#53 (app.alert(1))>>"), id="hex-escaped-name"),
        pytest.param(
            pdf(CATALOG, object_stream(b"<</S /JavaScript /JS (app.alert(1))>>")), id="in-object-stream"
        ),
        pytest.param(
            pdf(CATALOG, object_stream(b"<</S /JavaScript>>", dictionary=b"/Type /ObjStm /N 1 /First 4")),
            id="in-uncompressed-object-stream",
        ),
        pytest.param(
            pdf(CATALOG, stream(b"/Subtype /Image", b"\x00/JavaScript\x00")), id="long-name-in-stream"
        ),
        pytest.param(PDF + ZIP_TRAILER, id="zip-after-the-end"),
        pytest.param(pdf(CATALOG, stream(b"", ZIP_TRAILER)), id="zip-inside-a-stream-at-the-end"),
        pytest.param(b"%PDF-1.7\n%<html><script>alert(1)</script>\n" + PDF, id="html-at-the-start"),
        pytest.param(
            b"%PDF-1.7\n" + b"%" * 4000 + b"<svg onload=alert(1)>" + PDF, id="svg-in-the-first-kilobytes"
        ),
        pytest.param(b"%PDF-1.7\n<!DOCTYPE html>" + PDF, id="doctype"),
        pytest.param(b"%PDF-1.7\n<SCRIPT>alert(1)</SCRIPT>" + PDF, id="upper-case-script"),
    ],
)
def test_pdf_that_is_also_something_else_is_refused(content):
    assert refusal("statement.pdf", content) == ([ACTIVE_PDF], "file_active_content")


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(
            pdf(
                CATALOG,
                object_stream(b"<<>>", dictionary=b"/Type /ObjStm /N 1 /First 4 /Filter /ASCIIHexDecode"),
            ),
            id="object-stream-hex-encoded",
        ),
        pytest.param(
            pdf(
                CATALOG,
                object_stream(b"<<>>", dictionary=b"/Type /ObjStm /Filter [/FlateDecode /FlateDecode]"),
            ),
            id="object-stream-compressed-twice",
        ),
        pytest.param(
            pdf(CATALOG, object_stream(b"<<>>", dictionary=b"/Type /ObjStm /Filter 9 0 R")),
            id="object-stream-filter-elsewhere",
        ),
        pytest.param(
            pdf(
                CATALOG,
                object_stream(
                    b"<<>>", dictionary=b"/Type /ObjStm /Filter /FlateDecode /DecodeParms <</Predictor 12>>"
                ),
            ),
            id="object-stream-with-predictor",
        ),
        pytest.param(
            pdf(CATALOG, stream(b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", b"not deflated")),
            id="object-stream-broken",
        ),
        pytest.param(b"%PDF-1.7\n1 0 obj <</Length 99>>\nstream\n\x00/JS", id="stream-never-closed"),
        pytest.param(b"%PDF-1.7\n1 0 obj <</" + b"A" * 2000 + b" 1>> endobj\n%%EOF", id="endless-name"),
        pytest.param(b"%PDF-1.7\n1 0 obj <</Title (never closed>> endobj\n%%EOF\n", id="string-never-closed"),
        pytest.param(
            pdf(CATALOG, object_stream(b"<<>> stream\n/JS\nendstream")), id="stream-inside-an-object-stream"
        ),
    ],
)
def test_pdf_the_check_cannot_read_is_refused(content):
    assert refusal("statement.pdf", content) == ([NOT_PDF], "file_content")


def test_pdf_with_more_tokens_than_the_check_reads_is_refused(monkeypatch):
    monkeypatch.setattr("wsis_portal.uploads.pdf.PDF_MAX_TOKENS", 100)
    objects = b"<</A /B>> " * 30
    assert refusal("statement.pdf", pdf(CATALOG, objects)) is None
    assert refusal("statement.pdf", pdf(CATALOG, objects * 2)) == ([NOT_PDF], "file_content")
    assert refusal("statement.pdf", pdf(CATALOG, objects, object_stream(objects))) == (
        [NOT_PDF],
        "file_content",
    )


def test_object_stream_that_inflates_past_the_budget_is_refused():
    bomb = zlib.compress(b" " * 40_000)
    content = pdf(CATALOG, stream(b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", bomb))
    assert refusal("statement.pdf", content, FileCheck(("pdf",), max_bytes=8000)) == (
        [NOT_PDF],
        "file_content",
    )


@pytest.mark.parametrize("shift", range(-12, 3))
def test_active_name_across_two_chunks_is_found(shift):
    padding = b"%" + b" " * (CHUNK_BYTES - 40 + shift) + b"\n"
    content = (
        b"%PDF-1.7\n" + padding[: CHUNK_BYTES - 9 - 1 + shift] + b"\n1 0 obj <</S /JavaScript>> endobj\n"
    )
    content = content[:CHUNK_BYTES] + content[CHUNK_BYTES:]
    assert refusal("statement.pdf", content) == ([ACTIVE_PDF], "file_active_content")


@pytest.mark.parametrize("shift", range(-10, 10))
def test_long_name_in_stream_data_across_two_chunks_is_found(shift):
    start = b"%PDF-1.7\n1 0 obj <</Length 1>>\nstream\n"
    data = b"\x00" * (CHUNK_BYTES - len(start) - 6 + shift) + b"/Launch\x00"
    assert refusal("statement.pdf", start + data + b"\nendstream\nendobj\n") == (
        [ACTIVE_PDF],
        "file_active_content",
    )


@pytest.mark.parametrize("shift", range(-10, 10))
def test_end_of_stream_across_two_chunks_ends_the_stream(shift):
    start = b"%PDF-1.7\n1 0 obj <</Length 1>>\nstream\n"
    data = b"\x00" * (CHUNK_BYTES - len(start) - 4 + shift)
    after = b"\nendstream\nendobj\n2 0 obj <</JS (x)>> endobj\n"
    assert refusal("statement.pdf", start + data + after) == ([ACTIVE_PDF], "file_active_content")


def test_object_stream_larger_than_a_chunk_is_inflated_whole():
    objects = b"<</Type /Pages /Kids [] /Count 0>> " * 5000 + b"<</S /JavaScript>>"
    deflated = zlib.compress(objects)
    assert len(deflated) < CHUNK_BYTES < len(objects)
    noise = stream(b"/Subtype /Image", bytes(range(256)) * 300)
    content = pdf(CATALOG, noise, stream(b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", deflated))
    assert refusal("statement.pdf", content) == ([ACTIVE_PDF], "file_active_content")


# Images and Word documents that are something else too


@pytest.mark.parametrize(
    ("name", "content", "label"),
    [
        ("photo.png", PNG + b"tEXt<script>alert(1)</script>", "PNG"),
        ("photo.png", PNG + b"<html>", "PNG"),
        ("photo.png", PNG + ZIP_TRAILER, "PNG"),
        ("photo.jpg", JPEG[:20] + b"\xff\xfe\x00\x20<svg onload=alert(1)>" + JPEG[20:], "JPEG"),
        ("photo.jpeg", JPEG + ZIP_TRAILER, "JPEG"),
        ("notes.docx", docx({"word/vbaProject.bin": b"\xcc\x61"}), "DOCX"),
        ("notes.docx", docx({"word/vbaData.xml": b"<wne:vbaSuppData/>"}), "DOCX"),
        ("notes.docx", docx({"[Content_Types].xml": MACRO_CONTENT_TYPES}), "DOCX"),
        ("notes.docx", docx({"word/activeX/activeX1.bin": b"\x00"}), "DOCX"),
        ("notes.docx", docx({"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"}), "DOCX"),
    ],
)
def test_image_or_document_that_is_also_something_else_is_refused(name, content, label):
    assert refusal(name, content) == ([active(label)], "file_active_content")


def test_docx_macro_is_found_whatever_the_case_of_its_name():
    assert refusal("notes.docx", docx({"word/VBAPROJECT.BIN": b"\x00"}))[1] == "file_active_content"


@pytest.mark.parametrize(
    "member",
    [
        "../../etc/cron.d/job",
        "/etc/passwd",
        "word\\..\\..\\evil.dll",
        "C:/Windows/evil.dll",
        "word/a\x1bb.xml",
    ],
)
def test_docx_with_a_member_outside_the_archive_is_refused(member):
    content = archive({"[Content_Types].xml": b"<Types/>", "word/document.xml": DOCUMENT, member: b"x"})
    assert refusal("notes.docx", content) == (
        ["The file's content is not DOCX, whatever its name says."],
        "file_content",
    )


# Names


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.pdf",
        "statements/egypt.pdf",
        "C:\\x\\y.pdf",
        "C:y.pdf",
        "statement.pdf:hidden",
        "state\x00ment.pdf",
        "state\x1b[31mment.pdf",
        "statement\r\n.pdf",
        "photo\u202egnp.pdf",
        "statement\u200f.pdf",
        ".pdf",
        "..pdf",
        "a" * (MAX_NAME_LENGTH - 3) + ".pdf",
    ],
)
def test_name_that_is_not_a_plain_file_name_is_refused(name):
    # A file the code makes (an import, the shell) keeps the name it is given.
    assert refusal(name, PDF, kind=ContentFile) == ([BAD_NAME], "file_name")


@pytest.mark.parametrize("name", ["../../etc/passwd.pdf", "/srv/passwd.pdf"])
def test_uploaded_file_keeps_only_the_last_part_of_its_name(name):
    # Django's UploadedFile (and its request parser) drops the folders before the check sees the name.
    assert SimpleUploadedFile(name, PDF).name == "passwd.pdf"
    assert refusal(name, PDF) is None


# Messages in Arabic


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("statement.pdf", PNG, "محتوى الملف ليس من نوع PDF، أياً كان اسمه."),
        (
            "statement.pdf",
            PDF + ZIP_TRAILER,
            "الملف ليس ملف PDF عادياً: فهو يحتوي أيضاً على نص برمجي أو صفحة ويب أو وحدات ماكرو أو ملف آخر. "
            "احفظه مجدداً بصيغة PDF عادية ثم أرسله من جديد.",
        ),
        (
            "statement\u202efdp.exe",
            PDF,
            "أعد تسمية الملف: يجب أن يكون اسمه اسمَ ملف بسيطاً، دون مجلدات أو محارف غير مرئية، "
            "وألا يتجاوز عدد محارفه 100.",
        ),
        ("statement.exe", PDF, "لا تُقبل إلا أنواع الملفات التالية: DOCX، JPEG، PDF، PNG."),
    ],
)
def test_refusals_are_translated_into_arabic(name, content, message):
    with translation.override("ar"):
        assert refusal(name, content, kind=ContentFile)[0] == [message]


# How the file is read


class RecordingFile(io.BytesIO):
    def __init__(self, content):
        super().__init__(content)
        self.sizes = []

    def read(self, size=-1):
        self.sizes.append(size)
        return super().read(size)


def test_pdf_is_read_in_chunks_and_left_at_its_start():
    content = pdf(CATALOG, stream(b"/Subtype /Image", b"\x00" * (3 * CHUNK_BYTES))) + b"\n" * 100
    upload = SimpleUploadedFile("statement.pdf", b"")
    upload.file, upload.size = RecordingFile(content), len(content)
    ANY(upload)
    assert all(0 < size <= CHUNK_BYTES for size in upload.file.sizes)
    assert upload.file.tell() == 0


def test_file_on_disk_is_checked_like_one_in_memory():
    content = pdf(CATALOG, stream(b"/Subtype /Image", b"\x00" * (2 * CHUNK_BYTES)), b"<</S /JavaScript>>")
    upload = TemporaryUploadedFile("statement.pdf", "application/pdf", len(content), None)
    upload.write(content)
    upload.flush()
    with pytest.raises(ValidationError) as refused:
        ANY(upload)
    upload.close()
    assert refused.value.code == "file_active_content"


def test_file_already_stored_is_not_read_again():
    class Stored:
        name = "stocktaking/2026/../whatever.pdf"
        _committed = True

        def read(self, size=-1):
            raise AssertionError("read")

    assert ANY(Stored()) is None


def test_check_is_the_same_after_a_round_trip_through_the_migrations():
    path, args, kwargs = FileCheck(("pdf",), max_bytes=10).deconstruct()
    assert (path, args, kwargs) == ("wsis_portal.uploads.FileCheck", (("pdf",),), {"max_bytes": 10})
    assert FileCheck(*args, **kwargs) == FileCheck(("pdf",), max_bytes=10)

"""Crafted files for the upload checks: plain ones that must pass, and ones that are also something else
(a web page, a ZIP archive, a PDF with scripts or attached files, a Word document with macros)."""

import io
import posixpath
import zipfile
import zlib

from django.core.files.storage import storages


def pdf(*objects: bytes, head=b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n") -> bytes:
    """A PDF whose numbered objects are the given dictionaries (and streams), with a trailer."""
    body = b"".join(b"%d 0 obj\n%s\nendobj\n" % (number, obj) for number, obj in enumerate(objects, 1))
    return head + body + b"trailer\n<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"


def stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<<%s /Length %d>>\nstream\n%s\nendstream" % (dictionary, len(data), data)


def object_stream(objects: bytes, *, dictionary=b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode") -> bytes:
    """An object stream holding ``objects``, compressed as its dictionary says (FlateDecode by default)."""
    data = zlib.compress(b"2 0 " + objects) if b"FlateDecode" in dictionary else b"2 0 " + objects
    return stream(dictionary, data)


CATALOG = b"<</Type /Catalog /Pages 2 0 R>>"
PAGES = b"<</Type /Pages /Kids [3 0 R] /Count 1>>"
PAGE = b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R>>"
CONTENT = stream(b"/Filter /FlateDecode", zlib.compress(b"BT /F1 12 Tf 72 770 Td (WSIS Forum) Tj ET"))

PDF = pdf(CATALOG, PAGES, PAGE, CONTENT)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00" + b"\x00" * 64
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"


def archive(members: dict) -> bytes:
    """A ZIP archive of ``{name: bytes}``; names are written as given, even ``../`` ones."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, content in members.items():
            zipped.writestr(zipfile.ZipInfo(name), content)
    return buffer.getvalue()


CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
MACRO_CONTENT_TYPES = CONTENT_TYPES.replace(
    b"officedocument.wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
)
DOCUMENT = b'<?xml version="1.0"?><w:document><w:body><w:p/></w:body></w:document>'


def docx(extra=None) -> bytes:
    """A Word document; ``extra`` (``{name: bytes}``) adds members or replaces them."""
    return archive({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": DOCUMENT, **(extra or {})})


DOCX = docx()
ZIP_TRAILER = archive({"payload/run.class": b"\xca\xfe\xba\xbe"})


def stored(storage_name: str) -> set:
    """Every file in a storage, by its path."""
    storage = storages[storage_name]

    def walk(path):
        try:
            folders, files = storage.listdir(path)
        except FileNotFoundError:
            return
        for name in files:
            yield posixpath.join(path, name)
        for folder in folders:
            yield from walk(posixpath.join(path, folder))

    return set(walk(""))

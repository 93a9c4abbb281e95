"""Crafted files for the upload checks: plain ones that must pass, and ones that are also something else
(a web page, a ZIP archive, a PDF with scripts or attached files, a Word document with macros)."""

import io
import posixpath
import struct
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


def archive(members: dict, compress_type=zipfile.ZIP_STORED) -> bytes:
    """A ZIP archive of ``{name: bytes}``, stored unless told; names are written as given, even ``../``
    ones."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        for name, content in members.items():
            zipped.writestr(zipfile.ZipInfo(name), content, compress_type=compress_type)
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


def docx(extra=None, compress_type=zipfile.ZIP_STORED) -> bytes:
    """A Word document; ``extra`` (``{name: bytes}``) adds members or replaces them."""
    members = {"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": DOCUMENT, **(extra or {})}
    return archive(members, compress_type)


DOCX = docx()
ZIP_TRAILER = archive({"payload/run.class": b"\xca\xfe\xba\xbe"})
MEBIBYTE = 1024 * 1024


def docx_of_zeros(size: int, name="word/media/image1.png") -> bytes:
    """A Word document with a deflated member of ``size`` zero bytes, written a mebibyte at a time: a ZIP
    bomb when ``size`` is large (200 MB of zeros take about 200 KB)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("[Content_Types].xml", CONTENT_TYPES)
        zipped.writestr("word/document.xml", DOCUMENT)
        with zipped.open(name, "w") as member:
            for start in range(0, size, MEBIBYTE):
                member.write(bytes(min(MEBIBYTE, size - start)))
    return buffer.getvalue()


def declaring(content: bytes, name: str, size: int) -> bytes:
    """``content`` (a ZIP) whose local and central headers both say that member ``name`` inflates to
    ``size`` bytes, whatever it inflates to; its CRC stays that of its real content."""
    forged = bytearray(content)
    with zipfile.ZipFile(io.BytesIO(content)) as zipped:
        local = zipped.getinfo(name).header_offset
    central = content.rindex(name.encode()) - 46  # the directory entry's fixed part precedes the name
    assert content[local : local + 4] == b"PK\x03\x04" and content[central : central + 4] == b"PK\x01\x02"
    struct.pack_into("<I", forged, local + 22, size)
    struct.pack_into("<I", forged, central + 24, size)
    return bytes(forged)


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

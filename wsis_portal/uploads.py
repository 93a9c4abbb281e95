"""Checking uploaded files before anything is stored: the name must be a plain file name, the extension
allowed, the size under the limit, and the content really of that type and of that type only — not also a
web page a browser could sniff, a ZIP archive, a PDF with scripts or attached files, a Word document with
macros. Files are read in chunks, never whole. Messages are translated.

The rules, by type:

- every type: no HTML or script markup (``<html``, ``<script``, ``<svg``…) in the first ``HEAD_BYTES``,
  where browsers and old sniffers look; no ZIP end-of-central-directory record in the last
  ``ZIP_TAIL_BYTES``, where ZIP and JAR readers look for it (a DOCX is a ZIP and is checked as one).
- PDF: starts with ``%PDF-``; none of the names in ``PDF_ACTIVE_NAMES`` (scripts, launched programs,
  attached files, XFA forms) in its objects, ``#xx`` escapes decoded, including the objects compressed in
  object streams, which are inflated for the check (at most ``PDF_INFLATE_FACTOR`` times the size limit);
  literal strings and comments are text, not names. What the check cannot read refuses the file: an
  object stream with another filter or a predictor, broken compressed data, an unclosed string or
  stream, a name longer than ``PDF_MAX_NAME``, more than ``PDF_MAX_TOKENS`` tokens. Inside other streams
  (pages, images) only the long names are looked for, which random compressed bytes never spell. The
  end (``%%EOF``) is not required: the forms have always taken PDFs whose last line is something else,
  and what follows it is checked like the rest.
- PNG and JPEG: start with the signature of the type their extension names (a PNG named .jpg is refused).
- DOCX: a ZIP whose first bytes are a local file header, holding ``word/document.xml``; no member with
  a path outside the archive (absolute, ``..``, a drive, a backslash, a control character), no macros
  (``vbaProject.bin``, ``vbaData.xml``, a macro-enabled content type), no ActiveX control or OLE object.

Names: Django already keeps only the last part of a posted name and drops unprintable characters; what
reaches the check must still be a plain name (no separator, no control, format or direction character,
not hidden, at most ``MAX_NAME_LENGTH`` characters), and the storage then makes it safe for the disk.
A file already stored (editing a record without a new file) is not read again."""

import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

CHUNK_BYTES = 64 * 1024
HEAD_BYTES = 8 * 1024
ZIP_TAIL_BYTES = 22 + 0xFFFF  # the end record and the longest comment a ZIP may carry after it
MAX_NAME_LENGTH = 100  # the length Django's FileField allows a posted name
HTML_MARKERS = re.compile(
    rb"<(?:!doctype\s+html|a\s+href|\?xml-stylesheet|(?:html|head|body|script|svg|iframe|frame|frameset|object|"
    rb"embed|img|title|style|meta|table|pre|plaintext)[\s>/])"
)
ZIP_END = b"PK\x05\x06"

# Names of a PDF that run something or carry something: JavaScript actions and name trees, launched
# programs, attached files and the actions that open them, rich media, XFA forms (which run scripts),
# forms that send or import data.
PDF_ACTIVE_NAMES = frozenset(
    {
        "JavaScript",
        "JS",
        "Launch",
        "EmbeddedFile",
        "EmbeddedFiles",
        "GoToE",
        "RichMedia",
        "XFA",
        "SubmitForm",
        "ImportData",
    }
)
# Long enough that random compressed bytes never spell them followed by a delimiter.
PDF_LONG_ACTIVE_NAMES = frozenset(name for name in PDF_ACTIVE_NAMES if len(name) >= 6)
# What an object stream's dictionary may hold for its content to be read here.
PDF_OBJECT_STREAM_NAMES = frozenset(
    {"Type", "ObjStm", "N", "First", "Length", "Filter", "FlateDecode", "Extends", "DL"}
)
PDF_NAME = rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]*)"
# A name, the keywords that open a stream or close an object, the start of a literal string or of a comment.
PDF_TOKEN = re.compile(PDF_NAME + rb"|(?<![A-Za-z])(stream(?:\r\n|\n|\r)|endobj)|(\()|(%)")
PDF_STRING_PART = re.compile(rb"\\.|[()]", re.DOTALL)
PDF_LINE_END = re.compile(rb"[\r\n]")
PDF_NAME_ONLY = re.compile(PDF_NAME)
PDF_END_STREAM = b"endstream"
PDF_MAX_NAME = 1024  # a real name has at most 127 bytes; a longer run is not a PDF object
PDF_MAX_TOKENS = 1_000_000  # names, strings and comments read in objects: a bound on the time the check takes
PDF_INFLATE_FACTOR = 4  # an object stream may inflate to this many times the size limit, no more
# Tokens are at most this long, so a chunk's last bytes are read again with the next chunk.
PDF_OVERLAP = PDF_MAX_NAME + 16

DOCX_MACRO_TYPE = b"macroEnabled"
DOCX_CONTENT_TYPES = "[Content_Types].xml"


class Refused(Exception):
    """The content breaks a rule; ``code`` names the message."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def private_storage():
    """Where files that name people or carry secret links are kept (personalised letters, ministers'
    statements and photos): never under MEDIA_URL, served only by views that check who asks."""
    from django.core.files.storage import storages

    return storages["private"]


def _chunks(upload):
    upload.seek(0)
    while chunk := upload.read(CHUNK_BYTES):
        yield chunk


def _pdf_name(raw: bytes) -> str:
    """A name as the PDF reader sees it: ``#xx`` escapes decoded (``/J#61vaScript`` is ``/JavaScript``)."""
    if b"#" not in raw:
        return raw.decode("latin-1")
    decoded = re.sub(rb"#([0-9A-Fa-f]{2})", lambda match: bytes([int(match[1], 16)]), raw)
    return decoded.decode("latin-1")


class _NameScan:
    """Looks for active names in a run of bytes given in pieces; ``names`` limits which ones count."""

    def __init__(self, names):
        self.names = names
        self.carry = b""

    def feed(self, data: bytes, final=False):
        buffer = self.carry + data
        for match in PDF_NAME_ONLY.finditer(buffer):
            if (final or match.end() < len(buffer)) and _pdf_name(match[1]) in self.names:
                raise Refused("file_active_content")
        self.carry = b"" if final else buffer[-PDF_OVERLAP:]


class _PdfScan:
    """Reads a PDF's bytes in order, as a PDF reader tokenizes them, and refuses active names: in the
    objects, in the objects that object streams hold once inflated, and (only the long names) in other
    streams' data, which it skips to their ``endstream``. Literal strings and comments are text, not
    names: a link to ``…/Web/JavaScript`` is not an action."""

    def __init__(self, inflate_budget, *, inside_object_stream=False, tokens=None):
        self.mode = "objects"
        self.tokens = PDF_MAX_TOKENS if tokens is None else tokens
        self.carry = b""
        self.names = []
        self.depth = 0
        self.inflater = None
        self.inflated = None
        self.skipped = None
        self.budget = inflate_budget
        self.inside_object_stream = inside_object_stream

    def feed(self, data: bytes, final=False):
        buffer, position = self.carry + data, 0
        self.carry = b""
        while True:
            step = getattr(self, f"_{self.mode}")(buffer, position, final)
            if step is None:
                return
            buffer, position = step

    def _objects(self, buffer, position, final):
        match = PDF_TOKEN.search(buffer, position)
        if match is None or (match.end() == len(buffer) and not final):
            if match is not None and match.end() - match.start() > PDF_MAX_NAME:
                raise Refused("file_content")
            self.carry = buffer[match.start() if match else max(position, len(buffer) - PDF_OVERLAP) :]
            return None
        self.tokens -= 1
        if self.tokens < 0:
            raise Refused("file_content")
        name, keyword, string, comment = match.groups()
        if name is not None:
            if len(name) > PDF_MAX_NAME:
                raise Refused("file_content")
            decoded = _pdf_name(name)
            if decoded in PDF_ACTIVE_NAMES:
                raise Refused("file_active_content")
            self.names.append(decoded)
        elif string:
            self.mode, self.depth = "string", 1
        elif comment:
            self.mode = "comment"
        elif keyword == b"endobj":
            self.names = []
        elif self.inside_object_stream:
            raise Refused("file_content")  # an object stream cannot hold a stream
        else:
            self._open_stream()
        return buffer, match.end()

    def _string(self, buffer, position, final):
        while match := PDF_STRING_PART.search(buffer, position):
            position = match.end()
            if match[0] == b"(":
                self.depth += 1
            elif match[0] == b")":
                self.depth -= 1
                if self.depth == 0:
                    self.mode = "objects"
                    return buffer, position
        if final:
            raise Refused("file_content")
        # A backslash at the end escapes the first byte of the next chunk.
        self.carry = b"\\" if buffer[position:].endswith(b"\\") else b""
        return None

    def _comment(self, buffer, position, final):
        match = PDF_LINE_END.search(buffer, position)
        if match is None:
            return None
        self.mode = "objects"
        return buffer, match.end()

    def _skip(self, buffer, position, final):
        end = buffer.find(PDF_END_STREAM, position)
        if end < 0:
            if final:
                raise Refused("file_content")
            # "endstream" may be cut by the chunk: its first bytes wait for the next one.
            keep = max(position, len(buffer) - len(PDF_END_STREAM) + 1)
            self.skipped.feed(buffer[position:keep])
            self.carry = buffer[keep:]
            return None
        self.skipped.feed(buffer[position:end], final=True)
        self.mode, self.names = "objects", []
        return buffer, end + len(PDF_END_STREAM)

    def _inflate(self, buffer, position, final):
        """Inflates an object stream's data and reads its objects; goes on after it once it has ended."""
        data = buffer[position:]
        try:
            while data and not self.inflater.eof:
                out = self.inflater.decompress(data, CHUNK_BYTES)
                self.budget -= len(out)
                if self.budget < 0:
                    raise Refused("file_content")
                self.inflated.feed(out)
                data = self.inflater.unconsumed_tail
        except zlib.error:
            raise Refused("file_content") from None
        if not self.inflater.eof:
            if final:
                raise Refused("file_content")
            return None
        self.inflated.feed(b"", final=True)
        self.tokens = self.inflated.tokens
        self.mode, self.skipped = "skip", _NameScan(PDF_LONG_ACTIVE_NAMES)
        return self.inflater.unused_data, 0

    def _open_stream(self):
        names, self.names = self.names, []
        if "ObjStm" not in names:
            self.mode, self.skipped = "skip", _NameScan(PDF_LONG_ACTIVE_NAMES)
            return
        if not set(names) <= PDF_OBJECT_STREAM_NAMES:
            raise Refused("file_content")
        if "Filter" not in names:
            return  # not compressed: its objects are read as plain objects up to "endstream"
        if names.count("Filter") != 1 or names.count("FlateDecode") != 1:
            raise Refused("file_content")
        self.mode, self.inflater = "inflate", zlib.decompressobj()
        self.inflated = _PdfScan(self.budget, inside_object_stream=True, tokens=self.tokens)


def _check_head(head: bytes):
    if HTML_MARKERS.search(head.lower()):
        raise Refused("file_active_content")


def _check_zip_tail(upload, size):
    """A file a ZIP or JAR reader would open: its end record sits in its last bytes."""
    upload.seek(max(0, size - ZIP_TAIL_BYTES))
    overlap = b""
    while chunk := upload.read(CHUNK_BYTES):
        if ZIP_END in overlap + chunk:
            raise Refused("file_active_content")
        overlap = chunk[-len(ZIP_END) + 1 :]


def _check_pdf(upload, size, limit):
    scan = _PdfScan(inflate_budget=PDF_INFLATE_FACTOR * limit)
    for chunk in _chunks(upload):
        scan.feed(chunk)
    scan.feed(b"", final=True)
    _check_zip_tail(upload, size)


def _check_image(upload, size, limit):
    _check_zip_tail(upload, size)


def _unsafe_member(name: str) -> bool:
    parts = name.split("/")
    return (
        name.startswith("/")
        or "\\" in name
        or ".." in parts
        or ":" in parts[0]
        or any(unicodedata.category(character).startswith("C") for character in name)
    )


def _check_docx(upload, size, limit):
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            if "word/document.xml" not in names:
                raise Refused("file_content")
            for member in members:
                lowered = member.filename.lower()
                if _unsafe_member(member.filename):
                    raise Refused("file_content")
                if lowered.rsplit("/", 1)[-1] in ("vbaproject.bin", "vbadata.xml") or "/activex/" in lowered:
                    raise Refused("file_active_content")
                if lowered.rsplit("/", 1)[-1].startswith("oleobject"):
                    raise Refused("file_active_content")
            if DOCX_CONTENT_TYPES in names:
                with archive.open(DOCX_CONTENT_TYPES) as types:
                    if DOCX_MACRO_TYPE in types.read(CHUNK_BYTES):
                        raise Refused("file_active_content")
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        EOFError,
        RuntimeError,
        ValueError,
        zlib.error,
    ):
        raise Refused("file_content") from None


PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class FileType:
    label: str
    magic: bytes
    check: Callable  # (upload, size, limit) -> None; raises Refused


# extension: its type
FILE_TYPES = {
    "pdf": FileType("PDF", PDF_MAGIC, _check_pdf),
    "png": FileType("PNG", PNG_MAGIC, _check_image),
    "jpg": FileType("JPEG", JPEG_MAGIC, _check_image),
    "jpeg": FileType("JPEG", JPEG_MAGIC, _check_image),
    "docx": FileType("DOCX", ZIP_MAGIC, _check_docx),
}

MESSAGES = {
    "file_content": _("The file's content is not %(type)s, whatever its name says."),
    "file_active_content": _(
        "The file is not a plain %(type)s: it also holds a script, a web page, macros or another file. "
        "Save it again as a plain %(type)s and send it again."
    ),
}


def plain_name(name: str) -> bool:
    """Whether a file's name is one name, visible as it is: no folder, no control, format or direction
    character, not hidden, not too long."""
    return (
        0 < len(name) <= MAX_NAME_LENGTH
        and "/" not in name
        and "\\" not in name
        and ":" not in name
        and not name.startswith(".")
        and not any(unicodedata.category(character).startswith("C") for character in name)
    )


@deconstructible
@dataclass(eq=True)
class FileCheck:
    """A validator: ``FileCheck(("pdf", "docx"), max_bytes=...)``."""

    extensions: tuple
    max_bytes: int | None = None

    def __call__(self, upload):
        if getattr(upload, "_committed", False):
            return  # already stored: it was checked when it came in
        limit = self.max_bytes or settings.UPLOAD_MAX_BYTES
        name = upload.name or ""
        if not plain_name(name):
            raise ValidationError(
                _(
                    "Rename the file: its name must be a plain file name, without folders or invisible "
                    "characters, of at most %(limit)d characters."
                ),
                code="file_name",
                params={"limit": MAX_NAME_LENGTH},
            )
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        allowed = ", ".join(sorted({FILE_TYPES[e].label for e in self.extensions}))
        if extension not in self.extensions:
            raise ValidationError(
                _("Only these file types are accepted: %(types)s."),
                code="file_type",
                params={"types": allowed},
            )
        if upload.size > limit:
            raise ValidationError(
                _("The file is too large (%(size)s); the limit is %(limit)s."),
                code="file_size",
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            )
        file_type = FILE_TYPES[extension]
        try:
            upload.seek(0)
            head = upload.read(HEAD_BYTES)
            if not head.startswith(file_type.magic):
                raise Refused("file_content")
            _check_head(head)
            file_type.check(upload, upload.size, limit)
        except Refused as refused:
            raise ValidationError(
                MESSAGES[refused.code], code=refused.code, params={"type": file_type.label}
            ) from None
        finally:
            upload.seek(0)

"""PDF: starts with ``%PDF-``; none of the names in ``PDF_ACTIVE_NAMES`` in its objects, including those
that object streams hold once inflated; what the check cannot read refuses the file (see the package)."""

import re
import zlib

from .content import CHUNK_BYTES, FileType, Refused, check_zip_tail, chunks

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
PDF_MAGIC = b"%PDF-"


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


def _check_pdf(upload, size, limit):
    scan = _PdfScan(inflate_budget=PDF_INFLATE_FACTOR * limit)
    for chunk in chunks(upload):
        scan.feed(chunk)
    scan.feed(b"", final=True)
    check_zip_tail(upload, size)


PDF = FileType("PDF", PDF_MAGIC, _check_pdf)

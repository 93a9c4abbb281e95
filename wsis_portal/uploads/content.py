"""What the checks of every type share: files read in chunks, never whole; the ``Refused`` rule; no HTML
or script markup in the first ``HEAD_BYTES``, where browsers and old sniffers look; no ZIP end record in
the last ``ZIP_TAIL_BYTES``, where ZIP and JAR readers look for it."""

import re
from collections.abc import Callable
from dataclasses import dataclass

CHUNK_BYTES = 64 * 1024
HEAD_BYTES = 8 * 1024
ZIP_TAIL_BYTES = 22 + 0xFFFF  # the end record and the longest comment a ZIP may carry after it
HTML_MARKERS = re.compile(
    rb"<(?:!doctype\s+html|a\s+href|\?xml-stylesheet|(?:html|head|body|script|svg|iframe|frame|frameset|object|"
    rb"embed|img|title|style|meta|table|pre|plaintext)[\s>/])"
)
ZIP_END = b"PK\x05\x06"


class Refused(Exception):
    """The content breaks a rule; ``code`` names the message."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class FileType:
    label: str
    magic: bytes
    check: Callable  # (upload, size, limit) -> None; raises Refused


def chunks(upload):
    upload.seek(0)
    while chunk := upload.read(CHUNK_BYTES):
        yield chunk


def check_head(head: bytes):
    if HTML_MARKERS.search(head.lower()):
        raise Refused("file_active_content")


def check_zip_tail(upload, size):
    """A file a ZIP or JAR reader would open: its end record sits in its last bytes."""
    upload.seek(max(0, size - ZIP_TAIL_BYTES))
    overlap = b""
    while chunk := upload.read(CHUNK_BYTES):
        if ZIP_END in overlap + chunk:
            raise Refused("file_active_content")
        overlap = chunk[-len(ZIP_END) + 1 :]

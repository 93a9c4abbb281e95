"""DOCX: a ZIP holding ``word/document.xml``, no member with a path outside the archive, no macros, no
ActiveX control or OLE object, and no more inside than ``archives`` lets it inflate to."""

import unicodedata
import zipfile
import zlib

from .archives import ZIP_MAGIC, InflationBudget
from .content import CHUNK_BYTES, FileType, Refused

DOCX_MACRO_TYPE = b"macroEnabled"
DOCX_CONTENT_TYPES = "[Content_Types].xml"


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
    budget = InflationBudget(limit)
    try:
        with budget.open(upload) as archive:
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
            budget.check(archive)
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


DOCX = FileType("DOCX", ZIP_MAGIC, _check_docx)

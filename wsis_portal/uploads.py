"""Checking uploaded files: the extension must be allowed, the content must really be of that type (its
first bytes say so), and the size must stay under the limit. Messages are translated."""

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


def _is_docx(upload) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)


def private_storage():
    """Where files that name people or carry secret links are kept (personalised letters, ministers'
    statements and photos): never under MEDIA_URL, served only by views that check who asks."""
    from django.core.files.storage import storages

    return storages["private"]


# extension: (label, check of the content)
FILE_TYPES = {
    "pdf": ("PDF", lambda head, upload: head.startswith(b"%PDF-")),
    "png": ("PNG", lambda head, upload: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "jpg": ("JPEG", lambda head, upload: head.startswith(b"\xff\xd8\xff")),
    "jpeg": ("JPEG", lambda head, upload: head.startswith(b"\xff\xd8\xff")),
    "docx": ("DOCX", lambda head, upload: head.startswith(b"PK\x03\x04") and _is_docx(upload)),
}


@deconstructible
@dataclass(eq=True)
class FileCheck:
    """A validator: ``FileCheck(("pdf", "docx"), max_bytes=...)``."""

    extensions: tuple
    max_bytes: int | None = None

    def __call__(self, upload):
        limit = self.max_bytes or settings.UPLOAD_MAX_BYTES
        name = upload.name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        allowed = ", ".join(sorted({FILE_TYPES[e][0] for e in self.extensions}))
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
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        if not FILE_TYPES[extension][1](head, upload):
            raise ValidationError(
                _("The file's content is not %(type)s, whatever its name says."),
                code="file_content",
                params={"type": FILE_TYPES[extension][0]},
            )

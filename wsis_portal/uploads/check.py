"""The validator of uploads: the name, the extension, the size, then the content by its type."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from wsis_portal.direction import list_separator

from . import images, office, pdf
from .content import HEAD_BYTES, Refused, check_head
from .names import MAX_NAME_LENGTH, plain_name

# extension: its type
FILE_TYPES = {
    "pdf": pdf.PDF,
    "png": images.PNG,
    "jpg": images.JPEG,
    "jpeg": images.JPEG,
    "docx": office.DOCX,
}

MESSAGES = {
    "file_content": _("The file's content is not %(type)s, whatever its name says."),
    "file_active_content": _(
        "The file is not a plain %(type)s: it also holds a script, a web page, macros or another file. "
        "Save it again as a plain %(type)s and send it again."
    ),
    "file_inflates": _(
        "When opened, the file expands to far more data than a %(type)s document holds, or into too many "
        "parts. Save it again as a plain %(type)s, or split it into smaller files, and send it again."
    ),
}


@deconstructible(path="wsis_portal.uploads.FileCheck")  # the migrations name it there
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
        allowed = list_separator().join(sorted({FILE_TYPES[e].label for e in self.extensions}))
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
            check_head(head)
            file_type.check(upload, upload.size, limit)
        except Refused as refused:
            raise ValidationError(
                MESSAGES[refused.code], code=refused.code, params={"type": file_type.label}
            ) from None
        finally:
            upload.seek(0)

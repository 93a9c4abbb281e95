"""PNG and JPEG: the signature of the type the extension names (a PNG named .jpg is refused), and nothing
a ZIP reader would open."""

from .content import FileType, check_zip_tail

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"


def _check_image(upload, size, limit):
    check_zip_tail(upload, size)


PNG = FileType("PNG", PNG_MAGIC, _check_image)
JPEG = FileType("JPEG", JPEG_MAGIC, _check_image)

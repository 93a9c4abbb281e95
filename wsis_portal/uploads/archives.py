"""ZIP-based files (DOCX): what they hold once inflated. The members are counted in the file's bytes before
``zipfile`` reads its directory; each member is then read through ``zipfile`` in chunks, its bytes counted
as they come, and the reading stops as soon as a limit is passed. A size a header declares can refuse a
file, never accept one: a member must inflate to exactly the size its header declares.

The limits are settings: ``UPLOAD_ZIP_MAX_MEMBERS`` members, ``UPLOAD_ZIP_MAX_MEMBER_BYTES`` for one
member, ``UPLOAD_ZIP_MAX_TOTAL_BYTES`` for them all, and a member past ``RATIO_GRACE_BYTES`` inflates to at
most ``UPLOAD_ZIP_MAX_RATIO`` times its compressed size. Only stored and deflated members are read, which
is what Word, Excel, LibreOffice and openpyxl write. A ZIP inside (a member that starts with a ZIP's local
header, as the workbook under a chart does) is checked the same way within what is left of the same
limits, and may not be larger than the upload limit; a ZIP inside that one is refused. A stored ZIP inside
has its members counted twice, in the file's bytes and when it is opened: the count errs on the safe side."""

import copy
import sys
import tempfile
import zipfile

from django.conf import settings

from .content import CHUNK_BYTES, Refused, chunks

ZIP_MAGIC = b"PK\x03\x04"
CENTRAL_ENTRY = b"PK\x01\x02"  # each entry of a ZIP's directory starts with it
READ_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
# A member this small costs nothing to inflate, whatever its ratio (a short run of identical XML).
RATIO_GRACE_BYTES = 1024 * 1024
SPOOL_BYTES = 1024 * 1024  # a ZIP inside is kept in memory up to this size, then in a temporary file


class InflationBudget:
    """What one uploaded file may still inflate to, and how many members it may still hold, across the
    archives inside it."""

    def __init__(self, limit):
        self.limit = limit  # the upload limit, which a ZIP inside may not pass either
        self.members_left = settings.UPLOAD_ZIP_MAX_MEMBERS
        self.bytes_left = settings.UPLOAD_ZIP_MAX_TOTAL_BYTES
        self.member_bytes = settings.UPLOAD_ZIP_MAX_MEMBER_BYTES
        self.ratio = settings.UPLOAD_ZIP_MAX_RATIO

    def open(self, file) -> zipfile.ZipFile:
        """The archive, once its directory entries are counted against the budget: ``zipfile`` builds an
        object for each entry, so a directory of 100,000 empty entries is refused before it is read."""
        entries, overlap = 0, b""
        for chunk in chunks(file):
            entries += (overlap + chunk).count(CENTRAL_ENTRY)
            if entries > self.members_left:
                raise Refused("file_inflates")
            overlap = chunk[1 - len(CENTRAL_ENTRY) :]
        self.members_left -= entries
        file.seek(0)
        return zipfile.ZipFile(file)

    def check(self, archive: zipfile.ZipFile, *, inside=False):
        """Reads every member, counting what it inflates to; raises ``Refused`` at the first limit passed."""
        for member in archive.infolist():
            if member.compress_type not in READ_METHODS:
                raise Refused("file_content")
            if self._too_much(member.file_size, member):
                raise Refused("file_inflates")
            self._read(archive, member, inside)

    def _too_much(self, inflated, member) -> bool:
        return (
            inflated > self.member_bytes
            or inflated > self.bytes_left
            or inflated > max(RATIO_GRACE_BYTES, self.ratio * member.compress_size)
        )

    def _read(self, archive, member, inside):
        # zipfile stops at the size the header declares; this copy declares no end, so the count goes on to
        # where the data really ends, unless a limit stops it first.
        reading = copy.copy(member)
        reading.file_size = sys.maxsize
        inflated = 0
        with archive.open(reading) as data, tempfile.SpooledTemporaryFile(SPOOL_BYTES) as spool:
            chunk = data.read(CHUNK_BYTES)
            nested = chunk.startswith(ZIP_MAGIC)
            if nested and inside:
                raise Refused("file_inflates")
            while chunk:
                inflated += len(chunk)
                if self._too_much(inflated, member) or (nested and inflated > self.limit):
                    raise Refused("file_inflates")
                if nested:
                    spool.write(chunk)
                chunk = data.read(CHUNK_BYTES)
            if inflated != member.file_size:
                raise Refused("file_content")  # the header lies about the size
            self.bytes_left -= inflated
            if nested:
                with self.open(spool) as inner:
                    self.check(inner, inside=True)

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
  (``vbaProject.bin``, ``vbaData.xml``, a macro-enabled content type), no ActiveX control or OLE object;
  no more than ``UPLOAD_ZIP_MAX_MEMBERS`` members, counted before the directory is read, each member read
  in chunks and what it really inflates to counted (the header's size must be that size), at most
  ``UPLOAD_ZIP_MAX_MEMBER_BYTES`` each, ``UPLOAD_ZIP_MAX_TOTAL_BYTES`` in all, past a grace of 1 MB at
  most ``UPLOAD_ZIP_MAX_RATIO`` times its compressed size; only stored and deflated members; a ZIP inside
  (a chart's workbook) is checked the same way, within the same limits, and may not hold another ZIP.

Names: Django already keeps only the last part of a posted name and drops unprintable characters; what
reaches the check must still be a plain name (no separator, no control, format or direction character,
not hidden, at most ``MAX_NAME_LENGTH`` characters), and the storage then makes it safe for the disk.
A file already stored (editing a record without a new file) is not read again.

Where each rule is: ``check`` (the validator, ``FileCheck``), ``content`` (what every type is checked
for), ``pdf``, ``office`` (DOCX), ``archives`` (what a ZIP inflates to), ``images`` (PNG, JPEG),
``names``; ``storage`` keeps the private files."""

from .check import FILE_TYPES, FileCheck
from .content import CHUNK_BYTES
from .names import MAX_NAME_LENGTH, plain_name
from .storage import private_storage

__all__ = ["CHUNK_BYTES", "FILE_TYPES", "MAX_NAME_LENGTH", "FileCheck", "plain_name", "private_storage"]

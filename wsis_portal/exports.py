"""Tables handed to spreadsheets: CSV streamed line by line (memory stays flat however many rows) and XLSX
written row by row. Every process's exports go through these, so they read alike in Excel and LibreOffice
and a submitter's text can never become a formula."""

import csv
import tempfile

from django.http import FileResponse, Http404, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMATS = ("csv", "xlsx")
XLSX_SPOOL = 20 * 1024 * 1024  # above this a workbook being written goes to a temporary file
# A spreadsheet opening a CSV file reads a cell starting with one of these as a formula ("CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Echo:
    """A file-like object csv.writer writes to, handing each line back instead of keeping it."""

    def write(self, value):
        return value


def cell(value):
    """A cell: lists joined with ";", booleans as yes/no, nothing as empty."""
    if isinstance(value, list | tuple):
        return ";".join(str(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else value


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value):
    """A CSV cell: text a spreadsheet would run as a formula gets a leading apostrophe, which spreadsheets
    read as "this is text" (OWASP's advice); numbers, even negative ones, stay numbers."""
    value = cell(value)
    return f"'{value}" if looks_like_formula(value) else value


def csv_lines(header, rows):
    """The lines of a CSV file: ``header`` then each of ``rows`` (sequences of values), as they come."""
    writer = csv.writer(Echo())
    yield "\ufeff" + writer.writerow(header)  # the BOM lets spreadsheets read Arabic as UTF-8
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])


def streamed(lines, filename, content_type):
    """A download of ``lines`` (an iterator of text) sent as they are produced."""
    response = StreamingHttpResponse(lines, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(header, rows, filename):
    """A streamed CSV download of ``rows`` under ``header``."""
    return streamed(csv_lines(header, rows), filename, "text/csv; charset=utf-8")


def _text_cell(sheet, value):
    """A cell whose text stays text: openpyxl would store "=…" typed by a submitter as a formula. Text that
    looks like one is also marked "quote prefix", so it stays text when someone edits the cell."""
    value = cell(value)
    written = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        written.data_type = "s"
        written.quotePrefix = looks_like_formula(value)
    return written


def xlsx_response(header, rows, filename, sheet_name="rows"):
    """An XLSX download of ``rows`` under ``header``, one sheet, text cells never read as formulas."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)
    sheet.append(list(header))
    for row in rows:
        sheet.append([_text_cell(sheet, value) for value in row])
    spool = tempfile.SpooledTemporaryFile(max_size=XLSX_SPOOL)  # noqa: SIM115 - FileResponse closes it
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename)


def response(fmt, header, rows, name, sheet_name="rows"):
    """A download of ``rows`` under ``header`` as ``fmt`` (one of ``FORMATS``), named ``<name>.<fmt>``;
    any other format is not found."""
    if fmt == "csv":
        return csv_response(header, rows, f"{name}.csv")
    if fmt == "xlsx":
        return xlsx_response(header, rows, f"{name}.xlsx", sheet_name)
    raise Http404

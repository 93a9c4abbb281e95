"""Exports shared by every process: text that a spreadsheet would run as a formula stays text."""

import io

import pytest
from django.http import Http404
from openpyxl import load_workbook

from wsis_portal import exports

FORMULA = '=HYPERLINK("https://evil.example","Click")'


def test_a_csv_cell_that_looks_like_a_formula_is_marked_as_text():
    lines = list(exports.csv_lines(["title", "budget"], [[FORMULA, -12], ["+1 555", 3], ["@SUM(A1)", None]]))
    assert lines[1] == '"\'=HYPERLINK(""https://evil.example"",""Click"")",-12\r\n'
    assert lines[1].endswith(",-12\r\n")  # a negative number stays a number
    assert lines[2] == "'+1 555,3\r\n"
    assert lines[3] == "'@SUM(A1),\r\n"


def test_ordinary_text_and_arabic_are_left_alone():
    lines = list(exports.csv_lines(["title"], [["Digital library"], ["مكتبة رقمية"], ["e-Health"]]))
    assert lines[1:] == ["Digital library\r\n", "مكتبة رقمية\r\n", "e-Health\r\n"]


def test_an_xlsx_cell_that_looks_like_a_formula_keeps_its_quote_prefix():
    response = exports.xlsx_response(["title"], [[FORMULA], ["plain"]], "rows.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert (sheet.cell(row=2, column=1).value, sheet.cell(row=2, column=1).quotePrefix) == (FORMULA, True)
    assert sheet.cell(row=3, column=1).quotePrefix is False


def test_a_download_is_named_by_its_format_and_an_unknown_format_is_not_found():
    csv_file = exports.response("csv", ["title"], [["plain"]], "rows")
    xlsx_file = exports.response("xlsx", ["title"], [["plain"]], "rows", "entries")
    assert (csv_file["Content-Disposition"], xlsx_file["Content-Disposition"]) == (
        'attachment; filename="rows.csv"',
        'attachment; filename="rows.xlsx"',
    )
    assert load_workbook(io.BytesIO(b"".join(xlsx_file.streaming_content))).sheetnames == ["entries"]
    with pytest.raises(Http404):
        exports.response("pdf", ["title"], [["plain"]], "rows")

"""Tables: the container a file is in (CSV text, an XLSX workbook or JSON), and a table's header and rows."""

import csv
import datetime
import io
import zipfile
from typing import Any

from django.utils.translation import gettext as _

from .common import Cell, Problem, Table


def detect_container(data: bytes) -> str:
    """ "xlsx", "json" or "csv", from the first bytes."""
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        return "json"
    return "csv"


def read_table(data: bytes, *, filename: str, container: str) -> tuple[list[str], Table, list[Problem]]:
    """The header and the non-blank rows (with their row numbers, the header being row 1), or problems."""
    if container == "xlsx":
        return _read_xlsx(data, filename=filename)
    return _read_csv(data, filename=filename)


def layout_of(header: list[str]) -> str | None:
    """The export a header belongs to, where it is one of the known ones that are not HR exports."""
    names = {name.strip().casefold() for name in header}
    if {"inst_nr", "enhedsart", "hovedskole_inst"} <= names:
        return "institution-register"
    if {"root", "ansvar", "navn", "e-mail"} <= names:
        return "os2mo-leaders"
    if {"leder", "egen afd", "direkte ialt"} <= names:
        return "os2mo-managers-report"
    return None


def _cell_text(value: Any) -> Cell:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_csv(data: bytes, *, filename: str) -> tuple[list[str], Table, list[Problem]]:
    if b"\x00" in data[:8192]:
        return [], [], [Problem(filename, None, "", _("This is not a CSV, XLSX or JSON file."))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return (
            [],
            [],
            [
                Problem(
                    filename,
                    data[: error.start].count(b"\n") + 1,
                    "",
                    _("The file is not UTF-8 text; save the CSV file as UTF-8."),
                )
            ],
        )
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: Table = []
    header: list[str] = []
    try:
        for number, values in enumerate(reader, start=1):
            if number == 1:
                header = [value.strip() for value in values]
            elif any(value.strip() for value in values):
                rows.append((number, [value.strip() for value in values]))
    except csv.Error as error:
        return (
            [],
            [],
            [Problem(filename, reader.line_num, "", _("Malformed CSV: %(error)s") % {"error": error})],
        )
    return header, rows, []


def _read_xlsx(data: bytes, *, filename: str) -> tuple[list[str], Table, list[Problem]]:
    from openpyxl import load_workbook  # slow to import, and only needed for workbooks

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return [], [], [Problem(filename, None, "", _("This is not a readable XLSX workbook."))]
    try:
        if not workbook.worksheets:
            return [], [], [Problem(filename, None, "", _("The workbook has no sheets."))]
        header: list[str] = []
        rows: Table = []
        for number, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            cells = [_cell_text(value) for value in values]
            if number == 1:
                header = [str(cell) for cell in cells]
                while header and not header[-1]:
                    header.pop()
            elif any(cells):
                rows.append((number, cells))
        return header, rows, []
    finally:
        workbook.close()

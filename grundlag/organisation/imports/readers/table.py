"""Tables: the container a file is in (CSV text, an XLSX workbook or JSON), and a table's header and rows."""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .common import Cell, Problem, Table

# Byte order marks of Unicode text (UTF-32 before UTF-16: a UTF-32 LE mark starts like a UTF-16 LE one).
BYTE_ORDER_MARKS = [
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]

# A quoted CSV value (with "" inside it), whose delimiters are not column breaks.
QUOTED = re.compile(r'"(?:[^"]|"")*"')


@dataclass(frozen=True)
class Limits:
    """How much of a table is read: rows below the header, columns, characters in a cell, and the bytes
    an XLSX workbook may unpack to. Checked while reading, so a hostile file stops at the bound."""

    rows: int
    columns: int
    cell_chars: int
    unpacked_bytes: int

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(
            rows=settings.ORGANISATION_IMPORT_MAX_ROWS,
            columns=settings.ORGANISATION_IMPORT_MAX_COLUMNS,
            cell_chars=settings.ORGANISATION_IMPORT_MAX_CELL_CHARS,
            unpacked_bytes=settings.ORGANISATION_IMPORT_MAX_UNPACKED_BYTES,
        )


class _Refused(Exception):
    """A table goes beyond a limit: the problem that says where."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def detect_container(data: bytes) -> str:
    """ "xlsx", "json" or "csv", from the first bytes."""
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        return "json"
    return "csv"


def read_table(data: bytes, *, filename: str, container: str) -> tuple[list[str], Table, list[Problem]]:
    """The header and the non-blank rows (with their row numbers, the header being row 1), or problems."""
    limits = Limits.from_settings()
    try:
        if container == "xlsx":
            return _read_xlsx(data, filename=filename, limits=limits)
        return _read_csv(data, filename=filename, limits=limits)
    except _Refused as refused:
        return [], [], [refused.problem]


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


def _bounded(
    rows: Iterable[list[Any]], *, filename: str, limits: Limits, cell: Callable[[Any], Cell]
) -> tuple[list[str], Table]:
    """The header and the non-blank rows of a table, each row's values made cells by `cell`; refused
    (`_Refused`) at the first row beyond the row limit, the first row wider than the column limit, or
    the first cell longer than the cell limit, before any more of the table is read."""
    header: list[str] = []
    table: Table = []
    for number, values in enumerate(rows, start=1):
        if number > limits.rows + 1:
            raise _Refused(_too_many_rows(filename, number, limits))
        if len(values) > limits.columns:
            column = _("column %(number)s") % {"number": limits.columns + 1}
            raise _Refused(_too_many_columns(filename, number, column, len(values), limits))
        cells = [cell(value) for value in values]
        _check_cell_sizes(cells, header, filename=filename, number=number, limits=limits)
        if number == 1:
            header = [str(value) for value in cells]
        elif any(cells):
            table.append((number, cells))
    return header, table


def _check_cell_sizes(
    cells: list[Cell], header: list[str], *, filename: str, number: int, limits: Limits
) -> None:
    longest = max((len(value) for value in cells if isinstance(value, str)), default=0)
    if longest <= limits.cell_chars:
        return
    index = next(i for i, value in enumerate(cells) if isinstance(value, str) and len(value) == longest)
    named = index < len(header) and header[index]
    column = header[index] if named else _("column %(number)s") % {"number": index + 1}
    message = _("The value has %(count)s characters; a value may have at most %(limit)s.") % {
        "count": longest,
        "limit": limits.cell_chars,
    }
    raise _Refused(Problem(filename, number, column, message))


def _too_many_rows(filename: str, number: int, limits: Limits) -> Problem:
    message = _(
        "The file goes on beyond %(limit)s rows below the header (blank rows count); split it into "
        "smaller files or delete the rows below the data."
    ) % {"limit": limits.rows}
    return Problem(filename, number, "", message)


def _too_many_columns(filename: str, number: int, column: str, count: int, limits: Limits) -> Problem:
    message = _(
        "The row has %(count)s columns (empty ones count); a file may have at most %(limit)s. Delete the "
        "columns to the right of the data."
    ) % {"count": count, "limit": limits.columns}
    return Problem(filename, number, column, message)


def _csv_value(value: str) -> str:
    return value.strip()


def _read_csv(data: bytes, *, filename: str, limits: Limits) -> tuple[list[str], Table, list[Problem]]:
    text = _decode(data, filename=filename)
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    lines = _lines_within_width(text, delimiter=delimiter, filename=filename, limits=limits)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        header, rows = _bounded(reader, filename=filename, limits=limits, cell=_csv_value)
    except csv.Error as error:
        message = _("Malformed CSV: %(error)s") % {"error": error}
        if str(error).startswith("field larger than field limit"):  # the csv module's own bound
            message = _("A value has more than %(count)s characters; a value may have at most %(limit)s.") % {
                "count": csv.field_size_limit(),
                "limit": limits.cell_chars,
            }
        return [], [], [Problem(filename, reader.line_num, "", message)]
    return header, rows, []


def _lines_within_width(text: str, *, delimiter: str, filename: str, limits: Limits) -> Iterator[str]:
    """The text's lines; a line with more columns than the limit is refused before the CSV parser makes
    a value of each (quoted delimiters are not counted; a line inside a multi-line value may be)."""
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if line.count(delimiter) >= limits.columns:
            count = QUOTED.sub("", line).count(delimiter) + 1
            if count > limits.columns:
                column = _("column %(number)s") % {"number": limits.columns + 1}
                raise _Refused(_too_many_columns(filename, number, column, count, limits))
        yield line


def _decode(data: bytes, *, filename: str) -> str:
    """The text of a CSV file: UTF-8 (with or without a byte order mark), or UTF-16 or UTF-32 with one
    (Excel's "Unicode text"); anything else is refused with what is wrong and where."""
    encoding = next((name for mark, name in BYTE_ORDER_MARKS if data.startswith(mark)), None)
    if encoding is None and b"\x00" in data[:8192]:
        raise _Refused(Problem(filename, None, "", _not_text_message(data)))
    try:
        return data.decode(encoding or "utf-8-sig").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].decode(encoding or "utf-8", errors="replace").count("\n") + 1
        if encoding is None:
            message = _("The file is not UTF-8 text; save the CSV file as UTF-8.")
        else:
            message = _(
                "The file starts with the byte order mark of %(encoding)s text, but this line is not "
                "%(encoding)s; save the CSV file as UTF-8."
            ) % {"encoding": encoding.upper()}
        raise _Refused(Problem(filename, line, "", message)) from None


def _not_text_message(data: bytes) -> str:
    """Zero bytes near the start: UTF-16 text without a byte order mark, or not text at all."""
    start = data[:8192]
    if start[1::2].count(0) > len(start) // 4 or start[0::2].count(0) > len(start) // 4:
        return _(
            "This looks like UTF-16 text without a byte order mark, which cannot be read safely; save "
            "the CSV file as UTF-8 (or as Unicode text, which has the mark)."
        )
    return _("This is not a CSV, XLSX or JSON file.")


def _read_xlsx(data: bytes, *, filename: str, limits: Limits) -> tuple[list[str], Table, list[Problem]]:
    from openpyxl import load_workbook  # slow to import, and only needed for workbooks

    _check_unpacked_size(data, filename=filename, limits=limits)
    unreadable = [Problem(filename, None, "", _("This is not a readable XLSX workbook."))]
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError):
        return [], [], unreadable
    try:
        if not workbook.worksheets:
            return [], [], [Problem(filename, None, "", _("The workbook has no sheets."))]
        rows = _sheet_rows(workbook.worksheets[0], filename, limits)
        header, table = _bounded(rows, filename=filename, limits=limits, cell=_cell_text)
        while header and not header[-1]:
            header.pop()
        # A row ends at its last value; its empty cells to the header's width are values too.
        padded = [(number, cells + [""] * (len(header) - len(cells))) for number, cells in table]
        return header, padded, []
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError, TypeError, IndexError):
        # A broken sheet (truncated or invalid XML, a member whose size does not match) fails while
        # its rows are read; openpyxl raises any of these.
        return [], [], unreadable
    finally:
        workbook.close()


def _check_unpacked_size(data: bytes, *, filename: str, limits: Limits) -> None:
    """Refuse a workbook that unpacks to more than the limit, by the sizes its zip directory states,
    before anything is unpacked (Python's zipfile never unpacks a member beyond its stated size)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # openpyxl says it is not a readable workbook
    if not members or sum(member.file_size for member in members) <= limits.unpacked_bytes:
        return
    largest = max(members, key=lambda member: member.file_size)
    message = _(
        "The workbook unpacks to more than %(limit)s (%(member)s alone to %(size)s); a workbook "
        "this size is refused. Save only the organisation's sheet, without images."
    ) % {
        "limit": filesizeformat(limits.unpacked_bytes),
        "member": largest.filename,
        "size": filesizeformat(largest.file_size),
    }
    raise _Refused(Problem(filename, None, "", message))


def _sheet_rows(sheet: Any, filename: str, limits: Limits) -> Iterable[list[Any]]:
    """The sheet's rows, read as a stream (openpyxl's read-only mode), each as wide as its last value.

    The dimension tag a sheet states (A1:XFD1048576) is not trusted: openpyxl pads every row to the
    width it states, and stops at the last row it states. Without it, openpyxl makes each row as wide as
    its last cell, so a row with a cell beyond the column limit is refused before it is made. That
    check wraps the read-only sheet's `_get_row` (openpyxl has no public hook for it; the version is
    pinned, and test_import_hostile_files fails if the hook changes).
    """
    from openpyxl.utils import get_column_letter

    sheet.reset_dimensions()
    get_row = sheet._get_row

    def bounded_row(row: list[dict[str, Any]], min_col: int, max_col: int | None, values_only: bool) -> Any:
        width = max((cell["column"] for cell in row), default=0)
        if width > limits.columns:
            problem = _too_many_columns(filename, row[0]["row"], get_column_letter(width), width, limits)
            raise _Refused(problem)
        return get_row(row, min_col, max_col or width or None, values_only)

    sheet._get_row = bounded_row
    for values in sheet.iter_rows(values_only=True):
        yield list(values)

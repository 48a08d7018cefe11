"""Small organisation files built to hang a reader: a very wide CSV row, a lying XLSX, a zip bomb."""

import io
import zipfile

from grundlag.organisation.imports.tests.import_files import HEADER, SMALL, csv_file, small_xlsx

SHEET = "xl/worksheets/sheet1.xml"


def wide_csv(commas: int = 300_000) -> bytes:
    """The small HR file with one row that goes on for `commas` empty values."""
    return csv_file(*SMALL[:2], SMALL[2] + "," * commas, *SMALL[3:])


def _replaced(workbook: bytes, name: str, content: bytes) -> bytes:
    """The workbook with one member's content replaced (the others copied as they are)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = content if info.filename == name else source.read(info)
            target.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def sheet_xml(rows: list[list[str]], *, dimension: str | None) -> bytes:
    """A sheet of inline strings, with the dimension tag it claims (or none)."""
    lines = []
    for number, values in enumerate(rows, start=1):
        cells = "".join(
            f'<c r="{_letters(index)}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
            for index, value in enumerate(values, start=1)
            if value
        )
        lines.append(f'<row r="{number}">{cells}</row>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + (f'<dimension ref="{dimension}"/>' if dimension else "")
        + f"<sheetData>{''.join(lines)}</sheetData></worksheet>"
    ).encode()


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def hr_rows(extra: int = 0) -> list[list[str]]:
    """The small HR file's header and rows, and `extra` more teachers at Ahorn Skole."""
    rows = [HEADER.split(",")] + [line.split(",") for line in SMALL]
    for number in range(extra):
        rows.append(f"a,Ahorn Skole,s,t{number},Lærer {number},,Lærer,,l,2022-08-01,".split(","))
    return rows


def lying_xlsx(extra: int = 0) -> bytes:
    """The small HR workbook whose dimension tag claims every cell of a sheet (A1:XFD1048576)."""
    return _replaced(small_xlsx(), SHEET, sheet_xml(hr_rows(extra), dimension="A1:XFD1048576"))


def far_column_xlsx() -> bytes:
    """The small HR workbook with one more value, in the last column Excel has (XFD) of row 3."""
    rows = hr_rows()
    xml = sheet_xml(rows, dimension="A1:L6").replace(
        b'</c></row><row r="4">', b'</c><c r="XFD3" t="inlineStr"><is><t>x</t></is></c></row><row r="4">', 1
    )
    return _replaced(small_xlsx(), SHEET, xml)


def bomb_xlsx(unpacked: int) -> bytes:
    """The small HR workbook whose sheet goes on with empty rows until it unpacks to `unpacked` bytes
    (and states no dimension, as many writers do)."""
    head = sheet_xml(hr_rows(), dimension=None)
    tail = b"</sheetData></worksheet>"
    body = head[: -len(tail)]
    row = b"<row/>"
    filler = row * ((unpacked - len(body) - len(tail)) // len(row) + 1)
    return _replaced(small_xlsx(), SHEET, body + filler + tail)

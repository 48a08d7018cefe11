"""Small hostile files are refused, or read, with bounded work: no reader materialises more cells than
the limits allow, whatever a file claims. Work is counted (cells made), never timed."""

import io
import zipfile

import openpyxl
import pytest
from django.test import override_settings
from django.utils import translation

from grundlag.organisation.imports.readers import read, table
from grundlag.organisation.imports.services.applying import org_import
from grundlag.organisation.imports.tests.hostile_files import (
    SHEET,
    _replaced,
    bomb_xlsx,
    far_column_xlsx,
    hr_rows,
    lying_xlsx,
    sheet_xml,
    wide_csv,
)
from grundlag.organisation.imports.tests.import_files import SMALL, csv_file, small_xlsx
from grundlag.organisation.models import Unit


@pytest.fixture
def cells_made(monkeypatch):
    """How many cell values the table reader has made (CSV and XLSX)."""
    made = {"csv": 0, "xlsx": 0}

    def counting(kind, convert):
        def count(value):
            made[kind] += 1
            return convert(value)

        return count

    monkeypatch.setattr(table, "_csv_value", counting("csv", table._csv_value))
    monkeypatch.setattr(table, "_cell_text", counting("xlsx", table._cell_text))
    return made


@pytest.fixture
def widest_csv_row(monkeypatch):
    """The most values the CSV parser has split one row into."""
    widest = [0]
    parser = table.csv.reader

    def counting(*args, **kwargs):
        for values in parser(*args, **kwargs):
            widest[0] = max(widest[0], len(values))
            yield values

    monkeypatch.setattr(table.csv, "reader", counting)
    return widest


def messages(result) -> list[str]:
    return [str(problem) for problem in result.problems]


def test_a_csv_row_of_300000_commas_is_refused_before_its_values_are_read(cells_made, widest_csv_row):
    result = read(wide_csv(), filename="hr.csv")

    assert messages(result) == [
        "hr.csv:4: column 501: The row has 300011 columns (empty ones count); a file may have at most "
        "500. Delete the columns to the right of the data."
    ]
    assert result.rows == []
    assert cells_made["csv"] == 3 * 11  # the header and the two rows above it
    assert widest_csv_row[0] == 11  # the CSV parser never split the wide row


def test_commas_inside_quoted_values_are_not_columns():
    quoted = '"' + "," * 600 + '"'
    line = SMALL[3].replace("Tom Lærer", quoted)

    result = read(csv_file(*SMALL[:3], line), filename="hr.csv")

    assert result.problems == [] and result.rows[-1].name == "," * 600


def test_an_xlsx_whose_dimension_claims_every_cell_is_read_as_wide_as_its_values(cells_made):
    result = read(lying_xlsx(), filename="hr.xlsx")

    assert result.problems == [] and result.format == "xlsx"
    assert [row.unit_id for row in result.rows] == ["k", "s", "a", "a", "b"]
    assert cells_made["xlsx"] <= 6 * 11  # each row as wide as its last value, not 16,384 wide


def test_an_xlsx_whose_dimension_claims_too_few_rows_is_read_whole():
    workbook = _replaced(small_xlsx(), SHEET, sheet_xml(hr_rows(), dimension="A1:A1"))

    result = read(workbook, filename="hr.xlsx")

    assert result.problems == [] and len(result.rows) == 5


def test_an_xlsx_with_a_value_in_the_last_column_is_refused_naming_row_and_column(cells_made):
    result = read(far_column_xlsx(), filename="hr.xlsx")

    assert messages(result) == [
        "hr.xlsx:3: XFD: The row has 16384 columns (empty ones count); a file may have at most 500. "
        "Delete the columns to the right of the data."
    ]
    assert cells_made["xlsx"] <= 2 * 11


@override_settings(ORGANISATION_IMPORT_MAX_UNPACKED_BYTES=1_000_000)
def test_a_zip_bomb_is_refused_before_openpyxl_unpacks_it(monkeypatch):
    bomb = bomb_xlsx(2_000_000)
    assert len(bomb) < 20_000
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *args, **kwargs: pytest.fail("opened"))

    result = read(bomb, filename="bomb.xlsx")

    assert messages(result) == [
        "bomb.xlsx: The workbook unpacks to more than 976.6\xa0KB (xl/worksheets/sheet1.xml alone to "
        "1.9\xa0MB); a workbook this size is refused. Save only the organisation's sheet, without images."
    ]


def _sheet_size(workbook: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        return archive.getinfo(SHEET).file_size


@override_settings(ORGANISATION_IMPORT_MAX_ROWS=10)
def test_a_sheet_of_endless_empty_rows_stops_at_the_row_limit(cells_made):
    result = read(bomb_xlsx(300_000), filename="hr.xlsx")

    assert messages(result) == [
        "hr.xlsx:12: The file goes on beyond 10 rows below the header (blank rows count); split it into "
        "smaller files or delete the rows below the data."
    ]
    assert cells_made["xlsx"] <= 6 * 11


@override_settings(ORGANISATION_IMPORT_MAX_ROWS=3)
def test_a_csv_with_more_rows_than_the_limit_is_refused_at_the_first_row_beyond():
    result = read(csv_file(*SMALL), filename="hr.csv")

    assert messages(result) == [
        "hr.csv:5: The file goes on beyond 3 rows below the header (blank rows count); split it into "
        "smaller files or delete the rows below the data."
    ]


def test_a_cell_longer_than_the_limit_is_refused_naming_row_and_column():
    long_name = SMALL[1].replace("Carl Chef", "C" * 10_001)

    result = read(csv_file(SMALL[0], long_name), filename="hr.csv")

    assert messages(result) == [
        "hr.csv:3: name: The value has 10001 characters; a value may have at most 10000."
    ]


def test_a_cell_beyond_the_csv_parsers_own_bound_is_refused_in_the_users_language():
    line = SMALL[1].replace("Carl Chef", "C" * 200_000)

    with translation.override("da"):
        result = read(csv_file(SMALL[0], line), filename="hr.csv")

    assert messages(result) == [
        "hr.csv:3: En værdi har mere end 131072 tegn; en værdi må højst have 10000 tegn."
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be-with-mark", "utf-32"])
def test_it_reads_a_utf16_csv_with_tabs_as_excel_saves_unicode_text(builtin_frameworks, encoding):
    text = csv_file(*SMALL, delimiter="\t").decode()
    data = ("\ufeff" + text).encode("utf-16-be") if encoding.endswith("with-mark") else text.encode(encoding)

    outcome = org_import(data=data, filename="Unicode-tekst.txt")

    assert outcome.errors == [] and outcome.applied
    assert outcome.format == "csv" and outcome.new["units"] == 4
    assert Unit.objects.get(key="a").name == "Ahorn Skole"


def test_a_utf16_csv_without_its_byte_order_mark_is_explained():
    result = read(csv_file(*SMALL).decode().encode("utf-16-le"), filename="hr.csv")

    assert messages(result) == [
        "hr.csv: This looks like UTF-16 text without a byte order mark, which cannot be read safely; save "
        "the CSV file as UTF-8 (or as Unicode text, which has the mark)."
    ]


def test_a_utf16_csv_that_breaks_off_says_on_which_line():
    data = csv_file(*SMALL).decode().encode("utf-16")[:-1]  # half a character at the end

    result = read(data, filename="hr.csv")

    assert messages(result) == [
        "hr.csv:6: The file starts with the byte order mark of UTF-16 text, but this line is not UTF-16; "
        "save the CSV file as UTF-8."
    ]


def test_a_workbook_member_that_unpacks_beyond_its_stated_size_is_not_read():
    workbook = bytearray(_replaced(small_xlsx(), SHEET, sheet_xml(hr_rows(), dimension=None)))
    name = SHEET.encode()
    size = _sheet_size(bytes(workbook))
    # State a size of 100 bytes in the local header and in the central directory.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := workbook.find(signature, start)) != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if workbook[name_at : name_at + len(name)] == name:
                assert int.from_bytes(workbook[start + offset : start + offset + 4], "little") == size
                workbook[start + offset : start + offset + 4] = (100).to_bytes(4, "little")
            start += 4

    result = read(bytes(workbook), filename="hr.xlsx")

    assert messages(result) == ["hr.xlsx: This is not a readable XLSX workbook."]


@override_settings(ORGANISATION_IMPORT_MAX_UNPACKED_BYTES=1_000_000)
def test_the_refusals_are_in_danish_by_default():
    with translation.override("da"):
        refusals = [
            read(wide_csv(), filename="hr.csv"),
            read(far_column_xlsx(), filename="hr.xlsx"),
            read(bomb_xlsx(2_000_000), filename="hr.xlsx"),
            read(csv_file(*SMALL).decode().encode("utf-16-le"), filename="hr.csv"),
            read(csv_file(*SMALL).decode().encode("utf-16")[:-1], filename="hr.csv"),
        ]
        with override_settings(ORGANISATION_IMPORT_MAX_CELL_CHARS=7):
            refusals.append(read(csv_file(*SMALL), filename="hr.csv"))
        with override_settings(ORGANISATION_IMPORT_MAX_ROWS=3):
            refusals.append(read(csv_file(*SMALL), filename="hr.csv"))

    assert [messages(result) for result in refusals] == [
        [
            "hr.csv:4: kolonne 501: Rækken har 300011 kolonner (tomme kolonner tæller med); en fil må højst "
            "have 500. Slet kolonnerne til højre for dataene."
        ],
        [
            "hr.xlsx:3: XFD: Rækken har 16384 kolonner (tomme kolonner tæller med); en fil må højst have "
            "500. Slet kolonnerne til højre for dataene."
        ],
        [
            "hr.xlsx: Projektmappen fylder mere end 976,6\xa0KB udpakket (xl/worksheets/sheet1.xml alene "
            "1,9\xa0MB), og så store projektmapper afvises. Gem kun organisationens ark, uden billeder."
        ],
        [
            "hr.csv: Filen ligner UTF-16-tekst uden BOM-mærke (byte order mark), og den kan ikke læses "
            "sikkert. Gem CSV-filen som UTF-8 (eller som Unicode-tekst, som har mærket)."
        ],
        [
            "hr.csv:6: Filen begynder med et BOM-mærke (byte order mark) for UTF-16-tekst, men denne linje "
            "er ikke UTF-16. Gem CSV-filen som UTF-8."
        ],
        ["hr.csv:1: kolonne 9: Værdien har 17 tegn; en værdi må højst have 7 tegn."],
        [
            "hr.csv:5: Filen fortsætter ud over 3 rækker under overskriftsrækken (tomme rækker tæller med). "
            "Del den i mindre filer, eller slet rækkerne under dataene."
        ],
    ]


@pytest.mark.parametrize("nesting", [b"[" * 100_000, b'{"org_units": ' * 100_000])
def test_json_nested_without_end_is_refused_not_a_crash(nesting):
    result = read(nesting, filename="os2mo.json", format="os2mo")

    assert messages(result) == [
        "os2mo.json: The JSON is nested too deeply to be an OS2mo file (lists within lists without end)."
    ]
    with translation.override("da"):
        danish = read(nesting, filename="os2mo.json", format="os2mo")
    assert messages(danish) == [
        "os2mo.json: JSON-filen er indlejret for dybt til at være en OS2mo-fil (lister i lister uden ende)."
    ]

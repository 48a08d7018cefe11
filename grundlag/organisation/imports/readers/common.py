"""Readers that turn each organisation file format into rows of one common shape.

Every format (an HR export in CSV or XLSX, OS2mo JSON, OS2mo's "alle ledere" export, STIL's institution
register) becomes a list of `Row`s with the default columns, so the planner checks them all alike. A
field that a format does not state is None; a field stated empty is "".
"""

import csv
import datetime
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

DEFAULT_COLUMNS = [
    "unit_id",
    "unit_name",
    "parent_unit_id",
    "person_id",
    "name",
    "email",
    "title",
    "level",
    "manager_person_id",
    "start_date",
    "end_date",
]
OPTIONAL_COLUMNS = ["unit_kind"]

FORMATS = ["csv", "xlsx", "os2mo", "os2mo-leaders", "institution-register"]
# The model's Source each format's records belong to (a full import is a snapshot of its source).
FORMAT_SOURCES = {
    "csv": "hr",
    "xlsx": "hr",
    "os2mo": "os2mo",
    "os2mo-leaders": "os2mo",
    "institution-register": "institution_register",
}

# OS2mo's manager levels as municipalities commonly name them, placed on the default framework's levels
# (aarhus-boern-og-unge). A mapping file replaces this for other foundations or other level names.
DEFAULT_MANAGER_LEVELS = {
    "direktion": "direktoer",
    "niveau 1": "direktoer",
    "niveau 2": "boern-og-ungechef",
    "niveau 3": "forvaltningschef",
    "niveau 4": "dagtilbuds-skole-og-fu-leder",
    "niveau 5": "leder-af-medarbejder",
}

LEADERS_PATH_COLUMNS = ["root", "org", "sub org", "2xsub org", "3xsub org"]
LEADERS_COLUMNS = [*LEADERS_PATH_COLUMNS, "Ansvar", "Navn", "Telefon", "E-mail"]
LEADERS_TITLE = "Leder"
REPORT_COLUMNS = ["Leder", "Egen afd", "Email", "Direkte ialt", "Samlet ialt"]
REGISTER_COLUMNS = [
    "HOVEDSKOLE_INST",
    "INST_NR",
    "INST_NAVN",
    "ENHEDSART",
    "KOMMUNE_NR",
    "ADM_KOMMUNE_NAVN",
    "BEL_KOMMUNE",
    "BEL_KOMMUNE_NAVN",
]
REGISTER_KINDS = {"institution uden enheder": "school", "hovedskole": "main", "afdeling": "department"}
MUNICIPALITY_KIND = "Kommune"
KEY_MAX = 100


@dataclass
class Problem:
    """Something wrong with an input file, named by file, row and column."""

    file: str
    row: int | None
    column: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


@dataclass
class Row:
    """One row in the common shape: the default columns, where each came from, and the unit kind."""

    file: str
    row: int
    unit_id: str | None = None
    unit_name: str | None = None
    parent_unit_id: str | None = None
    person_id: str | None = None
    name: str | None = None
    email: str | None = None
    title: str | None = None
    level: str | None = None
    manager_person_id: str | None = None
    start_date: str | datetime.date | None = None
    end_date: str | datetime.date | None = None
    unit_kind: str | None = None
    # Field → the file's own name for it (a column header, or a JSON path), for messages.
    columns: dict[str, str] = field(default_factory=dict)
    # Field → row number, where a field comes from another row than the rest (OS2mo JSON's employees).
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def is_post(self) -> bool:
        return bool(self.person_id)

    def problem(self, name: str, message: str, *, warning: bool = False) -> Problem:
        return Problem(
            self.file, self.rows.get(name, self.row), self.columns.get(name, name), message, warning=warning
        )


@dataclass
class ReadResult:
    format: str
    source: str
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def email_is_valid(value: str) -> bool:
    """Django's check, but internationalised local parts (RFC 6531, "jørgen@…") are accepted too."""
    local, at, domain = value.rpartition("@")
    ascii_local = re.sub(r"[^\x00-\x7f]", "x", local)
    try:
        validate_email(f"{ascii_local}{at}{domain}")
    except ValidationError:
        return False
    return True


def key_for_path(parts: list[str]) -> str:
    """A unit key from its path of names; a long path is hashed so the key fits the database field."""
    path = "/".join(parts)
    return path if len(path) <= KEY_MAX else "sha1:" + hashlib.sha1(path.encode()).hexdigest()  # noqa: S324


# --- The container: text, workbook or JSON ------------------------------------------------------------


def detect_container(data: bytes) -> str:
    """ "xlsx", "json" or "csv", from the first bytes."""
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        return "json"
    return "csv"


def _cell_text(value: Any) -> str | datetime.date:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(
    data: bytes, *, filename: str, container: str
) -> tuple[list[str], list[tuple[int, list]], list]:
    """The header and the non-blank rows (with their row numbers, the header being row 1), or problems."""
    if container == "xlsx":
        return _read_xlsx(data, filename=filename)
    return _read_csv(data, filename=filename)


def _read_csv(data: bytes, *, filename: str):
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
    rows: list[tuple[int, list]] = []
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


def _read_xlsx(data: bytes, *, filename: str):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return [], [], [Problem(filename, None, "", _("This is not a readable XLSX workbook."))]
    try:
        if not workbook.worksheets:
            return [], [], [Problem(filename, None, "", _("The workbook has no sheets."))]
        header: list[str] = []
        rows: list[tuple[int, list]] = []
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


def _layout_of(header: list[str]) -> str | None:
    names = {name.strip().casefold() for name in header}
    if {"inst_nr", "enhedsart", "hovedskole_inst"} <= names:
        return "institution-register"
    if {"root", "ansvar", "navn", "e-mail"} <= names:
        return "os2mo-leaders"
    if {"leder", "egen afd", "direkte ialt"} <= names:
        return "os2mo-managers-report"
    return None


# --- Reading a file ----------------------------------------------------------------------------------


def read(
    data: bytes, *, filename: str, format: str | None = None, mapping: dict[str, str] | None = None
) -> ReadResult:
    """Turn a file of any supported format into rows; problems say what is wrong and where."""
    if format is not None and format not in FORMATS:
        problem = _("Unknown format %(format)s; choose one of %(formats)s.") % {
            "format": format,
            "formats": ", ".join(FORMATS),
        }
        return ReadResult(format or "", "", problems=[Problem(filename, None, "", problem)])
    if not data.strip():
        return ReadResult(format or "", "", problems=[Problem(filename, None, "", _("The file is empty."))])
    container = detect_container(data)
    if format in ("csv", "xlsx") and container != format and not (format == "csv" and container == "json"):
        expected = _("an XLSX workbook") if format == "xlsx" else _("CSV text")
        return ReadResult(
            format,
            FORMAT_SOURCES[format],
            problems=[
                Problem(
                    filename,
                    None,
                    "",
                    _("The format is %(format)s, but this is not %(expected)s.")
                    % {
                        "format": format,
                        "expected": expected,
                    },
                )
            ],
        )
    if format == "os2mo" or (format is None and container == "json"):
        result = ReadResult("os2mo", "os2mo")
        _read_os2mo(data, filename=filename, mapping=mapping, result=result)
        return result
    if container == "json":
        return ReadResult(
            format or "",
            "",
            problems=[
                Problem(filename, None, "", _("This is JSON; choose the format os2mo for OS2mo JSON."))
            ],
        )
    header, table, problems = read_table(data, filename=filename, container=container)
    layout = _layout_of(header)
    if layout == "os2mo-managers-report":
        message = _(
            "This is OS2mo's report of managers with their span of control (ledere med spænd): numbers "
            "per manager, without a unit tree and with unit names that repeat, so it cannot describe an "
            "organisation. Import OS2mo's export of all leaders (format os2mo-leaders) or an OS2mo JSON "
            "file (format os2mo) instead."
        )
        return ReadResult(format or "", "", problems=[Problem(filename, 1, "", message)])
    chosen = format if format in ("os2mo-leaders", "institution-register") else layout
    chosen = chosen or ("xlsx" if container == "xlsx" else "csv")
    if format in ("csv", "xlsx"):
        chosen = format
    result = ReadResult(chosen, FORMAT_SOURCES[chosen], problems=problems)
    if problems:
        return result
    if not header or not any(header):
        result.problems.append(Problem(filename, 1, "", _("The file has no header row.")))
        return result
    if chosen == "institution-register":
        _read_register(header, table, filename=filename, result=result)
    elif chosen == "os2mo-leaders":
        _read_leaders(header, table, filename=filename, mapping=mapping, result=result)
    else:
        _read_hr(header, table, filename=filename, mapping=mapping, result=result, layout=layout)
    return result


def _columns(header: list[str]) -> dict[str, int]:
    return {name.strip().casefold(): index for index, name in enumerate(header) if name.strip()}


def _missing_columns_problem(filename: str, missing: list[str], header: list[str], hint: str = "") -> Problem:
    message = _("Columns missing: %(missing)s. The file has: %(found)s.") % {
        "missing": ", ".join(missing),
        "found": ", ".join(name for name in header if name) or "-",
    }
    return Problem(filename, 1, "", f"{message} {hint}".strip())


def _check_widths(header, table, *, filename, result) -> list[tuple[int, list]]:
    """Rows with as many values as the header has names; a row with more or fewer is an error."""
    good = []
    for number, values in table:
        while len(values) > len(header) and values[-1] == "":
            values = values[:-1]
        if len(values) != len(header):
            result.problems.append(
                Problem(
                    filename,
                    number,
                    "",
                    _("The row has %(count)s values, but the header names %(columns)s columns.")
                    % {"count": len(values), "columns": len(header)},
                )
            )
        else:
            good.append((number, values))
    return good


def _read_hr(header, table, *, filename, mapping, result, layout) -> None:
    mapping = dict(mapping or {})
    unknown = [key for key in mapping if key not in DEFAULT_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        result.problems.append(
            Problem(
                filename,
                None,
                "",
                _(
                    "The column mapping names %(unknown)s, which are not columns of the import; "
                    "they are: %(known)s."
                )
                % {"unknown": ", ".join(unknown), "known": ", ".join(DEFAULT_COLUMNS + OPTIONAL_COLUMNS)},
            )
        )
        return
    found = _columns(header)
    where: dict[str, int] = {}
    missing = []
    for name in DEFAULT_COLUMNS + OPTIONAL_COLUMNS:
        column = mapping.get(name, name)
        if column.strip().casefold() in found:
            where[name] = found[column.strip().casefold()]
        elif name in DEFAULT_COLUMNS:
            missing.append(f"{name} ({column})" if column != name else name)
    if missing:
        hints = {
            "institution-register": _("This looks like the institution register: choose that format."),
            "os2mo-leaders": _(
                "This looks like OS2mo's export of all leaders: choose the format os2mo-leaders."
            ),
        }
        result.problems.append(
            _missing_columns_problem(filename, missing, header, str(hints.get(layout, "")))
        )
        return
    used = set(where.values())
    unused = [name for index, name in enumerate(header) if index not in used and name]
    if unused:
        result.problems.append(
            Problem(
                filename,
                1,
                "",
                _("These columns are not used and were ignored: %(columns)s.")
                % {"columns": ", ".join(unused)},
                warning=True,
            )
        )
    labels = {name: header[index] for name, index in where.items()}
    for number, values in _check_widths(header, table, filename=filename, result=result):
        row = Row(file=filename, row=number, columns=labels)
        for name, index in where.items():
            value = values[index]
            setattr(row, name, value if isinstance(value, datetime.date) else str(value).strip())
        if "unit_kind" not in where:
            row.unit_kind = None
        result.rows.append(row)


def _read_register(header, table, *, filename, result) -> None:
    found = _columns(header)
    missing = [name for name in REGISTER_COLUMNS if name.casefold() not in found]
    if missing:
        result.problems.append(_missing_columns_problem(filename, missing, header))
        return
    labels = {name: header[found[name.casefold()]] for name in REGISTER_COLUMNS}
    rows = _check_widths(header, table, filename=filename, result=result)

    def value(values, name) -> str:
        return str(values[found[name.casefold()]]).strip()

    institutions = {value(values, "INST_NR") for _number, values in rows}
    for number, values in rows:
        here = Row(file=filename, row=number, columns={})

        def problem(column, message, *, warning=False, number=number):
            result.problems.append(Problem(filename, number, labels[column], message, warning=warning))

        code, municipality = value(values, "KOMMUNE_NR"), value(values, "ADM_KOMMUNE_NAVN")
        if not code:
            code, municipality = value(values, "BEL_KOMMUNE"), value(values, "BEL_KOMMUNE_NAVN")
            if not code:
                problem("KOMMUNE_NR", _("No municipality: KOMMUNE_NR and BEL_KOMMUNE are both empty."))
                continue
            problem(
                "KOMMUNE_NR",
                _(
                    "No administering municipality (a self-governing institution); placed under the "
                    "municipality it lies in, %(municipality)s (BEL_KOMMUNE %(code)s)."
                )
                % {"municipality": municipality, "code": code},
                warning=True,
            )
        municipality_key = f"kommune-{code}"
        result.rows.append(
            Row(
                file=filename,
                row=number,
                unit_id=municipality_key,
                unit_name=municipality,
                parent_unit_id="",
                unit_kind=MUNICIPALITY_KIND,
                columns={"unit_id": labels["KOMMUNE_NR"], "unit_name": labels["ADM_KOMMUNE_NAVN"]},
            )
        )
        number_, name, kind = value(values, "INST_NR"), value(values, "INST_NAVN"), value(values, "ENHEDSART")
        role = next(
            (role for prefix, role in REGISTER_KINDS.items() if kind.casefold().startswith(prefix)), None
        )
        if role is None:
            problem(
                "ENHEDSART",
                _("Unknown kind %(kind)s; expected Institution uden enheder, Hovedskole or Afdeling.")
                % {"kind": kind or "-"},
            )
            continue
        parent = municipality_key
        main = value(values, "HOVEDSKOLE_INST")
        if role == "department":
            if not main:
                problem(
                    "HOVEDSKOLE_INST",
                    _("A department without a main school; placed directly under its municipality."),
                    warning=True,
                )
            elif main not in institutions:
                problem(
                    "HOVEDSKOLE_INST",
                    _(
                        "The main school %(main)s is not in the file; the department is placed directly "
                        "under its municipality, %(municipality)s."
                    )
                    % {"main": main, "municipality": municipality},
                    warning=True,
                )
            else:
                parent = main
        here.unit_id, here.unit_name, here.parent_unit_id, here.unit_kind = number_, name, parent, kind
        here.columns = {
            "unit_id": labels["INST_NR"],
            "unit_name": labels["INST_NAVN"],
            "parent_unit_id": labels["HOVEDSKOLE_INST"],
            "unit_kind": labels["ENHEDSART"],
        }
        result.rows.append(here)


def _read_leaders(header, table, *, filename, mapping, result) -> None:
    found = _columns(header)
    missing = [name for name in LEADERS_COLUMNS if name.casefold() not in found and name != "Telefon"]
    if missing:
        result.problems.append(_missing_columns_problem(filename, missing, header))
        return
    levels = {key.strip().casefold(): value for key, value in (mapping or {}).items()}
    unknown = [key for key in levels if key not in {c.casefold() for c in LEADERS_PATH_COLUMNS}]
    if unknown:
        result.problems.append(
            Problem(
                filename,
                None,
                "",
                _("The level mapping names %(unknown)s; for this format it maps the path columns %(known)s.")
                % {"unknown": ", ".join(unknown), "known": ", ".join(LEADERS_PATH_COLUMNS)},
            )
        )
        return
    labels = {name: header[found[name.casefold()]] for name in LEADERS_COLUMNS if name.casefold() in found}
    units: dict[str, Row] = {}
    managers: dict[str, tuple[str, Row]] = {}  # unit key → (person key, the row)
    posts: list[tuple[list[str], Row]] = []
    for number, values in _check_widths(header, table, filename=filename, result=result):

        def value(name, values=values) -> str:
            return str(values[found[name.casefold()]]).strip()

        names = [value(name) for name in LEADERS_PATH_COLUMNS]
        depth = max((i for i, part in enumerate(names) if part), default=-1)
        if depth < 0:
            result.problems.append(Problem(filename, number, labels["root"], _("The row names no unit.")))
            continue
        gap = next((i for i in range(depth) if not names[i]), None)
        if gap is not None:
            result.problems.append(
                Problem(
                    filename,
                    number,
                    labels[LEADERS_PATH_COLUMNS[gap]],
                    _("The unit's path has a gap: this column is empty but a column to its right is not."),
                )
            )
            continue
        path = names[: depth + 1]
        for i in range(len(path)):
            key = key_for_path(path[: i + 1])
            if key not in units:
                units[key] = Row(
                    file=filename,
                    row=number,
                    unit_id=key,
                    unit_name=path[i],
                    parent_unit_id=key_for_path(path[:i]) if i else "",
                    columns={
                        "unit_id": labels[LEADERS_PATH_COLUMNS[i]],
                        "unit_name": labels[LEADERS_PATH_COLUMNS[i]],
                    },
                )
        person_name, email = value("Navn"), value("E-mail")
        if not person_name and not email:
            continue
        row = Row(
            file=filename,
            row=number,
            unit_id=key_for_path(path),
            person_id=email.casefold(),
            name=person_name,
            email=email,
            title=LEADERS_TITLE,
            level=levels.get(LEADERS_PATH_COLUMNS[depth].casefold(), ""),
            manager_person_id="",
            start_date="",
            end_date="",
            columns={
                "unit_id": labels[LEADERS_PATH_COLUMNS[depth]],
                "person_id": labels["E-mail"],
                "name": labels["Navn"],
                "email": labels["E-mail"],
                "level": labels[LEADERS_PATH_COLUMNS[depth]],
                "manager_person_id": labels["Navn"],
            },
        )
        if not email:
            result.problems.append(
                row.problem("email", _("A leader without an e-mail address; the e-mail is the person's key."))
            )
            continue
        managers.setdefault(key_for_path(path), (row.person_id, row))
        posts.append((path, row))
    for path, row in posts:
        # The unit's manager reports to the manager of the nearest unit above that has one.
        for i in range(len(path) - 1, 0, -1):
            above = managers.get(key_for_path(path[:i]))
            if above and above[0] != row.person_id:
                row.manager_person_id = above[0]
                break
    result.rows.extend(units.values())
    result.rows.extend(row for _path, row in posts)


# --- OS2mo JSON ----------------------------------------------------------------------------------------


def _ref(value) -> str:
    """An OS2mo reference: a plain uuid or name, or an object with "uuid" (or "name")."""
    if isinstance(value, dict):
        value = value.get("uuid") or value.get("name") or ""
    return "" if value is None else str(value).strip()


def _name(value) -> str:
    if isinstance(value, dict):
        value = value.get("name") or value.get("user_key") or ""
    return "" if value is None else str(value).strip()


def _validity(item: dict) -> tuple[str, str]:
    validity = item.get("validity") or {}
    if not isinstance(validity, dict):
        return "", ""
    return (str(validity.get("from") or "").strip(), str(validity.get("to") or "").strip())


def _read_os2mo(data: bytes, *, filename: str, mapping, result: ReadResult) -> None:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        result.problems.append(Problem(filename, None, "", _("The file is not UTF-8 text.")))
        return
    except json.JSONDecodeError as error:
        result.problems.append(
            Problem(
                filename,
                error.lineno,
                "",
                _("Malformed JSON at line %(line)s, column %(column)s: %(error)s")
                % {"line": error.lineno, "column": error.colno, "error": error.msg},
            )
        )
        return
    lists = ["org_units", "employees", "engagements", "managers"]
    if not isinstance(document, dict) or not all(isinstance(document.get(name, []), list) for name in lists):
        result.problems.append(
            Problem(
                filename,
                None,
                "",
                _("An OS2mo file is a JSON object with the lists %(lists)s.") % {"lists": ", ".join(lists)},
            )
        )
        return
    if "org_units" not in document:
        result.problems.append(Problem(filename, None, "org_units", _("The file has no org_units.")))
        return
    level_map = DEFAULT_MANAGER_LEVELS | {k.strip().casefold(): v for k, v in (mapping or {}).items()}

    def items(name):
        for index, item in enumerate(document.get(name, []), start=1):
            if isinstance(item, dict):
                yield index, item
            else:
                result.problems.append(Problem(filename, index, name, _("Each entry must be a JSON object.")))

    def labels(name, **fields) -> dict[str, str]:
        return {key: f"{name}.{value}" for key, value in fields.items()}

    units: dict[str, dict] = {}
    for index, item in items("org_units"):
        start, end = _validity(item)
        uuid = _ref(item.get("uuid"))
        result.rows.append(
            Row(
                file=filename,
                row=index,
                unit_id=uuid,
                unit_name=_name(item.get("name")),
                parent_unit_id=_ref(item.get("parent")),
                unit_kind=_name(item.get("org_unit_type")) or _name(item.get("org_unit_level")),
                start_date=start,
                end_date=end,
                columns=labels(
                    "org_units",
                    unit_id="uuid",
                    unit_name="name",
                    parent_unit_id="parent",
                    unit_kind="org_unit_type",
                    start_date="validity.from",
                    end_date="validity.to",
                ),
            )
        )
        units[uuid] = item
    employees: dict[str, tuple[int, dict]] = {}
    for index, item in items("employees"):
        employees[_ref(item.get("uuid"))] = (index, item)

    def employee_fields(row: Row, uuid: str) -> None:
        index, employee = employees.get(uuid, (None, {}))
        if index is None:
            return
        name = _name(employee.get("name")) or " ".join(
            part for part in (_name(employee.get("givenname")), _name(employee.get("surname"))) if part
        )
        row.name, row.email = name, str(employee.get("email") or "").strip()
        row.rows.update(name=index, email=index)
        row.columns.update(name="employees.name", email="employees.email")

    managers: dict[str, tuple[str, dict, int]] = {}  # unit → (employee, the manager function, its index)
    for index, item in items("managers"):
        managers.setdefault(_ref(item.get("org_unit")), (_ref(item.get("employee")), item, index))
    parents = {uuid: _ref(item.get("parent")) for uuid, item in units.items()}

    def manager_above(unit: str, employee: str) -> str:
        """The manager of the unit, or for its own manager, of the nearest unit above that has one."""
        seen = set()
        while unit and unit not in seen:
            seen.add(unit)
            found = managers.get(unit)
            if found and found[0] != employee:
                return found[0]
            unit = parents.get(unit, "")
        return ""

    engaged: set[tuple[str, str]] = set()
    manager_of = {(employee, unit): (item, index) for unit, (employee, item, index) in managers.items()}
    for index, item in items("engagements"):
        start, end = _validity(item)
        employee, unit = _ref(item.get("employee")), _ref(item.get("org_unit"))
        row = Row(
            file=filename,
            row=index,
            unit_id=unit,
            person_id=employee,
            title=_name(item.get("job_function")),
            level="",
            manager_person_id=manager_above(unit, employee),
            start_date=start,
            end_date=end,
            columns=labels(
                "engagements",
                unit_id="org_unit",
                person_id="employee",
                title="job_function",
                manager_person_id="org_unit",
                start_date="validity.from",
                end_date="validity.to",
            ),
        )
        if (employee, unit) in manager_of:
            manager, manager_index = manager_of[(employee, unit)]
            _set_manager_level(row, manager, manager_index, level_map)
        employee_fields(row, employee)
        engaged.add((employee, unit))
        result.rows.append(row)
    for unit, (employee, item, index) in managers.items():
        if (employee, unit) in engaged:
            continue
        # A manager function without an engagement in its unit is still a post there.
        start, end = _validity(item)
        row = Row(
            file=filename,
            row=index,
            unit_id=unit,
            person_id=employee,
            title=_name(item.get("manager_type")) or LEADERS_TITLE,
            manager_person_id=manager_above(unit, employee),
            start_date=start,
            end_date=end,
            columns=labels(
                "managers",
                unit_id="org_unit",
                person_id="employee",
                title="manager_type",
                manager_person_id="org_unit",
                start_date="validity.from",
                end_date="validity.to",
            ),
        )
        _set_manager_level(row, item, index, level_map)
        employee_fields(row, employee)
        result.rows.append(row)
    for row in result.rows:
        if row.is_post and row.person_id not in employees:
            result.problems.append(
                row.problem("person_id", _("No employee with uuid %(uuid)s.") % {"uuid": row.person_id})
            )


def _set_manager_level(row: Row, manager: dict, index: int, level_map: dict[str, str]) -> None:
    level = _name(manager.get("manager_level"))
    row.level = level_map.get(level.casefold(), level)
    row.rows["level"] = index
    row.columns["level"] = "managers.manager_level"


class InvalidMapping(ValueError):
    pass


def mapping_load(text: str | bytes) -> dict[str, str]:
    """A mapping file (YAML or JSON): a flat list of `name: value` pairs, read into a dict."""
    import yaml

    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidMapping(_("The mapping is not UTF-8 text.")) from None
    if not text.strip():
        return {}
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else "?"
        raise InvalidMapping(
            _("The mapping is not valid YAML or JSON (line %(line)s).") % {"line": line}
        ) from None
    if not isinstance(loaded, dict) or not all(
        isinstance(value, (str, int)) and not isinstance(value, bool) for value in loaded.values()
    ):
        raise InvalidMapping(
            _("A mapping is a list of name: value pairs, one a line, such as unit_id: Afdelingsnummer.")
        )
    return {str(key).strip(): str(value).strip() for key, value in loaded.items()}

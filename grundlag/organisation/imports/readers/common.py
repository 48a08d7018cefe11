"""The common shape every organisation file becomes: rows with the import's columns, and problems.

A field that a format does not state is None; a field stated empty is "".
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

# The import's columns, in the order a generated or exported CSV file has them.
COLUMNS = [
    "unit_id",
    "unit_name",
    "parent_unit_id",
    "unit_kind",
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
DEFAULT_COLUMNS = [name for name in COLUMNS if name not in OPTIONAL_COLUMNS]

FORMATS = ["csv", "xlsx", "os2mo", "os2mo-leaders", "institution-register"]
# The model's Source each format's records belong to (a full import is a snapshot of its source).
FORMAT_SOURCES = {
    "csv": "hr",
    "xlsx": "hr",
    "os2mo": "os2mo",
    "os2mo-leaders": "os2mo",
    "institution-register": "institution_register",
}
LEADERS_TITLE = "Leder"
KEY_MAX = 100

Cell = str | datetime.date
Table = list[tuple[int, list[Any]]]  # (row number, the row's values), the header being row 1


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
    start_date: Cell | None = None
    end_date: Cell | None = None
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


# --- Tables: a header row and rows of values -----------------------------------------------------------


def column_indexes(header: list[str]) -> dict[str, int]:
    """Each named column's index, by its name in any case."""
    return {name.strip().casefold(): index for index, name in enumerate(header) if name.strip()}


def missing_columns_problem(filename: str, missing: list[str], header: list[str], hint: str = "") -> Problem:
    message = _("Columns missing: %(missing)s. The file has: %(found)s.") % {
        "missing": ", ".join(missing),
        "found": ", ".join(name for name in header if name) or "-",
    }
    return Problem(filename, 1, "", f"{message} {hint}".strip())


def rows_of_header_width(header: list[str], table: Table, *, filename: str, result: ReadResult) -> Table:
    """Rows with as many values as the header has names; a row with more or fewer is an error."""
    good = []
    for number, values in table:
        if len(values) > len(header):
            # Trailing empty values are no values; found from the end in one pass, then cut once.
            end = len(values)
            while end > len(header) and values[end - 1] == "":
                end -= 1
            values = values[:end]
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

"""An HR export (CSV or XLSX): one row per post or unit, in the import's columns or mapped onto them."""

import datetime

from django.utils.translation import gettext as _

from .common import (
    DEFAULT_COLUMNS,
    OPTIONAL_COLUMNS,
    Problem,
    ReadResult,
    Row,
    Table,
    column_indexes,
    missing_columns_problem,
    rows_of_header_width,
)


def read_hr(
    header: list[str],
    table: Table,
    *,
    filename: str,
    mapping: dict[str, str] | None,
    result: ReadResult,
    layout: str | None,
) -> None:
    mapping = dict(mapping or {})
    unknown = [key for key in mapping if key not in DEFAULT_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        result.problems.append(_unknown_mapping_problem(filename, unknown))
        return
    where, missing = _locate_columns(header, mapping)
    if missing:
        hints = {
            "institution-register": _("This looks like the institution register: choose that format."),
            "os2mo-leaders": _(
                "This looks like OS2mo's export of all leaders: choose the format os2mo-leaders."
            ),
        }
        result.problems.append(
            missing_columns_problem(filename, missing, header, str(hints.get(layout or "", "")))
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
    for number, values in rows_of_header_width(header, table, filename=filename, result=result):
        row = Row(file=filename, row=number, columns=labels)
        for name, index in where.items():
            value = values[index]
            setattr(row, name, value if isinstance(value, datetime.date) else str(value).strip())
        if "unit_kind" not in where:
            row.unit_kind = None
        result.rows.append(row)


def _unknown_mapping_problem(filename: str, unknown: list[str]) -> Problem:
    return Problem(
        filename,
        None,
        "",
        _("The column mapping names %(unknown)s, which are not columns of the import; they are: %(known)s.")
        % {"unknown": ", ".join(unknown), "known": ", ".join(DEFAULT_COLUMNS + OPTIONAL_COLUMNS)},
    )


def _locate_columns(header: list[str], mapping: dict[str, str]) -> tuple[dict[str, int], list[str]]:
    """Where each of the import's columns is in the file, and the required ones it lacks."""
    found = column_indexes(header)
    where: dict[str, int] = {}
    missing = []
    for name in DEFAULT_COLUMNS + OPTIONAL_COLUMNS:
        column = mapping.get(name, name)
        if column.strip().casefold() in found:
            where[name] = found[column.strip().casefold()]
        elif name in DEFAULT_COLUMNS:
            missing.append(f"{name} ({column})" if column != name else name)
    return where, missing

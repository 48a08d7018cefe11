"""Readers that turn each organisation file format into rows of one common shape.

Every format (an HR export in CSV or XLSX, OS2mo JSON, OS2mo's "alle ledere" export, STIL's institution
register) becomes a list of `Row`s with the default columns (`common`), so the planner checks them all
alike: `read` finds the format and hands the file to its reader, one module per format.
"""

from django.utils.translation import gettext as _

from .common import FORMAT_SOURCES, FORMATS, Problem, ReadResult
from .hr import read_hr
from .leaders import read_leaders
from .os2mo import read_os2mo
from .register import read_register
from .table import detect_container, layout_of, read_table


def read(
    data: bytes, *, filename: str, format: str | None = None, mapping: dict[str, str] | None = None
) -> ReadResult:
    """Turn a file of any supported format into rows; problems say what is wrong and where."""
    refused = _refusal(data, filename=filename, format=format)
    if refused is not None:
        return refused
    container = detect_container(data)
    if format in ("csv", "xlsx") and container != format and not (format == "csv" and container == "json"):
        return _not_in_its_format(filename=filename, format=format)
    if format == "os2mo" or (format is None and container == "json"):
        result = ReadResult("os2mo", "os2mo")
        read_os2mo(data, filename=filename, mapping=mapping, result=result)
        return result
    if container == "json":
        return ReadResult(
            format or "",
            "",
            problems=[
                Problem(filename, None, "", _("This is JSON; choose the format os2mo for OS2mo JSON."))
            ],
        )
    return _read_tabular(data, filename=filename, format=format, mapping=mapping, container=container)


def _refusal(data: bytes, *, filename: str, format: str | None) -> ReadResult | None:
    """What is wrong before reading: an unknown format or an empty file."""
    if format is not None and format not in FORMATS:
        problem = _("Unknown format %(format)s; choose one of %(formats)s.") % {
            "format": format,
            "formats": ", ".join(FORMATS),
        }
        return ReadResult(format or "", "", problems=[Problem(filename, None, "", problem)])
    if not data.strip():
        return ReadResult(format or "", "", problems=[Problem(filename, None, "", _("The file is empty."))])
    return None


def _not_in_its_format(*, filename: str, format: str) -> ReadResult:
    expected = _("an XLSX workbook") if format == "xlsx" else _("CSV text")
    message = _("The format is %(format)s, but this is not %(expected)s.") % {
        "format": format,
        "expected": expected,
    }
    return ReadResult(format, FORMAT_SOURCES[format], problems=[Problem(filename, None, "", message)])


def _read_tabular(
    data: bytes, *, filename: str, format: str | None, mapping: dict[str, str] | None, container: str
) -> ReadResult:
    header, table, problems = read_table(data, filename=filename, container=container)
    layout = layout_of(header)
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
        read_register(header, table, filename=filename, result=result)
    elif chosen == "os2mo-leaders":
        read_leaders(header, table, filename=filename, mapping=mapping, result=result)
    else:
        read_hr(header, table, filename=filename, mapping=mapping, result=result, layout=layout)
    return result

"""A file of indicator data (CSV, XLSX or an export's JSON) read into observations in one shape."""

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from grundlag.organisation.imports.readers.common import Problem
from grundlag.organisation.imports.readers.table import detect_container, read_table

from .mapping import LONG_COLUMNS, IndicatorSpec, InvalidMapping, Mapping, mapping_from_dict, period_parse
from .numbers import NotANumber, number_parse
from .units import UnitIndex, UnmatchedUnit

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# How often the reading reports its progress: every so many rows (a call costs a status write upstream).
PROGRESS_EVERY = 2000
Progress = Callable[[int, int], None]  # (rows done, rows in all)


@dataclass(slots=True)
class ObservationRow:
    file: str
    row: int
    indicator: str
    unit_id: int | None  # None: the national figure
    period: str
    period_kind: str
    period_start: datetime.date
    value: Decimal | None
    n: int | None = None
    sd: Decimal | None = None


@dataclass
class ReadResult:
    format: str
    rows: int = 0
    indicators: list[IndicatorSpec] = field(default_factory=list)
    observations: list[ObservationRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    matched_units: set[int] = field(default_factory=set)
    national_rows: int = 0  # rows of the national figure (the unit column says "national")

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.warning]


def max_bytes() -> int:
    return int(getattr(settings, "INDICATORS_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def read(
    data: bytes, *, filename: str, mapping: Mapping | None, progress: Progress | None = None
) -> ReadResult:
    """The file's observations and problems (errors refuse the file; unmatched units are warnings).

    `progress(rows read, rows in all)` is called every PROGRESS_EVERY rows and once at the end."""
    if len(data) > max_bytes():
        message = _("The file is %(size)s; a file may be at most %(limit)s.") % {
            "size": filesizeformat(len(data)),
            "limit": filesizeformat(max_bytes()),
        }
        return ReadResult("", problems=[Problem(filename, None, "", message)])
    if not data.strip():
        return ReadResult("", problems=[Problem(filename, None, "", _("The file is empty."))])
    container = detect_container(data)
    if container == "json":
        return _read_json(data, filename=filename, progress=progress)
    mapping = mapping or Mapping()
    header, table, problems = read_table(data, filename=filename, container=container)
    result = ReadResult(
        mapping.format, rows=len(table), problems=problems, indicators=list(mapping.indicators)
    )
    if problems:
        return result
    reader = _Reader(filename, {name.strip().casefold(): i for i, name in enumerate(header)}, mapping, result)
    if reader.columns_present(header):
        total = len(table)
        for done, (number, values) in enumerate(table, start=1):
            reader.read_row(number, [value if isinstance(value, str) else str(value) for value in values])
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, total)
        if progress:
            progress(total, total)
    return result


def _read_json(data: bytes, *, filename: str, progress: Progress | None) -> ReadResult:
    """An export of `indicators_export --format json`: its indicators and observations (long rows)."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
        mapping = mapping_from_dict(
            {"format": "long", "decimal_mark": ".", "indicators": document["indicators"]}
        )
        rows = document["observations"]
        if not isinstance(rows, list):
            raise TypeError
    except (ValueError, KeyError, TypeError, InvalidMapping) as error:
        detail = str(error) if isinstance(error, InvalidMapping) else ""
        message = _("This JSON is not an export of indicators_export (indicators and observations).")
        return ReadResult("json", problems=[Problem(filename, None, "", f"{message} {detail}".strip())])
    result = ReadResult("json", rows=len(rows), indicators=mapping.indicators)
    reader = _Reader(filename, {name: i for i, name in enumerate(LONG_COLUMNS)}, mapping, result)
    for number, row in enumerate(rows, start=1):
        values = [_json_text(row.get(name)) if isinstance(row, dict) else "" for name in LONG_COLUMNS]
        reader.read_row(number, values)
        if progress and number % PROGRESS_EVERY == 0:
            progress(number, len(rows))
    if progress:
        progress(len(rows), len(rows))
    return result


def _json_text(value: Any) -> str:
    return "" if value is None else str(value)


@dataclass
class _Reader:
    """Reads rows into observations. What rows repeat (a unit, a period, where a column is) is worked out once
    and kept: a file of 100,000 rows names a few thousand units and a few periods."""

    filename: str
    found: dict[str, int]
    mapping: Mapping
    result: ReadResult
    units: UnitIndex = field(default_factory=UnitIndex.load)
    periods: dict[str, tuple[str, datetime.date] | str] = field(
        default_factory=dict
    )  # text → parsed, or why not
    unit_texts: dict[str, tuple[int | None, str]] = field(default_factory=dict)  # text → (unit id, why not)

    def __post_init__(self) -> None:
        self.national = self.mapping.national_names()
        self.names = {name: self.column(name) for name in LONG_COLUMNS}
        columns = [*self.names.values()]
        for spec in self.mapping.indicators:
            columns += [spec.column or spec.name, spec.n_column, spec.sd_column]
        self.indexes = {name: self.found.get(name.casefold()) for name in columns if name}

    def column(self, name: str) -> str:
        if name == "unit":
            return self.mapping.columns.get("unit", self.mapping.unit_column)
        return self.mapping.columns.get(name, name)

    def columns_present(self, header: list[str]) -> bool:
        if self.mapping.format == "wide":
            needed = [self.column("unit")]
            for spec in self.mapping.indicators:
                needed += [name for name in (spec.column or spec.name, spec.n_column, spec.sd_column) if name]
        else:
            needed = [self.column(name) for name in ("indicator", "unit", "period", "value")]
        missing = [name for name in needed if name.casefold() not in self.found]
        if missing:
            message = _("Columns missing: %(missing)s. The file has: %(found)s.") % {
                "missing": ", ".join(missing),
                "found": ", ".join(name for name in header if name) or "-",
            }
            self.result.problems.append(Problem(self.filename, 1, "", message))
        return not missing

    def cell(self, values: list[str], name: str) -> str:
        index = self.indexes.get(name)
        return values[index].strip() if index is not None and index < len(values) else ""

    def problem(self, number: int, column: str, message: str, *, warning: bool = False) -> None:
        self.result.problems.append(Problem(self.filename, number, column, message, warning=warning))

    def unit(self, number: int, values: list[str]) -> tuple[bool, int | None]:
        """Whether the row's unit is found, and its id (None: the national figure)."""
        column = self.names["unit"]
        text = self.cell(values, column)
        known = self.unit_texts.get(text)
        if known is None:
            known = self.unit_texts[text] = self._unit(text)
        pk, why_not = known
        if why_not:
            self.problem(number, column, why_not, warning=True)
            return False, None
        if pk is None:
            self.result.national_rows += 1
        else:
            self.result.matched_units.add(pk)
        return True, pk

    def _unit(self, text: str) -> tuple[int | None, str]:
        if not text:
            return None, _("The unit is empty; the row is skipped.")
        if " ".join(text.split()).casefold() in self.national:
            return None, ""
        try:
            return self.units.match(text), ""
        except UnmatchedUnit as error:
            return None, _("%(why)s The row is skipped.") % {"why": error}

    def period(self, text: str) -> tuple[str, datetime.date]:
        """The period's kind and first day (ValueError says why not), parsed once per text."""
        found = self.periods.get(text)
        if found is None:
            try:
                found = period_parse(text)
            except ValueError as error:
                found = str(error)
            self.periods[text] = found
        if isinstance(found, str):
            raise ValueError(found)
        return found

    def read_row(self, number: int, values: list[str]) -> None:
        found, unit = self.unit(number, values)
        if not found:
            return
        if self.mapping.format == "wide":
            for spec in self.mapping.indicators:
                self.observation(
                    number,
                    values,
                    unit=unit,
                    indicator=spec.key,
                    period=self.mapping.period,
                    columns=(spec.column or spec.name, spec.n_column, spec.sd_column),
                )
            return
        names = self.names
        indicator = self.cell(values, names["indicator"])
        if not indicator:
            self.problem(number, names["indicator"], _("The indicator is empty."))
            return
        period = self.cell(values, names["period"])
        columns = (names["value"], names["n"], names["sd"])
        self.observation(number, values, unit=unit, indicator=indicator, period=period, columns=columns)

    def observation(
        self,
        number: int,
        values: list[str],
        *,
        unit: int | None,
        indicator: str,
        period: str,
        columns: tuple[str, ...],
    ) -> None:
        try:
            kind, start = self.period(period)
        except ValueError as error:
            self.problem(number, self.names["period"], str(error))
            return
        numbers: list[Decimal | None] = []
        for column in columns:
            text = self.cell(values, column)
            try:
                numbers.append(number_parse(text, decimal_mark=self.mapping.decimal_mark) if text else None)
            except NotANumber as error:
                self.problem(number, column, str(error))
                return
        value, n, sd = numbers
        if n is not None and (n < 0 or n != n.to_integral_value()):
            self.problem(number, columns[1], _("n must be a whole number of 0 or more."))
            return
        self.result.observations.append(
            ObservationRow(
                self.filename,
                number,
                indicator,
                unit,
                period,
                kind,
                start,
                value,
                None if n is None else int(n),
                sd,
            )
        )

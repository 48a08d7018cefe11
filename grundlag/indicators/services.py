"""Writes of the indicators app: importing indicator definitions and observations."""

from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.organisation.imports.readers.common import Problem

from .imports.mapping import IndicatorSpec, Mapping
from .imports.reading import ObservationRow, Progress, ReadResult, read
from .models import Indicator, Observation

CATEGORIES = ("new", "changed", "unchanged")
KINDS = ("indicators", "observations")
WRITE_BATCH = 2000  # observations written at a time (and a progress report after each)


@dataclass
class ImportOutcome:
    format: str
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    matched_units: int = 0
    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: {category: dict.fromkeys(KINDS, 0) for category in CATEGORIES}
    )
    applied: bool = False
    national_rows: int = 0  # rows of the national figure

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.warning]


def indicators_import(
    *,
    data: bytes,
    filename: str,
    mapping: Mapping | None = None,
    dry_run: bool = False,
    by: Any = None,
    progress: Progress | None = None,
    whole: bool = False,
) -> ImportOutcome:
    """Read a file, check every row, and (unless a dry run, or there are errors) write its indicators and
    observations in one transaction. Rows whose unit is not found are skipped with a warning; `whole` (the
    API's bulk write: every row or none) writes nothing while there is a warning either.

    `progress(done, total)` is called every few thousand rows: the rows read (a dry run: of the rows; an
    import: of twice the rows, the writes being the second half) and then the observations written."""
    writing = not dry_run and progress is not None
    reading = _scaled(progress, 2) if writing else progress
    result = read(data, filename=filename, mapping=mapping, progress=reading)
    if dry_run or result.errors or (whole and result.problems):
        return _plan(result)[0]
    return _indicators_import_write(result=result, by=by, progress=progress)


def _scaled(progress: Progress | None, factor: int) -> Progress | None:
    if progress is None:
        return None
    return lambda done, total: progress(done, factor * total)


@transaction.atomic
def _indicators_import_write(*, result: ReadResult, by: Any, progress: Progress | None) -> ImportOutcome:
    outcome, changes = _plan(result)
    if outcome.errors:
        return outcome
    indicators = {spec.key: _indicator_save(spec).pk for spec in result.indicators}
    needed = {row.indicator for row in result.observations} - set(indicators)
    indicators.update(Indicator.objects.filter(key__in=needed).values_list("key", "pk"))
    _observations_write(changes, indicators=indicators, rows=result.rows, progress=progress)
    outcome.applied = True
    counts = " ".join(
        f"{c}={outcome.counts[c]['indicators']},{outcome.counts[c]['observations']}" for c in CATEGORIES
    )
    audit_record(
        user=by, action="indicators.import", detail=f"format={outcome.format} rows={outcome.rows} {counts}"
    )
    return outcome


def _observations_write(
    changes: "_Changes", *, indicators: dict[str, int], rows: int, progress: Progress | None
) -> None:
    """Insert the new observations and update the changed ones, in batches, reporting the second half of the
    progress (the first was reading the rows)."""
    new = [
        (
            indicators[row.indicator],
            row.unit_id,
            row.period_kind,
            row.period_start,
            row.period,
            row.value,
            row.n,
            row.sd,
        )
        for row in changes.new
    ]
    changed = [Observation(pk=pk, **_row_values(row)) for pk, row in changes.changed]
    writes = max(len(new) + len(changed), 1)
    written = 0
    for start in range(0, len(new), WRITE_BATCH):
        written += _observations_insert(new[start : start + WRITE_BATCH])
        if progress:
            progress(rows + rows * written // writes, 2 * rows)
    for start in range(0, len(changed), WRITE_BATCH):
        batch = changed[start : start + WRITE_BATCH]
        Observation.objects.bulk_update(batch, ["period", "value", "n", "sd"], batch_size=500)
        written += len(batch)
        if progress:
            progress(rows + rows * written // writes, 2 * rows)
    if progress:
        progress(2 * rows, 2 * rows)


INSERTED = ("indicator", "unit", "period_kind", "period_start", "period", "value", "n", "sd")


def _observations_insert(rows: list[tuple[Any, ...]]) -> int:
    """Insert checked rows (values in INSERTED's order) with the database's own bulk load: COPY on PostgreSQL,
    one INSERT executed for every row elsewhere. The ORM's bulk_create spent two thirds of an import building
    model instances and SQL for rows that are checked already (bench/indicators_import.py)."""
    meta = Observation._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    fields = {field.name: field.column for field in meta.concrete_fields}
    columns = ", ".join(quote(fields[name]) for name in INSERTED)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(INSERTED))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
    return len(rows)


def _row_values(row: ObservationRow) -> dict[str, Any]:
    return {
        "period_kind": row.period_kind,
        "period_start": row.period_start,
        "period": row.period,
        "value": row.value,
        "n": row.n,
        "sd": row.sd,
    }


def _indicator_save(spec: IndicatorSpec) -> Indicator:
    indicator = Indicator.objects.filter(key=spec.key).first()
    if indicator is None:
        return Indicator.objects.create(key=spec.key, **spec.fields())
    if _indicator_values(indicator) != spec.fields():
        for name, value in spec.fields().items():
            setattr(indicator, name, value)
        indicator.save()
    return indicator


def _indicator_values(indicator: Indicator) -> dict[str, Any]:
    fields = IndicatorSpec(key=indicator.key, name="", data_type="", direction="").fields()
    return {name: getattr(indicator, name) for name in fields}


@dataclass
class _Changes:
    """What an import writes: the new rows, and the changed rows with the id of the stored observation."""

    new: list[ObservationRow] = field(default_factory=list)
    changed: list[tuple[int, ObservationRow]] = field(default_factory=list)


# An observation as stored, for comparing with a row: its id, period as written, value, n and sd.
Stored = tuple[int, str, Any, Any, Any]
# More periods than this in one file (a file of dates): the stored observations are read without them.
PERIODS_IN_QUERY = 200


def _existing(rows: list[ObservationRow], indicators: dict[str, Indicator]) -> dict[tuple[Any, ...], Stored]:
    """The stored observations the rows may be, by (indicator id, unit id, period kind, first day)."""
    ids = {indicators[row.indicator].pk for row in rows if row.indicator in indicators}
    if not ids:
        return {}
    found = Observation.objects.filter(indicator_id__in=ids)
    starts = {row.period_start for row in rows}
    if len(starts) <= PERIODS_IN_QUERY:
        found = found.filter(period_start__in=starts)
    columns = ("indicator_id", "unit_id", "period_kind", "period_start", "pk", "period", "value", "n", "sd")
    return {(i, u, kind, start): tuple(stored) for i, u, kind, start, *stored in found.values_list(*columns)}


def _plan(result: ReadResult) -> tuple[ImportOutcome, _Changes]:
    """Check the rows against the indicators (the file's and the stored ones) and count what changes."""
    outcome = ImportOutcome(result.format, rows=result.rows, problems=list(result.problems))
    outcome.matched_units = len(result.matched_units)
    outcome.national_rows = result.national_rows
    stored = Indicator.objects.filter(
        key__in={row.indicator for row in result.observations} | {spec.key for spec in result.indicators}
    )
    stored_by_key = {indicator.key: indicator for indicator in stored}
    specs = {spec.key: spec for spec in result.indicators}
    for key, spec in specs.items():
        current = stored_by_key.get(key)
        category = (
            "new"
            if current is None
            else "unchanged"
            if _indicator_values(current) == spec.fields()
            else "changed"
        )
        outcome.counts[category]["indicators"] += 1
    _check_rows(result, specs, stored_by_key, outcome)
    changes = _Changes()
    if not outcome.errors:
        changes = _count_observations(result, stored_by_key, outcome)
    return outcome, changes


def _check_rows(
    result: ReadResult, specs: dict[str, IndicatorSpec], stored: dict[str, Indicator], outcome: ImportOutcome
) -> None:
    seen: dict[tuple[Any, ...], int] = {}
    for row in result.observations:
        definition: Any = specs.get(row.indicator) or stored.get(row.indicator)
        where = Problem(row.file, row.row, row.indicator, "")
        if definition is None:
            where.message = _("No indicator has the key %(key)s; define it in the mapping.") % {
                "key": row.indicator
            }
            outcome.problems.append(where)
            continue
        low, high = definition.scale_min, definition.scale_max
        if row.value is not None and (
            (low is not None and row.value < low) or (high is not None and row.value > high)
        ):
            where.message = _("%(value)s is outside the scale %(low)s to %(high)s.") % {
                "value": row.value,
                "low": low,
                "high": high,
            }
            outcome.problems.append(where)
        key = (row.indicator, row.unit_id, row.period_kind, row.period_start)
        if key in seen:
            where.message = _("The same unit and period as row %(row)s.") % {"row": seen[key]}
            outcome.problems.append(where)
        seen[key] = row.row


def _count_observations(result: ReadResult, stored: dict[str, Indicator], outcome: ImportOutcome) -> _Changes:
    existing = _existing(result.observations, stored)
    changes = _Changes()
    counts = {category: 0 for category in CATEGORIES}
    for row in result.observations:
        indicator = stored.get(row.indicator)
        current = (
            existing.get((indicator.pk, row.unit_id, row.period_kind, row.period_start))
            if indicator
            else None
        )
        if current is None:
            counts["new"] += 1
            changes.new.append(row)
        elif current[1:] == (row.period, row.value, row.n, row.sd):
            counts["unchanged"] += 1
        else:
            counts["changed"] += 1
            changes.changed.append((current[0], row))
    for category, count in counts.items():
        outcome.counts[category]["observations"] += count
    return changes

"""Writes of the indicators app: importing indicator definitions and observations."""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.organisation.imports.readers.common import Problem

from .imports.mapping import IndicatorSpec, Mapping
from .imports.reading import ObservationRow, ReadResult, read
from .models import Indicator, Observation

CATEGORIES = ("new", "changed", "unchanged")
KINDS = ("indicators", "observations")


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

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.warning]


def indicators_import(
    *, data: bytes, filename: str, mapping: Mapping | None = None, dry_run: bool = False, by: Any = None
) -> ImportOutcome:
    """Read a file, check every row, and (unless a dry run, or there are errors) write its indicators and
    observations in one transaction. Rows whose unit is not found are skipped with a warning."""
    result = read(data, filename=filename, mapping=mapping)
    if dry_run or result.errors:
        return _plan(result, filename=filename)
    return _indicators_import_write(result=result, filename=filename, by=by)


@transaction.atomic
def _indicators_import_write(*, result: ReadResult, filename: str, by: Any) -> ImportOutcome:
    outcome = _plan(result, filename=filename, lock=True)
    if outcome.errors:
        return outcome
    indicators = {spec.key: _indicator_save(spec) for spec in result.indicators}
    indicators.update(
        {i.key: i for i in Indicator.objects.filter(key__in={row.indicator for row in result.observations})}
    )
    existing = _existing(result.observations, indicators)
    for row in result.observations:
        values = {"value": row.value, "n": row.n, "sd": row.sd, "period": row.period}
        current = existing.get(_key(indicators[row.indicator].pk, row))
        if current is None:
            Observation.objects.create(
                indicator=indicators[row.indicator],
                unit_id=row.unit_id,
                period_kind=row.period_kind,
                period_start=row.period_start,
                **values,
            )
        elif _observation_values(current) != values:
            for name, value in values.items():
                setattr(current, name, value)
            current.save(update_fields=list(values))
    outcome.applied = True
    counts = " ".join(
        f"{c}={outcome.counts[c]['indicators']},{outcome.counts[c]['observations']}" for c in CATEGORIES
    )
    audit_record(
        user=by, action="indicators.import", detail=f"format={outcome.format} rows={outcome.rows} {counts}"
    )
    return outcome


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


def _observation_values(observation: Observation) -> dict[str, Any]:
    return {
        "value": observation.value,
        "n": observation.n,
        "sd": observation.sd,
        "period": observation.period,
    }


def _key(indicator_id: int, row: ObservationRow) -> tuple[Any, ...]:
    return (indicator_id, row.unit_id, row.period_kind, row.period_start)


def _existing(
    rows: list[ObservationRow], indicators: dict[str, Indicator]
) -> dict[tuple[Any, ...], Observation]:
    ids = {indicators[row.indicator].pk for row in rows if row.indicator in indicators}
    found = Observation.objects.filter(indicator_id__in=ids, unit_id__in={row.unit_id for row in rows})
    return {(o.indicator_id, o.unit_id, o.period_kind, o.period_start): o for o in found}


def _plan(result: ReadResult, *, filename: str, lock: bool = False) -> ImportOutcome:
    """Check the rows against the indicators (the file's and the stored ones) and count what changes."""
    outcome = ImportOutcome(result.format, rows=result.rows, problems=list(result.problems))
    outcome.matched_units = len(result.matched_units)
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
    if not outcome.errors:
        _count_observations(result, stored_by_key, outcome)
    return outcome


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


def _count_observations(result: ReadResult, stored: dict[str, Indicator], outcome: ImportOutcome) -> None:
    existing = _existing(result.observations, stored)
    for row in result.observations:
        indicator = stored.get(row.indicator)
        current = existing.get(_key(indicator.pk, row)) if indicator else None
        values = {"value": row.value, "n": row.n, "sd": row.sd, "period": row.period}
        category = (
            "new" if current is None else "unchanged" if _observation_values(current) == values else "changed"
        )
        outcome.counts[category]["observations"] += 1

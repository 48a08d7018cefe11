"""The publication gate's decisions, kept: what pages (and the API) read figures through.

Deciding one indicator's period over the whole organisation takes about 47 ms at national scale
(`publication.publication_load`), and every page asks for several. A decision changes only when the figures,
the indicator's rule or the unit tree change, and those change only by an import (of indicators or of the
organisation), each of which writes its audit row in the same transaction as what it changed. So the committed
such audit rows (how many, the newest) are the GENERATION of every decision: read from the database on each
request (one small indexed query), never from the cache itself, because an import also runs in the task worker
(the upload page), a process whose cache the web processes do not share, and a generation kept in a
per-process cache would never reach them. A decision is kept under its generation in Django's cache (shared
between processes where the installation configures a shared cache), and the last few decoded ones in the
process, so a page decodes nothing it decoded a moment ago.

What is kept is what the gate decided: a withheld figure is kept as its reason alone, as the gate returns it.
"""

import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from django.core.cache import cache
from django.db.models import Count, Max

from grundlag.audit.models import AuditEvent
from grundlag.organisation.models import Unit

from .models import Indicator, Observation
from .publication import Figure, Publication, Shown, Withheld, Withholding, publication

# Every write that can change a decision is one of these imports (figures, rules, the unit tree).
CHANGING_ACTIONS = ("indicators.import", "organisation.import")
CACHE_SECONDS = 24 * 3600  # a new generation makes the old entries unreachable; this only frees them
NO_IMPORT = "none"
KEPT_IN_PROCESS = 48  # decoded decisions (a national one is about a megabyte)

Encoded = str | tuple[str, int | None, str | None]  # a reason, or a shown figure's (value, n, sd)
PeriodKey = tuple[int, str, date]  # indicator id, period kind, period start

_kept: OrderedDict[str, Publication] = OrderedDict()
_kept_lock = threading.Lock()


def publication_generation() -> str:
    """The imports that can have changed a decision, as a key part (NO_IMPORT before any): how many have
    committed, the highest id and the newest time. The count orders them by commit: two imports committing
    out of order across processes (an id and a time are given before commit) still make a new generation
    when the later one commits, which the newest row alone would not."""
    found = AuditEvent.objects.filter(action__in=CHANGING_ACTIONS).aggregate(
        count=Count("id"), newest_id=Max("id"), newest_at=Max("at")
    )
    if not found["count"]:
        return NO_IMPORT
    # The time as well as the id: an id can come back (a rolled-back transaction on SQLite, a restore).
    return f"{found['count']}-{found['newest_id']}-{found['newest_at'].timestamp():.6f}"


def publication_cached(*, indicator: Indicator, period_kind: str, period_start: date) -> Publication:
    """The gate's decision for the indicator and period, as `publication_load` makes it, kept until the next
    import."""
    return publications_cached(wanted=[(indicator, period_kind, period_start)])[
        (indicator.pk, period_kind, period_start)
    ]


def publications_cached(*, wanted: Iterable[tuple[Indicator, str, date]]) -> dict[PeriodKey, Publication]:
    """Several decisions at once (one generation read, one cache round trip), by (indicator id, period kind,
    period start)."""
    wanted = list(wanted)
    if not wanted:
        return {}
    generation = publication_generation()
    if generation == NO_IMPORT:
        # Figures written by no import (a test's own rows): nothing tells when they change, so none is kept.
        fresh = _decide({_key(generation, i.pk, kind, start): (i, kind, start) for i, kind, start in wanted})
        return {(i.pk, kind, start): fresh[_key(generation, i.pk, kind, start)] for i, kind, start in wanted}
    found: dict[PeriodKey, Publication] = {}
    missing: dict[str, tuple[Indicator, str, date]] = {}
    with _kept_lock:
        for indicator, kind, start in wanted:
            key = _key(generation, indicator.pk, kind, start)
            if key in _kept:
                _kept.move_to_end(key)
                found[(indicator.pk, kind, start)] = _kept[key]
            else:
                missing[key] = (indicator, kind, start)
    if not missing:
        return found
    stored = cache.get_many(list(missing))
    made: dict[str, tuple] = {key: _encode(d) for key, d in _decide(_unkept(missing, stored)).items()}
    cache.set_many(made, CACHE_SECONDS)
    for key, (indicator, kind, start) in missing.items():
        decoded = _decode(made[key] if key in made else stored[key])
        found[(indicator.pk, kind, start)] = decoded
        _keep(key, decoded)
    return found


def _unkept(missing: dict[str, tuple[Indicator, str, date]], stored: dict) -> dict:
    return {key: wanted for key, wanted in missing.items() if key not in stored}


@dataclass(frozen=True)
class _UnitRow:
    id: int
    parent_id: int | None
    kind: str


@dataclass(frozen=True)
class _ObservationRow:
    unit_id: int | None
    value: Decimal | None
    n: int | None
    sd: Decimal | None


def _decide(wanted: dict[str, tuple[Indicator, str, date]]) -> dict[str, Publication]:
    """The gate's decisions as `publication_load` makes them, the unit tree read once for all of them (at
    national scale the tree costs as much to read as one period's figures and their decision together)."""
    if not wanted:
        return {}
    units = [_UnitRow(*row) for row in Unit.objects.order_by().values_list("id", "parent_id", "kind")]
    decided = {}
    for key, (indicator, kind, start) in wanted.items():
        rows = Observation.objects.filter(indicator=indicator, period_kind=kind, period_start=start)
        observations = [
            _ObservationRow(*row) for row in rows.order_by().values_list("unit_id", "value", "n", "sd")
        ]
        decided[key] = publication(rule=indicator, observations=observations, units=units)
    return decided


def publication_cache_clear() -> None:
    """Forget the decisions kept in this process (the tests' fresh start; the cache's entries expire)."""
    with _kept_lock:
        _kept.clear()


def _key(generation: str, indicator_id: int, kind: str, start: date) -> str:
    return f"indicators:publication:{generation}:{indicator_id}:{kind}:{start.isoformat()}"


def _keep(key: str, decoded: Publication) -> None:
    with _kept_lock:
        _kept[key] = decoded
        _kept.move_to_end(key)
        while len(_kept) > KEPT_IN_PROCESS:
            _kept.popitem(last=False)


def _encode_figure(figure: Figure) -> Encoded:
    if isinstance(figure, Withheld):
        return figure.reason.value
    return (str(figure.value), figure.n, None if figure.sd is None else str(figure.sd))


def _encode(publication: Publication) -> tuple:
    """Plain values that pickle fast (a national decision: about 1 ms to read back instead of 20)."""
    national = None if publication.national is None else _encode_figure(publication.national)
    figures = {pk: _encode_figure(figure) for pk, figure in publication.figures.items()}
    return (national, figures, dict(publication.tables))


def _decode_figure(unit_id: int | None, encoded: Encoded) -> Figure:
    if isinstance(encoded, str):
        return Withheld(unit_id, Withholding(encoded))
    value, n, sd = encoded
    return Shown(unit_id, Decimal(value), n, None if sd is None else Decimal(sd))


class _Figures(Mapping[int, Figure]):
    """A decision's figures, each made into a Shown or Withheld when asked for (a page asks for a few)."""

    def __init__(self, encoded: dict[int, Encoded]) -> None:
        self._encoded = encoded

    def __getitem__(self, unit_id: int) -> Figure:
        return _decode_figure(unit_id, self._encoded[unit_id])

    def __contains__(self, unit_id: object) -> bool:
        return unit_id in self._encoded

    def __iter__(self) -> Iterator[int]:
        return iter(self._encoded)

    def __len__(self) -> int:
        return len(self._encoded)


def _decode(encoded: tuple) -> Publication:
    national, figures, tables = encoded
    return Publication(
        national=None if national is None else _decode_figure(None, national),
        figures=_Figures(figures),
        tables=MappingProxyType(tables),
    )

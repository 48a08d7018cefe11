"""The organisation report: a heatmap of sections × units (or levels), response rates and trend.

Every cell is a sum of whole publishable atoms of the anonymous groups (`anonymity.combined_cells`), so
a cell minus a child unit's cell, a unit against a level, or one cycle against another still leaves
whole atoms, each resting on at least k respondents. Self and the superior never enter a cell.

Administrators see every unit; a leader sees the units in the subtree of their own leadership posts'
units (404 otherwise), and only in cycles whose results are shared with the superior leader: a row
may hold a single leader, whose figures the cycle may not share up the chain. The figures come from
`AtomAggregate`, counted when the cycle closed, in a few grouped queries whatever the size of the
organisation.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Case, Count, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import StrIndex, Substr
from django.http import Http404
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from grundlag.core.numbers import two_decimals
from grundlag.frameworks.models import Level
from grundlag.organisation.models import Unit

from ..models import Cycle, Evaluee, Question, QuestionKind
from .anonymity import ANONYMOUS_GROUPS, Figure, combined_cells, combined_means, row_path_start
from .charts import heat_grid_spec
from .selectors import org_cycles_for_user, org_report_unit_get_for_user, org_scope_units, units_scope_q

BY_UNIT, BY_LEVEL = "unit", "level"
DEPTHS = (1, 2, 3)  # how many levels of units below the one shown the heatmap may break down
ITSELF = "itself"
KeyOf = Callable[[str], str | None]  # a leader's unit path (or level key) → its row's key, None outside


@dataclass
class HeatColumn:
    key: str
    title: str
    asked: bool = False  # whether any statement of the section was put to an anonymous rater group


@dataclass
class HeatCell:
    column: HeatColumn
    figure: Figure | None
    respondents: int = 0
    reason: str = ""
    not_asked: bool = False  # the section was put to none of the groups a cell sums

    @property
    def mean(self) -> float | None:
        return self.figure.mean if self.figure else None


@dataclass
class HeatRow:
    key: str
    label: str
    unit: Unit | None = None  # a unit to drill into (None: a level, or the unit's own leaders)
    leaders: int = 0
    invited: int = 0
    answered: int = 0
    cells: list[HeatCell] = field(default_factory=list)
    trend: list[float | None] = field(default_factory=list)  # per OrgHeatmap.trend_cycles

    @property
    def rate(self) -> int | None:
        return round(100 * self.answered / self.invited) if self.invited else None


@dataclass
class OrgHeatmap:
    cycle: Cycle
    unit: Unit | None
    by: str
    columns: list[HeatColumn]
    rows: list[HeatRow]
    trend_cycles: list[Cycle]
    breadcrumbs: list[Unit]
    depth: int = 1


# --- The heatmap ---------------------------------------------------------------------------------------


def _columns(cycle: Cycle) -> list[HeatColumn]:
    columns: dict[str, HeatColumn] = {}
    for key, title, not_asked_of in (
        Question.objects.filter(cycle=cycle, kind=QuestionKind.SCALE)
        .order_by("position", "id")
        .values_list("section_key", "section_title", "not_asked_of")
    ):
        column = columns.setdefault(key, HeatColumn(key=key, title=title or _("Local questions")))
        column.asked |= any(group not in (not_asked_of or ()) for group in ANONYMOUS_GROUPS)
    return list(columns.values())


class _UnitRows:
    """Maps an evaluee's unit path to its row: the unit `depth` levels below (or at the top) whose subtree
    holds it, or a unit above that depth whose own leaders form a row of their own."""

    def __init__(self, unit: Unit | None, roots: list[Unit] | None, depth: int = 1):
        if unit is not None:
            layer = list(Unit.objects.filter(parent=unit))
        elif roots is None:
            layer = list(Unit.objects.filter(parent__isnull=True))
        else:
            layer = roots
        self.prefixes: dict[str, Unit] = {}
        self.rows: dict[str, HeatRow] = {}
        self.order: dict[str, tuple[str, ...]] = {}
        names: dict[int, tuple[str, ...]] = {top.pk: (top.name,) for top in layer}
        for level in range(1, depth + 1):
            below = list(Unit.objects.filter(parent__in=layer)) if level < depth else []
            parents = {child.parent_id for child in below}
            for top in layer:
                label = " › ".join(names[top.pk])
                if top.pk in parents:
                    label = _("%(unit)s (its own leaders)") % {"unit": label}
                self.prefixes[top.path] = top
                self.rows[str(top.pk)] = HeatRow(key=str(top.pk), label=label, unit=top)
                self.order[str(top.pk)] = names[top.pk]
            for child in below:
                names[child.pk] = (*names[child.parent_id], child.name)
            layer = below
        self.itself = unit.path if unit is not None else None
        if unit is not None:
            label = _("%(unit)s (its own leaders)") % {"unit": unit.name}
            self.rows[ITSELF] = HeatRow(key=ITSELF, label=label)
            self.order[ITSELF] = ()
        if depth > 1:  # each unit's row before the rows below it, by name
            self.rows = dict(sorted(self.rows.items(), key=lambda item: self.order[item[0]]))
        self._cache: dict[str, str | None] = {}

    def key(self, path: str) -> str | None:
        if path not in self._cache:
            found = None
            if path == self.itself:
                found = ITSELF
            else:
                parts = path.strip("/").split("/")
                for end in range(len(parts), 0, -1):
                    top = self.prefixes.get("/" + "/".join(parts[:end]) + "/")
                    if top is not None:
                        found = str(top.pk)
                        break
            self._cache[path] = found
        return self._cache[path]


def _level_rows(cycle: Cycle, evaluees) -> dict[str, HeatRow]:
    names = dict(evaluees.values_list("level_key", "level_name").distinct())
    positions = dict(
        Level.objects.filter(version_id=cycle.framework_version_id).values_list("key", "position")
    )
    ordered = sorted(names, key=lambda key: (positions.get(key, 10**6), names[key]))
    return {key: HeatRow(key=key, label=names[key] or _("No level")) for key in ordered}


def _row_sources(unit: Unit | None, roots: list[Unit] | None, depth: int = 1) -> list[tuple[str, str | None]]:
    """Subtree prefixes to query, each with the path its rows lie directly below: the unit's (its child
    units), everything (the top units), or each of a leader's top units (the unit itself). Deeper than one
    level the database groups by each leader's own unit (None) and `_UnitRows.key` sums those into rows."""
    if unit is not None:
        sources: list[tuple[str, str | None]] = [(unit.path, unit.path)]
    elif roots is None:
        sources = [("", "")]
    else:
        sources = [(root.path, root.path[: root.path.rstrip("/").rfind("/") + 1]) for root in roots]
    return sources if depth == 1 else [(source, None) for source, _below in sources]


def _row_path(rows_below: str, field: str = "unit__path"):
    """The ORM twin of `anonymity.row_path_sql`: the path of an evaluee's row unit below `rows_below`."""
    start = row_path_start(rows_below)
    return Substr(field, 1, Value(start - 1) + StrIndex(Substr(field, start), Value("/")))


def _rows(
    cycle: Cycle,
    evaluees: QuerySet[Evaluee],
    *,
    unit: Unit | None,
    roots: list[Unit] | None,
    sources: list[tuple[str, str | None]],
    by: str,
    depth: int = 1,
) -> tuple[dict[str, HeatRow], KeyOf, QuerySet[Evaluee], str]:
    """The heatmap's rows, the row key of a leader's unit path (or level key), and the leaders annotated
    with the field that key is read from."""
    if by == BY_UNIT:
        mapper = _UnitRows(unit, roots, depth)
        # The database groups the leaders by their row's unit: a row may hold thousands of units.
        evaluees = evaluees.annotate(
            row_path=Case(
                *[
                    When(
                        unit__path__startswith=source,
                        then=_row_path(below) if below is not None else F("unit__path"),
                    )
                    for source, below in sources
                ],
                default=F("unit__path"),
            )
        )
        return mapper.rows, mapper.key, evaluees, "row_path"
    rows = _level_rows(cycle, evaluees)

    def key_of(level_key: str) -> str | None:
        return level_key if level_key in rows else None

    return rows, key_of, evaluees, "level_key"


def _leaders_count(
    evaluees: QuerySet[Evaluee],
    evaluee_key: str,
    rows: dict[str, HeatRow],
    key_of: KeyOf,
) -> set[str]:
    """Count each row's leaders and the anonymous groups' invitations as counted when the cycle closed;
    returns the rows with any response."""
    answered_rows = set()
    for row_key, n, invited, answered, responses in evaluees.values_list(evaluee_key).annotate(
        n=Count("id"),
        invited=Sum("anonymous_invited"),
        answered=Sum("anonymous_answered"),
        responded=Sum("anonymous_responses"),
    ):
        if (key := key_of(row_key)) is not None:
            rows[key].leaders += n
            rows[key].invited += invited
            rows[key].answered += answered
            if responses:
                answered_rows.add(key)
    return answered_rows


def _cells_fill(
    cycle: Cycle,
    shown: list[HeatRow],
    *,
    by: str,
    sources: list[tuple[str, str | None]],
    key_of: KeyOf,
    answered_rows: set[str],
) -> list[HeatColumn]:
    """A cell per shown row and section: the figure the gate publishes, or why there is none."""
    columns = _columns(cycle)
    sums: dict[tuple[str, str], tuple[Figure, int]] = {}
    for source, below in sources:
        for (key, section_key), combined in combined_cells(
            cycle_id=cycle.pk, by=by, unit_path=source, key_of=key_of, rows_below=below
        ).items():
            figure, respondents = sums.get((key, section_key), (Figure(), 0))
            sums[(key, section_key)] = (figure + combined.figure, respondents + combined.respondents)
    for row in shown:
        for column in columns:
            cell_figure, respondents = sums.get((row.key, column.key), (None, 0))
            reason = ""
            if not column.asked:
                reason = _("not asked of employees, peer leaders or others")
            elif cell_figure is None:
                reason = (
                    _("too few answers in every rater group") if row.key in answered_rows else _("no answers")
                )
            row.cells.append(
                HeatCell(
                    column=column,
                    figure=cell_figure,
                    respondents=respondents,
                    reason=reason,
                    not_asked=not column.asked,
                )
            )
    return columns


def _trend_fill(
    cycle: Cycle,
    shown: list[HeatRow],
    *,
    viewer: User | AnonymousUser,
    roots: list[Unit] | None,
    by: str,
    sources: list[tuple[str, str | None]],
    key_of: KeyOf,
) -> list[Cycle]:
    """Each shown row's means in the earlier cycles the viewer may open; returns those cycles and this."""
    earlier = Cycle.objects.filter(
        status=Cycle.Status.CLOSED, instrument=cycle.instrument, created_at__lt=cycle.created_at
    ).order_by("created_at")
    if roots is not None:
        # Only cycles the viewer may open: a row may hold one leader whose cycle kept results from the chain.
        earlier = earlier.filter(pk__in=[c.pk for c in org_cycles_for_user(user=viewer)])
    trend_cycles = [*earlier, cycle]
    means: dict[tuple[int, str], Figure] = {}
    if len(trend_cycles) > 1:
        for source, below in sources:
            for (cycle_id, key), figure in combined_means(
                cycle_ids=[c.pk for c in trend_cycles],
                by=by,
                unit_path=source,
                key_of=key_of,
                rows_below=below,
            ).items():
                means[(cycle_id, key)] = means.get((cycle_id, key), Figure()) + figure
        for row in shown:
            row.trend = [
                means[(c.pk, row.key)].mean if (c.pk, row.key) in means else None for c in trend_cycles
            ]
    return trend_cycles


def org_heatmap(
    *,
    cycle: Cycle,
    viewer: User | AnonymousUser,
    unit: Unit | None = None,
    by: str = BY_UNIT,
    depth: int = 1,
) -> OrgHeatmap:
    """Sections × child units (or levels) of the cycle's closed results, as far as the viewer may see.

    By unit, `depth` levels of units below `unit` (or below the top) each have a row; a unit above that
    depth that has units below it keeps a row for its own leaders. The gate is the same whatever the depth:
    each row is a sum of whole publishable atoms."""
    if cycle.status != Cycle.Status.CLOSED or cycle.is_survey:
        raise Http404
    roots = org_scope_units(viewer=viewer)
    if unit is not None:
        org_report_unit_get_for_user(user=viewer, unit_id=unit.pk)
    elif roots == []:
        raise Http404
    by = BY_LEVEL if by == BY_LEVEL else BY_UNIT
    depth = depth if depth in DEPTHS and by == BY_UNIT else 1
    sources = _row_sources(unit, roots, depth)
    scope = Q(unit__path__startswith=unit.path) if unit is not None else units_scope_q(roots=roots)
    evaluees = Evaluee.objects.filter(scope, cycle=cycle).order_by()
    rows, key_of, evaluees, evaluee_key = _rows(
        cycle, evaluees, unit=unit, roots=roots, sources=sources, by=by, depth=depth
    )
    answered_rows = _leaders_count(evaluees, evaluee_key, rows, key_of)
    shown = [row for row in rows.values() if row.leaders]
    columns = _cells_fill(cycle, shown, by=by, sources=sources, key_of=key_of, answered_rows=answered_rows)
    trend_cycles = _trend_fill(
        cycle, shown, viewer=viewer, roots=roots, by=by, sources=sources, key_of=key_of
    )
    return OrgHeatmap(
        cycle=cycle,
        unit=unit,
        by=by,
        columns=columns,
        rows=sorted(shown, key=lambda row: row.key != ITSELF),  # the unit's own leaders first
        trend_cycles=trend_cycles if len(trend_cycles) > 1 else [],
        breadcrumbs=_breadcrumbs(unit, roots),
        depth=depth,
    )


def org_opening_unit(*, cycle: Cycle, viewer: User | AnonymousUser) -> Unit | None:
    """The unit the heatmap opens at: the first level, from the top the viewer may see, with more than one
    row of evaluated leaders (None: the top itself, also when no level has more than one row). Counts
    leaders only: a few queries per level."""
    roots = org_scope_units(viewer=viewer)
    if roots == []:
        return None
    unit: Unit | None = None
    for _level in range(8):  # deep enough for any municipality or ministry, and never endless
        scope = Q(unit__path__startswith=unit.path) if unit is not None else units_scope_q(roots=roots)
        evaluees = Evaluee.objects.filter(scope, cycle=cycle).order_by()
        sources = _row_sources(unit, roots)
        rows, key_of, evaluees, evaluee_key = _rows(
            cycle, evaluees, unit=unit, roots=roots, sources=sources, by=BY_UNIT
        )
        _leaders_count(evaluees, evaluee_key, rows, key_of)
        shown = [row for row in rows.values() if row.leaders]
        if len(shown) > 1:
            return unit
        if len(shown) == 0 or shown[0].unit is None:
            return None
        unit = shown[0].unit
    return None


def _breadcrumbs(unit: Unit | None, roots: list[Unit] | None) -> list[Unit]:
    """The units above `unit` that the viewer may open, top first."""
    if unit is None:
        return []
    ids = [int(part) for part in unit.path.strip("/").split("/") if part][:-1]
    above = Unit.objects.in_bulk(ids)
    crumbs = [above[pk] for pk in ids if pk in above]
    if roots is not None:
        crumbs = [u for u in crumbs if any(u.path.startswith(root.path) for root in roots)]
    return crumbs


# --- The chart -----------------------------------------------------------------------------------------


def heatmap_chart_rows(heatmap: OrgHeatmap) -> list[dict]:
    """The cells the chart draws: the same as the table beside it (hidden cells drawn as empty)."""
    separator = get_format("DECIMAL_SEPARATOR")
    return [
        {
            "row": row.label,
            "column": cell.column.title,
            "mean": round(cell.mean, 2) if cell.mean is not None else None,
            "label": two_decimals(cell.mean, separator) if cell.mean is not None else "–",
        }
        for row in heatmap.rows
        for cell in row.cells
    ]


def heatmap_spec(heatmap: OrgHeatmap) -> dict:
    """One Vega-Lite spec: a rect per cell coloured by the mean (1–5) and the mean written in it."""
    return heat_grid_spec(
        heatmap_chart_rows(heatmap),
        columns=[column.title for column in heatmap.columns],
        rows=[row.label for row in heatmap.rows],
    )

"""Reads of the insight, for an administrator: a year's groups of leaders (the unit at the insight depth
above each leader's unit, and their level), which sections of the foundation their goals are about, and
their answers to "did it help?" — counts only, each group shown only as `publication.groups_shown` allows.

The figures of a year are counted once, when it has ended (`services.insight_year_close`), and then shown as
they were frozen: the year in progress is never shown, so no figure can be watched changing by one leader.
"""

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User

from grundlag.core.rules import require
from grundlag.evaluations.models import SCALE_VALUES
from grundlag.evaluations.sealing import unseal
from grundlag.frameworks.models import Level, Section
from grundlag.organisation.models import Post, Unit
from grundlag.organisation.selectors import today

from ..models import Goal, InsightYear, SealedImpactAnswer
from .publication import groups_shown, total_shown

Viewer = User | AnonymousUser


def impact_context(*, answer_id: uuid.UUID) -> str:
    """What a sealed answer is bound to: its own row."""
    return f"development.impact:{answer_id}"


GroupKey = tuple[int, str]  # (unit id at the insight depth, level key)


@dataclass
class Group:
    unit: str
    level: str
    leaders: int
    sections: dict[str, int] = field(default_factory=dict)
    cells: list[int] = field(default_factory=list)  # the counts in the order of the table's sections


@dataclass
class SectionsInsight:
    """How many leaders work on each section in the shown groups, and in all (where the total may show)."""

    year: int
    k: int
    sections: list[str]
    groups: list[Group]
    hidden: int  # groups hidden whole
    total: Group | None


@dataclass
class ImpactGroup:
    unit: str
    level: str
    answers: int
    scores: int
    counts: list[int | None]  # per scale value 1..5; all None (blank) with the mean, below k real scores
    dont_know: int
    mean: float | None = None  # only from k real scores


@dataclass
class ImpactInsight:
    year: int
    k: int
    groups: list[ImpactGroup]
    hidden: int
    total: ImpactGroup | None


def insight_years_for_user(*, user: Viewer) -> list[int]:
    """The years published (ended and counted), newest first, and the year in progress; 403 for anyone but
    an administrator."""
    require(user, "development.view_insight")
    return sorted({*InsightYear.objects.values_list("year", flat=True), today().year}, reverse=True)


def insight_year_for_user(*, user: Viewer, year: int) -> InsightYear | None:
    """A year's frozen figures, or None for a year not published (the year in progress, or one not counted
    yet); 403 for anyone but an administrator."""
    require(user, "development.view_insight")
    return InsightYear.objects.filter(year=year).first()


def _unit_at_depth(path: str) -> int:
    """The id of the unit at the insight depth on a unit's path (the unit itself when it is above it)."""
    ids = [int(part) for part in path.strip("/").split("/")]
    return ids[min(settings.DEVELOPMENT_INSIGHT_UNIT_DEPTH, len(ids) - 1)]


def _group_unit_ids(unit_ids: set[int]) -> dict[int, int]:
    """Each unit's ancestor (or itself) at the insight depth: the group it is counted in."""
    return {
        pk: _unit_at_depth(path)
        for pk, path in Unit.objects.filter(pk__in=unit_ids).values_list("pk", "path")
    }


def _names(keys: set[GroupKey]) -> tuple[dict[int, str], dict[str, str]]:
    units = dict(Unit.objects.filter(pk__in={unit for unit, _level in keys}).values_list("pk", "name"))
    levels = dict(
        Level.objects.filter(key__in={level for _unit, level in keys})
        .order_by("key", "-version__number")
        .values_list("key", "name")
    )
    return units, levels


def _leader_groups(person_ids: set[int]) -> dict[int, GroupKey]:
    """Each leader's group today: their leadership post with the highest level (its unit and level key)."""
    posts = (
        Post.objects.active_on(today())
        .filter(person_id__in=person_ids, level__isnull=False)
        .values_list("person_id", "unit_id", "level__key", "level__position")
        .order_by("person_id", "level__position", "pk")
    )
    first: dict[int, tuple[int, str]] = {}
    for person_id, unit_id, level_key, _position in posts:
        first.setdefault(person_id, (unit_id, level_key))
    grouped = _group_unit_ids({unit for unit, _level in first.values()})
    return {person: (grouped[unit], level) for person, (unit, level) in first.items()}


def sections_insight(*, year: int) -> SectionsInsight:
    """Which sections the goals made in the year are about, by group of leaders: only counts of leaders,
    never a goal (counted by `services.insight_year_close`, once the year has ended)."""
    k = settings.DEVELOPMENT_INSIGHT_THRESHOLD
    rows = (
        Goal.objects.filter(created_at__year=year)
        .values_list("plan__leader_id", "section_id", "expectation__section_id")
        .distinct()
    )
    sections_of: dict[int, set[int]] = defaultdict(set)
    for leader_id, section_id, expectation_section_id in rows:
        sections_of[leader_id].update(s for s in (section_id, expectation_section_id) if s)
    groups_of = _leader_groups(set(sections_of))
    members: dict[GroupKey, list[int]] = defaultdict(list)
    for leader_id, key in groups_of.items():
        members[key].append(leader_id)
    titles = dict(
        Section.objects.filter(pk__in={s for ids in sections_of.values() for s in ids}).values_list(
            "pk", "title"
        )
    )
    counts = {key: len(ids) for key, ids in members.items()}
    shown = groups_shown(counts, k=k)
    units, levels = _names(set(counts))

    def group(unit: str, level: str, leader_ids: list[int]) -> Group:
        per_section = Counter(titles[s] for leader in leader_ids for s in sections_of[leader])
        return Group(unit=unit, level=level, leaders=len(leader_ids), sections=dict(per_section))

    ordered = sorted(set(titles.values()))
    insight = SectionsInsight(
        year=year,
        k=k,
        sections=ordered,
        groups=sorted(
            (group(units.get(key[0], ""), levels.get(key[1], key[1]), members[key]) for key in shown),
            key=lambda g: (g.unit, g.level),
        ),
        hidden=len(counts) - len(shown),
        total=group("", "", [leader for ids in members.values() for leader in ids])
        if total_shown(counts, k=k)
        else None,
    )
    for row in [*insight.groups, *([insight.total] if insight.total else [])]:
        row.cells = [row.sections.get(title, 0) for title in ordered]
    return insight


def _impact_answers(year: int) -> list[dict]:
    return [
        unseal(sealed=sealed, context=impact_context(answer_id=pk))  # type: ignore[misc]
        for pk, sealed in SealedImpactAnswer.objects.filter(year=year).values_list("pk", "sealed")
    ]


def impact_insight(*, year: int) -> ImpactInsight:
    """The answers to "did it help?" given in the year, by group of leaders (the unit and level the answer was
    sealed with), each group shown only with at least k real scores, and the mean and the count of each value
    only from k real scores (counted by `services.insight_year_close`, once the year has ended)."""
    k = settings.DEVELOPMENT_INSIGHT_THRESHOLD
    answers = _impact_answers(year)
    by_group: dict[GroupKey, list[int | None]] = defaultdict(list)
    for answer in answers:
        if answer.get("path"):  # the unit's place in the organisation when the leader answered
            by_group[(_unit_at_depth(answer["path"]), answer["level"])].append(answer["value"])
    answered = {key: len(values) for key, values in by_group.items()}
    scored = {key: sum(1 for v in values if v is not None) for key, values in by_group.items()}
    shown = groups_shown(answered, k=k, scores=scored)
    units, levels = _names(set(by_group))

    def group(unit: str, level: str, values: list[int | None]) -> ImpactGroup:
        counted = Counter(values)
        scores = [v for v in values if v is not None]
        enough = len(scores) >= k  # below k real scores, the counts would tell them as well as the mean
        return ImpactGroup(
            unit=unit,
            level=level,
            answers=len(values),
            scores=len(scores),
            counts=[counted.get(v, 0) if enough else None for v in SCALE_VALUES],
            dont_know=counted.get(None, 0),
            mean=round(sum(scores) / len(scores), 2) if enough else None,
        )

    everything = [v for values in by_group.values() for v in values]
    return ImpactInsight(
        year=year,
        k=k,
        groups=sorted(
            (group(units.get(key[0], ""), levels.get(key[1], key[1]), by_group[key]) for key in shown),
            key=lambda g: (g.unit, g.level),
        ),
        hidden=len(by_group) - len(shown),
        total=group("", "", everything) if total_shown(answered, k=k) else None,
    )

"""Reads of the organisation: the tree, the leadership chain, span of control, and who may see whom."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from .models import Person, Post, Unit


def today() -> datetime.date:
    return timezone.localdate()


def person_for_user(user) -> Person | None:
    """The person a signed-in user is, or None (administrators and respondents may be no one)."""
    if not user.is_authenticated:
        return None
    try:
        return user.person
    except Person.DoesNotExist:
        return None


def posts_active(*, person: Person, on: datetime.date | None = None) -> QuerySet[Post]:
    return (
        Post.objects.active_on(on or today())
        .filter(person=person)
        .select_related("unit", "level__version__framework", "manager")
        .order_by("start_date", "id")
    )


def managers_of(*, person: Person, on: datetime.date | None = None) -> list[Person]:
    """The people the person reports to through their active posts, main post first."""
    managers: list[Person] = []
    for post in posts_active(person=person, on=on):
        if post.manager and post.manager not in managers:
            managers.append(post.manager)
    return managers


def chain_up(*, person: Person, on: datetime.date | None = None) -> list[Person]:
    """The line from the person's manager to the top, following each person's main post."""
    on = on or today()
    line: list[Person] = []
    seen = {person.pk}
    current = person
    while True:
        post = (
            Post.objects.active_on(on)
            .filter(person=current, manager__isnull=False)
            .select_related("manager")
            .order_by("start_date", "id")
            .first()
        )
        if post is None or post.manager_id in seen:  # a cycle in the data ends the line, not the page
            return line
        seen.add(post.manager_id)
        line.append(post.manager)
        current = post.manager


def direct_reports(*, person: Person, on: datetime.date | None = None) -> QuerySet[Post]:
    """Active posts that report to the person."""
    return (
        Post.objects.active_on(on or today())
        .filter(manager=person)
        .select_related("person", "unit", "level")
        .order_by("person__name", "id")
    )


def _below_sql(*, person: Person, on: datetime.date) -> tuple[str, list]:
    """SQL for everyone the person leads along the chain on a day: one recursive query, any depth.

    UNION (not UNION ALL) drops repeats, so a cycle in the manager data ends instead of looping.
    """
    day = connection.ops.adapt_datefield_value(on)
    active = "(p.start_date IS NULL OR p.start_date <= %s) AND (p.end_date IS NULL OR p.end_date >= %s)"
    table = Post._meta.db_table
    sql = (
        f"WITH RECURSIVE below(person_id) AS ("
        f"SELECT p.person_id FROM {table} p WHERE p.manager_id = %s AND {active} "
        f"UNION SELECT p.person_id FROM {table} p JOIN below b ON p.manager_id = b.person_id WHERE {active}"
        f") SELECT person_id FROM below WHERE person_id <> %s"
    )
    return sql, [person.pk, day, day, day, day, person.pk]


def people_below(*, person: Person, on: datetime.date | None = None) -> RawSQL:
    """Everyone the person leads, directly or through the leaders below them, as a subquery of ids."""
    sql, params = _below_sql(person=person, on=on or today())
    return RawSQL(sql, params)


def person_ids_below(*, person: Person, on: datetime.date | None = None) -> set[int]:
    sql, params = _below_sql(person=person, on=on or today())
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}


def people_below_count(*, person: Person, on: datetime.date | None = None) -> int:
    sql, params = _below_sql(person=person, on=on or today())
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS led", params)
        return cursor.fetchone()[0]


def is_above_in_chain(*, manager: Person, person: Person, on: datetime.date | None = None) -> bool:
    """Whether `manager` leads `person` along the chain (through any of the person's posts)."""
    on = on or today()
    active = Post.objects.active_on(on)
    seen = {person.pk}
    frontier = {person.pk}
    while frontier:
        managers = set(
            active.filter(person_id__in=frontier, manager__isnull=False).values_list("manager_id", flat=True)
        )
        if manager.pk in managers:
            return True
        frontier = managers - seen
        seen |= frontier
    return False


def is_leader(*, person: Person, on: datetime.date | None = None) -> bool:
    """A leader holds a post on a leadership level or has someone reporting to them."""
    active = Post.objects.active_on(on or today())
    return active.filter(Q(person=person, level__isnull=False) | Q(manager=person)).exists()


def people_visible_to(*, user, on: datetime.date | None = None) -> QuerySet[Person]:
    """The people whose details the user may see: everyone for administrators, else self and those below."""
    from grundlag.core.permissions import is_administrator

    if is_administrator(user):
        return Person.objects.all()
    person = person_for_user(user)
    if person is None:
        return Person.objects.none()
    return Person.objects.filter(Q(pk=person.pk) | Q(pk__in=people_below(person=person, on=on)))


def person_get_for_user(*, user, pk: int) -> Person:
    """A person the user may see, or 404 (never 403, so that existence is not revealed)."""
    person = Person.objects.filter(pk=pk).first()
    if person is None or not user.has_perm("organisation.view_person", person):
        raise Http404("No such person.")
    return person


def unit_get(*, pk: int) -> Unit:
    unit = Unit.objects.select_related("parent").filter(pk=pk).first()
    if unit is None:
        raise Http404("No such unit.")
    return unit


def unit_ancestors(unit: Unit) -> list[Unit]:
    """The units above, top first."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part][:-1]
    by_id = Unit.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def units_below(unit: Unit) -> QuerySet[Unit]:
    """The unit's whole subtree, the unit itself included."""
    return Unit.objects.filter(path__startswith=unit.path)


@dataclass
class ChartNode:
    unit: Unit
    leaders: list[Post] = field(default_factory=list)
    child_count: int = 0
    post_count: int = 0


def chart_children(*, parent: Unit | None, on: datetime.date | None = None) -> list[ChartNode]:
    """One level of the organisation chart: the units under `parent` (None: the top), with leaders."""
    on = on or today()
    active_units = Unit.objects.active_on(on)
    units = list(
        active_units.filter(parent=parent).annotate(
            child_count=Count("children", filter=_active_q("children__", on), distinct=True),
            post_count=Count("posts", filter=_active_q("posts__", on), distinct=True),
        )
    )
    leaders = defaultdict(list)
    for post in (
        Post.objects.active_on(on)
        .filter(unit__in=units, level__isnull=False)
        .select_related("person", "level")
        .order_by("level__position", "person__name")
    ):
        leaders[post.unit_id].append(post)
    return [
        ChartNode(unit=u, leaders=leaders[u.pk], child_count=u.child_count, post_count=u.post_count)
        for u in units
    ]


def _active_q(prefix: str, on: datetime.date) -> Q:
    return (Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": on})) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


def units_with_ancestors(units: list[Unit]) -> list[tuple[Unit, list[Unit]]]:
    """Each unit with the units above it, top first, fetched in one query."""
    paths = {u.pk: [int(part) for part in u.path.strip("/").split("/") if part][:-1] for u in units}
    by_id = Unit.objects.in_bulk({pk for ids in paths.values() for pk in ids})
    return [(u, [by_id[pk] for pk in paths[u.pk] if pk in by_id]) for u in units]


def units_search(*, query: str, on: datetime.date | None = None, limit: int = 50) -> list[Unit]:
    """Units whose name contains the query, with their ancestors to show where they sit."""
    query = query.strip()
    if not query:
        return []
    return list(
        Unit.objects.active_on(on or today()).filter(name__icontains=query).order_by("depth", "name")[:limit]
    )


def level_current(level):
    """The same level in the latest published version of its foundation (a post may point at an older one)."""
    from grundlag.frameworks.models import FrameworkVersion, Level

    latest = (
        FrameworkVersion.objects.filter(
            framework_id=level.version.framework_id, status=FrameworkVersion.Status.PUBLISHED
        )
        .order_by("-number")
        .first()
    )
    if latest is None or latest.pk == level.version_id:
        return level
    return Level.objects.select_related("version__framework").filter(version=latest, key=level.key).first()


@dataclass
class LeaderSpan:
    person_id: int
    name: str
    title: str
    unit_id: int
    unit_name: str
    level_key: str
    level_name: str
    level_position: int
    direct_reports: int


@dataclass
class LevelSpanSummary:
    level_name: str
    leaders: int
    median: float
    maximum: int
    above_threshold: int
    buckets: list[tuple[str, int]]


SPAN_BUCKETS = [(0, 5), (6, 10), (11, 15), (16, 20), (21, 30), (31, 50), (51, None)]


def _bucket_label(low: int, high: int | None) -> str:
    return f"{low}–{high}" if high is not None else f"{low}+"


def leader_spans(
    *, user, on: datetime.date | None = None, unit: Unit | None = None, level_key: str = ""
) -> list[LeaderSpan]:
    """Direct reports per leader, one row per leader (their main leadership post), that the user may see.

    A leader is anyone with a post on a leadership level or someone reporting to them.
    """
    from grundlag.core.permissions import is_administrator

    on = on or today()
    active = Post.objects.active_on(on)
    direct = dict(
        active.filter(manager__isnull=False)
        .values("manager_id")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("manager_id", "n")
    )
    posts = active.filter(
        Q(level__isnull=False) | Q(person_id__in=active.filter(manager__isnull=False).values("manager_id"))
    )
    if not is_administrator(user):
        own = person_for_user(user)
        if own is None:
            return []
        posts = posts.filter(Q(person_id=own.pk) | Q(person_id__in=people_below(person=own, on=on)))
    if unit is not None:
        posts = posts.filter(unit__path__startswith=unit.path)
    rows = posts.values_list(
        "person_id",
        "person__name",
        "title",
        "unit_id",
        "unit__name",
        "level__key",
        "level__name",
        "level__position",
        "start_date",
        "id",
    )
    main: dict[int, tuple] = {}
    for row in rows:
        # The main post: a leadership level first, then the oldest.
        rank = (row[5] is None, row[8] or datetime.date.min, row[9])
        if row[0] not in main or rank < main[row[0]][0]:
            main[row[0]] = (rank, row)
    spans = [
        LeaderSpan(
            person_id=row[0],
            name=row[1],
            title=row[2],
            unit_id=row[3],
            unit_name=row[4],
            level_key=row[5] or "",
            level_name=row[6] or "",
            level_position=row[7] if row[7] is not None else 10_000,
            direct_reports=direct.get(row[0], 0),
        )
        for _rank, row in main.values()
    ]
    if level_key:
        spans = [s for s in spans if s.level_key == level_key]
    return sorted(spans, key=lambda s: (-s.direct_reports, s.name))


def span_summaries(*, spans: list[LeaderSpan], threshold: int) -> list[LevelSpanSummary]:
    """Per level: how many leaders, median and largest span, how many above the threshold, distribution."""
    by_level: dict[tuple[int, str], list[int]] = defaultdict(list)
    for span in spans:
        by_level[(span.level_position, span.level_name)].append(span.direct_reports)
    summaries = []
    for (_position, name), counts in sorted(by_level.items()):
        counts.sort()
        middle = len(counts) // 2
        median = counts[middle] if len(counts) % 2 else (counts[middle - 1] + counts[middle]) / 2
        buckets = [
            (_bucket_label(low, high), sum(1 for c in counts if c >= low and (high is None or c <= high)))
            for low, high in SPAN_BUCKETS
        ]
        summaries.append(
            LevelSpanSummary(
                level_name=name,
                leaders=len(counts),
                median=median,
                maximum=counts[-1],
                above_threshold=sum(1 for c in counts if c > threshold),
                buckets=buckets,
            )
        )
    return summaries


def organisation_levels():
    """The levels of the foundation the organisation is placed on (latest published version)."""
    from django.conf import settings

    from grundlag.frameworks.models import FrameworkVersion, Level

    version = (
        FrameworkVersion.objects.filter(
            framework__slug=settings.ORGANISATION_FRAMEWORK, status=FrameworkVersion.Status.PUBLISHED
        )
        .order_by("-number")
        .first()
    )
    return Level.objects.filter(version=version).order_by("position") if version else Level.objects.none()


def expected_at_level_for_post(*, level):
    """What is expected at a post's level: the common part and the level's own, introductions left out."""
    from grundlag.frameworks.models import SectionKind
    from grundlag.frameworks.selectors import expected_at_level

    return [
        s
        for s in expected_at_level(version=level.version, level=level)
        if s.section.kind != SectionKind.INTRODUCTION
    ]

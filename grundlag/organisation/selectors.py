"""Reads of the organisation: the tree, the leadership chain, span of control, and who may see whom."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from grundlag.core.rules import is_administrator, require
from grundlag.frameworks.models import FrameworkVersion, Level, SectionKind
from grundlag.frameworks.selectors import SectionContent, expected_at_level

from .chain.services import LEADERS, LINKS, chain_kept, leader_posts, main_posts_sql
from .models import ChainLeader, ChainLink, Person, Post, Unit, UnitPlacement

Viewer = AbstractBaseUser | AnonymousUser


def today() -> datetime.date:
    return timezone.localdate()


def person_for_user(*, user: Viewer) -> Person | None:
    """The person a signed-in user is, or None (administrators and respondents may be no one)."""
    if not user.is_authenticated:
        return None
    try:
        # The reverse one-to-one that Person.user adds to the user model, which the stubs cannot see here.
        person: Person = user.person  # type: ignore[attr-defined]
    except Person.DoesNotExist:
        return None
    return person


def posts_active(*, person: Person, on: datetime.date | None = None) -> QuerySet[Post]:
    return (
        Post.objects.active_on(on or today())
        .filter(person=person)
        .select_related("unit", "level__version__framework", "manager")
        .order_by("start_date", "id")
    )


def managers_of(
    *, person: Person, on: datetime.date | None = None, posts: list[Post] | None = None
) -> list[Person]:
    """The people the person reports to through their active posts, main post first.

    `posts`: the person's active posts on the day when the caller has them already (no query then).
    """
    managers: list[Person] = []
    for post in posts if posts is not None else posts_active(person=person, on=on):
        if post.manager and post.manager not in managers:
            managers.append(post.manager)
    return managers


def chain_up(*, person: Person, on: datetime.date | None = None) -> list[Person]:
    """The line from the person's manager to the top, following each person's main post: two queries.

    One recursive query climbs the main posts (each person's first active post with a manager, by start
    date and id); a cycle in the manager data ends the line, not the page.
    """
    day = connection.ops.adapt_datefield_value(on or today())
    table = Post._meta.db_table
    sql = (
        f"WITH RECURSIVE up(person_id, depth) AS (SELECT CAST(%s AS BIGINT), 0 UNION ALL "
        f"SELECT (SELECT p.manager_id FROM {table} p WHERE p.person_id = up.person_id "
        "AND p.manager_id IS NOT NULL AND (p.start_date IS NULL OR p.start_date <= %s) "
        "AND (p.end_date IS NULL OR p.end_date >= %s) ORDER BY p.start_date, p.id LIMIT 1), depth + 1 "
        f"FROM up WHERE up.person_id IS NOT NULL AND depth < {_CHAIN_LIMIT}) "
        "SELECT person_id FROM up WHERE depth > 0 AND person_id IS NOT NULL ORDER BY depth"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [person.pk, day, day])
        ids = [row[0] for row in cursor.fetchall()]
    line: list[int] = []
    for pk in ids:
        if pk == person.pk or pk in line:
            break
        line.append(pk)
    people = Person.objects.in_bulk(line)
    return [people[pk] for pk in line if pk in people]


_CHAIN_LIMIT = 200  # more levels than any organisation has; it bounds a cycle in the manager data


def direct_reports(*, person: Person, on: datetime.date | None = None) -> QuerySet[Post]:
    """Active posts that report to the person."""
    return (
        Post.objects.active_on(on or today())
        .filter(manager=person)
        .select_related("person", "unit", "level")
        .order_by("person__name", "id")
    )


# Computed once, not again on each step of the recursion (PostgreSQL inlines a CTE named once; SQLite 3.35+).
_MATERIALIZED = "MATERIALIZED "


def _below_sql(*, person: Person, on: datetime.date) -> tuple[str, list]:
    """A WITH clause naming `led(person_id)`: everyone the person leads along the chain on a day, any depth.

    Today's chain is kept as a table (`chain.py`). For another day one recursive query climbs down only the
    people who lead someone (`boss`: a few hundred of a municipality's 13,000), then one join takes everyone
    whose manager is the person or one of them: the posts are read three times, not once per level. UNION
    (not UNION ALL) drops repeats, so a cycle in the manager data ends instead of looping.
    """
    if chain_kept(on=on, today=today()):
        return f"WITH led(person_id) AS (SELECT person_id FROM {LINKS} WHERE manager_id = %s)", [person.pk]
    day = connection.ops.adapt_datefield_value(on)

    def active(alias: str) -> str:
        return (
            f"({alias}.start_date IS NULL OR {alias}.start_date <= %s) "
            f"AND ({alias}.end_date IS NULL OR {alias}.end_date >= %s)"
        )

    table = Post._meta.db_table
    sql = (
        f"WITH RECURSIVE boss(person_id) AS {_MATERIALIZED}(SELECT DISTINCT q.manager_id FROM {table} q "
        f"WHERE q.manager_id IS NOT NULL AND {active('q')}), "
        f"edge(person_id, manager_id) AS {_MATERIALIZED}(SELECT e.person_id, e.manager_id FROM {table} e "
        f"JOIN boss ON boss.person_id = e.person_id WHERE e.manager_id IS NOT NULL AND {active('e')}), "
        "leads(person_id) AS (SELECT CAST(%s AS BIGINT) "
        "UNION SELECT edge.person_id FROM edge JOIN leads ON edge.manager_id = leads.person_id), "
        f"led(person_id) AS (SELECT DISTINCT p.person_id FROM {table} p WHERE {active('p')} "
        "AND p.manager_id IN (SELECT person_id FROM leads) AND p.person_id <> %s)"
    )
    return sql, [day, day, day, day, person.pk, day, day, person.pk]


def people_below(*, person: Person, on: datetime.date | None = None) -> RawSQL:
    """Everyone the person leads, directly or through the leaders below them, as a subquery of ids."""
    sql, params = _below_sql(person=person, on=on or today())
    return RawSQL(f"{sql} SELECT person_id FROM led", params)


def person_ids_below(*, person: Person, on: datetime.date | None = None) -> set[int]:
    sql, params = _below_sql(person=person, on=on or today())
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} SELECT person_id FROM led", params)
        return {row[0] for row in cursor.fetchall()}


def people_below_count(*, person: Person, on: datetime.date | None = None) -> int:
    sql, params = _below_sql(person=person, on=on or today())
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} SELECT COUNT(*) FROM led", params)
        return cursor.fetchone()[0]


@dataclass
class BelowSummary:
    people: int  # everyone the person leads along the chain
    leaders_by_level: list[dict]  # as leaders_below_by_level


def below_summary(*, person: Person, on: datetime.date | None = None) -> BelowSummary:
    """How many people the person leads, and the leaders below them per level: one query, one walk."""
    sql, params = _below_sql(person=person, on=on or today())
    day = connection.ops.adapt_datefield_value(on or today())
    post, level = Post._meta.db_table, Level._meta.db_table
    sql = (
        f"{sql} SELECT NULL, NULL, NULL, COUNT(*) FROM led UNION ALL "
        f"SELECT l.key, l.name, l.position, COUNT(DISTINCT p.person_id) FROM {post} p "
        f"JOIN {level} l ON l.id = p.level_id WHERE p.person_id IN (SELECT person_id FROM led) "
        "AND (p.start_date IS NULL OR p.start_date <= %s) AND (p.end_date IS NULL OR p.end_date >= %s) "
        "GROUP BY l.key, l.name, l.position"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, day, day])
        rows = cursor.fetchall()
    people = next(count for key, _name, _position, count in rows if key is None)
    levels = sorted((row for row in rows if row[0] is not None), key=lambda row: row[2])
    return BelowSummary(
        people=people,
        leaders_by_level=[
            {"level__key": key, "level__name": name, "level__position": position, "leaders": count}
            for key, name, position, count in levels
        ],
    )


def leaders_below(*, person: Person, on: datetime.date | None = None, level_key: str = "") -> QuerySet[Post]:
    """The leadership posts of everyone the person leads along the chain, top level first."""
    on = on or today()
    posts = Post.objects.active_on(on).filter(
        level__isnull=False, person_id__in=people_below(person=person, on=on)
    )
    if level_key:
        posts = posts.filter(level__key=level_key)
    return posts.select_related("person", "unit", "level", "manager").order_by(
        "level__position", "person__name", "id"
    )


def leader_main_posts_below(*, person: Person) -> QuerySet[Post]:
    """Today's main post of every leader on a leadership level below the person, one each, read from the kept
    chain (a thousand leaders below a director in a few milliseconds); from the posts where today's chain is
    not kept, where a leader with two leadership posts has both."""
    on = today()
    if chain_kept(on=on, today=on):
        below = ChainLink.objects.filter(manager_id=person.pk).values("person_id")
        main = ChainLeader.objects.filter(person_id__in=below, level_id__isnull=False).values("post_id")
        return Post.objects.filter(pk__in=main).select_related("person", "unit", "level", "manager")
    return leaders_below(person=person, on=on)


def leads_leaders(*, person: Person) -> bool:
    """Whether any leader on a leadership level is below the person today (kept chain: one index probe)."""
    on = today()
    if chain_kept(on=on, today=on):
        return ChainLink.objects.filter(
            manager_id=person.pk,
            person_id__in=ChainLeader.objects.filter(level_id__isnull=False).values("person_id"),
        ).exists()
    return leaders_below(person=person, on=on).exists()


def leaders_below_by_level(*, person: Person, on: datetime.date | None = None) -> list[dict]:
    """How many leaders the person has below them on each level: key, name, count of leaders and of their
    leadership posts (a leader may hold two), top level first."""
    return list(
        leaders_below(person=person, on=on)
        .order_by()
        .values("level__key", "level__name", "level__position")
        .annotate(leaders=Count("person_id", distinct=True), posts=Count("id"))
        .order_by("level__position")
    )


class _CountedPaginator(Paginator):
    """A paginator told its count, for lists whose size another query of the same page has counted."""

    def __init__(self, object_list: Any, per_page: int, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count


@dataclass
class LeadersBelowPage:
    levels: list[dict]  # as leaders_below_by_level
    page: Page  # of posts, each with its person, unit, level and manager


def leaders_below_page(
    *, person: Person, on: datetime.date, level_key: str = "", number: Any = 1, per_page: int = 50
) -> LeadersBelowPage:
    """One page of the leadership posts below the person (as `leaders_below`) with the counts per level, in
    three queries: the counts per level (which also count the list), the page's post ids in order (sorting
    needs only the level and the name), and those posts with what the page shows."""
    levels = leaders_below_by_level(person=person, on=on)
    count = sum(level["posts"] for level in levels if not level_key or level["level__key"] == level_key)
    ids = leaders_below(person=person, on=on, level_key=level_key).values_list("id", flat=True)
    page = _CountedPaginator(ids, per_page, count=count).get_page(number)
    page_ids = list(page.object_list)
    posts = Post.objects.filter(pk__in=page_ids).select_related("person", "unit", "level", "manager")
    by_id = {post.pk: post for post in posts}
    page.object_list = [by_id[pk] for pk in page_ids if pk in by_id]
    return LeadersBelowPage(levels=levels, page=page)


def is_above_in_chain(*, manager: Person, person: Person, on: datetime.date | None = None) -> bool:
    """Whether `manager` leads `person` along the chain (through any of the person's posts): one query
    climbing from the person through every active post's manager (UNION ends a cycle in the data), or one
    row of today's kept chain."""
    on = on or today()
    if chain_kept(on=on, today=today()):
        return ChainLink.objects.filter(manager_id=manager.pk, person_id=person.pk).exists()
    day = connection.ops.adapt_datefield_value(on)
    table = Post._meta.db_table
    sql = (
        "WITH RECURSIVE up(person_id) AS (SELECT CAST(%s AS BIGINT) UNION "
        f"SELECT p.manager_id FROM {table} p JOIN up ON p.person_id = up.person_id "
        "WHERE p.manager_id IS NOT NULL AND (p.start_date IS NULL OR p.start_date <= %s) "
        "AND (p.end_date IS NULL OR p.end_date >= %s)) "
        "SELECT 1 FROM up WHERE person_id = %s AND person_id <> %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [person.pk, day, day, manager.pk, person.pk])
        return cursor.fetchone() is not None


def is_leader(*, person: Person, on: datetime.date | None = None) -> bool:
    """A leader holds a post on a leadership level or has someone reporting to them."""
    active = Post.objects.active_on(on or today())
    return active.filter(Q(person=person, level__isnull=False) | Q(manager=person)).exists()


def people_for_user(*, user: Viewer, on: datetime.date | None = None) -> QuerySet[Person]:
    """The people whose details the user may see: everyone for administrators, else self and those below."""
    if is_administrator(user):
        return Person.objects.all()
    person = person_for_user(user=user)
    if person is None:
        return Person.objects.none()
    return Person.objects.filter(Q(pk=person.pk) | Q(pk__in=people_below(person=person, on=on)))


def person_get_for_user(*, user: Viewer, pk: int) -> Person:
    """A person the user may see, or 404 (never 403, so that existence is not revealed)."""
    person = Person.objects.filter(pk=pk).first()
    if person is None:
        raise Http404("No such person.")
    try:
        require(user, "organisation.view_person", person)
    except PermissionDenied:
        raise Http404("No such person.") from None
    return person


def _unit_get(*, pk: int) -> Unit:
    unit = Unit.objects.select_related("parent").filter(pk=pk).first()
    if unit is None:
        raise Http404("No such unit.")
    return unit


def unit_get_for_user(*, user: Viewer, pk: int) -> Unit:
    """A unit of the organisation chart: 403 for anyone who may not see the chart, 404 for no such unit."""
    require(user, "organisation.view_chart")
    return _unit_get(pk=pk)


def unit_posts_for_user(*, user: Viewer, unit: Unit, on: datetime.date) -> tuple[QuerySet[Post], int]:
    """The unit's posts on the day of the people the user may see, and how many posts are hidden."""
    require(user, "organisation.view_chart")
    posts = Post.objects.active_on(on).filter(unit=unit)
    hidden = 0
    if not is_administrator(user):
        visible = people_for_user(user=user, on=on)
        hidden = posts.exclude(person__in=visible).count()
        posts = posts.filter(person__in=visible)
    posts = posts.select_related("person", "level", "manager").order_by("level__position", "person__name")
    return posts, hidden


def chart_children_for_user(*, user: Viewer, parent: Unit | None, on: datetime.date) -> list["ChartNode"]:
    """One level of the organisation chart, for a user who may see the chart (else 403)."""
    require(user, "organisation.view_chart")
    return chart_children(parent=parent, on=on)


def units_for_user(
    *, user: Viewer, on: datetime.date, parent: int | None = None, kind: str = "", query: str = ""
) -> QuerySet[Unit]:
    """Units active on the day, optionally below one parent, of one kind or matching a name; 403 for
    anyone who may not see the organisation chart."""
    require(user, "organisation.view_chart")
    units = Unit.objects.active_on(on)
    if parent is not None:
        units = units.filter(parent_id=parent)
    if kind:
        units = units.filter(kind=kind)
    if query.strip():
        units = units.filter(name__icontains=query.strip())
    return units.order_by("name", "id")


def unit_child_count(*, unit: Unit, on: datetime.date | None = None) -> int:
    """How many units directly below the unit are active on the day (today when left out)."""
    return Unit.objects.active_on(on or today()).filter(parent=unit).count()


def people_with_posts_for_user(
    *, user: Viewer, on: datetime.date, unit: int | None = None
) -> QuerySet[Person]:
    """The people the user may see with a post active on the day (in one unit, when given)."""
    posts = Post.objects.active_on(on)
    if unit is not None:
        posts = posts.filter(unit_id=unit)
    visible = people_for_user(user=user)
    return visible.filter(pk__in=posts.values("person_id")).order_by("name", "id")


def posts_for_user(
    *,
    user: Viewer,
    on: datetime.date,
    unit: int | None = None,
    person: int | None = None,
    leadership: bool | None = None,
) -> QuerySet[Post]:
    """Posts active on the day of the people the user may see, optionally in one unit, of one person,
    or only leadership posts (True) or only the others (False)."""
    visible = people_for_user(user=user)
    posts = Post.objects.active_on(on).filter(person_id__in=visible.values("pk"))
    if unit is not None:
        posts = posts.filter(unit_id=unit)
    if person is not None:
        posts = posts.filter(person_id=person)
    if leadership is not None:
        posts = posts.filter(level__isnull=not leadership)
    return posts.select_related("level").order_by("id")


def post_get_for_user(*, user: Viewer, pk: int) -> Post:
    """A post of a person the user may see; 404 for any other, so that existence is not revealed."""
    post = Post.objects.select_related("person", "level").filter(pk=pk).first()
    if post is None:
        raise Http404("No such post.")
    try:
        require(user, "organisation.view_person", post.person)
    except PermissionDenied:
        raise Http404("No such post.") from None
    return post


def posts_history(*, person: Person) -> QuerySet[Post]:
    """All of the person's posts, newest first."""
    return person.posts.select_related("unit", "level", "manager").order_by("-start_date", "-id")


def parents_moved_on(*, on: datetime.date) -> dict[int, int | None]:
    """The units that sat under another parent on the day than today: unit id → parent that day."""
    return {
        unit_id: parent_id
        for unit_id, parent_id, parent_today in UnitPlacement.objects.active_on(on).values_list(
            "unit_id", "parent_id", "unit__parent_id"
        )
        if parent_id != parent_today
    }


def _parents_on(moved: dict[int, int | None]) -> dict[int, int | None]:
    parents: dict[int, int | None] = dict(Unit.objects.values_list("pk", "parent_id"))
    parents.update(moved)
    return parents


def _ancestor_ids(unit: Unit, parents: dict[int, int | None] | None) -> list[int]:
    """Ids of the units above, top first: from the materialised path, or walking a day's parents."""
    if parents is None:
        return [int(part) for part in unit.path.strip("/").split("/") if part][:-1]
    ids, seen, current = [], {unit.pk}, parents.get(unit.pk)
    while current is not None and current not in seen:
        ids.append(current)
        seen.add(current)
        current = parents.get(current)
    return ids[::-1]


def unit_ancestors(*, unit: Unit, on: datetime.date | None = None) -> list[Unit]:
    """The units above on the day (today by default), top first."""
    return units_with_ancestors(units=[unit], on=on)[0][1]


def unit_subtree_q(*, unit: Unit, on: datetime.date | None = None, prefix: str = "") -> Q:
    """A filter for the unit and everything below it on the day; one prefix query unless units moved."""
    moved = parents_moved_on(on=on or today())
    if not moved:
        return Q(**{f"{prefix}path__startswith": unit.path})
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in _parents_on(moved).items():
        children[parent_id].append(pk)
    ids, stack = set(), [unit.pk]
    while stack:
        pk = stack.pop()
        if pk not in ids:
            ids.add(pk)
            stack.extend(children[pk])
    return Q(**{f"{prefix}pk__in": ids})


def units_below(*, unit: Unit, on: datetime.date | None = None) -> QuerySet[Unit]:
    """The unit's whole subtree on the day, the unit itself included."""
    return Unit.objects.filter(unit_subtree_q(unit=unit, on=on))


@dataclass
class ChartNode:
    unit: Unit
    leaders: list[Post] = field(default_factory=list)
    child_count: int = 0
    post_count: int = 0


def chart_children(*, parent: Unit | None, on: datetime.date | None = None) -> list[ChartNode]:
    """One level of the organisation chart: the units under `parent` (None: the top), with leaders."""
    on = on or today()
    moved = parents_moved_on(on=on)
    parent_id = parent.pk if parent else None
    active_units = Unit.objects.active_on(on)
    moved_here = [pk for pk, moved_parent in moved.items() if moved_parent == parent_id]
    units = list(
        active_units.filter(
            (Q(parent_id=parent_id) if parent else Q(parent__isnull=True)) & ~Q(pk__in=moved)
            | Q(pk__in=moved_here)
        ).annotate(post_count=Count("posts", filter=_active_q("posts__", on), distinct=True))
    )
    child_counts = _child_counts([u.pk for u in units], active_units=active_units, moved=moved)
    leaders = defaultdict(list)
    for post in (
        Post.objects.active_on(on)
        .filter(unit__in=units, level__isnull=False)
        .select_related("person", "level")
        .order_by("level__position", "person__name")
    ):
        leaders[post.unit_id].append(post)
    return [
        ChartNode(unit=u, leaders=leaders[u.pk], child_count=child_counts[u.pk], post_count=u.post_count)
        for u in units
    ]


def _child_counts(ids: list[int], *, active_units: QuerySet[Unit], moved: dict[int, int | None]) -> Counter:
    """How many units sit directly under each of `ids` on the day."""
    counts = Counter(
        dict(
            active_units.filter(parent_id__in=ids)
            .exclude(pk__in=moved)
            .values("parent_id")
            .annotate(n=Count("pk"))
            .values_list("parent_id", "n")
        )
    )
    wanted = set(ids)
    moved_in = [pk for pk, parent_id in moved.items() if parent_id in wanted]
    for pk in active_units.filter(pk__in=moved_in).values_list("pk", flat=True):
        parent_id = moved[pk]
        if parent_id is not None:  # always: it is one of `ids`
            counts[parent_id] += 1
    return counts


def _active_q(prefix: str, on: datetime.date) -> Q:
    return (Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": on})) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


def units_with_ancestors(
    *, units: list[Unit], on: datetime.date | None = None
) -> list[tuple[Unit, list[Unit]]]:
    """Each unit with the units above it on the day, top first, fetched in one query."""
    moved = parents_moved_on(on=on or today()) if units else {}
    parents = _parents_on(moved) if moved else None
    above = {u.pk: _ancestor_ids(u, parents) for u in units}
    by_id = Unit.objects.in_bulk({pk for ids in above.values() for pk in ids})
    return [(u, [by_id[pk] for pk in above[u.pk] if pk in by_id]) for u in units]


def units_search(*, query: str, on: datetime.date | None = None, limit: int = 50) -> list[Unit]:
    """Units whose name contains the query, with their ancestors to show where they sit."""
    query = query.strip()
    if not query:
        return []
    return list(
        Unit.objects.active_on(on or today()).filter(name__icontains=query).order_by("depth", "name")[:limit]
    )


def level_current(*, level: Level) -> Level | None:
    """The same level in the latest published version of its foundation (a post may point at an older one)."""
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


def _span_candidates(*, user: Viewer, on: datetime.date, unit: Unit | None) -> QuerySet[Post, Any] | None:
    """The posts that may be a leader's main post, among those the user may see (None: sees none)."""
    posts = leader_posts(on=on)
    if not is_administrator(user):
        own = person_for_user(user=user)
        if own is None:
            return None
        posts = posts.filter(Q(person_id=own.pk) | Q(person_id__in=people_below(person=own, on=on)))
    if unit is not None:
        posts = posts.filter(unit_subtree_q(unit=unit, on=on, prefix="unit__"))
    return posts


def _kept_main_sql(*, user: Viewer) -> tuple[str, list] | None:
    """As `main_posts_sql`, for today's leaders the user may see, from the kept chain (None: sees none)."""
    sql = (
        "WITH main(post_id, person_id, level_id, direct_reports) AS ("
        f"SELECT post_id, person_id, level_id, direct_reports FROM {LEADERS} k"
    )
    if is_administrator(user):
        return f"{sql})", []
    own = person_for_user(user=user)
    if own is None:
        return None
    below = f"SELECT person_id FROM {LINKS} WHERE manager_id = %s"
    return f"{sql} WHERE k.person_id = %s OR k.person_id IN ({below}))", [own.pk, own.pk]


def _spans_sql(
    *, user: Viewer, on: datetime.date, unit: Unit | None, level_key: str, select: str, tail: str, above: int
) -> tuple[str, list[Any]] | None:
    """SQL over each leader's main post (a leadership level first, then the oldest) and direct reports.

    The outer query sees `spans(post_id, person_id, level_id, direct_reports, above_post_id)`, where
    `above_post_id` is the post id for a leader with more direct reports than `above`, else NULL. Today's
    spans without a unit come from the kept chain; within a unit, each leader's main post is the one among
    their posts in the unit's subtree.
    """
    if unit is None and chain_kept(on=on, today=today()):
        main = _kept_main_sql(user=user)
    else:
        candidates = _span_candidates(user=user, on=on, unit=unit)
        main = None if candidates is None else main_posts_sql(candidates=candidates, on=on)
    if main is None:
        return None
    level_filter, level_params = "", []
    if level_key:
        level_filter = f" WHERE level_id IN (SELECT id FROM {Level._meta.db_table} WHERE key = %s)"
        level_params = [level_key]
    sql = (
        f"{main[0]}, spans(post_id, person_id, level_id, direct_reports, above_post_id) AS ("
        "SELECT post_id, person_id, level_id, direct_reports, CASE WHEN direct_reports > %s THEN post_id END "
        f"FROM main{level_filter}) SELECT {select} FROM spans {tail}"
    )
    return sql, [*main[1], above, *level_params]


def _fetch(sql_params: tuple[str, list] | None) -> list[tuple]:
    if sql_params is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(*sql_params)
        return cursor.fetchall()


@dataclass
class SpanOverview:
    summaries: list[LevelSpanSummary]
    above: list[tuple[int, int]]  # (main post id, direct reports) of each leader above the threshold


def span_overview(
    *,
    user: Viewer,
    on: datetime.date | None = None,
    unit: Unit | None = None,
    level_key: str = "",
    threshold: int,
) -> SpanOverview:
    """Per level: leaders, median and largest span, how many above the threshold, and the distribution;
    and the leaders above the threshold, largest span first, then by name.

    One query: leaders at or below the threshold come back grouped by (level, span), those above it
    one row each, so the figures are counted in the database and only the flagged leaders are fetched.
    """
    sql_params = _spans_sql(
        user=user,
        on=on or today(),
        unit=unit,
        level_key=level_key,
        select="level_id, direct_reports, above_post_id, COUNT(*)",
        tail="GROUP BY level_id, direct_reports, above_post_id",
        above=threshold,
    )
    rows = _fetch(sql_params)
    levels = Level.objects.in_bulk({level_id for level_id, *_rest in rows if level_id is not None})
    by_level: dict[tuple[int, str], Counter] = defaultdict(Counter)
    above = []
    for level_id, n, above_post_id, count in rows:
        level = levels.get(level_id)
        by_level[(level.position, level.name) if level else (10_000, "")][n] += count
        if above_post_id is not None:
            above.append((above_post_id, n))
    names = dict(Post.objects.filter(pk__in=[pk for pk, _n in above]).values_list("pk", "person__name"))
    above.sort(key=lambda row: (-row[1], names[row[0]], row[0]))
    return SpanOverview(
        summaries=[
            _summary(name, counts, threshold) for (_position, name), counts in sorted(by_level.items())
        ],
        above=above,
    )


def span_of_control_for_user(
    *, user: Viewer, on: datetime.date, unit_pk: int | None, level_key: str, threshold: int
) -> tuple[Unit | None, SpanOverview]:
    """The span-of-control overview of the leaders the user may see, within a unit if one is named.

    403 for anyone who may not see spans of control; 404 for a unit that is not there.
    """
    require(user, "organisation.view_span_of_control")
    unit = _unit_get(pk=unit_pk) if unit_pk is not None else None
    return unit, span_overview(user=user, on=on, unit=unit, level_key=level_key, threshold=threshold)


def _summary(level_name: str, counts: Counter, threshold: int) -> LevelSpanSummary:
    spans = sorted(counts)
    leaders = sum(counts.values())

    def nth(index: int) -> int:
        seen = 0
        for span in spans:
            seen += counts[span]
            if index < seen:
                return span
        raise IndexError(index)

    middle = leaders // 2
    median = nth(middle) if leaders % 2 else (nth(middle - 1) + nth(middle)) / 2
    return LevelSpanSummary(
        level_name=level_name,
        leaders=leaders,
        median=median,
        maximum=spans[-1],
        above_threshold=sum(c for span, c in counts.items() if span > threshold),
        buckets=[
            (
                _bucket_label(low, high),
                sum(c for span, c in counts.items() if span >= low and (high is None or span <= high)),
            )
            for low, high in SPAN_BUCKETS
        ],
    )


def leader_spans_for_rows(*, rows: list[tuple[int, int]]) -> list[LeaderSpan]:
    """The leaders behind (post id, direct reports) rows, in the same order: one query."""
    posts = Post.objects.select_related("person", "unit", "level").in_bulk([post_id for post_id, _n in rows])
    spans = []
    for post_id, n in rows:
        post = posts[post_id]
        spans.append(
            LeaderSpan(
                person_id=post.person_id,
                name=post.person.name,
                title=post.title,
                unit_id=post.unit_id,
                unit_name=post.unit.name,
                level_key=post.level.key if post.level else "",
                level_name=post.level.name if post.level else "",
                level_position=post.level.position if post.level else 10_000,
                direct_reports=n,
            )
        )
    return spans


def leader_spans(*, above: int = -1, **filters: Any) -> list[LeaderSpan]:
    """Each leader's span with name, post and level, largest first; with `above`, only larger spans."""
    return leader_spans_for_rows(rows=span_overview(threshold=above, **filters).above)


def organisation_levels() -> QuerySet[Level]:
    """The levels of the foundation the organisation is placed on (latest published version)."""
    version = (
        FrameworkVersion.objects.filter(
            framework__slug=settings.ORGANISATION_FRAMEWORK, status=FrameworkVersion.Status.PUBLISHED
        )
        .order_by("-number")
        .first()
    )
    return Level.objects.filter(version=version).order_by("position") if version else Level.objects.none()


def expected_at_level_for_post(*, level: Level) -> list[SectionContent]:
    """What is expected at a post's level: the common part and the level's own, introductions left out."""
    return [
        s
        for s in expected_at_level(version=level.version, level=level)
        if s.section.kind != SectionKind.INTRODUCTION
    ]


@dataclass
class LeaderInChain:
    """A leader on a leadership level with their main post and how far below the top of the chain they are
    (0: nobody above them)."""

    person: Person
    post: Post
    depth: int


def leaders_in_unit(*, unit: Unit, on: datetime.date | None = None) -> list[LeaderInChain]:
    """Every leader whose main post (a leadership level first, then the oldest) is in the unit's subtree on
    the day, top of the chain first, then by name: three queries whatever the size of the subtree."""
    on = on or today()
    candidates = (
        leader_posts(on=on)
        .filter(level__isnull=False)
        .filter(unit_subtree_q(unit=unit, on=on, prefix="unit__"))
    )
    sql, params = main_posts_sql(candidates=candidates, on=on)
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} SELECT post_id FROM main", params)
        post_ids = [row[0] for row in cursor.fetchall()]
    posts = Post.objects.filter(pk__in=post_ids).select_related("person", "unit", "level", "manager")
    depths = chain_depths(person_ids=[post.person_id for post in posts], on=on)
    leaders = [
        LeaderInChain(person=post.person, post=post, depth=depths.get(post.person_id, 0)) for post in posts
    ]
    return sorted(leaders, key=lambda leader: (leader.depth, leader.person.name, leader.person.pk))


def chain_depths(*, person_ids: list[int], on: datetime.date | None = None) -> dict[int, int]:
    """How many people lead each of the people along the chain (their manager, the manager's manager, …)."""
    on = on or today()
    if chain_kept(on=on, today=today()):
        rows = (
            ChainLink.objects.filter(person_id__in=person_ids)
            .values("person_id")
            .annotate(above=Count("manager_id"))
            .values_list("person_id", "above")
        )
        return dict(rows)
    people = Person.objects.in_bulk(person_ids)
    return {pk: len(chain_up(person=person, on=on)) for pk, person in people.items()}

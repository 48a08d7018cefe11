"""Build and keep today's leadership chain (see the package's docstring)."""

import datetime

from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet

from ..models import ChainLeader, ChainLink, ChainState, Post

LINKS = ChainLink._meta.db_table
LEADERS = ChainLeader._meta.db_table


def chain_kept(*, on: datetime.date, today: datetime.date) -> bool:
    """Whether the kept chain answers for the day: for today it does, after building it where it is stale."""
    if on != today:
        return False
    chain_refresh(today=today)
    return True


def chain_refresh(*, today: datetime.date) -> bool:
    """Build today's chain now where it is out of date (after an import, and by the daily command), so that
    no page waits for it; whether it had to be built."""
    state = ChainState.objects.filter(pk=1).values_list("generation", "built_generation", "built_for").first()
    if state is not None and state[0] == state[1] and state[2] == today:
        return False
    chain_build(day=today)
    return True


@transaction.atomic
def chain_build(*, day: datetime.date) -> None:
    """Build the kept chain for the day from the posts active on it (one process at a time: the row lock)."""
    state, _created = ChainState.objects.select_for_update().get_or_create(pk=1)
    if state.built_generation == state.generation and state.built_for == day:
        return  # another process built it while this one waited for the lock
    posts = Post._meta.db_table
    value = connection.ops.adapt_datefield_value(day)
    # UNION (not UNION ALL) drops repeats, so a cycle in the manager data ends instead of looping.
    sql = (
        f"INSERT INTO {LINKS} (manager_id, person_id) WITH RECURSIVE "
        f"edge(person_id, manager_id) AS (SELECT DISTINCT p.person_id, p.manager_id FROM {posts} p "
        "WHERE p.manager_id IS NOT NULL AND (p.start_date IS NULL OR p.start_date <= %s) "
        "AND (p.end_date IS NULL OR p.end_date >= %s)), "
        "below(manager_id, person_id) AS (SELECT manager_id, person_id FROM edge UNION "
        "SELECT below.manager_id, edge.person_id FROM below JOIN edge ON edge.manager_id = below.person_id) "
        "SELECT manager_id, person_id FROM below WHERE manager_id <> person_id"
    )
    main_sql, main_params = main_posts_sql(candidates=leader_posts(on=day), on=day)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {LINKS}")
        cursor.execute(sql, [value, value])
        cursor.execute(f"DELETE FROM {LEADERS}")
        cursor.execute(
            f"INSERT INTO {LEADERS} (person_id, post_id, level_id, direct_reports) {main_sql} "
            "SELECT person_id, post_id, level_id, direct_reports FROM main",
            main_params,
        )
        if connection.vendor == "postgresql":  # the planner must know the new rows' sizes at once
            cursor.execute(f"ANALYZE {LINKS}, {LEADERS}")
    ChainState.objects.filter(pk=1).update(built_generation=state.generation, built_for=day)


def leader_posts(*, on: datetime.date) -> QuerySet[Post]:
    """The posts active on the day of everyone who leads: a post on a leadership level, or someone
    reporting to the post's holder."""
    active = Post.objects.active_on(on)
    return active.filter(
        Q(level__isnull=False) | Q(person_id__in=active.filter(manager__isnull=False).values("manager_id"))
    )


def main_posts_sql(*, candidates: QuerySet[Post], on: datetime.date) -> tuple[str, list]:
    """A WITH clause naming `main(post_id, person_id, level_id, direct_reports)`: among the candidate posts,
    each leader's main post (a leadership level first, then the oldest) and their direct reports that day."""
    candidate_sql, candidate_params = (
        candidates.order_by().values("id", "person_id", "level_id", "start_date").query.sql_with_params()
    )
    direct_sql, direct_params = (
        Post.objects.active_on(on)
        .filter(manager__isnull=False)
        .order_by()
        .values("manager_id")
        .annotate(n=Count("person_id", distinct=True))
        .values("manager_id", "n")
        .query.sql_with_params()
    )
    sql = (
        f"WITH candidate(id, person_id, level_id, start_date) AS ({candidate_sql}), "
        f"direct(manager_id, n) AS ({direct_sql}), "
        "ranked AS (SELECT id, person_id, level_id, ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY "
        "CASE WHEN level_id IS NULL THEN 1 ELSE 0 END, CASE WHEN start_date IS NULL THEN 0 ELSE 1 END, "
        "start_date, id) AS rank FROM candidate), "
        "main(post_id, person_id, level_id, direct_reports) AS (SELECT r.id, r.person_id, r.level_id, "
        "COALESCE(d.n, 0) FROM ranked r LEFT JOIN direct d ON d.manager_id = r.person_id WHERE r.rank = 1)"
    )
    return sql, [*candidate_params, *direct_params]

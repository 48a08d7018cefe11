"""Benchmark: generate and import the municipality and the national organisation, then time the pages.

Each scale runs on a fresh database: generate the rows, import them through the real importer, import the
same file again (nothing changes), then time the organisation pages with signed-in users against /healthz.
"""

import argparse
import gc
import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    teardown_databases,
)
from django.urls import NoReverseMatch, reverse  # noqa: E402

REPEAT = 50
# Signing in through force_login is not what is measured; axes logs every such login at INFO.
logging.getLogger("axes").setLevel(logging.WARNING)


def p95(times: list[float]) -> float:
    return sorted(times)[max(0, int(len(times) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("municipality", "national", "both"), default="both")
    args = parser.parse_args()
    from grundlag.frameworks.services import builtin_frameworks_load

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":  # SQLite's test database is in memory anyway
        # A database of its own, so a test run on the same server at the same time keeps its own.
        database["TEST"]["NAME"] = f"{database['NAME']}_bench_organisation"
    # Not setup_test_environment(): its template instrumentation (a copy of every template's context, for
    # the tests' response.context) is no part of a server's time. The test client's host is allowed instead.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        print(f"\nGrundlag organisation benchmark ({connection.vendor}, {REPEAT} requests per page)")
        for scale in ("municipality", "national") if args.scale == "both" else (args.scale,):
            call_command("flush", interactive=False, verbosity=0)
            builtin_frameworks_load()
            _bench_scale(scale)
    finally:
        teardown_databases(databases, verbosity=0)


def _bench_scale(scale: str) -> None:
    _bench_import(scale)
    gc.collect()  # the import leaves much garbage; collect it before timing, not during
    results = [_timed_page(case) for case in _page_cases()]
    _print([result for result in results if result is not None])


def _bench_import(scale: str) -> None:
    """Generate the organisation, import it through the real importer, and import it again unchanged."""
    from grundlag.organisation.generator import (
        organisation_csv,
        organisation_generate,
    )
    from grundlag.organisation.imports.services.applying import organisation_import_generated
    from grundlag.organisation.models import Person, Post, Unit

    started = time.perf_counter()
    rows = organisation_generate(scale=scale, seed=1)
    data = organisation_csv(rows)
    generated = time.perf_counter() - started
    outcome = organisation_import_generated(scale=scale, seed=1, data=data)
    imported = time.perf_counter() - started - generated
    assert outcome.applied and not outcome.problems, [str(problem) for problem in outcome.problems[:5]]
    started = time.perf_counter()
    again = organisation_import_generated(scale=scale, seed=1, data=data)
    reimported = time.perf_counter() - started
    assert not any(again.new.values()) and not any(again.changed.values()), (again.new, again.changed)

    from grundlag.organisation.models import ChainLeader, ChainLink
    from grundlag.organisation.selectors import today

    if connection.vendor == "postgresql":
        # A server's autovacuum analyses the tables an import filled; the benchmark measures right after the
        # import, so it does the same first, or the planner reads a dozen-row estimate for 46,000 posts.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    started = time.perf_counter()
    _chain_rebuild(today())
    rebuilt = time.perf_counter() - started

    print(
        f"\n{scale}: {Unit.objects.count()} units, {Person.objects.count()} people, "
        f"{Post.objects.count()} posts ({len(data) / 1e6:.1f} MB CSV)"
    )
    print(f"  generate {generated:.1f} s, import {imported:.1f} s, re-import unchanged {reimported:.1f} s")
    print(
        f"  today's leadership chain built again in {rebuilt:.2f} s ({ChainLink.objects.count()} links, "
        f"{ChainLeader.objects.count()} leaders; included in the import)"
    )


def _chain_rebuild(day) -> None:
    """Build the kept chain as the first page after a change to the posts does."""
    from grundlag.organisation.chain.services import chain_build
    from grundlag.organisation.models import ChainState

    ChainState.objects.update(built_generation=None)
    chain_build(day=day)


def _page_cases() -> list[tuple]:
    """(name, signed-in client, URL or (URL name, kwargs), sent by htmx) for every page measured."""
    from grundlag.organisation.models import Unit

    director_post, school_head_post = _largest_municipality_leaders()
    director = _signed_in(director_post.person)
    school_head = _signed_in(school_head_post.person)
    administrator = Client()
    administrator.force_login(_user("bench-admin", staff=True))
    big_unit = Unit.objects.annotate(n=Count("children")).order_by("-n", "pk").first()
    return [
        ("bare endpoint /healthz (baseline)", Client(), "/healthz", False),
        ("org chart, top (administrator)", administrator, ("organisation:chart", {}), False),
        (
            f"org chart children of a unit with {big_unit.n} children (htmx)",
            administrator,
            ("organisation:chart_children", {"pk": big_unit.pk}),
            True,
        ),
        ("start page, school leader", school_head, ("core:home", {}), False),
        ("start page, administrator", administrator, ("core:home", {}), False),
        ("my page, school leader", school_head, ("organisation:my_page", {}), False),
        ("my page, top director", director, ("organisation:my_page", {}), False),
        ("span of control (administrator)", administrator, ("organisation:span_of_control", {}), False),
        ("span of control (top director)", director, ("organisation:span_of_control", {}), False),
        (
            "leaders below the top director, as the director",
            director,
            ("organisation:leaders_below", {"pk": director_post.person.pk}),
            False,
        ),
        (
            "person page, school leader seen by the director",
            director,
            ("organisation:person", {"pk": school_head_post.person.pk}),
            False,
        ),
    ]


def _timed_page(case: tuple) -> tuple | None:
    """(name, times, queries) for one page, or None (and why) when it cannot be measured."""
    name, client, target, htmx = case
    if isinstance(target, tuple):
        try:
            url = reverse(target[0], kwargs=target[1])
        except NoReverseMatch:
            print(f"  skipped {name}: no URL named {target[0]}")
            return None
    else:
        url = target
    headers = {"HX-Request": "true"} if htmx else {}
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    query_count = len(queries)  # now: every request empties the connection's query log
    if response.status_code != 200:
        print(f"  skipped {name}: {url} answered {response.status_code}")
        return None
    times = []
    for _ in range(REPEAT * 4 if url == "/healthz" else REPEAT):
        start = time.perf_counter()
        client.get(url, headers=headers)
        times.append(time.perf_counter() - start)
    return name, times, query_count


def _print(results: list[tuple]) -> None:
    baseline_p95, baseline_median = p95(results[0][1]), statistics.median(results[0][1])
    print(f"  {'what':58} {'p95 ms':>8} {'median ms':>10} {'p95 ×':>7} {'median ×':>9} {'queries':>8}")
    for name, times, queries in results:
        print(
            f"  {name:58} {p95(times) * 1000:8.1f} {statistics.median(times) * 1000:10.1f} "
            f"{p95(times) / baseline_p95:7.1f} {statistics.median(times) / baseline_median:9.1f} {queries:8}"
        )
    print("  (× is the ratio to /healthz's p95 and median in the same run)")


def _largest_municipality_leaders():
    """The director of the largest municipality (by units) and a school leader in it."""
    from grundlag.organisation.models import Post, Unit
    from grundlag.organisation.selectors import today

    roots = Unit.objects.filter(parent__isnull=True)
    largest = max(roots, key=lambda root: Unit.objects.filter(path__startswith=root.path).count())
    active = Post.objects.active_on(today()).filter(unit__path__startswith=largest.path)
    director = active.filter(level__key="direktoer").select_related("person").order_by("pk").first()
    head = active.filter(title="Skoleleder").select_related("person").order_by("unit__key").first()
    return director, head


def _user(username: str, *, staff: bool = False):
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": staff})
    return user


def _signed_in(person) -> Client:
    """A client signed in as a user linked to the person."""
    person.user = _user(f"bench-{person.pk}")
    person.save(update_fields=["user"])
    client = Client()
    client.force_login(person.user)
    return client


if __name__ == "__main__":
    main()

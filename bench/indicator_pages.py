"""Benchmark: the indicator pages on the national data set.

On a fresh database: the national organisation (≈46,000 leaders, 19,000 units) imported through the real
importer (as bench/organisation.py does), then five school years of the demo's four indicators for every
school of every municipality (grundlag/demo/indicators.py: the schools' figures, each municipality's school
department and the municipality made of them, the country's) imported through `indicators_import`. Then, as
signed-in users against the baselines of the same run (`/healthz`, and the publication gate deciding one
indicator's period over the whole country, which is what a page would cost per period without the kept
decisions): the start page, the unit page and an indicator page of a school leader of the largest
municipality, the school chief's department (the distribution across all its schools) and the
administrator's municipality page. Each page is timed once "cold" (the first request after an import: the
gate's decisions made and kept) and then REPEAT times as the pages are read (p95 and median).

    .venv/bin/python bench/indicator_pages.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/indicator_pages.py
"""

import gc
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
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.organisation import (  # noqa: E402
    REPEAT,
    _bench_import,
    _largest_municipality_leaders,
    _print,
    _signed_in,
    _timed_page,
    _user,
    p95,
)

WELLBEING = "demo-generel-trivsel"


def main() -> None:
    from grundlag.frameworks.services import builtin_frameworks_load

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        database["TEST"]["NAME"] = f"{database['NAME']}_bench_indicator_pages"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        print(f"\nGrundlag indicator pages benchmark ({connection.vendor}, {REPEAT} requests per page)")
        call_command("flush", interactive=False, verbosity=0)
        builtin_frameworks_load()
        _bench_import("national")
        _figures_import()
        cases = _cases()
        gc.collect()
        _gate_baseline()
        _cold(cases)
        _print([result for result in (_timed_page(case) for case in cases) if result is not None])
    finally:
        teardown_databases(databases, verbosity=0)


def _figures_import() -> None:
    """Every municipality's schools' figures and those above them, and the country's, in one import."""
    from grundlag.demo.indicators import (
        demo_indicator_rows,
        demo_indicators_csv,
        demo_indicators_mapping,
        demo_school_years,
    )
    from grundlag.indicators.models import Observation
    from grundlag.indicators.services import indicators_import
    from grundlag.organisation.models import Post, Unit

    years = demo_school_years(timezone.localdate())
    heads = Post.objects.active_on(timezone.localdate()).filter(title="Skoleleder").values("unit_id")
    by_root: dict[str, list[Unit]] = {}
    for school in Unit.objects.filter(pk__in=heads).order_by("key"):
        by_root.setdefault(school.path.split("/")[1], []).append(school)
    rows = [row for schools in by_root.values() for row in demo_indicator_rows(schools=schools, years=years)]
    started = time.perf_counter()
    outcome = indicators_import(
        data=demo_indicators_csv(rows=rows, years=years),
        filename="national.csv",
        mapping=demo_indicators_mapping(),
    )
    assert outcome.applied, [str(problem) for problem in outcome.errors[:5]]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    schools = sum(len(schools) for schools in by_root.values())
    print(
        f"  figures: {Observation.objects.count()} observations ({schools} schools in {len(by_root)} "
        f"municipalities, {len(years)} school years) imported in {time.perf_counter() - started:.1f} s"
    )


def _cases() -> list[tuple]:
    """(name, signed-in client, (URL name, kwargs), htmx) for every page measured."""
    from grundlag.organisation.models import Post

    _director, head_post = _largest_municipality_leaders()
    school = head_post.unit
    head = _signed_in(head_post.person)
    chief_post = Post.objects.filter(pk=head_post.pk).select_related("manager").get()
    department = (
        Post.objects.active_on(timezone.localdate())
        .filter(person=chief_post.manager, unit__name="Skole")
        .select_related("unit")
        .first()
        .unit
    )
    chief = _signed_in(chief_post.manager)
    administrator = Client()
    administrator.force_login(_user("bench-admin", staff=True))
    root = department.path.split("/")[1]
    return [
        ("bare endpoint /healthz (baseline)", Client(), "/healthz", False),
        ("start page, school leader (key figures)", head, ("core:home", {}), False),
        ("unit page, school leader's school", head, ("indicators:unit", {"pk": school.pk}), False),
        (
            "indicator page, school leader's school (well-being)",
            head,
            ("indicators:indicator", {"pk": school.pk, "key": WELLBEING}),
            False,
        ),
        ("index, school chief", chief, ("indicators:index", {}), False),
        (
            "unit page, school department (school chief)",
            chief,
            ("indicators:unit", {"pk": department.pk}),
            False,
        ),
        (
            "indicator page, school department (all its schools below)",
            chief,
            ("indicators:indicator", {"pk": department.pk, "key": WELLBEING}),
            False,
        ),
        (
            "indicator page, the municipality (administrator)",
            administrator,
            ("indicators:indicator", {"pk": int(root), "key": WELLBEING}),
            False,
        ),
    ]


def _gate_baseline() -> None:
    """The gate deciding the well-being of the latest school year over the whole country, uncached."""
    from grundlag.indicators.models import Indicator, Observation
    from grundlag.indicators.publication import publication_load

    wellbeing = Indicator.objects.get(key=WELLBEING)
    latest = Observation.objects.filter(indicator=wellbeing).order_by("-period_start").first()
    times = []
    for _ in range(20):
        started = time.perf_counter()
        decided = publication_load(
            indicator=wellbeing, period_kind=latest.period_kind, period_start=latest.period_start
        )
        times.append(time.perf_counter() - started)
    print(
        f"  baseline: the gate, one period over the country ({len(decided.figures)} figures): "
        f"p95 {p95(times) * 1000:.1f} ms, median {statistics.median(times) * 1000:.1f} ms"
    )


def _cold(cases: list[tuple]) -> None:
    """Each page's first request after an import: nothing kept, every decision it needs made."""
    from grundlag.indicators.publication_cache import publication_cache_clear

    print("  first request after an import (nothing kept):")
    for name, client, target, _htmx in cases[1:]:
        url = reverse(target[0], kwargs=target[1])
        publication_cache_clear()
        cache.clear()
        started = time.perf_counter()
        status = client.get(url).status_code
        print(f"    {name:60} {(time.perf_counter() - started) * 1000:8.1f} ms ({status})")


if __name__ == "__main__":
    main()

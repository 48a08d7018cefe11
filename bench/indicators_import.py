"""Benchmark: 100,000 observations imported through `indicators_import`, against the database's own bulk load.

A generated organisation (2,000 schools in 98 municipalities, imported as the institution register through the
real importer) gets a long-format CSV of 100,000 observations: 10 indicators × 5 school years × 2,000 schools,
Danish number strings ("3,5172"), n and standard deviation, half the schools named by their key (INST_NR) and
half by name with the municipality in parentheses, as the national files write them. Each row is read,
matched and validated (number, scale, period, n, the same unit and period twice) by the importer, which
writes in one transaction. Timed, each the median of --repeat runs on a fresh set of tables:

- the import into an empty database (what the 10 s goal is about),
- a re-import of the same file (nothing changes),
- a dry run of it,
- the baseline: the database's own bulk load of the same 100,000 rows, already resolved to ids, in one
  transaction: COPY FROM STDIN on PostgreSQL, executemany of one INSERT on SQLite.

    .venv/bin/python bench/indicators_import.py [--repeat 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/indicators_import.py
"""

import argparse
import cProfile
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402

MUNICIPALITIES, SCHOOLS, INDICATORS, YEARS = 98, 2000, 10, 5
REGISTER_HEADER = (
    "HOVEDSKOLE_INST,INST_NR,INST_NAVN,ENHEDSART,KOMMUNE_NR,ADM_KOMMUNE_NAVN,BEL_KOMMUNE,BEL_KOMMUNE_NAVN"
)
PLACES = ["Ege", "Birke", "Aske", "Hassel", "Lærke", "Kilde", "Bøge", "Elle", "Hylde", "Tjørne", "Kløver"]
COLUMNS = ("indicator_id", "unit_id", "period_kind", "period_start", "period", "value", "n", "sd")


def register_csv() -> bytes:
    lines = [REGISTER_HEADER]
    for number in range(SCHOOLS):
        municipality = 101 + number % MUNICIPALITIES
        name = f"{PLACES[number % len(PLACES)]}skolen {number}"
        place = f"By {municipality} Kommune"
        kind = "Institution uden enheder"
        lines.append(f",{100000 + number},{name},{kind},{municipality},{place},{municipality},{place}")
    return ("\n".join(lines) + "\n").encode()


def mapping_yaml() -> str:
    lines = ["format: long", 'decimal_mark: ","', "indicators:"]
    for number in range(INDICATORS):
        lines.append(
            f"  - {{key: indikator-{number}, name: Indikator {number}, data_type: perceptionsdata, "
            "direction: higher, scale: [1, 5], min_n: 5}"
        )
    return "\n".join(lines) + "\n"


def observations_csv() -> bytes:
    """The 100,000 rows: Danish decimals, n, sd; every fiftieth value blank (not published)."""
    rng = random.Random(17)
    lines = ["indicator;unit;period;value;n;sd"]
    for year in range(2019, 2019 + YEARS):
        period = f"{year}/{(year + 1) % 100:02}"
        for number in range(SCHOOLS):
            municipality = 101 + number % MUNICIPALITIES
            unit = (
                str(100000 + number)
                if number % 2
                else f"{PLACES[number % len(PLACES)]}skolen {number} (By {municipality})"
            )
            for indicator in range(INDICATORS):
                value = "" if rng.random() < 0.02 else f"{rng.uniform(2.5, 4.5):.4f}".replace(".", ",")
                sd = f"{rng.uniform(0.5, 1.1):.2f}".replace(".", ",")
                lines.append(f"indikator-{indicator};{unit};{period};{value};{rng.randint(5, 600)};{sd}")
    return ("\n".join(lines) + "\n").encode()


def bulk_load(rows: list[tuple]) -> None:
    """The database's own bulk load of resolved rows, in one transaction."""
    table = "indicators_observation"
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(COLUMNS))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({marks})", rows)


def timed(function, *, before, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="Profile one import and print the top 25.")
    options = parser.parse_args()

    from grundlag.indicators.imports.mapping import mapping_load
    from grundlag.indicators.models import Indicator, Observation
    from grundlag.indicators.services import indicators_import
    from grundlag.organisation.imports.services.applying import org_import

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        assert org_import(data=register_csv(), filename="register.csv").applied
        data, mapping = observations_csv(), mapping_load(mapping_yaml())

        def empty() -> None:
            Observation.objects.all().delete()
            Indicator.objects.all().delete()

        def run(**kwargs):
            outcome = indicators_import(data=data, filename="observations.csv", mapping=mapping, **kwargs)
            assert outcome.errors == [] and outcome.warnings == [], outcome.problems[:3]
            return outcome

        if options.profile:
            empty()
            profile = cProfile.Profile()
            profile.enable()
            run()
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        imported = timed(run, before=empty, repeat=options.repeat)
        outcome = run()
        assert outcome.counts["unchanged"]["observations"] == SCHOOLS * INDICATORS * YEARS
        again = timed(run, before=lambda: None, repeat=options.repeat)
        dry = timed(lambda: run(dry_run=True), before=empty, repeat=options.repeat)
        run()
        rows = list(Observation.objects.order_by("pk").values_list(*COLUMNS))
        baseline = timed(
            lambda: bulk_load(rows), before=lambda: Observation.objects.all().delete(), repeat=options.repeat
        )
        assert Observation.objects.count() == len(rows) == SCHOOLS * INDICATORS * YEARS

        load = statistics.median(baseline)
        size = f"{len(rows):,} observations, {len(data) / 1e6:.1f} MB"
        print(f"\nGrundlag indicator import benchmark ({connection.vendor}), {size}")
        print(f"{'case':58} {'median s':>9} {'min s':>7} {'× bulk load':>12}")
        for name, times in [
            ("bulk load of the resolved rows (baseline)", baseline),
            ("indicators_import into an empty database", imported),
            ("indicators_import again (nothing changes)", again),
            ("indicators_import --dry-run (empty database)", dry),
        ]:
            median = statistics.median(times)
            print(f"{name:58} {median:9.2f} {min(times):7.2f} {median / load:12.1f}")
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()

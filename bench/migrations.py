"""Benchmark: what an upgrade's migrations cost on a populated database (docs/deployment.md, "Upgrading").

On a fresh database: the generated organisation (--scale) imported through the real importer and one closed
cycle evaluating every leader (the evaluation benchmark's generator: ≈600,000 answers for the municipality,
≈27 million for the country). Then, each beside a full scan of the answers table in the same run (baseline):

- `migrate` with nothing to do (in the process: Django's start-up is not in the figure);
- the data-rewriting migrations of `evaluations` run again over this data, each with the models of its own
  migration state and rolled back afterwards: 0002 (every closed cycle's atoms, grouped from its answers),
  0005 (every leader's counts of invited, answered and responses), 0007 (open cycles sealed, closed surveys
  and closed cycles reduced to what can be shown);
- the schema changes a release makes on the largest table, each applied and reversed through Django's schema
  editor as a migration would: a column without a default, a column with a default, an index, and a change
  of a column's type (which rewrites the table on PostgreSQL).

    .venv/bin/python bench/migrations.py                                       # municipality, SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/migrations.py --scale national
"""

import argparse
import importlib
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import DatabaseError, connection, models, transaction  # noqa: E402
from django.db.migrations.loader import MigrationLoader  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

logging.getLogger("axes").setLevel(logging.WARNING)


class RolledBack(Exception):
    """Raised inside a transaction to undo what a timed step wrote."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("municipality", "national"), default="municipality")
    args = parser.parse_args()
    from grundlag.frameworks.services import builtin_frameworks_load

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        database["TEST"]["NAME"] = f"{database['NAME']}_bench_migrations"
    databases = setup_databases(verbosity=0, interactive=False)
    started = time.perf_counter()
    try:
        print(f"\nGrundlag migrations benchmark ({connection.vendor}, {args.scale})")
        call_command("flush", interactive=False, verbosity=0)
        builtin_frameworks_load()
        _generate(args.scale)
        _bench()
    finally:
        teardown_databases(databases, verbosity=0)
    print(f"\nThe whole run took {time.perf_counter() - started:.0f} s.")


def _generate(scale: str) -> None:
    from grundlag.evaluations.cycles.services import evaluation_cycle_generate
    from grundlag.organisation.imports.services.applying import organisation_import_generated

    started = time.perf_counter()
    outcome = organisation_import_generated(scale=scale, seed=1)
    assert outcome.applied and not outcome.problems, [str(problem) for problem in outcome.problems[:5]]
    generated = evaluation_cycle_generate(seed=1, local_statements=8, others=(2, 4))
    print(
        f"  data made in {time.perf_counter() - started:.0f} s: {generated.evaluees:,} leaders, "
        f"{generated.responses:,} responses, {generated.answers:,} answers in one closed cycle"
    )


def _bench() -> None:
    from grundlag.evaluations.models import Answer

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner sees the tables the generator filled
    results: list[tuple[str, float | None]] = [
        ("full scan: the sum of every answer (baseline)", _timed(_answers_counted))
    ]
    results.append(("migrate, nothing to do", _timed(lambda: call_command("migrate", verbosity=0))))
    for label, node, run, before in [
        (
            "0002: the atoms of closed cycles, from their answers",
            "0002_atomaggregate",
            lambda module, apps, editor: module.count_closed_cycles(apps, editor),
            _atoms_deleted,
        ),
        (
            "0005: each leader's counts, from invitations and responses",
            "0005_evaluee_counts",
            lambda module, apps, editor: module.count_closed_cycles(apps, editor),
            None,
        ),
        (
            "0007: closed cycles reduced to the groups ever shown",
            "0007_sealed_responses",
            # Its other parts read comments by response, which 0011 removed; a national cycle is closed.
            lambda module, apps, editor: module._closed_cycles_reduce(apps),
            None,
        ),
    ]:
        results.append((f"data migration {label}", _data_migration_timed(node, run, before)))
    for label, forward, backward in _schema_changes(Answer):
        results.append((f"schema: {label}", _timed(forward)))
        results.append(("  … and reversed", _timed(backward)))
    _print(results)


def _answers_counted() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT sum(value) FROM evaluations_answer")
        cursor.fetchone()


def _timed(step: Callable[[], object]) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


def _data_migration_timed(node: str, run: Callable, before: Callable | None) -> float | None:
    """One migration's RunPython function over today's data, with its own state's models; rolled back.
    None if today's tables no longer fit that state's models (a later migration changed them)."""
    module = importlib.import_module(f"grundlag.evaluations.migrations.{node}")
    apps = MigrationLoader(connection).project_state(("evaluations", node)).apps
    took = 0.0
    # As the migration executor does: the schema editor first (on SQLite it turns the foreign-key checks
    # off, which only works outside a transaction), then the function in a transaction of its own.
    with connection.schema_editor(atomic=False) as schema_editor:
        try:
            with transaction.atomic():
                if before is not None:
                    before(apps)
                took = _timed(lambda: run(module, apps, schema_editor))
                atoms = apps.get_model("evaluations", "AtomAggregate").objects.count()
                print(f"  {node}: {atoms:,} atoms after it (rolled back)")
                raise RolledBack
        except RolledBack:
            pass
        except DatabaseError as error:
            print(f"  {node}: skipped, today's tables no longer fit its models ({error})")
            return None
    return took


def _atoms_deleted(apps) -> None:
    """Before 0002 there were no atoms: the closed cycle's are deleted (in the rolled-back transaction)."""
    apps.get_model("evaluations", "AtomAggregate").objects.all().delete()


def _schema_changes(answer_model) -> list[tuple[str, Callable[[], None], Callable[[], None]]]:
    """Forward and backward steps on the answers table, each run as a migration runs its operation."""
    plain = models.IntegerField(null=True)
    plain.set_attributes_from_name("bench_plain")
    with_default = models.PositiveSmallIntegerField(default=0)
    with_default.set_attributes_from_name("bench_default")
    index = models.Index(fields=["question", "value"], name="bench_answer_question_value")
    old_value = answer_model._meta.get_field("value")
    wider = models.PositiveIntegerField(null=True, blank=True)
    wider.set_attributes_from_name("value")
    wider.model = answer_model

    def edit(method: str, *arguments) -> Callable[[], None]:
        def step() -> None:
            with connection.schema_editor(atomic=True) as schema_editor:
                getattr(schema_editor, method)(answer_model, *arguments)

        return step

    return [
        (
            "add a column without a default to the answers table",
            edit("add_field", plain),
            edit("remove_field", plain),
        ),
        (
            "add a column with a default to the answers table",
            edit("add_field", with_default),
            edit("remove_field", with_default),
        ),
        (
            "add an index over (question, value) of the answers table",
            edit("add_index", index),
            edit("remove_index", index),
        ),
        (
            "change the answers' value to a wider integer type",
            edit("alter_field", old_value, wider),
            edit("alter_field", wider, old_value),
        ),
    ]


def _print(results: list[tuple[str, float | None]]) -> None:
    baseline = results[0][1] or 1.0
    print(f"\n  {'what':74} {'s':>8} {'× baseline':>10}")
    for name, took in results:
        if took is None:
            print(f"  {name:74} {'skipped':>8}")
        else:
            print(f"  {name:74} {took:8.2f} {took / baseline:10.1f}")
    print("  (× is the ratio to the full scan of the answers table in the same run)")


if __name__ == "__main__":
    main()

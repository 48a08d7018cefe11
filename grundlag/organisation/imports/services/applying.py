"""Apply an organisation import: write its plan in one transaction, with bulk writes, and audit it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record

from ...chain.services import chain_refresh
from ...generator import organisation_csv, organisation_generate
from ...models import Person, Post, Unit
from ...selectors import today
from ...services import unit_moves_record, unit_paths_rebuild
from ..planning import KINDS, ImportOutcome, ImportPlan, PostSpec, Progress, end_day, plan_build
from ..readers import read
from ..readers.common import Problem, ReadResult
from ..selectors import org_import_plan

BATCH = 1000


@transaction.atomic
def org_import_apply(
    *, plan: ImportPlan, by: Any = None, confirm_ending: bool = False, progress: Progress | None = None
) -> ImportOutcome:
    """Re-check the plan against the database and write it in one transaction; errors write nothing."""
    outcome = plan.outcome
    plan = plan_build(
        format=outcome.format,
        source=outcome.source,
        rows=plan.rows,
        read_problems=plan.read_problems,
        framework_slug=plan.framework_slug,
        today=plan.today,
    )
    if plan.outcome.errors or _refused_ending(plan, confirm_ending=confirm_ending):
        return plan.outcome
    return _write(plan, by=by, progress=progress)


def org_import(
    *,
    data: bytes,
    filename: str,
    format: str | None = None,
    source: str | None = None,
    mapping: dict[str, str] | None = None,
    framework_slug: str | None = None,
    dry_run: bool = False,
    confirm_ending: bool = False,
    read_result: ReadResult | None = None,
    by: Any = None,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Read, plan and (unless a dry run or there are errors) apply an organisation file.

    A dry run only reads, outside any transaction: on SQLite (transactions begin IMMEDIATE) an atomic
    block would hold the write lock for the whole plan and stop every other writer of the site.
    """
    if not dry_run:
        if read_result is None and len(data) <= settings.ORGANISATION_UPLOAD_MAX_BYTES:
            # Parsing touches no table: done before the transaction, no lock is held while a file is read.
            read_result = read(data, filename=filename, format=format, mapping=mapping)
        return _org_import_write(
            data=data,
            filename=filename,
            format=format,
            source=source,
            mapping=mapping,
            framework_slug=framework_slug,
            confirm_ending=confirm_ending,
            read_result=read_result,
            by=by,
            progress=progress,
        )
    plan = org_import_plan(
        data=data,
        filename=filename,
        format=format,
        source=source,
        mapping=mapping,
        framework_slug=framework_slug,
        progress=progress,
        read_result=read_result,
    )
    _progress_done(plan.outcome, progress)
    return plan.outcome


@transaction.atomic  # planned and written in one transaction, so the plan cannot go stale
def _org_import_write(
    *,
    data: bytes,
    filename: str,
    format: str | None,
    source: str | None,
    mapping: dict[str, str] | None,
    framework_slug: str | None,
    confirm_ending: bool,
    read_result: ReadResult | None,
    by: Any,
    progress: Progress | None,
) -> ImportOutcome:
    plan = org_import_plan(
        data=data,
        filename=filename,
        format=format,
        source=source,
        mapping=mapping,
        framework_slug=framework_slug,
        progress=progress,
        read_result=read_result,
    )
    if plan.outcome.errors or _refused_ending(plan, confirm_ending=confirm_ending):
        _progress_done(plan.outcome, progress)
        return plan.outcome
    return _write(plan, by=by, progress=progress)


def _progress_done(outcome: ImportOutcome, progress: Progress | None) -> None:
    if progress:
        total = 2 * max(outcome.rows, 1)
        progress(total, total)


def _refused_ending(plan: ImportPlan, *, confirm_ending: bool) -> bool:
    """An import that ends more than the set share is refused unless confirmed: an error says why."""
    outcome = plan.outcome
    if not outcome.ends_too_much or confirm_ending:
        return False
    outcome.problems.append(
        Problem(
            plan.rows[0].file if plan.rows else "",
            None,
            "",
            _(
                "The import would end %(units)s of %(active_units)s units and %(posts)s of %(active_posts)s "
                "posts, and %(people)s people would have no post left: more than %(limit)s %% of the "
                "organisation. Nothing was written; confirm that the file is complete to apply it."
            )
            % {
                "units": outcome.ended["units"],
                "active_units": outcome.active["units"],
                "posts": outcome.ended["posts"],
                "active_posts": outcome.active["posts"],
                "people": outcome.leaving,
                "limit": settings.ORGANISATION_IMPORT_MAX_ENDED_PERCENT,
            },
        )
    )
    return True


@dataclass
class _Steps:
    """Reports the writes' progress as the second half of the import's steps (the first is planning)."""

    rows: int
    writes: int
    progress: Progress | None
    written: int = 0

    def __call__(self, count: int) -> None:
        self.written += count
        if self.progress:
            rows = self.rows
            self.progress(rows + min(rows, rows * self.written // self.writes), 2 * max(rows, 1))


def _write(plan: ImportPlan, *, by: Any, progress: Progress | None) -> ImportOutcome:
    outcome = plan.outcome
    step = _Steps(outcome.rows, max(plan.write_count, 1), progress)
    units_by_key = _write_units(plan, step)
    people_by_key = _write_people(plan, step)
    _write_posts(plan, units_by_key, people_by_key, step)
    if plan.new_units or plan.changed_units:
        unit_paths_rebuild()
    chain_refresh(today=today())  # here, not in the first leader's page after the import
    outcome.applied = True
    _audit(outcome, by)
    if progress:
        total = 2 * max(outcome.rows, 1)
        progress(total, total)
    return outcome


def _write_units(plan: ImportPlan, step: Callable[[int], None]) -> dict[str, Unit]:
    """Create, change and end the units; returns the source's units by key."""
    units_by_key = _create_units(plan)
    step(len(plan.new_units))
    own_ids = {u.pk for u in units_by_key.values()}
    new_parents: dict[int, int | None] = {}
    for unit, spec in plan.changed_units:
        if spec.parent:
            new_parents[unit.pk] = units_by_key[spec.parent].pk
        elif unit.parent_id in own_ids:
            new_parents[unit.pk] = None  # a parent placed by hand (another source) is left alone
        else:
            new_parents[unit.pk] = unit.parent_id
    moves = [(u, new_parents[u.pk]) for u, _s in plan.changed_units if new_parents[u.pk] != u.parent_id]
    unit_moves_record(moves=moves, on=plan.today)  # before the parents change: it keeps the old ones
    changed = []
    for unit, spec in plan.changed_units:
        unit.name = spec.name
        if spec.kind is not None:
            unit.kind = spec.kind
        unit.parent_id = new_parents[unit.pk]
        unit.start_date, unit.end_date = spec.start, spec.end
        changed.append(unit)
    Unit.objects.bulk_update(changed, ["name", "kind", "parent", "start_date", "end_date"], batch_size=BATCH)
    step(len(changed))
    for unit in plan.ended_units:
        unit.end_date = end_day(plan, unit.start_date)
    Unit.objects.bulk_update(plan.ended_units, ["end_date"], batch_size=BATCH)
    step(len(plan.ended_units))
    return units_by_key


def _create_units(plan: ImportPlan) -> dict[str, Unit]:
    """Create the new units and place them under their parents; returns the source's units by key."""
    source = plan.outcome.source
    units_by_key = {u.key: u for u in Unit.objects.filter(source=source)}
    created = Unit.objects.bulk_create(
        [
            Unit(source=source, key=s.key, name=s.name, kind=s.kind or "", start_date=s.start, end_date=s.end)
            for s in plan.new_units
        ],
        batch_size=BATCH,
    )
    units_by_key.update({u.key: u for u in created})
    if created and created[0].pk is None:  # a database that does not return ids from bulk inserts
        units_by_key.update(
            {u.key: u for u in Unit.objects.filter(source=source, key__in=[u.key for u in created])}
        )
    placed = []
    for spec in plan.new_units:
        if spec.parent:
            unit = units_by_key[spec.key]
            unit.parent_id = units_by_key[spec.parent].pk
            placed.append(unit)
    Unit.objects.bulk_update(placed, ["parent"], batch_size=BATCH)
    return units_by_key


def _write_people(plan: ImportPlan, step: Callable[[int], None]) -> dict[str, Person]:
    """Create and change the people; returns the source's people by the file's keys."""
    source = plan.outcome.source
    people_by_key = {p.key: p for p in Person.objects.filter(source=source)}
    created_people = Person.objects.bulk_create(
        [Person(source=source, key=s.key, name=s.name, email=s.email) for s in plan.new_people],
        batch_size=BATCH,
    )
    if created_people and created_people[0].pk is None:
        created_people = list(Person.objects.filter(source=source, key__in=[p.key for p in created_people]))
    people_by_key.update({p.key: p for p in created_people})
    people_by_key.update(plan.erased)  # an erased person may still be named as a manager
    step(len(created_people))
    for person, spec in plan.changed_people:
        person.name, person.email = spec.name, spec.email
    Person.objects.bulk_update([p for p, _s in plan.changed_people], ["name", "email"], batch_size=BATCH)
    step(len(plan.changed_people))
    return people_by_key


def _write_posts(
    plan: ImportPlan,
    units_by_key: dict[str, Unit],
    people_by_key: dict[str, Person],
    step: Callable[[int], None],
) -> None:
    """Create, change, end and delete the posts."""

    def manager_id(spec: PostSpec) -> int | None:
        return people_by_key[spec.manager].pk if spec.manager else None

    Post.objects.bulk_create(
        [
            Post(
                source=plan.outcome.source,
                person_id=people_by_key[s.person].pk,
                unit_id=units_by_key[s.unit].pk,
                title=s.title,
                level_id=s.level_id,
                manager_id=manager_id(s),
                start_date=s.start,
                end_date=s.end,
            )
            for s in plan.new_posts
        ],
        batch_size=BATCH,
    )
    step(len(plan.new_posts))
    for post, spec in plan.changed_posts:
        post.title, post.level_id, post.manager_id, post.end_date = (
            spec.title,
            spec.level_id,
            manager_id(spec),
            spec.end,
        )
    Post.objects.bulk_update(
        [p for p, _s in plan.changed_posts], ["title", "level", "manager", "end_date"], batch_size=BATCH
    )
    step(len(plan.changed_posts))
    for post in plan.ended_posts:
        post.end_date = end_day(plan, post.start_date)
    Post.objects.bulk_update(plan.ended_posts, ["end_date"], batch_size=BATCH)
    step(len(plan.ended_posts))
    if plan.deleted_posts:
        Post.objects.filter(pk__in=[p.pk for p in plan.deleted_posts]).delete()
    step(len(plan.deleted_posts))


def _audit(outcome: ImportOutcome, by: Any) -> None:
    counts = " ".join(
        f"{category}={','.join(str(getattr(outcome, category)[kind]) for kind in KINDS)}"
        for category in ("new", "changed", "ended", "unchanged")
    )
    audit_record(
        user=by,
        action="organisation.import",
        detail=f"format={outcome.format} source={outcome.source} rows={outcome.rows} "
        f"units,people,posts {counts}",
    )


def organisation_import_generated(
    *, scale: str, seed: int = 1, data: bytes | None = None, by: Any = None
) -> ImportOutcome:
    """Import a generated organisation through the organisation importer, as the generator's source."""
    if data is None:
        data = organisation_csv(organisation_generate(scale=scale, seed=seed))
    return org_import(
        data=data,
        filename=f"{scale}-{seed}.csv",
        source="generator",
        framework_slug="aarhus-boern-og-unge",
        confirm_ending=True,  # a generated organisation replaces the one generated before, on purpose
        by=by,
    )

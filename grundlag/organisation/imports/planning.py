"""Import an organisation: read a file, plan what changes, and apply the plan in one transaction.

A full import is a snapshot of its source: units and posts of that source that the file no longer has
are ended (end date: the day before the import), never deleted. Re-importing the same file changes
nothing. See docs/organisation-import.md.
"""

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grundlag.frameworks.models import FrameworkVersion, Level

from .models import Person, Post, Source, Unit
from .readers import Problem, Row, email_is_valid, read
from .services import unit_moves_record, unit_paths_rebuild

KINDS = ("units", "people", "posts")
EXAMPLES_PER_CATEGORY = 20
BATCH = 1000
MAX_LENGTHS = {
    "unit_id": 100,
    "unit_name": 300,
    "unit_kind": 100,
    "person_id": 100,
    "name": 300,
    "email": 254,
    "title": 300,
}
Progress = Callable[[int, int], None]


def erased_key(source: str, key: str) -> str:
    """The key an erased person keeps: a one-way digest of (source, key), so a re-import recognises them."""
    return "erased-" + hashlib.sha256(f"{source}:{key}".encode()).hexdigest()[:40]


@dataclass
class Change:
    """One example line of the preview: what kind of record, which one, and which fields change."""

    kind: str
    category: str
    label: str
    fields: list[str] = field(default_factory=list)


@dataclass
class ImportOutcome:
    format: str
    source: str
    rows: int = 0
    new: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    changed: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    ended: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    problems: list[Problem] = field(default_factory=list)
    examples: list[Change] = field(default_factory=list)
    applied: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]

    @property
    def has_changes(self) -> bool:
        return any(sum(counts.values()) for counts in (self.new, self.changed, self.ended))

    def counts(self) -> dict:
        """Counts only, no names, e-mails or problem texts: what a task result and the session may keep."""
        return {
            "format": self.format,
            "source": self.source,
            "rows": self.rows,
            "new": self.new,
            "changed": self.changed,
            "ended": self.ended,
            "unchanged": self.unchanged,
            "applied": self.applied,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
        }

    def as_dict(self) -> dict:
        """A JSON-friendly form with examples and problems (personal data), for the preview page only."""
        everything = {key: value for key, value in self.counts().items() if key not in ("errors", "warnings")}
        everything["problems"] = [p.__dict__ for p in self.problems]
        everything["examples"] = [c.__dict__ for c in self.examples]
        return everything


@dataclass
class _UnitSpec:
    key: str
    row: Row
    name: str = ""
    name_row: Row | None = None
    parent: str | None = None
    parent_row: Row | None = None
    kind: str | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None


@dataclass
class _PersonSpec:
    key: str
    row: Row
    name: str
    email: str


@dataclass
class _PostSpec:
    row: Row
    person: str
    unit: str
    start: datetime.date | None
    end: datetime.date | None
    title: str
    level_id: int | None
    manager: str


@dataclass
class ImportPlan:
    """What an import would do; `org_import_apply` writes it."""

    outcome: ImportOutcome
    rows: list[Row]
    framework_slug: str
    today: datetime.date
    read_problems: list[Problem] = field(default_factory=list)
    units: dict[str, _UnitSpec] = field(default_factory=dict)
    people: dict[str, _PersonSpec] = field(default_factory=dict)
    posts: dict[tuple, _PostSpec] = field(default_factory=dict)
    # What to write: records built from the specs, and the existing ones with their new values.
    new_units: list[_UnitSpec] = field(default_factory=list)
    changed_units: list[tuple[Unit, _UnitSpec]] = field(default_factory=list)
    ended_units: list[Unit] = field(default_factory=list)
    new_people: list[_PersonSpec] = field(default_factory=list)
    changed_people: list[tuple[Person, _PersonSpec]] = field(default_factory=list)
    new_posts: list[_PostSpec] = field(default_factory=list)
    changed_posts: list[tuple[Post, _PostSpec]] = field(default_factory=list)
    ended_posts: list[Post] = field(default_factory=list)
    # Posts of the source that have not started yet and are gone from the file: deleted, not ended.
    deleted_posts: list[Post] = field(default_factory=list)
    # Erased people the file still has, by the file's person key.
    erased: dict[str, Person] = field(default_factory=dict)

    @property
    def write_count(self) -> int:
        return sum(
            len(x)
            for x in (
                self.new_units,
                self.changed_units,
                self.ended_units,
                self.new_people,
                self.changed_people,
                self.new_posts,
                self.changed_posts,
                self.ended_posts,
                self.deleted_posts,
            )
        )


# --- Reading values ----------------------------------------------------------------------------------


def _date(row: Row, name: str, problems: list[Problem]) -> datetime.date | None:
    value = getattr(row, name)
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = (value or "").strip()
    if not text:
        return None
    try:
        # OS2mo writes validity as a date or a timestamp; the day is what matters.
        return (
            datetime.date.fromisoformat(text[:10]) if len(text) >= 10 else datetime.date.fromisoformat(text)
        )
    except ValueError:
        problems.append(
            row.problem(
                name,
                _("%(value)s is not a date; write dates as YYYY-MM-DD (ISO 8601), e.g. 2025-08-01.")
                % {"value": text},
            )
        )
        return None


def _levels(framework_slug: str) -> dict[str, Level] | None:
    version = (
        FrameworkVersion.objects.filter(
            framework__slug=framework_slug, status=FrameworkVersion.Status.PUBLISHED
        )
        .order_by("-number")
        .first()
    )
    if version is None:
        return None
    found: dict[str, Level] = {}
    for level in version.levels.all():
        found.setdefault(level.name.strip().casefold(), level)
        found[level.key.strip().casefold()] = level
    return found


# --- Planning ----------------------------------------------------------------------------------------


def org_import_plan(
    *,
    data: bytes,
    filename: str,
    format: str | None = None,
    source: str | None = None,
    mapping: dict[str, str] | None = None,
    framework_slug: str | None = None,
    today: datetime.date | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Read the file and compare it with the database: new, changed, ended and unchanged, and problems."""
    limit = settings.ORGANISATION_UPLOAD_MAX_BYTES
    if len(data) > limit:
        outcome = ImportOutcome(format or "", source or "")
        outcome.problems.append(
            Problem(
                filename,
                None,
                "",
                _("The file is %(size)s bytes; the largest file accepted is %(limit)s bytes.")
                % {"size": len(data), "limit": limit},
            )
        )
        return ImportPlan(outcome, [], framework_slug or "", today or timezone.localdate())
    result = read(data, filename=filename, format=format, mapping=mapping)
    outcome = ImportOutcome(result.format, source or result.source, problems=list(result.problems))
    if source is not None and source not in Source.values:
        outcome.problems.append(
            Problem(filename, None, "", _("Unknown source %(source)s.") % {"source": source})
        )
    plan = ImportPlan(
        outcome,
        result.rows,
        framework_slug or settings.ORGANISATION_FRAMEWORK,
        today or timezone.localdate(),
        read_problems=list(outcome.problems),
    )
    if not outcome.errors:
        _plan_rows(plan, progress=progress)
    return plan


def _replan(plan: ImportPlan, progress: Progress | None = None) -> ImportPlan:
    """The same rows compared with the database as it is now."""
    outcome = plan.outcome
    fresh = ImportPlan(
        ImportOutcome(outcome.format, outcome.source, problems=list(plan.read_problems)),
        plan.rows,
        plan.framework_slug,
        plan.today,
        read_problems=plan.read_problems,
    )
    if not fresh.outcome.errors:
        _plan_rows(fresh, progress=progress)
    return fresh


def _plan_rows(plan: ImportPlan, *, progress: Progress | None) -> None:
    outcome, rows = plan.outcome, plan.rows
    outcome.rows = len(rows)
    source = outcome.source
    problems: list[Problem] = []
    total = 2 * max(len(rows), 1)
    levels = None
    if any(row.is_post and row.level for row in rows):
        levels = _levels(plan.framework_slug)

    def required(row: Row, name: str) -> str | None:
        value = (getattr(row, name) or "").strip()
        if not value:
            problems.append(row.problem(name, _("A value is required here.")))
            return None
        return value

    units = plan.units
    people = plan.people
    posts = plan.posts
    for done, row in enumerate(rows, start=1):
        if progress and done % 500 == 0:
            progress(done, total)
        for name, limit in MAX_LENGTHS.items():
            value = getattr(row, name)
            if isinstance(value, str) and len(value.strip()) > limit:
                problems.append(
                    row.problem(
                        name,
                        _("The value is %(length)s characters long; at most %(limit)s fit.")
                        % {"length": len(value.strip()), "limit": limit},
                    )
                )
        unit_key = required(row, "unit_id")
        if unit_key is None:
            continue
        _plan_unit_statement(row, unit_key, units, problems)
        if not row.is_post:
            spec = units[unit_key]
            spec.start, spec.end = _date(row, "start_date", problems), _date(row, "end_date", problems)
            if spec.start and spec.end and spec.end < spec.start:
                problems.append(row.problem("end_date", _("The end date is before the start date.")))
            continue
        person_key = row.person_id.strip()
        name = required(row, "name")
        email = (row.email or "").strip()
        if email and not email_is_valid(email):
            problems.append(
                row.problem("email", _("%(value)s is not a valid e-mail address.") % {"value": email})
            )
        if name is not None:
            known = people.get(person_key)
            if known is None:
                people[person_key] = _PersonSpec(person_key, row, name, email)
            else:
                for attribute, value in (("name", name), ("email", email)):
                    if getattr(known, attribute) != value:
                        problems.append(
                            row.problem(
                                attribute,
                                _(
                                    "Person %(key)s has another %(column)s on row %(row)s; a person's rows "
                                    "must agree."
                                )
                                % {
                                    "key": person_key,
                                    "column": row.columns.get(attribute, attribute),
                                    "row": known.row.row,
                                },
                            )
                        )
        start, end = _date(row, "start_date", problems), _date(row, "end_date", problems)
        if start and end and end < start:
            problems.append(row.problem("end_date", _("The end date is before the start date.")))
        manager = (row.manager_person_id or "").strip()
        if manager and manager == person_key:
            problems.append(row.problem("manager_person_id", _("A person cannot be their own manager.")))
        level_id = None
        level_text = (row.level or "").strip()
        if level_text:
            if levels is None:
                problems.append(
                    row.problem(
                        "level",
                        _("The foundation %(framework)s has no published version to look levels up in.")
                        % {"framework": plan.framework_slug},
                    )
                )
            elif level_text.casefold() not in levels:
                problems.append(
                    row.problem(
                        "level",
                        _("Unknown level %(level)s; the levels of %(framework)s are: %(levels)s.")
                        % {
                            "level": level_text,
                            "framework": plan.framework_slug,
                            "levels": ", ".join(sorted({lv.key for lv in levels.values()})),
                        },
                    )
                )
            else:
                level_id = levels[level_text.casefold()].pk
        identity = (person_key, unit_key, start)
        if identity in posts:
            problems.append(
                row.problem(
                    "person_id",
                    _("The same post (person, unit and start date) is also on row %(row)s.")
                    % {"row": posts[identity].row.row},
                )
            )
            continue
        posts[identity] = _PostSpec(
            row, person_key, unit_key, start, end, (row.title or "").strip(), level_id, manager
        )

    existing_units = {u.key: u for u in Unit.objects.filter(source=source)}
    existing_people = {p.key: p for p in Person.objects.filter(source=source)}
    for spec in units.values():
        if not spec.name:
            problems.append(
                spec.row.problem(
                    "unit_name", _("Unit %(key)s is given no name on any row.") % {"key": spec.key}
                )
            )
        if spec.parent and spec.parent not in units and spec.parent not in existing_units:
            problems.append(
                (spec.parent_row or spec.row).problem(
                    "parent_unit_id",
                    _(
                        "Unknown parent unit %(parent)s: it is neither in the file nor imported before "
                        "from %(source)s."
                    )
                    % {"parent": spec.parent, "source": source},
                )
            )
    problems.extend(_cycles(units, existing_units))
    for spec in posts.values():
        if (
            spec.manager
            and spec.manager not in people
            and spec.manager not in existing_people
            and erased_key(source, spec.manager) not in existing_people
        ):
            problems.append(
                spec.row.problem(
                    "manager_person_id",
                    _(
                        "Manager %(key)s not found: no such person in the file or imported before "
                        "from %(source)s."
                    )
                    % {"key": spec.manager, "source": source},
                )
            )
    outcome.problems.extend(problems)
    if outcome.errors:
        return
    _compare(plan, existing_units, existing_people)
    if progress:
        progress(len(rows), total)


def _plan_unit_statement(row: Row, key: str, units: dict[str, _UnitSpec], problems: list[Problem]) -> None:
    """Merge what this row says about its unit; two rows that disagree are an error."""
    spec = units.get(key)
    if spec is None:
        spec = units[key] = _UnitSpec(key, row)
    name = (row.unit_name or "").strip()
    if name:
        if spec.name and spec.name != name:
            problems.append(
                row.problem(
                    "unit_name",
                    _("Unit %(key)s is named “%(name)s” on row %(row)s but “%(other)s” here.")
                    % {"key": key, "name": spec.name, "row": spec.name_row.row, "other": name},
                )
            )
        elif not spec.name:
            spec.name, spec.name_row = name, row
    if row.parent_unit_id is not None:
        parent = row.parent_unit_id.strip()
        if spec.parent_row is not None and spec.parent != parent:
            problems.append(
                row.problem(
                    "parent_unit_id",
                    _("Unit %(key)s has the parent %(parent)s on row %(row)s but %(other)s here.")
                    % {
                        "key": key,
                        "parent": spec.parent or "-",
                        "row": spec.parent_row.row,
                        "other": parent or "-",
                    },
                )
            )
        elif spec.parent_row is None:
            spec.parent, spec.parent_row = parent, row
    if row.unit_kind is not None and spec.kind is None:
        spec.kind = row.unit_kind.strip()


def _cycles(units: dict[str, _UnitSpec], existing: dict[str, Unit]) -> list[Problem]:
    """A problem for each loop in the unit tree, naming its units."""
    existing_by_id = {u.pk: u for u in existing.values()}

    def parent_of(key: str) -> str | None:
        if key in units:
            return units[key].parent or None
        unit = existing.get(key)
        parent = existing_by_id.get(unit.parent_id) if unit and unit.parent_id else None
        return parent.key if parent else None

    problems = []
    settled: set[str] = set()
    for start in units:
        trail: list[str] = []
        on_trail: set[str] = set()
        key: str | None = start
        while key is not None and key not in settled and key not in on_trail:
            trail.append(key)
            on_trail.add(key)
            key = parent_of(key)
        if key is not None and key in on_trail:
            loop = trail[trail.index(key) :]
            first = units.get(loop[0])
            names = " → ".join(
                f"{k} ({units[k].name if k in units else existing[k].name})" for k in [*loop, loop[0]]
            )
            if first is not None:
                problems.append(
                    (first.parent_row or first.row).problem(
                        "parent_unit_id", _("The units form a cycle: %(units)s.") % {"units": names}
                    )
                )
        settled.update(trail)
    return problems


def _end_day(plan: ImportPlan, start: datetime.date | None) -> datetime.date:
    yesterday = plan.today - datetime.timedelta(days=1)
    return max(yesterday, start) if start else yesterday


def _needs_ending(plan: ImportPlan, start, end) -> bool:
    target = _end_day(plan, start)
    return end is None or end > target


def _compare(plan: ImportPlan, existing_units: dict[str, Unit], existing_people: dict[str, Person]) -> None:
    outcome = plan.outcome
    examples: dict[tuple[str, str], int] = {}

    def note(kind: str, category: str, label: str, fields: list[str] | None = None) -> None:
        counts = getattr(outcome, category)
        counts[kind] += 1
        if examples.get((kind, category), 0) < EXAMPLES_PER_CATEGORY:
            examples[(kind, category)] = examples.get((kind, category), 0) + 1
            outcome.examples.append(Change(kind, category, label, fields or []))

    keys_by_id = {u.pk: u.key for u in existing_units.values()}
    parents_kept = {spec.parent for spec in plan.units.values() if spec.parent}
    # A parent the file names keeps its own ancestors too, else a partial snapshot ends a grandparent.
    units_by_id = {u.pk: u for u in existing_units.values()}
    for key in list(parents_kept):
        unit = existing_units.get(key)
        while unit is not None and unit.parent_id in units_by_id:
            unit = units_by_id[unit.parent_id]
            if unit.key in parents_kept:
                break
            parents_kept.add(unit.key)
    for key, spec in plan.units.items():
        unit = existing_units.get(key)
        if unit is None:
            plan.new_units.append(spec)
            note("units", "new", spec.name)
            continue
        differs = [
            name
            for name, old, new in (
                ("name", unit.name, spec.name),
                ("kind", unit.kind, unit.kind if spec.kind is None else spec.kind),
                ("parent", keys_by_id.get(unit.parent_id) if unit.parent_id else None, spec.parent or None),
                ("start_date", unit.start_date, spec.start),
                ("end_date", unit.end_date, spec.end),
            )
            if old != new
        ]
        if differs:
            plan.changed_units.append((unit, spec))
            note("units", "changed", spec.name, differs)
        else:
            outcome.unchanged["units"] += 1
    for key, unit in existing_units.items():
        if (
            key not in plan.units
            and key not in parents_kept
            and _needs_ending(plan, unit.start_date, unit.end_date)
        ):
            plan.ended_units.append(unit)
            note("units", "ended", unit.name)

    # Erased people keep a digest of their key: find the ones the file names, as people or managers.
    for key in {*plan.people, *(spec.manager for spec in plan.posts.values() if spec.manager)}:
        erased = existing_people.get(erased_key(outcome.source, key)) if key not in existing_people else None
        if erased is not None and erased.erased_at is not None:
            plan.erased[key] = erased
    for key, spec in plan.people.items():
        person = existing_people.get(key) or plan.erased.get(key)
        if person is None:
            plan.new_people.append(spec)
            note("people", "new", spec.name)
        elif person.erased_at is not None:
            outcome.problems.append(
                spec.row.problem(
                    "person_id",
                    _("This person's data was erased on request; it is not imported again."),
                    warning=True,
                )
            )
            outcome.unchanged["people"] += 1
        else:
            differs = [
                n
                for n, old, new in (("name", person.name, spec.name), ("email", person.email, spec.email))
                if old != new
            ]
            if differs:
                plan.changed_people.append((person, spec))
                note("people", "changed", spec.name, differs)
            else:
                outcome.unchanged["people"] += 1

    people_by_id = {p.pk: p.key for p in existing_people.values()}
    people_by_id.update({p.pk: key for key, p in plan.erased.items()})  # as the file names them
    existing_posts = {}
    for post in Post.objects.filter(source=plan.outcome.source).select_related("person", "unit"):
        existing_posts.setdefault(
            (people_by_id.get(post.person_id, post.person.key), post.unit.key, post.start_date), post
        )
    for identity, spec in plan.posts.items():
        post = existing_posts.get(identity)
        if spec.person in plan.erased:
            # An erased person's posts are not imported again; the ones kept are left as they are.
            if post is not None:
                outcome.unchanged["posts"] += 1
            continue
        person_name = plan.people[spec.person].name
        label = f"{person_name} — {spec.title or plan.units[spec.unit].name}"
        if post is None:
            plan.new_posts.append(spec)
            note("posts", "new", label)
            continue
        differs = [
            name
            for name, old, new in (
                ("title", post.title, spec.title),
                ("level", post.level_id, spec.level_id),
                (
                    "manager",
                    people_by_id.get(post.manager_id) if post.manager_id else None,
                    spec.manager or None,
                ),
                ("end_date", post.end_date, spec.end),
            )
            if old != new
        ]
        if differs:
            plan.changed_posts.append((post, spec))
            note("posts", "changed", label, differs)
        else:
            outcome.unchanged["posts"] += 1
    for identity, post in existing_posts.items():
        if identity in plan.posts:
            continue
        if post.start_date and post.start_date > plan.today:
            # Not started yet: it is no history, so it is deleted (counted as ended), never active a day.
            plan.deleted_posts.append(post)
            note("posts", "ended", f"{post.person.name} — {post.title or post.unit.name}")
        elif _needs_ending(plan, post.start_date, post.end_date):
            plan.ended_posts.append(post)
            note("posts", "ended", f"{post.person.name} — {post.title or post.unit.name}")


# --- Applying ----------------------------------------------------------------------------------------


@transaction.atomic
def org_import_apply(*, plan: ImportPlan, by=None, progress: Progress | None = None) -> ImportOutcome:
    """Re-check the plan against the database and write it in one transaction; errors write nothing."""
    plan = _replan(plan)
    if plan.outcome.errors:
        return plan.outcome
    return _write(plan, by=by, progress=progress)


def _write(plan: ImportPlan, *, by, progress: Progress | None) -> ImportOutcome:
    outcome = plan.outcome
    source = outcome.source
    total_rows = 2 * max(outcome.rows, 1)
    writes = max(plan.write_count, 1)
    written = 0

    def step(count: int) -> None:
        nonlocal written
        written += count
        if progress:
            progress(outcome.rows + min(outcome.rows, outcome.rows * written // writes), total_rows)

    units_by_key = {u.key: u for u in Unit.objects.filter(source=source)}
    created = Unit.objects.bulk_create(
        [
            Unit(source=source, key=s.key, name=s.name, kind=s.kind or "", start_date=s.start, end_date=s.end)
            for s in plan.new_units
        ],
        batch_size=BATCH,
    )
    step(len(created))
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
    own_ids = {u.pk for u in units_by_key.values()}
    new_parents = {}
    for unit, spec in plan.changed_units:
        if spec.parent:
            new_parents[unit.pk] = units_by_key[spec.parent].pk
        elif unit.parent_id in own_ids:
            new_parents[unit.pk] = None  # a parent placed by hand (another source) is left alone
        else:
            new_parents[unit.pk] = unit.parent_id
    moves = [(u, new_parents[u.pk]) for u, _s in plan.changed_units if new_parents[u.pk] != u.parent_id]
    unit_moves_record(moves, on=plan.today)  # before the parents change: it keeps the old ones
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
        unit.end_date = _end_day(plan, unit.start_date)
    Unit.objects.bulk_update(plan.ended_units, ["end_date"], batch_size=BATCH)
    step(len(plan.ended_units))

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

    def manager_id(spec: _PostSpec) -> int | None:
        return people_by_key[spec.manager].pk if spec.manager else None

    Post.objects.bulk_create(
        [
            Post(
                source=source,
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
        post.end_date = _end_day(plan, post.start_date)
    Post.objects.bulk_update(plan.ended_posts, ["end_date"], batch_size=BATCH)
    step(len(plan.ended_posts))
    if plan.deleted_posts:
        Post.objects.filter(pk__in=[p.pk for p in plan.deleted_posts]).delete()
    step(len(plan.deleted_posts))

    if plan.new_units or plan.changed_units:
        unit_paths_rebuild()
    outcome.applied = True
    _audit(outcome, by)
    if progress:
        progress(total_rows, total_rows)
    return outcome


def _audit(outcome: ImportOutcome, by) -> None:
    from grundlag.accounts.services import audit_record

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


def org_import(
    *,
    data: bytes,
    filename: str,
    format: str | None = None,
    source: str | None = None,
    mapping: dict[str, str] | None = None,
    framework_slug: str | None = None,
    dry_run: bool = False,
    by=None,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Read, plan and (unless a dry run or there are errors) apply an organisation file."""
    with transaction.atomic():  # planned and written in one transaction, so the plan cannot go stale
        return _org_import(
            data=data,
            filename=filename,
            format=format,
            source=source,
            mapping=mapping,
            framework_slug=framework_slug,
            dry_run=dry_run,
            by=by,
            progress=progress,
        )


def _org_import(*, data, filename, format, source, mapping, framework_slug, dry_run, by, progress):
    plan = org_import_plan(
        data=data,
        filename=filename,
        format=format,
        source=source,
        mapping=mapping,
        framework_slug=framework_slug,
        progress=progress,
    )
    if dry_run or plan.outcome.errors:
        if progress:
            total = 2 * max(plan.outcome.rows, 1)
            progress(total, total)
        return plan.outcome
    return _write(plan, by=by, progress=progress)

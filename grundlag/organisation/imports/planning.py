"""Plan an organisation import: check the rows, merge what they say, and compare them with the database.

A full import is a snapshot of its source: units and posts of that source that the file no longer has
are ended (end date: the day before the import), never deleted. Re-importing the same file changes
nothing. The plan says what to write; `services.applying` writes it. See docs/organisation-import.md.
"""

import datetime
import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from grundlag.frameworks.models import FrameworkVersion, Level

from ..models import Person, Post, Unit
from .readers.common import Problem, Row, email_is_valid

KINDS = ("units", "people", "posts")
EXAMPLES_PER_CATEGORY = 20
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
PostIdentity = tuple[str, str, datetime.date | None]  # (person key, unit key, start date)


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
    # Units and posts of the source active before the import, and the people whose every post ends.
    active: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("units", "posts"), 0))
    leaving: int = 0
    # The import ends more than the set share of the source's active units or posts: it needs a confirmation.
    ends_too_much: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]

    @property
    def has_changes(self) -> bool:
        return any(sum(counts.values()) for counts in (self.new, self.changed, self.ended))

    def counts(self) -> dict[str, Any]:
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
            "active": self.active,
            "leaving": self.leaving,
            "ends_too_much": self.ends_too_much,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
        }

    def as_dict(self) -> dict[str, Any]:
        """A JSON-friendly form with examples and problems (personal data), for the preview page only."""
        everything = {key: value for key, value in self.counts().items() if key not in ("errors", "warnings")}
        everything["problems"] = [p.__dict__ for p in self.problems]
        everything["examples"] = [c.__dict__ for c in self.examples]
        return everything


@dataclass
class UnitSpec:
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
class PersonSpec:
    key: str
    row: Row
    name: str
    email: str


@dataclass
class PostSpec:
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
    units: dict[str, UnitSpec] = field(default_factory=dict)
    people: dict[str, PersonSpec] = field(default_factory=dict)
    posts: dict[PostIdentity, PostSpec] = field(default_factory=dict)
    # What to write: records built from the specs, and the existing ones with their new values.
    new_units: list[UnitSpec] = field(default_factory=list)
    changed_units: list[tuple[Unit, UnitSpec]] = field(default_factory=list)
    ended_units: list[Unit] = field(default_factory=list)
    new_people: list[PersonSpec] = field(default_factory=list)
    changed_people: list[tuple[Person, PersonSpec]] = field(default_factory=list)
    new_posts: list[PostSpec] = field(default_factory=list)
    changed_posts: list[tuple[Post, PostSpec]] = field(default_factory=list)
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


def plan_build(
    *,
    format: str,
    source: str,
    rows: list[Row],
    read_problems: list[Problem],
    framework_slug: str,
    today: datetime.date,
    progress: Progress | None = None,
) -> ImportPlan:
    """The plan for rows that were read, compared with the database as it is now (unless reading failed).

    Previewing and applying both come here: applying plans the same rows again, so a preview that went
    stale meanwhile is never written.
    """
    plan = ImportPlan(
        ImportOutcome(format, source, problems=list(read_problems)),
        rows,
        framework_slug,
        today,
        read_problems=read_problems,
    )
    if not plan.outcome.errors:
        _plan_rows(plan, progress=progress)
    return plan


def end_day(plan: ImportPlan, start: datetime.date | None) -> datetime.date:
    """The end date of a unit or post the file no longer has: the day before the import."""
    yesterday = plan.today - datetime.timedelta(days=1)
    return max(yesterday, start) if start else yesterday


def _needs_ending(plan: ImportPlan, start: datetime.date | None, end: datetime.date | None) -> bool:
    target = end_day(plan, start)
    return end is None or end > target


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


def _dates(row: Row, problems: list[Problem]) -> tuple[datetime.date | None, datetime.date | None]:
    """The row's start and end date; an end before the start is a problem."""
    start, end = _date(row, "start_date", problems), _date(row, "end_date", problems)
    if start and end and end < start:
        problems.append(row.problem("end_date", _("The end date is before the start date.")))
    return start, end


def _required(row: Row, name: str, problems: list[Problem]) -> str | None:
    value = (getattr(row, name) or "").strip()
    if not value:
        problems.append(row.problem(name, _("A value is required here.")))
        return None
    return value


def _check_lengths(row: Row, problems: list[Problem]) -> None:
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


# --- Planning: what the rows say ---------------------------------------------------------------------


def _plan_rows(plan: ImportPlan, *, progress: Progress | None) -> None:
    """Merge the rows into units, people and posts, check them against each other, and compare."""
    outcome, rows = plan.outcome, plan.rows
    outcome.rows = len(rows)
    source = outcome.source
    problems: list[Problem] = []
    total = 2 * max(len(rows), 1)
    levels = None
    if any(row.is_post and row.level for row in rows):
        levels = _levels(plan.framework_slug)
    for done, row in enumerate(rows, start=1):
        if progress and done % 500 == 0:
            progress(done, total)
        _plan_row(plan, row, levels, problems)
    existing_units = {u.key: u for u in Unit.objects.filter(source=source)}
    existing_people = {p.key: p for p in Person.objects.filter(source=source)}
    problems.extend(_unit_problems(plan, existing_units))
    problems.extend(_cycles(plan.units, existing_units))
    problems.extend(_manager_problems(plan, existing_people))
    problems.extend(_manager_cycles(plan, existing_people))
    outcome.problems.extend(problems)
    if outcome.errors:
        return
    _compare(plan, existing_units, existing_people)
    _weigh_ending(plan, existing_units)
    if progress:
        progress(len(rows), total)


def _plan_row(plan: ImportPlan, row: Row, levels: dict[str, Level] | None, problems: list[Problem]) -> None:
    _check_lengths(row, problems)
    unit_key = _required(row, "unit_id", problems)
    if unit_key is None:
        return
    _plan_unit_statement(row, unit_key, plan.units, problems)
    if not row.is_post:
        spec = plan.units[unit_key]
        spec.start, spec.end = _dates(row, problems)
        return
    _plan_post(plan, row, unit_key, levels, problems)


def _plan_unit_statement(row: Row, key: str, units: dict[str, UnitSpec], problems: list[Problem]) -> None:
    """Merge what this row says about its unit; two rows that disagree are an error."""
    spec = units.get(key)
    if spec is None:
        spec = units[key] = UnitSpec(key, row)
    name = (row.unit_name or "").strip()
    if name:
        if spec.name and spec.name != name:
            problems.append(
                row.problem(
                    "unit_name",
                    _("Unit %(key)s is named “%(name)s” on row %(row)s but “%(other)s” here.")
                    % {"key": key, "name": spec.name, "row": (spec.name_row or spec.row).row, "other": name},
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


def _plan_post(
    plan: ImportPlan, row: Row, unit_key: str, levels: dict[str, Level] | None, problems: list[Problem]
) -> None:
    """Merge the row's person and add its post; the same post twice is an error."""
    person_key = (row.person_id or "").strip()
    _plan_person(plan.people, row, person_key, problems)
    start, end = _dates(row, problems)
    manager = (row.manager_person_id or "").strip()
    if manager and manager == person_key:
        problems.append(row.problem("manager_person_id", _("A person cannot be their own manager.")))
    level_id = _level_id(row, levels, plan.framework_slug, problems)
    identity = (person_key, unit_key, start)
    if identity in plan.posts:
        problems.append(
            row.problem(
                "person_id",
                _("The same post (person, unit and start date) is also on row %(row)s.")
                % {"row": plan.posts[identity].row.row},
            )
        )
        return
    plan.posts[identity] = PostSpec(
        row, person_key, unit_key, start, end, (row.title or "").strip(), level_id, manager
    )


def _plan_person(people: dict[str, PersonSpec], row: Row, key: str, problems: list[Problem]) -> None:
    """Merge what this row says about its person; two rows that disagree are an error."""
    name = _required(row, "name", problems)
    email = (row.email or "").strip()
    if email and not email_is_valid(email):
        problems.append(
            row.problem("email", _("%(value)s is not a valid e-mail address.") % {"value": email})
        )
    if name is None:
        return
    known = people.get(key)
    if known is None:
        people[key] = PersonSpec(key, row, name, email)
        return
    for attribute, value in (("name", name), ("email", email)):
        if getattr(known, attribute) != value:
            problems.append(
                row.problem(
                    attribute,
                    _("Person %(key)s has another %(column)s on row %(row)s; a person's rows must agree.")
                    % {"key": key, "column": row.columns.get(attribute, attribute), "row": known.row.row},
                )
            )


def _level_id(
    row: Row, levels: dict[str, Level] | None, framework_slug: str, problems: list[Problem]
) -> int | None:
    """The id of the row's level in the foundation, looked up by key or name; unknown is an error."""
    level_text = (row.level or "").strip()
    if not level_text:
        return None
    if levels is None:
        problems.append(
            row.problem(
                "level",
                _("The foundation %(framework)s has no published version to look levels up in.")
                % {"framework": framework_slug},
            )
        )
        return None
    if level_text.casefold() not in levels:
        problems.append(
            row.problem(
                "level",
                _("Unknown level %(level)s; the levels of %(framework)s are: %(levels)s.")
                % {
                    "level": level_text,
                    "framework": framework_slug,
                    "levels": ", ".join(sorted({lv.key for lv in levels.values()})),
                },
            )
        )
        return None
    return levels[level_text.casefold()].pk


# --- Planning: the rows together --------------------------------------------------------------------


def _unit_problems(plan: ImportPlan, existing_units: dict[str, Unit]) -> list[Problem]:
    """Units without a name, and parents neither in the file nor imported before."""
    problems = []
    for spec in plan.units.values():
        if not spec.name:
            problems.append(
                spec.row.problem(
                    "unit_name", _("Unit %(key)s is given no name on any row.") % {"key": spec.key}
                )
            )
        if spec.parent and spec.parent not in plan.units and spec.parent not in existing_units:
            problems.append(
                (spec.parent_row or spec.row).problem(
                    "parent_unit_id",
                    _(
                        "Unknown parent unit %(parent)s: it is neither in the file nor imported before "
                        "from %(source)s."
                    )
                    % {"parent": spec.parent, "source": plan.outcome.source},
                )
            )
    return problems


def _manager_problems(plan: ImportPlan, existing_people: dict[str, Person]) -> list[Problem]:
    """Managers neither in the file nor imported before (an erased one counts as imported)."""
    source = plan.outcome.source
    problems = []
    for spec in plan.posts.values():
        if (
            spec.manager
            and spec.manager not in plan.people
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
    return problems


# An edge of the managers' graph: (the manager's key, the file's post, or None for a post of another
# source already in the organisation). People outside the file's source are keyed "#<id>".
_Edge = tuple[str, PostSpec | None]


def _manager_edges(plan: ImportPlan, existing_people: dict[str, Person]) -> dict[str, list[_Edge]]:
    """Who manages whom on the import day: the file's posts, and the active posts of other sources (by
    hand, another system), since a loop can run through both."""
    managed_by: dict[str, list[_Edge]] = {}
    for spec in plan.posts.values():
        if spec.manager and spec.manager != spec.person and (spec.end is None or spec.end >= plan.today):
            managed_by.setdefault(spec.person, []).append((spec.manager, spec))
    key_of = {person.pk: key for key, person in existing_people.items()}
    others = (
        Post.objects.active_on(plan.today)
        .exclude(source=plan.outcome.source)
        .filter(manager__isnull=False)
        .values_list("person_id", "manager_id")
    )
    for person_id, manager_id in others:
        if person_id != manager_id:
            person, manager = (key_of.get(pk, f"#{pk}") for pk in (person_id, manager_id))
            managed_by.setdefault(person, []).append((manager, None))
    return managed_by


def _manager_cycles(plan: ImportPlan, existing_people: dict[str, Person]) -> list[Problem]:
    """An error for each loop of managers (A manages B, B manages A, or longer) that runs through a post
    of the file, naming its rows; the loop may close through posts of other sources.

    The chain's reads stop at a loop instead of hanging, but a loop puts each person above the others
    (each could read the others' reports as their leader), so it is refused like a self-manager.
    Posts that ended before the import day are left out: they no longer lead anyone.
    """
    managed_by = _manager_edges(plan, existing_people)
    problems: list[Problem] = []
    settled: set[str] = set()
    for start in dict.fromkeys(spec.person for spec in plan.posts.values()):  # in the order of the file
        if start in settled or start not in managed_by:
            continue
        trail: list[tuple[str, _Edge]] = []  # (whose post, the edge to their manager)
        on_trail: dict[str, int] = {start: 0}
        stack = [(start, iter(managed_by.get(start, [])))]
        while stack:
            person, edges = stack[-1]
            edge = next(edges, None)
            if edge is None:
                stack.pop()
                on_trail.pop(person, None)
                settled.add(person)
                if trail:
                    trail.pop()
                continue
            manager = edge[0]
            if manager in on_trail:
                loop = [*trail, (person, edge)][on_trail[manager] :]
                if any(spec is not None for _who, (_manager, spec) in loop):
                    problems.append(_manager_cycle_problem(plan, loop))
            elif manager not in settled:
                trail.append((person, edge))
                on_trail[manager] = len(trail)
                stack.append((manager, iter(managed_by.get(manager, []))))
    return problems


def _manager_cycle_problem(plan: ImportPlan, loop: list[tuple[str, _Edge]]) -> Problem:
    outside = {int(who[1:]) for who, _edge in loop if who.startswith("#")}
    outside_names = dict(Person.objects.filter(pk__in=outside).values_list("pk", "name"))

    def name(who: str) -> str:
        if who.startswith("#"):
            return outside_names.get(int(who[1:]), who)
        return plan.people[who].name if who in plan.people else who

    people = [name(who) for who, _edge in loop]
    names = " → ".join([*people, people[0]])
    specs = [spec for _who, (_manager, spec) in loop if spec is not None]
    rows = ", ".join(str(spec.row.row) for spec in specs)
    return specs[0].row.problem(
        "manager_person_id",
        _(
            "The managers form a loop: %(people)s (rows %(rows)s). "
            "Someone in it must have a manager outside it."
        )
        % {"people": names, "rows": rows},
    )


def _cycles(units: dict[str, UnitSpec], existing: dict[str, Unit]) -> list[Problem]:
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


# --- Comparing with the database --------------------------------------------------------------------


@dataclass
class _Notes:
    """Counts each change in the outcome and keeps the first few of each kind as the preview's examples."""

    outcome: ImportOutcome
    shown: Counter[tuple[str, str]] = field(default_factory=Counter)

    def __call__(self, kind: str, category: str, label: str, fields: list[str] | None = None) -> None:
        getattr(self.outcome, category)[kind] += 1
        if self.shown[(kind, category)] < EXAMPLES_PER_CATEGORY:
            self.shown[(kind, category)] += 1
            self.outcome.examples.append(Change(kind, category, label, fields or []))


def _differences(pairs: tuple[tuple[str, Any, Any], ...]) -> list[str]:
    """The names of the (name, old, new) fields whose value changes."""
    return [name for name, old, new in pairs if old != new]


def _compare(plan: ImportPlan, existing_units: dict[str, Unit], existing_people: dict[str, Person]) -> None:
    note = _Notes(plan.outcome)
    _compare_units(plan, existing_units, note)
    _find_erased(plan, existing_people)
    _compare_people(plan, existing_people, note)
    _compare_posts(plan, existing_people, note)


def _parents_kept(plan: ImportPlan, existing_units: dict[str, Unit]) -> set[str]:
    """The units the file names as parents, and (else a partial snapshot ends a grandparent) theirs."""
    parents_kept = {spec.parent for spec in plan.units.values() if spec.parent}
    units_by_id = {u.pk: u for u in existing_units.values()}
    for key in list(parents_kept):
        unit = existing_units.get(key)
        while unit is not None and unit.parent_id in units_by_id:
            unit = units_by_id[unit.parent_id]
            if unit.key in parents_kept:
                break
            parents_kept.add(unit.key)
    return parents_kept


def _compare_units(plan: ImportPlan, existing_units: dict[str, Unit], note: _Notes) -> None:
    keys_by_id = {u.pk: u.key for u in existing_units.values()}
    for key, spec in plan.units.items():
        unit = existing_units.get(key)
        if unit is None:
            plan.new_units.append(spec)
            note("units", "new", spec.name)
            continue
        differs = _differences(
            (
                ("name", unit.name, spec.name),
                ("kind", unit.kind, unit.kind if spec.kind is None else spec.kind),
                ("parent", keys_by_id.get(unit.parent_id) if unit.parent_id else None, spec.parent or None),
                ("start_date", unit.start_date, spec.start),
                ("end_date", unit.end_date, spec.end),
            )
        )
        if differs:
            plan.changed_units.append((unit, spec))
            note("units", "changed", spec.name, differs)
        else:
            plan.outcome.unchanged["units"] += 1
    parents_kept = _parents_kept(plan, existing_units)
    for key, unit in existing_units.items():
        if (
            key not in plan.units
            and key not in parents_kept
            and _needs_ending(plan, unit.start_date, unit.end_date)
        ):
            plan.ended_units.append(unit)
            note("units", "ended", unit.name)


def _find_erased(plan: ImportPlan, existing_people: dict[str, Person]) -> None:
    """Erased people keep a digest of their key: find the ones the file names, as people or managers."""
    for key in {*plan.people, *(spec.manager for spec in plan.posts.values() if spec.manager)}:
        erased = (
            existing_people.get(erased_key(plan.outcome.source, key)) if key not in existing_people else None
        )
        if erased is not None and erased.erased_at is not None:
            plan.erased[key] = erased


def _compare_people(plan: ImportPlan, existing_people: dict[str, Person], note: _Notes) -> None:
    outcome = plan.outcome
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
            differs = _differences((("name", person.name, spec.name), ("email", person.email, spec.email)))
            if differs:
                plan.changed_people.append((person, spec))
                note("people", "changed", spec.name, differs)
            else:
                outcome.unchanged["people"] += 1


def _compare_posts(plan: ImportPlan, existing_people: dict[str, Person], note: _Notes) -> None:
    people_by_id = {p.pk: p.key for p in existing_people.values()}
    people_by_id.update({p.pk: key for key, p in plan.erased.items()})  # as the file names them
    existing_posts: dict[PostIdentity, Post] = {}
    for post in Post.objects.filter(source=plan.outcome.source).select_related("person", "unit"):
        existing_posts.setdefault(
            (people_by_id.get(post.person_id, post.person.key), post.unit.key, post.start_date), post
        )
    for identity, spec in plan.posts.items():
        _compare_post(plan, existing_posts.get(identity), spec, people_by_id, note)
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


def _weigh_ending(plan: ImportPlan, existing_units: dict[str, Unit]) -> None:
    """Count what the source has active and who leaves; flag an import that ends more than the set share.

    An empty or cut-off export would otherwise end the whole organisation with one click.
    """
    outcome = plan.outcome
    outcome.active["units"] = sum(
        1 for u in existing_units.values() if u.end_date is None or u.end_date >= plan.today
    )
    outcome.active["posts"] = (
        Post.objects.filter(source=outcome.source).exclude(end_date__lt=plan.today).count()
    )
    in_file = {*plan.people, *(person.key for person in plan.erased.values())}
    outcome.leaving = len(
        {
            post.person_id
            for post in (*plan.ended_posts, *plan.deleted_posts)
            if post.person.key not in in_file
        }
    )
    limit = settings.ORGANISATION_IMPORT_MAX_ENDED_PERCENT
    outcome.ends_too_much = any(
        outcome.ended[kind] * 100 > limit * outcome.active[kind] for kind in ("units", "posts")
    )


def _compare_post(
    plan: ImportPlan, post: Post | None, spec: PostSpec, people_by_id: dict[int, str], note: _Notes
) -> None:
    if spec.person in plan.erased:
        # An erased person's posts are not imported again; the ones kept are left as they are.
        if post is not None:
            plan.outcome.unchanged["posts"] += 1
        return
    person_name = plan.people[spec.person].name
    label = f"{person_name} — {spec.title or plan.units[spec.unit].name}"
    if post is None:
        plan.new_posts.append(spec)
        note("posts", "new", label)
        return
    differs = _differences(
        (
            ("title", post.title, spec.title),
            ("level", post.level_id, spec.level_id),
            ("manager", people_by_id.get(post.manager_id) if post.manager_id else None, spec.manager or None),
            ("end_date", post.end_date, spec.end),
        )
    )
    if differs:
        plan.changed_posts.append((post, spec))
        note("posts", "changed", label, differs)
    else:
        plan.outcome.unchanged["posts"] += 1

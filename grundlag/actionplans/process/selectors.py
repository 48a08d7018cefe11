"""Reads of the 5F processes. A process is read and written by its owner and its team members; everyone else
gets 404, the administrator included: there is no bypass. The steps' names, prompts and descriptions are read
from the toolbox's content the process was started on (its frozen tool version), never from this code."""

import operator
from dataclasses import dataclass
from functools import reduce

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from grundlag.core.rules import require
from grundlag.indicators.rules import units_led_ids
from grundlag.organisation.models import Person, Unit
from grundlag.organisation.selectors import person_for_user, today, unit_subtree_q
from grundlag.tools.models import ToolVersion
from grundlag.tools.selectors import tool_versions_published

from ..models import Process, ProcessEntry, ProcessStep

Viewer = User | AnonymousUser

# The toolbox's 5F model: its step keys are ProcessStep's values.
FIVEF_TOOL = "5f-modellen"


@dataclass(frozen=True)
class Access:
    """What the signed-in person may do with one process: every member writes; the owner picks the team."""

    process: Process
    person: Person
    is_owner: bool


@dataclass(frozen=True)
class StepText:
    """A step of the 5F model in the source's words, as the process's tool version holds it."""

    key: str
    number: int
    name: str
    prompts: list[str]
    description: str


def _person(user: Viewer) -> Person:
    person = person_for_user(user=user) if user.is_authenticated and user.is_active else None
    if person is None:
        raise Http404
    return person


def processes_for_user(*, user: Viewer) -> QuerySet[Process]:
    """The processes the signed-in person owns or is on the team of, the latest changed first; 404 for a user
    who is no one in the organisation."""
    person = _person(user)
    return (
        Process.objects.filter(Q(owner=person) | Q(team_members=person))
        .distinct()
        .select_related("unit", "owner", "plan")
    )


def process_get_for_user(*, user: Viewer, pk: int) -> Access:
    """One process the signed-in person owns or is on the team of; 404 for any other, whoever asks."""
    person = _person(user)
    process = (
        Process.objects.filter(pk=pk)
        .filter(Q(owner=person) | Q(team_members=person))
        .select_related("unit", "owner", "plan", "tool_version")
        .first()
    )
    if process is None:
        raise Http404
    return Access(process=process, person=person, is_owner=process.owner_id == person.pk)


def process_owned_for_user(*, user: Viewer, pk: int) -> Process:
    """One process for its owner's own action (choosing the team); 404 for anyone outside it, 403 for a team
    member."""
    access = process_get_for_user(user=user, pk=pk)
    if not access.is_owner:
        raise PermissionDenied
    return access.process


def process_entry_get_for_user(*, user: Viewer, process: Process, pk: int) -> ProcessEntry:
    """A contribution to the process that the signed-in person wrote, to edit or delete; 404 for any other."""
    person = _person(user)
    entry = ProcessEntry.objects.filter(pk=pk, process=process, author=person).first()
    if entry is None:
        raise Http404
    return entry


def process_units_to_start_for_user(*, user: Viewer) -> tuple[Person, QuerySet[Unit]]:
    """The signed-in leader and the units they may start a process for (those they lead and those below);
    403 for anyone who leads no unit."""
    require(user, "actionplans.start_processes")
    person = _person(user)
    led = list(Unit.objects.filter(pk__in=units_led_ids(user=user)))
    subtree = reduce(operator.or_, (unit_subtree_q(unit=unit) for unit in led), Q(pk__in=[]))
    return person, Unit.objects.active_on(today()).filter(subtree).order_by("depth", "name")


def fivef_version_current() -> ToolVersion | None:
    """The 5F model's latest published version in the toolbox, which a new process is started on."""
    return tool_versions_published().filter(tool__key=FIVEF_TOOL).first()


def process_steps(*, process: Process) -> list[StepText]:
    """The five steps in order, each in the words of the tool version the process was started on."""
    content = {step.get("key"): step for step in process.tool_version.content.get("steps", [])}
    steps = []
    for number, (key, label) in enumerate(ProcessStep.choices, start=1):
        step = content.get(key, {})
        steps.append(
            StepText(
                key=key,
                number=step.get("number", number),
                name=step.get("name", label),
                prompts=list(step.get("prompts", [])),
                description=step.get("description", ""),
            )
        )
    return steps


def process_step_get(*, process: Process, key: str) -> StepText:
    """One step of the process by its key; 404 for a key that is no step."""
    for step in process_steps(process=process):
        if step.key == key:
            return step
    raise Http404


def process_entries(*, process: Process, step: str | None = None) -> list[ProcessEntry]:
    """The contributions to the process (or to one step), the first written first, with their authors."""
    entries = ProcessEntry.objects.filter(process=process).select_related("author")
    if step is not None:
        entries = entries.filter(step=step)
    return list(entries)


def process_entry_counts(*, process: Process) -> dict[str, int]:
    """How many contributions each step has."""
    counts = dict.fromkeys(ProcessStep.values, 0)
    for step in ProcessEntry.objects.filter(process=process).values_list("step", flat=True):
        counts[step] = counts.get(step, 0) + 1
    return counts

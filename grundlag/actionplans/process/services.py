"""Writes of the 5F processes: starting one for a unit (its content frozen to the toolbox's 5F model as it is
then), choosing its team, each person's contributions to a step (written, changed and deleted by their author
alone), moving the team to another step, and making the action plan of the Frigør step's decisions (once; the
process is kept as it was from then on).

The audit rows name the process by its owner and the step, never what anyone wrote."""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.indicators.rules import leads_unit
from grundlag.organisation.models import Person, Unit
from grundlag.organisation.selectors import person_for_user

from ..models import Action, ActionPlan, Process, ProcessEntry, ProcessStep
from ..plans.selectors import team_member_candidates
from ..plans.services import plan_action_add, plan_create
from .selectors import fivef_version_current

_By = User | AnonymousUser | None

# A Frigør decision becomes an action's "what": it may be no longer than that.
DECISION_MAX = Action._meta.get_field("what").max_length or 5000
GOAL_MAX = ActionPlan._meta.get_field("goal").max_length or 10000


def _person(by: _By) -> Person | None:
    return person_for_user(user=by) if by is not None else None


def _team_checked(*, owner: Person, members: Iterable[Person]) -> list[Person]:
    """The chosen members without the owner; the same leaders as an action plan's team may hold, so the plan
    made at the end takes the team as it is."""
    chosen = [member for member in dict.fromkeys(members) if member.pk != owner.pk]
    allowed = set(team_member_candidates(owner=owner).values_list("pk", flat=True))
    if any(member.pk not in allowed for member in chosen):
        raise ValidationError(
            _("A 5F process's team are leaders you lead or leaders beside you under the same manager."),
            code="member",
        )
    return chosen


def _member(*, process: Process, by: _By) -> Person:
    """The acting person, if they are the process's owner or on its team; a refusal for anyone else."""
    person = _person(by)
    if person is None or not (
        process.owner_id == person.pk or process.team_members.filter(pk=person.pk).exists()
    ):
        raise ValidationError(_("Only the process's owner and team write in it."), code="not_member")
    return person


def _open(process: Process) -> None:
    if process.plan_id is not None:
        raise ValidationError(
            _("This 5F process has become an action plan; it is kept as it was."), code="finished"
        )


def _step_checked(step: str) -> str:
    if step not in ProcessStep.values:
        raise ValidationError(_("Choose one of the five steps."), code="step")
    return step


def _text_checked(*, step: str, text: str) -> str:
    text = text.strip()
    if step == ProcessStep.FRIGOER and len(text) > DECISION_MAX:
        raise ValidationError(
            _("A decision in Frigør becomes an action of the plan: keep it under %(max)s characters.")
            % {"max": DECISION_MAX},
            code="too_long",
        )
    return text


@transaction.atomic
def process_start(
    *, unit: Unit, owner: Person, title: str, by: _By, team_members: Iterable[Person] = ()
) -> Process:
    """Start a 5F process for a unit the owner leads (or a unit below it), on the toolbox's 5F model as it is
    now, with the team's members."""
    person = _person(by)
    if person is None or person.pk != owner.pk:
        raise ValidationError(_("A 5F process is started by the leader who owns it."), code="not_owner")
    if by is None or not leads_unit(by, unit):
        raise ValidationError(_("A 5F process is for a unit you lead or a unit below it."), code="not_leader")
    version = fivef_version_current()
    if version is None:
        raise ValidationError(_("The toolbox has no published 5F model."), code="no_tool")
    members = _team_checked(owner=owner, members=team_members)
    process = Process(unit=unit, owner=owner, title=title.strip(), tool_version=version)
    process.full_clean()
    process.save()
    process.team_members.set(members)
    audit_record(
        user=by,
        action="actionplans.process_start",
        obj=process,
        detail=f"v{version.number} team={len(members)}",
    )
    return process


@transaction.atomic
def process_team_set(*, process: Process, team_members: Iterable[Person], by: _By) -> Process:
    """Choose the process's team (who read it and write in it); only the owner does."""
    person = _person(by)
    if person is None or person.pk != process.owner_id:
        raise ValidationError(_("Only the process's owner chooses its team."), code="not_owner")
    _open(process)
    members = _team_checked(owner=process.owner, members=team_members)
    process.team_members.set(members)
    process.save(update_fields=["updated_at"])
    audit_record(user=by, action="actionplans.process_team_set", obj=process, detail=f"team={len(members)}")
    return process


@transaction.atomic
def process_entry_add(*, process: Process, step: str, text: str, by: _By) -> ProcessEntry:
    """Add the signed-in member's contribution to a step, beside everyone else's."""
    author = _member(process=process, by=by)
    _open(process)
    step = _step_checked(step)
    entry = ProcessEntry(process=process, step=step, text=_text_checked(step=step, text=text), author=author)
    entry.full_clean()
    entry.save()
    process.save(update_fields=["updated_at"])
    audit_record(user=by, action="actionplans.process_entry_add", obj=process, detail=f"step={step}")
    return entry


def _own(*, entry: ProcessEntry, by: _By) -> None:
    person = _person(by)
    if person is None or entry.author_id != person.pk:
        raise ValidationError(_("Only its author changes or deletes a contribution."), code="not_author")
    _member(process=entry.process, by=by)
    _open(entry.process)


@transaction.atomic
def process_entry_update(*, entry: ProcessEntry, text: str, by: _By) -> ProcessEntry:
    """Change one's own contribution."""
    _own(entry=entry, by=by)
    entry.text = _text_checked(step=entry.step, text=text)
    entry.full_clean()
    entry.save(update_fields=["text", "updated_at"])
    entry.process.save(update_fields=["updated_at"])
    audit_record(
        user=by, action="actionplans.process_entry_update", obj=entry.process, detail=f"step={entry.step}"
    )
    return entry


@transaction.atomic
def process_entry_delete(*, entry: ProcessEntry, by: _By) -> None:
    """Delete one's own contribution."""
    _own(entry=entry, by=by)
    audit_record(
        user=by, action="actionplans.process_entry_delete", obj=entry.process, detail=f"step={entry.step}"
    )
    entry.delete()


@transaction.atomic
def process_step_move(*, process: Process, step: str, by: _By) -> Process:
    """Move the team to another step (where the process stands); any member does."""
    _member(process=process, by=by)
    _open(process)
    process.step = _step_checked(step)
    process.full_clean()
    process.save(update_fields=["step", "updated_at"])
    audit_record(user=by, action="actionplans.process_step_move", obj=process, detail=f"step={step}")
    return process


@transaction.atomic
def process_plan_create(*, process: Process, by: _By) -> ActionPlan:
    """Make the action plan of the process: for its unit, owned by its owner with its team, titled as it is,
    its goal the Fastslå step's contributions and each Frigør decision one action, in the order written. Only
    the owner does, once."""
    current = Process.objects.select_for_update().select_related("unit", "owner").get(pk=process.pk)
    person = _person(by)
    if person is None or person.pk != current.owner_id:
        raise ValidationError(_("The process's owner makes its action plan."), code="not_owner")
    _open(current)
    decisions = list(ProcessEntry.objects.filter(process=current, step=ProcessStep.FRIGOER))
    if not decisions:
        raise ValidationError(
            _("Write at least one decision in Frigør first: each decision becomes an action of the plan."),
            code="no_decisions",
        )
    goal = "\n\n".join(
        entry.text for entry in ProcessEntry.objects.filter(process=current, step=ProcessStep.FASTSLAA)
    )
    if len(goal) > GOAL_MAX:
        raise ValidationError(
            _("Fastslå's contributions are longer together than a plan's goal may be (%(max)s characters).")
            % {"max": GOAL_MAX},
            code="goal_too_long",
        )
    plan = plan_create(
        unit=current.unit,
        owner=current.owner,
        title=current.title,
        by=by,
        goal=goal,
        team_members=list(current.team_members.all()),
        process=current,
    )
    for decision in decisions:
        plan_action_add(plan=plan, what=decision.text, by=by)
    current.plan = plan
    current.save(update_fields=["plan", "updated_at"])
    audit_record(
        user=by, action="actionplans.process_plan_create", obj=current, detail=f"actions={len(decisions)}"
    )
    return plan


def processes_person_erase(*, person: Person) -> None:
    """The person's part of 5F processes at their erasure: the processes they own go (with all that was
    written in them); they leave the teams of others' processes, and what they wrote there is deleted. An
    action plan made from a process is the plans' to erase."""
    Process.objects.filter(owner=person).delete()
    for process in Process.objects.filter(team_members=person):
        process.team_members.remove(person)
    ProcessEntry.objects.filter(author=person).delete()

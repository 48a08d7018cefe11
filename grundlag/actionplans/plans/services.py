"""Writes of action plans: starting one for a unit, saving its parts (refused when someone saved after it was
opened), its status, sharing, the expectations and indicators it is tied to (an indicator's baseline figures
copied through the gate when it is attached), its actions (Tiltag og Tegn), follow-ups, and its PDF and Word
files. Only the plan's people (its owner and team members) change it; only the owner shares it.

The audit rows name the plan by its owner, never what it says."""

import datetime
import io
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.frameworks.models import Expectation
from grundlag.indicators.models import Indicator
from grundlag.indicators.rules import leads_unit
from grundlag.organisation.models import Person, Unit
from grundlag.organisation.selectors import person_for_user

from ..models import (
    Action,
    ActionPlan,
    BaselineFigure,
    EvaluationEntry,
    FollowUp,
    PlanRevision,
    PlanStatus,
    Process,
)
from ..rules import is_plan_editor_person
from .exports import plan_docx, plan_pdf
from .figures import baseline_figures_make
from .selectors import expectation_choices, plan_baseline, team_member_candidates

_By = User | AnonymousUser | None

# The plan's own parts that a revision keeps (its history), in the template's order.
REVISED_FIELDS = ("title", "baseline", "goal", "evaluation", "evaluate_on", "status")


def _person(by: _By) -> Person | None:
    return person_for_user(user=by) if by is not None else None


def _editor(*, plan: ActionPlan, by: _By) -> Person:
    """The acting person, if they write in the plan; a refusal for anyone else (the views never get here)."""
    person = _person(by)
    if person is None or not is_plan_editor_person(plan=plan, person=person):
        raise ValidationError(_("Only the plan's owner and leadership team change it."), code="not_editor")
    return person


def _revision_write(*, plan: ActionPlan, by: Person | None) -> PlanRevision:
    data: dict[str, Any] = {field: getattr(plan, field) for field in REVISED_FIELDS}
    data["evaluate_on"] = plan.evaluate_on.isoformat() if plan.evaluate_on else None
    revision = PlanRevision(plan=plan, revision=plan.revision, data=data, saved_by=by)
    revision.full_clean()
    revision.save()
    return revision


def _team_checked(*, owner: Person, members: Iterable[Person]) -> list[Person]:
    chosen = [member for member in dict.fromkeys(members) if member.pk != owner.pk]
    allowed = set(team_member_candidates(owner=owner).values_list("pk", flat=True))
    if any(member.pk not in allowed for member in chosen):
        raise ValidationError(
            _("A plan's leadership team are leaders you lead or leaders beside you under the same manager."),
            code="member",
        )
    return chosen


@transaction.atomic
def plan_create(
    *,
    unit: Unit,
    owner: Person,
    title: str,
    by: _By,
    goal: str = "",
    baseline: str = "",
    team_members: Iterable[Person] = (),
    process: Process | None = None,
) -> ActionPlan:
    """Start an action plan for a unit, owned by the leader starting it (who leads the unit or a unit above
    it), with the leadership team's members; `process`: the 5F process whose Frigør step it comes from."""
    person = _person(by)
    if person is None or person.pk != owner.pk:
        raise ValidationError(_("An action plan is started by the leader who owns it."), code="not_owner")
    if by is None or not leads_unit(by, unit):
        raise ValidationError(
            _("An action plan is made for a unit you lead or a unit below it."), code="not_leader"
        )
    members = _team_checked(owner=owner, members=team_members)
    plan = ActionPlan(
        unit=unit, owner=owner, title=title.strip(), goal=goal.strip(), baseline=baseline.strip()
    )
    plan.full_clean()
    plan.save()
    plan.team_members.set(members)
    _revision_write(plan=plan, by=person)
    if process is not None:
        process.plan = plan
        process.save(update_fields=["plan"])
    audit_record(user=by, action="actionplans.plan_create", obj=plan, detail=f"team={len(members)}")
    return plan


def _conflict_check(*, current: ActionPlan, expected_revision: int) -> None:
    if current.revision != expected_revision:
        raise ValidationError(
            _(
                "Someone saved this plan after you opened it. Your text is kept below, beside the version "
                "they saved: compare the two and save again to keep yours."
            ),
            code="conflict",
        )


@transaction.atomic
def plan_save(
    *,
    plan: ActionPlan,
    expected_revision: int,
    by: _By,
    title: str,
    baseline: str,
    goal: str,
    evaluation: str,
    evaluate_on: datetime.date | None,
) -> ActionPlan:
    """Save the plan's parts if it is still at the revision it was opened at; otherwise refuse (the caller
    keeps what was typed and shows the saved version beside it). Writes a revision row: the history."""
    person = _editor(plan=plan, by=by)
    current = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    _conflict_check(current=current, expected_revision=expected_revision)
    current.title, current.baseline, current.goal = title.strip(), baseline.strip(), goal.strip()
    current.evaluation, current.evaluate_on = evaluation.strip(), evaluate_on
    current.revision += 1
    current.full_clean()
    current.save()
    _revision_write(plan=current, by=person)
    audit_record(user=by, action="actionplans.plan_save", obj=current, detail=f"revision={current.revision}")
    return current


@transaction.atomic
def plan_status_set(*, plan: ActionPlan, status: str, expected_revision: int, by: _By) -> ActionPlan:
    """Change the plan's status (being written, under way, evaluated, dropped), as a revision of its own."""
    person = _editor(plan=plan, by=by)
    current = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    _conflict_check(current=current, expected_revision=expected_revision)
    if status not in PlanStatus.values:
        raise ValidationError(_("Choose one of the plan's statuses."), code="status")
    current.status = status
    current.revision += 1
    current.full_clean()
    current.save()
    _revision_write(plan=current, by=person)
    audit_record(user=by, action="actionplans.plan_status", obj=current, detail=f"status={status}")
    return current


@transaction.atomic
def plan_share(
    *, plan: ActionPlan, team_members: Iterable[Person], shared_with_superior: bool, by: _By
) -> ActionPlan:
    """Choose the leadership team (read and edit) and whether the owner's superiors read the plan; only the
    owner does."""
    person = _person(by)
    if person is None or person.pk != plan.owner_id:
        raise ValidationError(_("Only the plan's owner chooses whom it is shared with."), code="not_owner")
    members = _team_checked(owner=plan.owner, members=team_members)
    plan.shared_with_superior = shared_with_superior
    plan.full_clean()
    plan.save(update_fields=["shared_with_superior", "updated_at"])
    plan.team_members.set(members)
    audit_record(
        user=by,
        action="actionplans.plan_share",
        obj=plan,
        detail=f"team={len(members)}",
    )
    return plan


@transaction.atomic
def plan_expectations_set(*, plan: ActionPlan, expectations: Iterable[Expectation], by: _By) -> ActionPlan:
    """Tie the plan to expectations of the foundation at its owner's level (replacing those tied before)."""
    _editor(plan=plan, by=by)
    chosen = list(dict.fromkeys(expectations))
    allowed = {expectation.pk for expectation in expectation_choices(plan=plan)}
    if any(expectation.pk not in allowed for expectation in chosen):
        raise ValidationError(
            _("A plan is tied to expectations of its owner's level in the leadership foundation."),
            code="expectation",
        )
    plan.expectations.set(chosen)
    audit_record(user=by, action="actionplans.plan_expectations", obj=plan, detail=f"count={len(chosen)}")
    return plan


@transaction.atomic
def plan_indicator_attach(
    *, plan: ActionPlan, indicator: Indicator, by: _By, period_start: datetime.date | None = None
) -> list[BaselineFigure]:
    """Tie an indicator to the plan and copy its baseline figures (the unit's, its parent units' and the
    national one in the latest period, as the gate shows them); attached before: nothing changes.
    `period_start`: the baseline of an earlier period of the unit's (a plan written down after it began).
    Only someone who may see the unit's figures ties one: the plan is no way round the figures' audience."""
    _editor(plan=plan, by=by)
    if by is None or not by.has_perm("indicators.view_unit_figures", plan.unit):
        raise ValidationError(
            _("Only the unit's leaders and the leaders above it tie its figures to a plan."), code="figures"
        )
    if plan.indicators.filter(pk=indicator.pk).exists():
        return list(plan.baseline_figures.filter(indicator=indicator))
    plan.indicators.add(indicator)
    figures = baseline_figures_make(
        plan_id=plan.pk, indicator=indicator, unit=plan.unit, period_start=period_start
    )
    for figure in figures:
        figure.full_clean()
        figure.save()
    audit_record(user=by, action="actionplans.plan_indicator_attach", obj=plan)
    return figures


@transaction.atomic
def plan_indicator_detach(*, plan: ActionPlan, indicator: Indicator, by: _By) -> ActionPlan:
    """Untie an indicator from the plan, with its baseline figures."""
    _editor(plan=plan, by=by)
    plan.indicators.remove(indicator)
    plan.baseline_figures.filter(indicator=indicator).delete()
    audit_record(user=by, action="actionplans.plan_indicator_detach", obj=plan)
    return plan


@transaction.atomic
def plan_action_add(
    *,
    plan: ActionPlan,
    what: str,
    by: _By,
    who: str = "",
    when: str = "",
    due: datetime.date | None = None,
    episode: str = "",
    signs: str = "",
) -> Action:
    """Add a Tiltag with its Tegn: what to try, who does what and when, the episode or situation it is tied
    to, and the signs of success."""
    _editor(plan=plan, by=by)
    action = Action(
        plan=plan,
        what=what.strip(),
        who=who.strip(),
        when=when.strip(),
        due=due,
        episode=episode.strip(),
        signs=signs.strip(),
        position=plan.actions.count(),
    )
    action.full_clean()
    action.save()
    audit_record(user=by, action="actionplans.action_add", obj=plan)
    return action


@transaction.atomic
def plan_action_update(
    *,
    action: Action,
    by: _By,
    what: str,
    who: str,
    when: str,
    due: datetime.date | None,
    episode: str,
    signs: str,
    done: bool,
) -> Action:
    """Change an action, and record it done (today, unless it was done before) or not done."""
    _editor(plan=action.plan, by=by)
    action.what, action.who, action.when, action.due = what.strip(), who.strip(), when.strip(), due
    action.episode, action.signs = episode.strip(), signs.strip()
    action.done_on = (action.done_on or timezone.localdate()) if done else None
    action.full_clean()
    action.save()
    audit_record(user=by, action="actionplans.action_update", obj=action.plan)
    return action


@transaction.atomic
def plan_action_done(*, action: Action, done: bool, by: _By) -> Action:
    """Mark an action done today (kept if it was done before), or not done."""
    _editor(plan=action.plan, by=by)
    action.done_on = (action.done_on or timezone.localdate()) if done else None
    action.save(update_fields=["done_on"])
    audit_record(user=by, action="actionplans.action_done", obj=action.plan, detail=f"done={done}")
    return action


@transaction.atomic
def plan_follow_up_add(
    *,
    plan: ActionPlan,
    held_on: datetime.date,
    by: _By,
    signs_seen: str = "",
    note: str = "",
    next_on: datetime.date | None = None,
) -> FollowUp:
    """Record a follow-up: the signs seen, what was learned and adjusted, and the next follow-up's date
    (after this one)."""
    person = _editor(plan=plan, by=by)
    if next_on is not None and next_on <= held_on:
        raise ValidationError(_("The next follow-up comes after this one."), code="next_before")
    follow_up = FollowUp(
        plan=plan,
        held_on=held_on,
        signs_seen=signs_seen.strip(),
        note=note.strip(),
        next_on=next_on,
        author=person,
    )
    follow_up.full_clean()
    follow_up.save()
    audit_record(user=by, action="actionplans.follow_up_add", obj=plan)
    return follow_up


@transaction.atomic
def plan_export(*, plan: ActionPlan, kind: str, by: _By) -> bytes:
    """The plan written out as a PDF ("pdf") or a Word file ("docx") for someone the selector let read it; the
    audit row names the format, never the text."""
    baseline = plan_baseline(plan=plan, user=by) if by is not None else []  # as the reader may see them
    if kind == "pdf":
        body = plan_pdf(plan=plan, baseline=baseline)
    elif kind == "docx":
        buffer = io.BytesIO()
        plan_docx(plan=plan, baseline=baseline).save(buffer)
        body = buffer.getvalue()
    else:
        raise ValueError(f"no export as {kind}")
    audit_record(user=by, action="actionplans.plan_export", obj=plan, detail=f"format={kind}")
    return body


def plans_person_erase(*, person: Person) -> None:
    """The person's part of action plans at their erasure: a plan they own with a leadership team passes to
    the team's first member by name (it is the team's work too); a plan they keep alone goes, with its
    history. They leave the teams of others' plans, and what they wrote keeps no name."""
    for plan in ActionPlan.objects.filter(owner=person).prefetch_related("team_members"):
        heirs = sorted(plan.team_members.all(), key=lambda member: (member.name, member.pk))
        if not heirs:
            plan.delete()
            continue
        plan.owner = heirs[0]
        plan.save(update_fields=["owner"])
        plan.team_members.remove(heirs[0])
    for plan in ActionPlan.objects.filter(team_members=person):
        plan.team_members.remove(person)
    PlanRevision.objects.filter(saved_by=person).update(saved_by=None)
    FollowUp.objects.filter(author=person).update(author=None)
    EvaluationEntry.objects.filter(author=person).update(author=None)

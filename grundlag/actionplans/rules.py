"""Who may do what with action plans and a unit's evaluation log (loaded by rules' autodiscovery).

An action plan is private to its people: its owner and the leadership team's members read and edit it, and the
leaders above the owner in the chain read it when the owner shares it with them. Nobody else sees it, the
administrator included: the selectors answer 404. A plan is started for a unit by a leader of the unit or of a
unit above it.

A unit's evaluation log is the unit's record, read by the same people as the unit's figures (the administrator
and the leaders of the unit or of a unit above it) and written by the leaders of the unit itself.
"""

import rules

from grundlag.core.rules import is_administrator, is_signed_in
from grundlag.indicators.rules import leads_a_unit, leads_unit, units_led_ids
from grundlag.organisation.models import Person, Unit
from grundlag.organisation.rules import is_leader
from grundlag.organisation.selectors import is_above_in_chain, person_for_user

from .models import ActionPlan
from .process import rules as process_rules  # noqa: F401  (the 5F process's permissions)


def _person(user) -> Person | None:
    return person_for_user(user=user) if user.is_authenticated and user.is_active else None


def is_plan_owner_person(*, plan: ActionPlan, person: Person | None) -> bool:
    return person is not None and plan.owner_id == person.pk


def is_plan_editor_person(*, plan: ActionPlan, person: Person | None) -> bool:
    """The person writes in the plan: its owner or a member of its leadership team."""
    if person is None:
        return False
    return plan.owner_id == person.pk or plan.team_members.filter(pk=person.pk).exists()


def is_plan_reader_person(*, plan: ActionPlan, person: Person | None) -> bool:
    """The person reads the plan: its people, or a leader above the owner when the owner shares it so."""
    if is_plan_editor_person(plan=plan, person=person):
        return True
    return (
        person is not None
        and plan.shared_with_superior
        and is_above_in_chain(manager=person, person=plan.owner)
    )


@rules.predicate
def is_plan_owner(user, plan: ActionPlan | None) -> bool:
    return plan is not None and is_plan_owner_person(plan=plan, person=_person(user))


@rules.predicate
def is_plan_editor(user, plan: ActionPlan | None) -> bool:
    return plan is not None and is_plan_editor_person(plan=plan, person=_person(user))


@rules.predicate
def is_plan_reader(user, plan: ActionPlan | None) -> bool:
    return plan is not None and is_plan_reader_person(plan=plan, person=_person(user))


@rules.predicate
def leads_unit_itself(user, unit: Unit | None) -> bool:
    """The user holds a leadership post in the unit itself today (not only above it)."""
    return unit is not None and unit.pk in units_led_ids(user=user)


rules.add_perm("actionplans.view_plan", is_signed_in & is_plan_reader)
rules.add_perm("actionplans.change_plan", is_signed_in & is_plan_editor)
rules.add_perm("actionplans.share_plan", is_signed_in & is_plan_owner)
rules.add_perm("actionplans.create_plan", is_signed_in & leads_unit)  # obj: the unit
rules.add_perm("actionplans.view_log", is_signed_in & (is_administrator | leads_unit))  # obj: the unit
rules.add_perm("actionplans.write_log", is_signed_in & leads_unit_itself)  # obj: the unit
rules.add_perm("actionplans.view_logs", is_signed_in & (is_administrator | leads_a_unit))
# The menu and the list of plans; asked on every page, so by the leader predicate asked once a request.
rules.add_perm("actionplans.use_plans", is_signed_in & is_leader)

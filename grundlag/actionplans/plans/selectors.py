"""Reads of action plans, by who asks. A plan is read and written by its owner and its leadership team's
members, and read (only) by the leaders above the owner in the chain when the owner shares it with them.
Everyone else, an administrator included, finds nothing: 404, the same as for a plan that is not there."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from grundlag.core.rules import require
from grundlag.development.plans.selectors import leader_level, level_sections
from grundlag.development.plans.selectors import team_member_candidates as development_team_candidates
from grundlag.frameworks.models import Expectation
from grundlag.frameworks.selectors import SectionContent
from grundlag.indicators.models import Indicator
from grundlag.indicators.publication import Withheld, Withholding
from grundlag.indicators.publication_cache import publications_cached
from grundlag.indicators.rules import units_led_ids
from grundlag.organisation.models import Person, Unit
from grundlag.organisation.selectors import is_above_in_chain, people_below, person_for_user, units_below

from ..models import Action, ActionPlan, BaselineFigure, FollowUp, PlanRevision

Viewer = User | AnonymousUser

OWNER, MEMBER, SUPERIOR = "owner", "member", "superior"


def team_member_candidates(*, owner: Person) -> QuerySet[Person]:
    """The leaders an owner may take into a plan's leadership team: the leaders they lead along the chain and
    the leaders beside them under the same manager (as for a development plan's team). Their superiors are
    not among them: they read a plan when it is shared with them, and do not write in it."""
    return development_team_candidates(leader=owner)


def _person(user: Viewer) -> Person:
    person = person_for_user(user=user) if user.is_authenticated else None
    if person is None:
        raise Http404
    return person


@dataclass(frozen=True)
class PlanAccess:
    """A plan and what the signed-in person may do with it."""

    plan: ActionPlan
    person: Person
    role: str

    @property
    def can_edit(self) -> bool:
        return self.role in (OWNER, MEMBER)

    @property
    def is_owner(self) -> bool:
        return self.role == OWNER


def _role(*, plan: ActionPlan, person: Person) -> str | None:
    if plan.owner_id == person.pk:
        return OWNER
    if plan.team_members.filter(pk=person.pk).exists():
        return MEMBER
    if plan.shared_with_superior and is_above_in_chain(manager=person, person=plan.owner):
        return SUPERIOR
    return None


def plan_get_for_user(*, user: Viewer, pk: int, edit: bool = False) -> PlanAccess:
    """One plan the signed-in person may read (404 for any other, whoever asks) and their role in it; asked
    for editing, 403 for a superior, who only reads."""
    person = _person(user)
    plan = ActionPlan.objects.filter(pk=pk).select_related("unit", "owner").first()
    role = _role(plan=plan, person=person) if plan is not None else None
    if plan is None or role is None:
        raise Http404
    if edit and role == SUPERIOR:
        raise PermissionDenied
    return PlanAccess(plan=plan, person=person, role=role)


def plan_owned_for_user(*, user: Viewer, pk: int) -> ActionPlan:
    """One plan for its owner's own actions (sharing); 404 for anyone who may not read it, 403 for a reader
    who does not own it."""
    access = plan_get_for_user(user=user, pk=pk)
    if not access.is_owner:
        raise PermissionDenied
    return access.plan


def _readable(person: Person) -> Q:
    below = people_below(person=person)
    return Q(owner=person) | Q(team_members=person) | Q(shared_with_superior=True, owner_id__in=below)


def plans_for_user(*, user: Viewer) -> QuerySet[ActionPlan]:
    """Every plan the signed-in person may read: their own, their leadership teams', and those the leaders
    below them share with them, the latest changed first; none for someone who is no one."""
    person = person_for_user(user=user) if user.is_authenticated else None
    if person is None:
        return ActionPlan.objects.none()
    ids = ActionPlan.objects.filter(_readable(person)).values("pk")
    return ActionPlan.objects.filter(pk__in=ids).select_related("unit", "owner")


@dataclass(frozen=True)
class PlanLists:
    own: list[ActionPlan]
    team: list[ActionPlan]
    shared: list[ActionPlan]


def plan_lists_for_user(*, user: Viewer) -> PlanLists:
    """The plans the signed-in person reads, as three lists: own, as a team member, shared with them."""
    person = _person(user)
    own: list[ActionPlan] = []
    team: list[ActionPlan] = []
    shared: list[ActionPlan] = []
    member_of = set(ActionPlan.objects.filter(team_members=person).values_list("pk", flat=True))
    for plan in plans_for_user(user=user):
        if plan.owner_id == person.pk:
            own.append(plan)
        elif plan.pk in member_of:
            team.append(plan)
        else:
            shared.append(plan)
    return PlanLists(own=own, team=team, shared=shared)


def plan_units_for_user(*, user: Viewer) -> list[Unit]:
    """The units the signed-in leader may start a plan for (those they lead and the units below them, by
    name); 404 for someone who is no one, 403 for someone who leads no unit."""
    _person(user)
    led = units_led_ids(user=user)
    if not led:
        raise PermissionDenied
    ids = set(led)
    for unit in Unit.objects.filter(pk__in=led):
        ids.update(units_below(unit=unit).values_list("pk", flat=True))
    return list(Unit.objects.filter(pk__in=ids).order_by("name", "pk"))


def plan_creator_for_user(*, user: Viewer, unit_pk: int | None = None) -> tuple[Person, Unit | None]:
    """The signed-in leader who starts a plan and the unit chosen (None: not chosen yet); 403 for a unit they
    may not start a plan for."""
    person = _person(user)
    if unit_pk is None:
        return person, None
    unit = Unit.objects.filter(pk=unit_pk).first()
    if unit is None:
        raise Http404
    require(user, "actionplans.create_plan", unit)
    return person, unit


def expectation_choices(*, plan: ActionPlan) -> list[Expectation]:
    """The expectations a plan may be tied to: those of its owner's level, in the foundation's order."""
    return [
        expectation for content in expectation_sections(plan=plan) for expectation in content.expectations
    ]


def expectation_sections(*, plan: ActionPlan) -> list[SectionContent]:
    """The sections of the foundation at the owner's level that hold expectations, for the picker."""
    return level_sections(level=leader_level(leader=plan.owner))


def indicator_choices() -> QuerySet[Indicator]:
    """The indicators a plan may be tied to, by name."""
    return Indicator.objects.order_by("name", "key")


def plan_indicator_get(*, plan: ActionPlan, pk: int) -> Indicator:
    """An indicator tied to the plan (the caller has checked the plan); 404 for any other."""
    indicator = plan.indicators.filter(pk=pk).first()
    if indicator is None:
        raise Http404
    return indicator


def plan_action_get_for_user(*, user: Viewer, plan_pk: int, pk: int) -> Action:
    """An action of a plan the signed-in person writes in; 404 for a plan they do not read or an action not in
    it, 403 for a superior, who only reads."""
    access = plan_get_for_user(user=user, pk=plan_pk, edit=True)
    action = Action.objects.filter(pk=pk, plan=access.plan).select_related("plan").first()
    if action is None:
        raise Http404
    return action


def plan_revisions_for_user(*, user: Viewer, pk: int) -> tuple[PlanAccess, list[PlanRevision]]:
    """The history of a plan the person may read, the latest first."""
    access = plan_get_for_user(user=user, pk=pk)
    return access, list(PlanRevision.objects.filter(plan=access.plan).select_related("saved_by"))


def plan_baseline(*, plan: ActionPlan, user: Viewer) -> list[BaselineFigure]:
    """The plan's baseline figures as this reader may see them, by indicator, the plan's unit first, then the
    units above, the country last.

    None at all for a reader who may not see the plan unit's figures on the indicator pages (a team member
    leading a school beside it, a superior above the owner but not above the unit): reading a plan is not a
    way round the figures' own audience. A kept figure that the gate withholds today (a later import raised
    the indicator's minimum n, or a correction made a neighbour small) is given without its value, with
    today's reason, as every page gives it; the copy itself is kept as it was taken."""
    if not user.has_perm("indicators.view_unit_figures", plan.unit):
        return []
    figures = list(
        plan.baseline_figures.select_related("indicator", "unit").order_by("indicator__name", "pk")
    )
    decided = publications_cached(
        wanted={(figure.indicator, figure.period_kind, figure.period_start) for figure in figures}
    )
    for figure in figures:
        publication = decided[(figure.indicator_id, figure.period_kind, figure.period_start)]
        today = publication.national if figure.unit_id is None else publication.figures.get(figure.unit_id)
        if figure.value is not None and (today is None or not today.shown):
            figure.value, figure.n, figure.sd = None, None, None  # never saved: a reader's copy
            figure.withheld = today.reason if isinstance(today, Withheld) else Withholding.NOT_PUBLISHED
    return figures


def plan_follow_ups(*, plan: ActionPlan) -> list[FollowUp]:
    return list(plan.follow_ups.select_related("author"))

"""Reads of development plans, by who asks: the plan's people (its leader, and a team plan's members) see
all of it; anyone above the leader in the chain sees the shared goals only, read-only; everyone else, an
administrator included, finds nothing (404)."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from grundlag.frameworks.models import Expectation, Level
from grundlag.frameworks.selectors import SectionContent
from grundlag.organisation.models import Person
from grundlag.organisation.selectors import (
    direct_reports,
    expected_at_level_for_post,
    is_above_in_chain,
    leaders_below,
    level_current,
    managers_of,
    people_below,
    person_for_user,
    posts_active,
)

from ..dialogues.pack import pack_report
from ..models import Action, Dialogue, Goal, GoalStatus, Plan

Viewer = User | AnonymousUser

LEADER, MEMBER, SUPERIOR = "leader", "member", "superior"


def leader_level(*, leader: Person) -> Level | None:
    """The level of the leader's main leadership post, in the latest published version of its foundation."""
    for post in posts_active(person=leader):
        if post.level is not None and (level := level_current(level=post.level)) is not None:
            return level
    return None


def level_sections(*, level: Level | None) -> list[SectionContent]:
    """The sections of the foundation at the level that hold expectations, in the foundation's order."""
    if level is None:
        return []
    return [content for content in expected_at_level_for_post(level=level) if content.expectations]


def plan_leader_for_user(*, user: Viewer) -> Person:
    """The signed-in leader (a person on a leadership level) whose own plan and sparring log these are; 404
    for anyone else, an administrator who is no one in the organisation included."""
    person = person_for_user(user=user)
    if person is None or leader_level(leader=person) is None:
        raise Http404
    return person


def is_plan_leader_for_user(*, user: Viewer) -> bool:
    """Whether the signed-in person holds a post on a leadership level, and so keeps a plan and a sparring
    log: one query, for the start page."""
    person = person_for_user(user=user)
    return person is not None and posts_active(person=person).filter(level__isnull=False).exists()


def is_plan_person(*, plan: Plan, person: Person | None) -> bool:
    """Whether the person works on the plan: its leader, or a member of a team plan."""
    if person is None:
        return False
    return plan.leader_id == person.pk or plan.members.filter(pk=person.pk).exists()


@dataclass
class PlanView:
    """A plan as the person asking sees it: every goal for the plan's people, the shared ones for a
    superior (read-only)."""

    plan: Plan
    role: str
    goals: list[Goal]

    @property
    def writable(self) -> bool:
        return self.role in (LEADER, MEMBER)

    @property
    def is_own(self) -> bool:
        return self.plan.team_name == ""


def _plan_goals(*, plan: Plan, shared_only: bool) -> list[Goal]:
    goals = plan.goals.select_related("section", "expectation", "dialogue").prefetch_related("actions")
    return list(goals.filter(shared=True) if shared_only else goals)


def plan_get_for_user(*, user: Viewer, pk: int, shared_only: bool = False) -> PlanView:
    """One plan for its people (every goal), or for someone above its leader in the chain (the shared goals
    only, read-only); 404 for anyone else, an administrator included. `shared_only`: the shared goals
    whoever asks (the API)."""
    person = person_for_user(user=user)
    plan = Plan.objects.select_related("leader").filter(pk=pk).first()
    if plan is None or person is None:
        raise Http404
    if plan.leader_id == person.pk:
        role = LEADER
    elif plan.members.filter(pk=person.pk).exists():
        role = MEMBER
    elif is_above_in_chain(manager=person, person=plan.leader):
        role = SUPERIOR
    else:
        raise Http404
    return PlanView(
        plan=plan, role=role, goals=_plan_goals(plan=plan, shared_only=shared_only or role == SUPERIOR)
    )


def plan_writable_get_for_user(*, user: Viewer, pk: int) -> Plan:
    """A plan the signed-in person works on (its leader or a member); 404 for anyone else, a superior who may
    read its shared goals included."""
    plan = Plan.objects.select_related("leader").filter(pk=pk).first()
    if plan is None or not is_plan_person(plan=plan, person=person_for_user(user=user)):
        raise Http404
    return plan


def goal_get_for_user(*, user: Viewer, plan: Plan, pk: int) -> Goal:
    """A goal of a plan the signed-in person works on; 404 for any other."""
    goal = Goal.objects.select_related("plan__leader").filter(pk=pk, plan=plan).first()
    if goal is None or not is_plan_person(plan=plan, person=person_for_user(user=user)):
        raise Http404
    return goal


def action_get_for_user(*, user: Viewer, plan: Plan, pk: int) -> Action:
    """An action of a plan the signed-in person works on; 404 for any other."""
    action = Action.objects.select_related("goal__plan__leader").filter(pk=pk, goal__plan=plan).first()
    if action is None or not is_plan_person(plan=plan, person=person_for_user(user=user)):
        raise Http404
    return action


def _worked_on(person: Person) -> Q:
    return Q(leader=person) | Q(members=person)


def plans_worked_on_for_user(*, user: Viewer) -> QuerySet[Plan]:
    """The plans the signed-in person works on: their own first, then their team plans by name."""
    person = person_for_user(user=user)
    if person is None:
        return Plan.objects.none()
    return (
        Plan.objects.filter(_worked_on(person))
        .distinct()
        .select_related("leader")
        .order_by("team_name", "pk")
    )


def team_plans_for_user(*, user: Viewer) -> QuerySet[Plan]:
    """The team plans the signed-in person keeps, as the team's leader or a member."""
    return plans_worked_on_for_user(user=user).exclude(team_name="")


def plans_shared_with_user(*, user: Viewer) -> QuerySet[Plan]:
    """The plans of the leaders below the signed-in person in the chain that share a goal with their
    superiors, by the leader's name; not those the person works on themself."""
    person = person_for_user(user=user)
    if person is None:
        return Plan.objects.none()
    return (
        Plan.objects.filter(leader_id__in=people_below(person=person), goals__shared=True)
        .exclude(_worked_on(person))
        .distinct()
        .select_related("leader")
        .order_by("leader__name", "team_name", "pk")
    )


def plans_for_user(*, user: Viewer) -> QuerySet[Plan]:
    """Every plan the signed-in person may read: those they work on and those shared with them."""
    person = person_for_user(user=user)
    if person is None:
        return Plan.objects.none()
    worked_on = plans_worked_on_for_user(user=user).values("pk")
    shared = plans_shared_with_user(user=user).values("pk")
    return Plan.objects.filter(Q(pk__in=worked_on) | Q(pk__in=shared)).select_related("leader").order_by("pk")


def team_member_candidates(*, leader: Person) -> QuerySet[Person]:
    """The leaders a leader may keep a team plan with: those they lead along the chain and those on a
    leadership level beside them (under the same manager)."""
    beside = Q(pk__in=[])
    for manager in managers_of(person=leader):
        beside |= Q(pk__in=direct_reports(person=manager).filter(level__isnull=False).values("person_id"))
    below = Q(pk__in=leaders_below(person=leader).values("person_id"))
    return Person.objects.filter(below | beside).exclude(pk=leader.pk).order_by("name", "pk")


def team_member_choices_for_user(*, user: Viewer) -> QuerySet[Person]:
    """The leaders the signed-in leader may pick as a team plan's members; 404 for anyone not a leader."""
    return team_member_candidates(leader=plan_leader_for_user(user=user))


def goal_choices(*, plan: Plan) -> list[SectionContent]:
    """What a goal of the plan may be tied to: the sections and expectations at its leader's level."""
    return level_sections(level=leader_level(leader=plan.leader))


def report_statements_for_user(*, user: Viewer, plan: Plan) -> list[str]:
    """The blind spots and hidden strengths of the leader's latest 360° report, for a goal of their own plan:
    only the leader themself gets them (never a team plan's members or a superior)."""
    person = person_for_user(user=user)
    if person is None or plan.leader_id != person.pk or plan.team_name:
        return []
    report = pack_report(dialogue=Dialogue(leader=person)) or {}
    return [s["text"] for s in [*report.get("blind_spots", []), *report.get("hidden_strengths", [])]]


def goal_expectation(*, plan: Plan, pk: int | None) -> Expectation | None:
    """The expectation a goal of the plan is tied to, if it is one of its leader's level; else None."""
    if pk is None:
        return None
    for content in goal_choices(plan=plan):
        for expectation in content.expectations:
            if expectation.pk == pk:
                return expectation
    return None


@dataclass
class NextAction:
    action: Action
    overdue: bool


def next_actions_for_user(*, user: Viewer, limit: int = 3) -> list[NextAction]:
    """The next undone actions with a date in the plans the signed-in person works on, earliest first; the
    goals that were reached or dropped left out."""
    person = person_for_user(user=user)
    if person is None:
        return []
    today: datetime.date = timezone.localdate()
    actions = (
        Action.objects.filter(done_on__isnull=True, due__isnull=False)
        .filter(goal__plan__in=Plan.objects.filter(_worked_on(person)).values("pk"))
        .exclude(goal__status__in=(GoalStatus.REACHED, GoalStatus.DROPPED))
        .select_related("goal__plan")
        .order_by("due", "pk")[:limit]
    )
    return [
        NextAction(action=action, overdue=action.due is not None and action.due < today) for action in actions
    ]


def goals_to_pick_for_user(*, user: Viewer) -> QuerySet[Goal]:
    """The goals not reached or dropped in the plans the signed-in person works on, to put an action under."""
    person = person_for_user(user=user)
    if person is None:
        return Goal.objects.none()
    return (
        Goal.objects.filter(plan__in=Plan.objects.filter(_worked_on(person)).values("pk"))
        .exclude(status__in=(GoalStatus.REACHED, GoalStatus.DROPPED))
        .select_related("plan")
        .order_by("plan__team_name", "plan_id", "position", "pk")
    )

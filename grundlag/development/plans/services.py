"""Writes of development plans: a leader's own plan and team plans, goals tied to the foundation at the
leader's level, actions, and the reminders of actions falling due.

Only the plan's people (its leader, and a team plan's members) change it. The audit rows name the plan (by
its leader), never a goal's or an action's text: a private goal is the plan's people's only."""

import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.frameworks.models import Expectation
from grundlag.organisation.models import Person
from grundlag.organisation.selectors import person_for_user

from ..dialogues.services import agreement_goal_changed
from ..models import Action, Goal, GoalStatus, Plan, SparringStep
from .selectors import is_plan_person, leader_level, level_sections, team_member_candidates

_By = User | AnonymousUser | None


def _plan_person(*, plan: Plan, by: _By) -> Person:
    """The acting person, if they work on the plan; a refusal for anyone else (the views never get here)."""
    person = person_for_user(user=by) if by is not None else None
    if person is None or not is_plan_person(plan=plan, person=person):
        raise ValidationError(
            _("You can only change a development plan that is yours or your leadership team's."),
            code="not_yours",
        )
    return person


@transaction.atomic
def plan_own_get(*, leader: Person) -> Plan:
    """The leader's own development plan, made the first time it is asked for (one each, kept from year to
    year)."""
    plan, created = Plan.objects.get_or_create(leader=leader, team_name="")
    if created:
        audit_record(user=leader.user, action="development.plan_create", obj=plan)
    return plan


@transaction.atomic
def team_plan_create(*, leader: Person, team_name: str, members: list[Person], by: _By) -> Plan:
    """A leader starts a plan with a leadership team: its other leaders, whom they lead or lead beside, are
    its members and work on it as the leader does."""
    person = person_for_user(user=by) if by is not None else None
    if person is None or person.pk != leader.pk:
        raise ValidationError(_("You can only start a team plan that you lead yourself."), code="not_leader")
    allowed = set(team_member_candidates(leader=leader).values_list("pk", flat=True))
    if any(member.pk not in allowed for member in members):
        raise ValidationError(
            _("A team plan's members are leaders you lead or leaders beside you under the same manager."),
            code="member",
        )
    plan = Plan(leader=leader, team_name=team_name.strip())
    if not plan.team_name:
        raise ValidationError(_("Give the leadership team a name."), code="name")
    plan.full_clean()
    plan.save()
    plan.members.set(members)
    audit_record(user=by, action="development.plan_team_create", obj=plan, detail=f"members={len(members)}")
    return plan


def _section_of(*, plan: Plan, section_id: int | None, expectation: Expectation | None) -> int | None:
    """The section a goal is tied to: the expectation's, else the one given; refused unless it is of the
    level of the plan's leader."""
    if expectation is None and section_id is None:
        return None
    sections = {
        content.section.pk: content for content in level_sections(level=leader_level(leader=plan.leader))
    }
    if expectation is not None:
        content = sections.get(expectation.section_id)
        if content is None or expectation.pk not in {e.pk for e in content.expectations}:
            raise ValidationError(
                _("A goal is tied to an expectation of the leader's own level in the leadership foundation."),
                code="expectation",
            )
        return expectation.section_id
    if section_id not in sections:
        raise ValidationError(
            _("A goal is tied to a section of the leadership foundation at the leader's own level."),
            code="section",
        )
    return section_id


@transaction.atomic
def goal_create(
    *,
    plan: Plan,
    title: str,
    description: str = "",
    section_id: int | None = None,
    expectation: Expectation | None = None,
    report_statement: str = "",
    shared: bool = False,
    by: _By,
) -> Goal:
    """Add a goal to a plan, tied to an expectation (or a section) of its leader's level and, if the leader
    likes, a statement of their 360° report; private unless shared with the superior."""
    _plan_person(plan=plan, by=by)
    goal = Goal(
        plan=plan,
        title=title.strip(),
        description=description.strip(),
        section_id=_section_of(plan=plan, section_id=section_id, expectation=expectation),
        expectation=expectation,
        report_statement=report_statement.strip(),
        shared=shared,
        position=plan.goals.count(),
    )
    goal.full_clean()
    goal.save()
    audit_record(user=by, action="development.goal_create", obj=plan)
    return goal


@transaction.atomic
def goal_update(*, goal: Goal, title: str, description: str, status: str, shared: bool, by: _By) -> Goal:
    """Change a goal: its title, description and status, and whether the superior sees it. A goal agreed in
    a development dialogue stays shared: both parties agreed it."""
    _plan_person(plan=goal.plan, by=by)
    if goal.dialogue_id is not None and not shared:
        raise ValidationError(
            _("A goal agreed in a development dialogue stays shared with the superior who agreed it."),
            code="agreed",
        )
    if (title.strip(), description.strip()) != (goal.title, goal.description):
        agreement_goal_changed(goal=goal)  # an agreed goal's words: both approve them again
    goal.title, goal.description = title.strip(), description.strip()
    goal.status, goal.shared = status, shared
    goal.full_clean()
    goal.save(update_fields=["title", "description", "status", "shared"])
    audit_record(user=by, action="development.goal_update", obj=goal.plan)
    return goal


@transaction.atomic
def action_add(
    *,
    goal: Goal,
    text: str,
    owner: str = "",
    due: datetime.date | None = None,
    by: _By,
    sparring_step: SparringStep | None = None,
) -> Action:
    """Add an action to a goal: what, who and by when (not in the past). `sparring_step`: the next step of a
    sparring session it comes from."""
    _plan_person(plan=goal.plan, by=by)
    if due is not None and due < timezone.localdate():
        raise ValidationError(_("The date of a new action cannot be in the past."), code="past")
    action = Action(goal=goal, text=text.strip(), owner=owner.strip(), due=due, sparring_step=sparring_step)
    action.full_clean()
    action.save()
    audit_record(user=by, action="development.action_add", obj=goal.plan)
    return action


@transaction.atomic
def action_update(
    *,
    action: Action,
    text: str,
    owner: str,
    due: datetime.date | None,
    done: bool,
    evidence: str,
    reflection: str,
    by: _By,
) -> Action:
    """Change an action, record it done (today, unless it was done before) and what shows it and what the
    leader learned. A new date is not in the past, and is reminded again."""
    _plan_person(plan=action.goal.plan, by=by)
    today = timezone.localdate()
    if due != action.due:
        if due is not None and due < today:
            raise ValidationError(_("An action cannot be moved to a date in the past."), code="past")
        action.reminded_on = None
    action.text, action.owner, action.due = text.strip(), owner.strip(), due
    action.done_on = (action.done_on or today) if done else None
    action.evidence, action.reflection = evidence.strip(), reflection.strip()
    action.full_clean()
    action.save()
    audit_record(user=by, action="development.action_update", obj=action.goal.plan)
    return action


# --- Reminders -----------------------------------------------------------------------------------------

# An action's reminder goes out this many days before its date.
REMINDER_DAYS_BEFORE = 7


def _action_email(*, action: Action, recipient: Person) -> EmailMultiAlternatives:
    plan = action.goal.plan
    language = recipient.language or settings.LANGUAGE_CODE
    path = reverse("development:plan") if plan.team_name == "" and plan.leader_id == recipient.pk else None
    with translation.override(language):
        context = {
            "recipient_name": recipient.name,
            "team_name": plan.team_name,
            "due": action.due,
            "link": settings.SITE_URL.rstrip("/")
            + (path or reverse("development:plan_detail", args=[plan.pk]))
            + f"#action-{action.pk}",
        }
        subject = "".join(render_to_string("development/email/plan_action_subject.txt", context).splitlines())
        body = render_to_string("development/email/plan_action_body.txt", context)
    return EmailMultiAlternatives(
        subject, body, None, [recipient.email], headers={"Content-Language": language}
    )


def _recipients(plan: Plan) -> list[Person]:
    people = [plan.leader, *plan.members.all()]
    return [person for person in people if person.email and person.erased_at is None]


def action_reminders_send(*, today: datetime.date | None = None) -> int:
    """E-mail the plan's leader (and a team plan's members) once, a week before the date of each action not
    done, of a goal still being worked on. Returns how many e-mails were sent. Run daily
    (`development_reminders_send`)."""
    today = today or timezone.localdate()
    due_soon = (
        Action.objects.filter(
            done_on__isnull=True,
            reminded_on__isnull=True,
            due__gte=today,
            due__lte=today + datetime.timedelta(days=REMINDER_DAYS_BEFORE),
        )
        .exclude(goal__status__in=(GoalStatus.REACHED, GoalStatus.DROPPED))
        .select_related("goal__plan__leader")
    )
    sent = 0
    for action in due_soon:
        with transaction.atomic():
            # Marked first, in the same transaction: a reminder is sent at most once even if two run.
            if not Action.objects.filter(pk=action.pk, reminded_on__isnull=True).update(reminded_on=today):
                continue
            for person in _recipients(action.goal.plan):
                _action_email(action=action, recipient=person).send()
                sent += 1
    audit_record(user=None, action="development.action_reminders_sent", detail=f"sent={sent}")
    return sent

"""Writes of the sparring log: logging a session with its next steps, adding a step to the development plan
with one action, and deleting a session. Only the leader writes (and reads) their log; the audit rows name the
leader, never what the session was about."""

import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.organisation.models import Person
from grundlag.organisation.selectors import person_for_user

from ..models import Action, Goal, SparringSession, SparringStep
from ..plans.selectors import leader_level, level_sections
from ..plans.services import action_add, goal_create, plan_own_get

_By = User | AnonymousUser | None

STEP_MAX_LENGTH = 500


def _leader(*, leader: Person, by: _By) -> Person:
    """The acting person, if they are the leader whose log it is; a refusal for anyone else."""
    person = person_for_user(user=by) if by is not None else None
    if person is None or person.pk != leader.pk:
        raise ValidationError(_("Only the leader keeps and reads their own sparring log."), code="not_leader")
    return person


def _steps(steps: list[str]) -> list[str]:
    texts = [" ".join(text.split()) for text in steps]
    texts = [text for text in texts if text]
    if any(len(text) > STEP_MAX_LENGTH for text in texts):
        raise ValidationError(
            _("A next step is at most %(n)s characters: split a longer one over two lines.")
            % {"n": STEP_MAX_LENGTH},
            code="step_length",
        )
    return texts


@transaction.atomic
def sparring_session_log(
    *,
    leader: Person,
    kind: str,
    partner: str,
    held_on: datetime.date,
    section_ids: list[int],
    notes: str,
    steps: list[str],
    by: _By,
) -> SparringSession:
    """Log a sparring session in the leader's own log: the kind, with whom, the day (not in the future), the
    themes (sections of the foundation at the leader's level), notes and the next steps."""
    _leader(leader=leader, by=by)
    if held_on > timezone.localdate():
        raise ValidationError(
            _("A sparring session is logged on or after the day it was held."), code="future"
        )
    themes = {content.section.pk for content in level_sections(level=leader_level(leader=leader))}
    if not set(section_ids) <= themes:
        raise ValidationError(
            _("A theme is a section of the leadership foundation at your own level."), code="theme"
        )
    texts = _steps(steps)
    session = SparringSession(
        leader=leader, kind=kind, partner=partner.strip(), held_on=held_on, notes=notes.strip()
    )
    session.full_clean()
    session.save()
    session.sections.set(section_ids)
    SparringStep.objects.bulk_create(SparringStep(session=session, text=text) for text in texts)
    audit_record(user=by, action="development.sparring_log", obj=session, detail=f"steps={len(texts)}")
    return session


def _session_goal(*, step: SparringStep, leader: Person, by: _By) -> Goal:
    """The goal of the leader's own plan that the session's steps go under when none is picked: the one an
    earlier step of the session went under, else a new one titled after the session."""
    earlier = (
        Action.objects.filter(
            sparring_step__session=step.session, goal__plan__leader=leader, goal__plan__team_name=""
        )
        .select_related("goal")
        .first()
    )
    if earlier is not None:
        return earlier.goal
    session = step.session
    at_level = {content.section.pk for content in level_sections(level=leader_level(leader=leader))}
    themes = [pk for pk in session.sections.values_list("pk", flat=True) if pk in at_level]
    title = _("From sparring: %(kind)s, %(date)s") % {
        "kind": session.get_kind_display().lower(),
        "date": formats.date_format(session.held_on, "DATE_FORMAT"),
    }
    return goal_create(
        plan=plan_own_get(leader=leader),
        title=title,
        section_id=themes[0] if len(themes) == 1 else None,
        by=by,
    )


@transaction.atomic
def sparring_step_to_plan(*, step: SparringStep, goal: Goal | None = None, by: _By) -> Action:
    """Add a next step of a sparring session to the leader's development plan with one action: an action
    under the goal they pick, or under a goal of their own plan titled after the session."""
    leader = _leader(leader=step.session.leader, by=by)
    if Action.objects.filter(sparring_step=step).exists():
        raise ValidationError(_("This next step is already in your development plan."), code="in_plan")
    if goal is None:
        goal = _session_goal(step=step, leader=leader, by=by)
    action = action_add(goal=goal, text=step.text, by=by, sparring_step=step)
    audit_record(user=by, action="development.sparring_step_to_plan", obj=step.session)
    return action


@transaction.atomic
def sparring_session_delete(*, session: SparringSession, by: _By) -> None:
    """Delete a session from the leader's log with its next steps; the actions they became stay."""
    _leader(leader=session.leader, by=by)
    audit_record(user=by, action="development.sparring_delete", obj=session.leader)
    session.delete()

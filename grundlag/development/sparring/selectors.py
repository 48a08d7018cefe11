"""Reads of the sparring log: the signed-in leader's own sessions only; 404 for everyone else, their superior
and an administrator included."""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import Http404

from grundlag.frameworks.models import Section

from ..models import SparringSession, SparringStep
from ..plans.selectors import leader_level, level_sections, plan_leader_for_user

Viewer = User | AnonymousUser


def sparring_sessions_for_user(*, user: Viewer) -> QuerySet[SparringSession]:
    """The signed-in leader's sparring sessions, the latest first; 404 for anyone who is not a leader."""
    leader = plan_leader_for_user(user=user)
    return SparringSession.objects.filter(leader=leader).prefetch_related("sections", "steps")


def sparring_session_get_for_user(*, user: Viewer, pk: int) -> SparringSession:
    """One session of the signed-in leader's log; 404 for any other, whoever asks."""
    session = sparring_sessions_for_user(user=user).filter(pk=pk).select_related("leader").first()
    if session is None:
        raise Http404
    return session


def sparring_step_get_for_user(*, user: Viewer, session: SparringSession, pk: int) -> SparringStep:
    """A next step of one of the signed-in leader's sessions; 404 for any other."""
    step = SparringStep.objects.filter(pk=pk, session=session).select_related("session__leader").first()
    if step is None or session.pk != sparring_session_get_for_user(user=user, pk=session.pk).pk:
        raise Http404
    return step


def sparring_themes_for_user(*, user: Viewer) -> list[Section]:
    """The sections of the foundation at the signed-in leader's level, to say what a session was about."""
    leader = plan_leader_for_user(user=user)
    return [content.section for content in level_sections(level=leader_level(leader=leader))]


def sparring_steps_for_user(*, user: Viewer, session: SparringSession) -> list[SparringStep]:
    """The next steps of one of the signed-in leader's sessions, each with the action it became, if any."""
    session = sparring_session_get_for_user(user=user, pk=session.pk)
    return list(SparringStep.objects.filter(session=session).select_related("action__goal__plan"))

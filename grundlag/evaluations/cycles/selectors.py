"""Reads of evaluation cycles for the administrators who run them: never who answered what."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise

from grundlag.core.rules import require
from grundlag.frameworks.models import Level
from grundlag.organisation.models import Person, Post, Unit
from grundlag.organisation.selectors import units_search, units_with_ancestors

from ..models import Cycle, Evaluee, Invitation, LocalQuestion, Question, RaterGroup

MANAGE_CYCLES = "evaluations.manage_cycles"
REMINDERS_MAX = 2
SEARCH_MIN_LETTERS = 3
SEARCH_MAX_RESULTS = 20


# --- Finding people and units by name (by POST, so no name is in an address or a log) ------------------


@dataclass
class Candidate:
    person: Person
    units: list[str] = field(default_factory=list)


def people_by_name(
    *,
    query: str,
    leaders_only: bool = False,
    excluded: Iterable[int | None] = (),
    on: datetime.date | None = None,
) -> list[Candidate]:
    """People with a post on the day whose name holds the query (at least 3 letters), at most 20, with
    their units; with `leaders_only`, only people on a leadership level."""
    query = " ".join(query.split())
    if len(query) < SEARCH_MIN_LETTERS:
        return []
    posts = Post.objects.active_on(on or timezone.localdate()).filter(
        person__name__icontains=query, person__erased_at__isnull=True
    )
    if leaders_only:
        posts = posts.filter(level__isnull=False)
    posts = posts.exclude(person_id__in=[pk for pk in excluded if pk is not None])
    found: dict[int, Candidate] = {}
    for post in posts.select_related("person", "unit").order_by("person__name", "person_id", "unit__name"):
        if post.person_id not in found:
            if len(found) == SEARCH_MAX_RESULTS:
                break
            found[post.person_id] = Candidate(person=post.person)
        if post.unit.name not in found[post.person_id].units:
            found[post.person_id].units.append(post.unit.name)
    return list(found.values())


@dataclass
class LeaderSearchResults:
    units: list[tuple[Unit, list[Unit]]]  # each unit with the units above it
    leaders: list[Candidate]


def evaluee_candidates_search(*, cycle: Cycle, query: str) -> LeaderSearchResults:
    """Units and leaders (not yet in the cycle) whose name holds the query, at most 20 of each."""
    query = " ".join(query.split())
    if len(query) < SEARCH_MIN_LETTERS:
        return LeaderSearchResults(units=[], leaders=[])
    return LeaderSearchResults(
        units=units_with_ancestors(units=units_search(query=query, limit=SEARCH_MAX_RESULTS)),
        leaders=people_by_name(
            query=query, leaders_only=True, excluded=cycle.evaluees.values_list("person_id", flat=True)
        ),
    )


def rater_candidates_search(*, evaluee: Evaluee, query: str) -> list[Candidate]:
    """People who could be added as raters of the leader: anyone not invited already (in a survey:
    not invited for any leader of it)."""
    invited = Invitation.objects.exclude(person=None)
    invited = (
        invited.filter(evaluee__cycle=evaluee.cycle)
        if evaluee.cycle.is_survey
        else invited.filter(evaluee=evaluee)
    )
    return people_by_name(query=query, excluded=invited.values_list("person_id", flat=True))


def cycles_for_user(*, user: User | AnonymousUser) -> QuerySet[Cycle]:
    """Every cycle, newest first, for an administrator; 403 for anyone else."""
    require(user, MANAGE_CYCLES)
    return (
        Cycle.objects.select_related("framework_version__framework")
        .annotate(leaders=Count("evaluees", distinct=True))
        .order_by("-created_at", "-id")
    )


def cycle_new_for_user(*, user: User | AnonymousUser) -> Cycle:
    """A blank cycle for the create form, for an administrator; 403 for anyone else."""
    require(user, MANAGE_CYCLES)
    return Cycle()


def cycle_get_for_user(*, user: User | AnonymousUser, pk: int) -> Cycle:
    """A cycle the user may manage; 403 for anyone but an administrator, 404 for one that is not there."""
    require(user, MANAGE_CYCLES)
    cycle = Cycle.objects.select_related("framework_version__framework").filter(pk=pk).first()
    if cycle is None:
        raise Http404("No such cycle.")
    return cycle


def evaluee_get(*, cycle: Cycle, pk: int) -> Evaluee:
    """A leader in a cycle the caller got from `cycle_get_for_user`; 404 for one not in it."""
    evaluee = (
        Evaluee.objects.select_related("person", "unit", "superior", "cycle")
        .filter(cycle=cycle, pk=pk)
        .first()
    )
    if evaluee is None:
        raise Http404("No such leader in the cycle.")
    return evaluee


def invitation_get(*, evaluee: Evaluee, pk: int) -> Invitation:
    """A rater of a leader got from `evaluee_get`; 404 for one not theirs."""
    invitation = Invitation.objects.filter(evaluee=evaluee, pk=pk).first()
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


def cycle_evaluees(*, cycle: Cycle) -> QuerySet[Evaluee]:
    """The cycle's leaders with how many raters they have and how many of those have no address."""
    invited = ~Q(invitations__status=Invitation.Status.DECLINED)
    return (
        cycle.evaluees.select_related("person", "unit", "superior")
        .annotate(
            raters=Count("invitations", filter=invited, distinct=True),
            without_email=Count("invitations", filter=invited & Q(invitations__email=""), distinct=True),
        )
        .order_by("person__name", "pk")
    )


@dataclass
class RaterGroupList:
    group: str
    label: str | Promise
    invitations: list[Invitation] = field(default_factory=list)


def evaluee_raters(*, evaluee: Evaluee) -> list[RaterGroupList]:
    """The raters of a leader by group, in the order of the groups."""
    groups = {value: RaterGroupList(group=value, label=label) for value, label in RaterGroup.choices}
    for invitation in (
        evaluee.invitations.exclude(status=Invitation.Status.DECLINED)
        .select_related("person")
        .order_by("person__name", "pk")
    ):
        groups[invitation.group].invitations.append(invitation)
    return list(groups.values())


@dataclass(kw_only=True)
class Rates:
    """How many of those asked have answered: of a rater group, a leader's evaluation or a whole cycle."""

    invited: int = 0
    answered: int = 0

    @property
    def percent(self) -> int | None:
        return round(100 * self.answered / self.invited) if self.invited else None


# Invitations that ask no one (declined, or a rater proposed and not yet approved) count in no rate.
NOT_COUNTED = (Invitation.Status.DECLINED, Invitation.Status.PROPOSED)


def invitation_rates(*, invitations: QuerySet[Invitation], keys: tuple[str, ...]) -> dict[Any, Rates]:
    """The rates of the invitations grouped by the keys (one key: its value; several: a tuple); one query."""
    rows = (
        invitations.exclude(status__in=NOT_COUNTED)
        .order_by()
        .values(*keys)
        .annotate(
            invited=Count("pk"),
            answered=Count("pk", filter=Q(status=Invitation.Status.COMPLETED)),
        )
    )
    return {
        (row[keys[0]] if len(keys) == 1 else tuple(row[k] for k in keys)): Rates(
            invited=row["invited"], answered=row["answered"]
        )
        for row in rows
    }


@dataclass(kw_only=True)
class GroupRate(Rates):
    group: str
    label: str


@dataclass(kw_only=True)
class EvalueeRates(Rates):
    evaluee_id: int
    name: str
    unit_name: str
    groups: list[GroupRate]


def cycle_response_rates(*, cycle: Cycle) -> list[EvalueeRates]:
    """Per leader and rater group: how many were invited and how many have answered; counts only."""
    counts = invitation_rates(
        invitations=Invitation.objects.filter(evaluee__cycle=cycle), keys=("evaluee_id", "group")
    )
    result = []
    for evaluee in cycle.evaluees.select_related("person", "unit").order_by("person__name", "pk"):
        groups = [
            GroupRate(group=value, label=str(label), invited=rates.invited, answered=rates.answered)
            for value, label in RaterGroup.choices
            for rates in [counts.get((evaluee.pk, value), Rates())]
        ]
        result.append(
            EvalueeRates(
                evaluee_id=evaluee.pk,
                name=evaluee.person.name,
                unit_name=evaluee.unit.name,
                groups=groups,
                invited=sum(g.invited for g in groups),
                answered=sum(g.answered for g in groups),
            )
        )
    return result


def cycle_local_questions(*, cycle: Cycle) -> QuerySet[LocalQuestion]:
    """The organisation's own questions added to the cycle."""
    return cycle.local_questions.all()


def cycle_level(*, cycle: Cycle, level_key: str) -> Level | None:
    """The level of the cycle's foundation with that key; None for no key or an unknown one."""
    return cycle.framework_version.levels.filter(key=level_key).first() if level_key else None


def local_question_get(*, cycle: Cycle, pk: int) -> LocalQuestion:
    """A local question of a cycle the caller got from `cycle_get_for_user`; 404 for one not in it."""
    question = cycle.local_questions.filter(pk=pk).first()
    if question is None:
        raise Http404("No such question.")
    return question


def reminders_due(*, cycle: Cycle) -> QuerySet[Invitation]:
    """Invitations a reminder would go to now: pending, with an address, fewer than two reminders."""
    return Invitation.objects.filter(
        Q(evaluee__cycle=cycle, status=Invitation.Status.PENDING, reminders_sent__lt=REMINDERS_MAX)
        & ~Q(email="")
    )


@dataclass
class FrozenSection:
    key: str
    title: str
    questions: list = field(default_factory=list)


def frozen_questionnaire(*, cycle: Cycle, level_key: str) -> list[FrozenSection]:
    """A launched cycle's questionnaire for a level as it was frozen (first level used when none is given)."""
    questions = Question.objects.filter(cycle=cycle)
    if not level_key:
        level_key = questions.order_by("level_key").values_list("level_key", flat=True).first() or ""
    sections: dict[str, FrozenSection] = {}
    for question in questions.filter(level_key=level_key).order_by("position", "pk"):
        section = sections.setdefault(
            question.section_key, FrozenSection(key=question.section_key, title=question.section_title)
        )
        section.questions.append(question)
    return list(sections.values())

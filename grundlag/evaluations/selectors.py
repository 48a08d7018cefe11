"""Reads of evaluation cycles for the administrators who run them: never who answered what."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from .models import Cycle, Evaluee, Invitation, RaterGroup


def cycles_list() -> QuerySet[Cycle]:
    return (
        Cycle.objects.select_related("framework_version__framework")
        .annotate(leaders=Count("evaluees", distinct=True))
        .order_by("-created_at", "-id")
    )


def cycle_get(*, pk: int) -> Cycle:
    cycle = Cycle.objects.select_related("framework_version__framework").filter(pk=pk).first()
    if cycle is None:
        raise Http404("No such cycle.")
    return cycle


def evaluee_get(*, cycle: Cycle, pk: int) -> Evaluee:
    evaluee = (
        Evaluee.objects.select_related("person", "unit", "superior", "cycle")
        .filter(cycle=cycle, pk=pk)
        .first()
    )
    if evaluee is None:
        raise Http404("No such leader in the cycle.")
    return evaluee


def invitation_get(*, evaluee: Evaluee, pk: int) -> Invitation:
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
    label: str
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


@dataclass
class GroupRate:
    group: str
    label: str
    invited: int
    answered: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.answered / self.invited) if self.invited else None


@dataclass
class EvalueeRates:
    evaluee_id: int
    name: str
    unit_name: str
    groups: list[GroupRate]
    invited: int
    answered: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.answered / self.invited) if self.invited else None


def cycle_response_rates(*, cycle: Cycle) -> list[EvalueeRates]:
    """Per leader and rater group: how many were invited and how many have answered; counts only."""
    rows = (
        Invitation.objects.filter(evaluee__cycle=cycle)
        .exclude(status__in=[Invitation.Status.DECLINED, Invitation.Status.PROPOSED])
        .order_by()
        .values("evaluee_id", "group")
        .annotate(
            invited=Count("pk"),
            answered=Count("pk", filter=Q(status=Invitation.Status.COMPLETED)),
        )
    )
    counts = {(r["evaluee_id"], r["group"]): (r["invited"], r["answered"]) for r in rows}
    result = []
    for evaluee in cycle.evaluees.select_related("person", "unit").order_by("person__name", "pk"):
        groups = [
            GroupRate(group=value, label=str(label), invited=invited, answered=answered)
            for value, label in RaterGroup.choices
            for invited, answered in [counts.get((evaluee.pk, value), (0, 0))]
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


def local_question_get(*, cycle: Cycle, pk: int):
    question = cycle.local_questions.filter(pk=pk).first()
    if question is None:
        raise Http404("No such question.")
    return question


@dataclass
class FrozenSection:
    key: str
    title: str
    questions: list = field(default_factory=list)


def frozen_questionnaire(*, cycle: Cycle, level_key: str) -> list[FrozenSection]:
    """A launched cycle's questionnaire for a level as it was frozen (first level used when none is given)."""
    from .models import Question

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

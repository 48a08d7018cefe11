"""Nomination of raters, the reads: the leader's raters as the leader may see them, the candidates, the
proposals awaiting a decision.

The leader sees their raters by name except the employees, who are only counted: they are the
leader's own staff, and the leader must neither steer nor watch them. Nobody is ever shown whether a
rater has answered: an invitation that is answered reads the same as one that is not.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from grundlag.core.rules import is_administrator
from grundlag.organisation.selectors import person_for_user

from ..cycles.selectors import Candidate, people_by_name
from ..models import Cycle, Evaluee, Instrument, Invitation, RaterGroup

NOMINABLE_GROUPS = (RaterGroup.PEER, RaterGroup.OTHER)

# What the leader reads about each named rater; "answered" is never one of them.
_SHOWN_STATUS: dict[str, Promise] = {
    Invitation.Status.PROPOSED: gettext_lazy("Awaiting approval"),
    Invitation.Status.PENDING: gettext_lazy("Invited"),
    Invitation.Status.COMPLETED: gettext_lazy("Invited"),
    Invitation.Status.DECLINED: gettext_lazy("Not approved"),
}


def group_limit(*, cycle: Cycle, group: str) -> int:
    """The most raters the leader may nominate to a group."""
    return cycle.peers_max if group == RaterGroup.PEER else cycle.others_max


def nomination_evaluee_get_for_user(*, user: User | AnonymousUser, evaluee_id: int) -> Evaluee:
    """The user's own evaluee in a cycle that is not closed; 404 for anything else."""
    evaluee = (
        Evaluee.objects.select_related("cycle", "person", "unit", "superior").filter(pk=evaluee_id).first()
    )
    if evaluee is None or not user.has_perm("evaluations.nominate", evaluee):
        raise Http404("No such leader to nominate raters for.")
    return evaluee


def evaluees_for_nomination(*, user: User | AnonymousUser) -> list[Evaluee]:
    """The signed-in leader's evaluees in cycles that are not closed, nearest deadline first."""
    person = person_for_user(user=user)
    if person is None:
        return []
    return list(
        Evaluee.objects.filter(person=person, cycle__instrument=Instrument.LEADERSHIP_360)
        .exclude(cycle__status=Cycle.Status.CLOSED)
        .select_related("cycle", "unit")
        .order_by("cycle__deadline", "cycle__pk")
    )


@dataclass
class NamedRater:
    name: str
    status: str
    nominated_by_me: bool


@dataclass
class LeaderRaterGroup:
    group: str
    label: str
    # None for the employees: they are counted, never named.
    raters: list[NamedRater] | None = None
    count: int = 0
    limit: int | None = None  # the most places for a group the leader nominates to

    @property
    def places_left(self) -> int | None:
        return None if self.limit is None else max(self.limit - self.count, 0)


def raters_for_leader(*, evaluee: Evaluee, user: User | AnonymousUser) -> list[LeaderRaterGroup]:
    """The leader's raters by group: names and whether approved, except employees, who are only counted."""
    groups = {
        value: LeaderRaterGroup(
            group=value,
            label=str(label),
            raters=None if value == RaterGroup.EMPLOYEE else [],
            limit=group_limit(cycle=evaluee.cycle, group=value) if value in NOMINABLE_GROUPS else None,
        )
        for value, label in RaterGroup.choices
    }
    invitations = evaluee.invitations.select_related("person").order_by("person__name", "pk")
    for invitation in invitations:
        group = groups[invitation.group]
        if invitation.status != Invitation.Status.DECLINED:
            group.count += 1
        if group.raters is None:
            continue
        if invitation.status == Invitation.Status.DECLINED and invitation.nominated_by_id != user.pk:
            continue
        group.raters.append(
            NamedRater(
                name=invitation.person.name if invitation.person else invitation.email,
                status=str(_SHOWN_STATUS[invitation.status]),
                nominated_by_me=invitation.nominated_by_id == user.pk,
            )
        )
    return list(groups.values())


def candidates_search(
    *, evaluee: Evaluee, query: str, group: str, on: datetime.date | None = None
) -> list[Candidate]:
    """People in the organisation whose name holds the query (at least 3 letters), at most 20, with units.

    Peers must hold a leadership post. The leader, their superior and everyone already invited for
    the leader are left out: they cannot be nominated.
    """
    excluded: set[int | None] = set(
        evaluee.invitations.exclude(person=None).values_list("person_id", flat=True)
    )
    excluded |= {evaluee.person_id, evaluee.superior_id}
    return people_by_name(query=query, leaders_only=group == RaterGroup.PEER, excluded=excluded, on=on)


def proposals_pending_for_user(*, user: User | AnonymousUser) -> QuerySet[Invitation]:
    """Proposals awaiting the user's decision: as the leader's superior, or every one for administrators."""
    proposals = Invitation.objects.filter(status=Invitation.Status.PROPOSED).exclude(
        evaluee__cycle__status=Cycle.Status.CLOSED
    )
    if not is_administrator(user):
        person = person_for_user(user=user)
        if person is None:
            return Invitation.objects.none()
        proposals = proposals.filter(evaluee__superior=person)
    return proposals.select_related("person", "evaluee__person", "evaluee__cycle", "evaluee__unit").order_by(
        "evaluee__cycle__deadline", "evaluee__person__name", "group", "person__name", "pk"
    )


def proposal_get_for_user(*, user: User | AnonymousUser, invitation_id: int) -> Invitation:
    """A proposal the user may decide on, in a cycle that is not closed; 404 for anything else."""
    invitation = (
        Invitation.objects.select_related("evaluee__cycle", "evaluee__person", "person")
        .filter(pk=invitation_id, status=Invitation.Status.PROPOSED)
        .exclude(evaluee__cycle__status=Cycle.Status.CLOSED)
        .first()
    )
    if invitation is None or not user.has_perm("evaluations.approve_nomination", invitation):
        raise Http404("No such proposal.")
    return invitation

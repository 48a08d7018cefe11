"""Nomination of raters: the leader proposes peers and others, the superior (or an administrator) decides.

The leader sees their raters by name except the employees, who are only counted: they are the
leader's own staff, and the leader must neither steer nor watch them. Nobody is ever shown whether a
rater has answered: an invitation that is answered reads the same as one that is not.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grundlag.accounts.services import audit_record
from grundlag.core.permissions import is_administrator
from grundlag.organisation.models import Person, Post
from grundlag.organisation.selectors import person_for_user

from .models import Cycle, Evaluee, Instrument, Invitation, RaterGroup
from .selectors import Candidate, people_by_name

NOMINABLE_GROUPS = (RaterGroup.PEER, RaterGroup.OTHER)

# What the leader reads about each named rater; "answered" is never one of them.
_SHOWN_STATUS = {
    Invitation.Status.PROPOSED: gettext_lazy("Awaiting approval"),
    Invitation.Status.PENDING: gettext_lazy("Invited"),
    Invitation.Status.COMPLETED: gettext_lazy("Invited"),
    Invitation.Status.DECLINED: gettext_lazy("Not approved"),
}


def _limit(cycle: Cycle, group: str) -> int:
    return cycle.peers_max if group == RaterGroup.PEER else cycle.others_max


def _counted(evaluee: Evaluee, group: str) -> int:
    """Invitations that take a place in the group: every one not declined."""
    return evaluee.invitations.filter(group=group).exclude(status=Invitation.Status.DECLINED).count()


# --- Reads ---------------------------------------------------------------------------------------


def nomination_evaluee_get_for_user(*, user, evaluee_id: int) -> Evaluee:
    """The user's own evaluee in a cycle that is not closed; 404 for anything else."""
    evaluee = (
        Evaluee.objects.select_related("cycle", "person", "unit", "superior").filter(pk=evaluee_id).first()
    )
    if evaluee is None or not user.has_perm("evaluations.nominate", evaluee):
        raise Http404("No such leader to nominate raters for.")
    return evaluee


def evaluees_for_nomination(*, user) -> list[Evaluee]:
    """The signed-in leader's evaluees in cycles that are not closed, nearest deadline first."""
    person = person_for_user(user)
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


def raters_for_leader(*, evaluee: Evaluee, user) -> list[LeaderRaterGroup]:
    """The leader's raters by group: names and whether approved, except employees, who are only counted."""
    groups = {
        value: LeaderRaterGroup(
            group=value,
            label=str(label),
            raters=None if value == RaterGroup.EMPLOYEE else [],
            limit=_limit(evaluee.cycle, value) if value in NOMINABLE_GROUPS else None,
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
    excluded = set(evaluee.invitations.exclude(person=None).values_list("person_id", flat=True))
    excluded |= {evaluee.person_id, evaluee.superior_id}
    return people_by_name(query=query, leaders_only=group == RaterGroup.PEER, excluded=excluded, on=on)


def proposals_pending_for_user(*, user) -> QuerySet[Invitation]:
    """Proposals awaiting the user's decision: as the leader's superior, or every one for administrators."""
    proposals = Invitation.objects.filter(status=Invitation.Status.PROPOSED).exclude(
        evaluee__cycle__status=Cycle.Status.CLOSED
    )
    if not is_administrator(user):
        person = person_for_user(user)
        if person is None:
            return Invitation.objects.none()
        proposals = proposals.filter(evaluee__superior=person)
    return proposals.select_related("person", "evaluee__person", "evaluee__cycle", "evaluee__unit").order_by(
        "evaluee__cycle__deadline", "evaluee__person__name", "group", "person__name", "pk"
    )


def proposal_get_for_user(*, user, invitation_id: int) -> Invitation:
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


# --- Writes --------------------------------------------------------------------------------------


@transaction.atomic
def nomination_propose(*, evaluee: Evaluee, person: Person, group: str, by) -> Invitation:
    """The leader proposes a peer leader or another person to rate them; the superior decides."""
    cycle = Cycle.objects.select_for_update().get(pk=evaluee.cycle_id)
    if cycle.status == Cycle.Status.CLOSED:
        raise ValidationError(_("The cycle is closed."), code="closed")
    if group not in NOMINABLE_GROUPS:
        raise ValidationError(_("Only peer leaders and others can be nominated."), code="group")
    if person.pk == evaluee.person_id:
        raise ValidationError(_("You are already among your raters as yourself."), code="self")
    if person.pk == evaluee.superior_id:
        raise ValidationError(_("Your superior leader is already among your raters."), code="superior")
    if person.erased_at is not None:
        raise ValidationError(_("This person cannot be nominated."), code="erased")
    posts = Post.objects.active_on(timezone.localdate()).filter(person=person)
    if not posts.exists():
        raise ValidationError(_("Only people in the organisation can be nominated."), code="outside")
    if group == RaterGroup.PEER and not posts.filter(level__isnull=False).exists():
        raise ValidationError(
            _("A peer must be a leader. Nominate this person as another rater."), code="peer"
        )
    if Invitation.objects.filter(evaluee=evaluee, person=person).exists():
        raise ValidationError(_("This person is already among your raters."), code="duplicate")
    limit = _limit(cycle, group)
    if _counted(evaluee, group) >= limit:
        raise ValidationError(
            _("You can have at most %(n)s raters in the group “%(group)s”.")
            % {"n": limit, "group": RaterGroup(group).label},
            code="limit",
        )
    invitation = Invitation(
        evaluee=evaluee,
        group=group,
        person=person,
        email=person.email,
        language=person.language or "da",
        status=Invitation.Status.PROPOSED,
        nominated_by=by if by is not None and by.is_authenticated else None,
    )
    invitation.full_clean(exclude=["token_digest"])
    invitation.save()
    audit_record(
        user=by, action="evaluations.nomination_propose", obj=evaluee, detail=f"invitation={invitation.pk}"
    )
    return invitation


def _locked_proposal(invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().select_related("evaluee__cycle").get(pk=invitation.pk)
    if invitation.evaluee.cycle.status == Cycle.Status.CLOSED:
        raise ValidationError(_("The cycle is closed."), code="closed")
    if invitation.status != Invitation.Status.PROPOSED:
        raise ValidationError(_("This proposal has already been decided."), code="decided")
    return invitation


@transaction.atomic
def nomination_approve(*, invitation: Invitation, by) -> Invitation:
    """Approve a proposal: it becomes an invitation, e-mailed at once if the cycle is already launched."""
    invitation = _locked_proposal(invitation)
    invitation.status = Invitation.Status.PENDING
    invitation.save(update_fields=["status"])
    audit_record(
        user=by,
        action="evaluations.nomination_approve",
        obj=invitation.evaluee,
        detail=f"invitation={invitation.pk}",
    )
    if invitation.evaluee.cycle.status == Cycle.Status.LAUNCHED and invitation.email:
        from .tasks import invitations_send

        invitations_send.enqueue(invitation_ids=[invitation.pk], reminder=False)
    return invitation


@transaction.atomic
def nomination_decline(*, invitation: Invitation, by) -> Invitation:
    """Decline a proposal; it is kept as declined so the same person is not proposed again."""
    invitation = _locked_proposal(invitation)
    invitation.status = Invitation.Status.DECLINED
    invitation.save(update_fields=["status"])
    audit_record(
        user=by,
        action="evaluations.nomination_decline",
        obj=invitation.evaluee,
        detail=f"invitation={invitation.pk}",
    )
    return invitation

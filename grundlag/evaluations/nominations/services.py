"""Nomination of raters, the writes: the leader proposes peers and others, the superior (or an
administrator) decides.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.organisation.models import Person, Post

from ..cycles.services import invitations_enqueue
from ..models import Cycle, Evaluee, Invitation, RaterGroup
from .selectors import NOMINABLE_GROUPS, group_limit


def _counted(evaluee: Evaluee, group: str) -> int:
    """Invitations that take a place in the group: every one not declined."""
    return evaluee.invitations.filter(group=group).exclude(status=Invitation.Status.DECLINED).count()


@transaction.atomic
def nomination_propose(
    *, evaluee: Evaluee, person: Person, group: str, by: User | AnonymousUser | None
) -> Invitation:
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
    limit = group_limit(cycle=cycle, group=group)
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
def nomination_decide(
    *, invitation: Invitation, approve: bool, by: User | AnonymousUser | None
) -> Invitation:
    """Approve a proposal, so it becomes an invitation (e-mailed at once if the cycle is already launched),
    or decline it; a declined one is kept so the same person is not proposed again."""
    invitation = _locked_proposal(invitation)
    invitation.status = Invitation.Status.PENDING if approve else Invitation.Status.DECLINED
    invitation.save(update_fields=["status"])
    audit_record(
        user=by,
        action="evaluations.nomination_approve" if approve else "evaluations.nomination_decline",
        obj=invitation.evaluee,
        detail=f"invitation={invitation.pk}",
    )
    if approve and invitation.evaluee.cycle.status == Cycle.Status.LAUNCHED and invitation.email:
        invitations_enqueue(ids=[invitation.pk], reminder=False)
    return invitation

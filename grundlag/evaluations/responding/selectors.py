"""Answering by link, the reads: the link (or the signed cookie that replaced it) is the access."""

import hmac

from django.contrib.auth.models import AnonymousUser, User
from django.http import Http404

from grundlag.organisation.selectors import person_for_user

from ..models import Invitation
from .tokens import token_digest


def invitation_get_by_token(*, token: str) -> Invitation | None:
    """The invitation a link belongs to, or None for a link that is broken or was never made."""
    if not token or len(token) > 128:
        return None
    invitation = (
        Invitation.objects.select_related("evaluee__cycle", "evaluee__person")
        .filter(token_digest=token_digest(token))
        .first()
    )
    if invitation is None or not hmac.compare_digest(invitation.token_digest or "", token_digest(token)):
        return None
    return invitation


def invitation_get_for_session(*, pk: object) -> Invitation | None:
    """The invitation whose id the answering cookie holds (set from its link), or None."""
    if not isinstance(pk, int):
        return None
    return Invitation.objects.select_related("evaluee__cycle", "evaluee__person").filter(pk=pk).first()


def invitation_get_for_user(*, user: User | AnonymousUser, pk: int) -> Invitation:
    """The signed-in person's own invitation, opened from the start page instead of the e-mail's link.

    404 for every other invitation, whoever asks (an administrator too): the link is the respondent's alone.
    """
    person = person_for_user(user=user)
    invitation = invitation_get_for_session(pk=pk)
    if person is None or invitation is None or invitation.person_id != person.pk:
        raise Http404
    return invitation

"""The single-use links of invitations: a token that exists only in the e-mail.

The token is an HMAC of the invitation's id under the site's secret key, so the e-mail task can make
it again for a reminder without storing it; the database keeps only its SHA-256 digest to find the
invitation from a link. Neither the token nor its digest is ever logged.
"""

import hashlib
import hmac

from django.utils.crypto import salted_hmac

from .models import Invitation

_SALT = "grundlag.evaluations.invitation"


def invitation_token(invitation: Invitation) -> str:
    """The invitation's link token; records its digest so the link can be found again."""
    token = salted_hmac(_SALT, f"invitation:{invitation.pk}", algorithm="sha256").hexdigest()
    digest = token_digest(token)
    if invitation.token_digest != digest:
        invitation.token_digest = digest
        invitation.save(update_fields=["token_digest"])
    return token


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_by_token(token: str) -> Invitation | None:
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

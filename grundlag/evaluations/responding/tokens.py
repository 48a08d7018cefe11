"""The single-use links of invitations: a token that exists only in the e-mail.

The token is an HMAC of the invitation's id under the site's secret key, so the e-mail can be made
again for a reminder without storing it; the database keeps only its SHA-256 digest to find the
invitation from a link. Neither the token nor its digest is ever logged.
"""

import hashlib

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import salted_hmac

from ..models import Invitation

_SALT = "grundlag.evaluations.invitation"


def token_for(invitation: Invitation) -> str:
    """The invitation's link token (the same every time it is made)."""
    return salted_hmac(_SALT, f"invitation:{invitation.pk}", algorithm="sha256").hexdigest()


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def answer_link(token: str) -> str:
    """The single-use address a rater answers at."""
    return settings.SITE_URL.rstrip("/") + reverse("evaluations:answer_start", kwargs={"token": token})

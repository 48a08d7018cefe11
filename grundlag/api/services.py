"""Writes of API tokens: creating (the plaintext is returned once) and revoking."""

import datetime
import hashlib
import hmac
import secrets

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.organisation.models import Person

from .models import ApiToken

TOKEN_PREFIX = "gl_"
PREFIX_LENGTH = len(TOKEN_PREFIX) + 6
# Writing on every request would make each read a write; a minute is precise enough to spot unused tokens.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def token_hash(*, plaintext: str) -> str:
    """The digest a token is stored and looked up by."""
    return hashlib.sha256(plaintext.encode()).hexdigest()


def api_token_user_allowed(*, user: User, by: User) -> bool:
    """Whether `by` may make a token acting as `user`: themself, or an integration account (no person).

    A token acting as another person would read what is private to them, which nobody else may.
    """
    return user.pk == by.pk or not Person.objects.filter(user=user).exists()


@transaction.atomic
def api_token_create(
    *, user: User, name: str, by: User, expires: datetime.datetime | None = None
) -> tuple[ApiToken, str]:
    """Make a token that acts as `user` (its maker or an integration account); returns it with its
    plaintext, which is never stored."""
    if not api_token_user_allowed(user=user, by=by):
        raise ValidationError(
            {
                "user": _(
                    "A token may act only as yourself or as an integration account, never another person."
                )
            }
        )
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name,
        token_hash=token_hash(plaintext=plaintext),
        prefix=plaintext[:PREFIX_LENGTH],
        created_by=by,
        expires_at=expires,
    )
    token.full_clean()
    token.save()
    audit_record(user=by, action="api.token.create", obj=token)
    return token, plaintext


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """Stop a token from working; revoking twice keeps the first time."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(user=by, action="api.token.revoke", obj=token)
    return token


def api_token_authenticate(*, plaintext: str) -> tuple[User, ApiToken] | tuple[None, None]:
    """The user a usable token acts as and the token, or Nones; notes the use at most once a minute."""
    digest = token_hash(plaintext=plaintext)
    token = ApiToken.objects.select_related("user").filter(token_hash=digest).first()
    # The lookup is by hash, so timing says nothing about the plaintext; compare in constant time anyway.
    if token is None or not hmac.compare_digest(token.token_hash, digest):
        return None, None
    now = timezone.now()
    if not token.is_usable(now) or not token.user.is_active:
        return None, None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token.user, token

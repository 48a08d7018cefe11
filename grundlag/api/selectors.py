"""Reads of API tokens for the administrators' page, each refusing whoever may not manage tokens."""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from grundlag.core.rules import require

from .models import ApiToken


def api_tokens_for_user(*, user: User | AnonymousUser) -> QuerySet[ApiToken]:
    """Every token with the user it acts as; 403 for anyone who may not manage tokens."""
    require(user, "api.manage_tokens")
    return ApiToken.objects.select_related("user")


def api_token_get_for_user(*, user: User | AnonymousUser, pk: int) -> ApiToken:
    """One token to revoke; 403 for anyone who may not manage tokens, 404 for one that is not there."""
    require(user, "api.manage_tokens")
    return get_object_or_404(ApiToken, pk=pk)

"""How API calls authenticate: a bearer token, or the browser session of a signed-in user."""

from typing import cast

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from .common import ApiRequest
from .services import api_token_authenticate


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; a token that is given but unusable is refused outright."""

    def __call__(self, request: HttpRequest):
        # Ninja's own parser logs the whole header in DEBUG when the scheme is wrong; a token is never logged.
        scheme, _, token = request.headers.get(self.header, "").partition(" ")
        if scheme.lower() != self.openapi_scheme:
            return None
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str):
        user, api_token = api_token_authenticate(plaintext=token) if token else (None, None)
        if user is None or api_token is None:
            # Not falling through to the session: a broken token must be noticed, not quietly ignored.
            raise AuthenticationError()
        cast(ApiRequest, request).api_token = api_token
        return user


class SignedInSession(SessionAuth):
    """A signed-in browser user; inactive accounts are refused like anyone else."""

    def authenticate(self, request: HttpRequest, key):
        user = request.user
        return user if user.is_authenticated and user.is_active else None

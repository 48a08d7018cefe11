"""A session ends SESSION_IDLE_MINUTES after its last request, and SESSION_LIFETIME_HOURS after its login
however active it has been.

The idle limit is Django's own (SESSION_COOKIE_AGE is SESSION_IDLE_MINUTES): a signed-in request renews it
by saving the session, at most once a minute (RENEW_SECONDS), so pages do not write the session row on
every request. The lifetime is counted from the login, kept in the session itself.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

LOGIN_AT = "accounts_login_at"
RENEWED_AT = "accounts_renewed_at"
RENEW_SECONDS = 60


def session_lifetime_start(session) -> None:
    """Note in the session when its login happened (seconds since the epoch)."""
    session[LOGIN_AT] = session[RENEWED_AT] = int(time.time())


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(LOGIN_AT)
            if started is None:
                # A session from before the limit existed: its lifetime starts now.
                session_lifetime_start(request.session)
            elif time.time() - started > settings.SESSION_LIFETIME_HOURS * 60 * 60:
                logout(request)
                messages.info(
                    request,
                    _("You were logged out because you had been logged in for %(hours)d hours. Log in again.")
                    % {"hours": settings.SESSION_LIFETIME_HOURS},
                )
            elif time.time() - request.session.get(RENEWED_AT, 0) >= RENEW_SECONDS:
                request.session[RENEWED_AT] = int(time.time())  # saved with the response: a new expiry
        return self.get_response(request)

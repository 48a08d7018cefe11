"""A session ends SESSION_LIFETIME_HOURS after its login, however active it has been.

The idle limit is Django's own: SESSION_COOKIE_AGE is SESSION_IDLE_MINUTES and every request renews it
(SESSION_SAVE_EVERY_REQUEST). The lifetime is counted from the login, kept in the session itself.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

LOGIN_AT = "accounts_login_at"


def session_lifetime_start(session) -> None:
    """Note in the session when its login happened (seconds since the epoch)."""
    session[LOGIN_AT] = int(time.time())


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
        return self.get_response(request)

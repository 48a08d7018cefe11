"""Logins and failed logins go to the audit log (the user if known; never the attempted name), and a login
starts its session's lifetime."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from grundlag.audit.services import audit_record

from .middleware import session_lifetime_start


@receiver(user_logged_in, dispatch_uid="accounts_audit_login")
def audit_login(sender, request, user, **kwargs):
    audit_record(user=user, action="auth.login")


@receiver(user_logged_in, dispatch_uid="accounts_session_lifetime")
def start_session_lifetime(sender, request, user, **kwargs):
    # Also when the same user logs in again in the same session, which keeps the session's data.
    if request is not None and hasattr(request, "session"):
        session_lifetime_start(request.session)


@receiver(user_logged_out, dispatch_uid="accounts_audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(user=user, action="auth.logout")


@receiver(user_login_failed, dispatch_uid="accounts_audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    # The attempted name only serves to find a real account; it is not stored.
    username = credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username")
    user = get_user_model().objects.filter(username=username).first() if username else None
    audit_record(user=user, action="auth.login_failed")

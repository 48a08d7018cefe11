"""Signing in by username and password."""

from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    """Django's sign-in by username and password, without Django's permission tables.

    Who may do what comes only from the rules in each app's rules.py (roles in core/rules.py);
    nothing grants Django's model permissions. So they are never read: every page's menu asks its
    permissions without the two queries Django would make for them.
    """

    def get_user_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

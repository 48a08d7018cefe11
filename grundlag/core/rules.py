"""The roles every app shares, as `rules` predicates; the rest live in each app's rules.py.

The roles: administrator (HR / leadership development: staff users) and signed-in person, here; leader
(a person with a post on a leadership level or with people reporting to them) and the leader's manager
(anyone above them along the chain) in `grundlag.organisation.rules`, since they are facts of the
organisation; respondent-only is everyone else who can sign in.
"""

import rules
from django.core.exceptions import PermissionDenied


@rules.predicate
def is_administrator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser))


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


rules.add_perm("core.view_administration", is_administrator)


def require(user, perm: str, obj=None) -> None:
    """Refuse (403) unless the user has the permission; for selectors, which views call for every access."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied

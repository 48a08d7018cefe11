"""Roles as `rules` predicates. Object-level rules live in each app's rules.py.

The roles: administrator (HR / leadership development: staff users), leader (a person with a post on a
leadership level or with people reporting to them), the leader's manager (anyone above them along the
chain) and respondent-only (everyone else who can sign in).
"""

import rules


@rules.predicate
def is_administrator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser))


@rules.predicate
def is_leader(user) -> bool:
    """Asked by every page's menu several times: answered once per user object, that is once a request (as
    Django's own permission checks cache a user's permissions on it)."""
    from grundlag.organisation.selectors import is_leader as person_is_leader
    from grundlag.organisation.selectors import person_for_user

    known = getattr(user, "_grundlag_is_leader", None)
    if known is None:
        person = person_for_user(user) if user.is_active else None
        known = person is not None and person_is_leader(person=person)
        if user.is_authenticated:
            user._grundlag_is_leader = known
    return known


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def require_perm(request, perm: str, obj=None) -> None:
    """Refuse the request (403) unless its user has the permission."""
    from django.core.exceptions import PermissionDenied

    if not request.user.has_perm(perm, obj):
        raise PermissionDenied

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
    from grundlag.organisation.selectors import is_leader as person_is_leader
    from grundlag.organisation.selectors import person_for_user

    person = person_for_user(user) if user.is_active else None
    return person is not None and person_is_leader(person=person)


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def require_perm(request, perm: str, obj=None) -> None:
    """Refuse the request (403) unless its user has the permission."""
    from django.core.exceptions import PermissionDenied

    if not request.user.has_perm(perm, obj):
        raise PermissionDenied

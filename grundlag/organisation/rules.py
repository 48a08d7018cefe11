"""Who may see and change what in the organisation (loaded by rules' autodiscovery)."""

import rules

from grundlag.core.rules import is_administrator, is_signed_in

from .selectors import is_above_in_chain, person_for_user
from .selectors import is_leader as person_is_leader


@rules.predicate
def is_leader(user) -> bool:
    """A leader holds a post on a leadership level or has someone reporting to them.

    Asked by every page's menu several times: answered once per user object, that is once a request (as
    Django's own permission checks cache a user's permissions on it)."""
    known = getattr(user, "_grundlag_is_leader", None)
    if known is None:
        person = person_for_user(user=user) if user.is_active else None
        known = person is not None and person_is_leader(person=person)
        if user.is_authenticated:
            user._grundlag_is_leader = known
    return known


@rules.predicate
def is_self(user, person) -> bool:
    own = person_for_user(user=user)
    return own is not None and person is not None and own.pk == person.pk


@rules.predicate
def is_above_person(user, person) -> bool:
    """The user leads the person along the chain (their manager, their manager's manager, …)."""
    own = person_for_user(user=user)
    return own is not None and person is not None and is_above_in_chain(manager=own, person=person)


rules.add_perm("organisation.view_chart", is_administrator | is_leader)
rules.add_perm("organisation.view_span_of_control", is_administrator | is_leader)
rules.add_perm("organisation.view_person", is_signed_in & (is_administrator | is_self | is_above_person))
rules.add_perm("organisation.view_my_page", is_signed_in)
rules.add_perm("organisation.import", is_administrator)
rules.add_perm("organisation.export_person", is_signed_in & (is_administrator | is_self))
rules.add_perm("organisation.erase_person", is_administrator)

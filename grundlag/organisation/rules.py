"""Who may see and change what in the organisation (loaded by rules' autodiscovery)."""

import rules

from grundlag.core.permissions import is_administrator, is_leader, is_signed_in

from .selectors import is_above_in_chain, person_for_user


@rules.predicate
def is_self(user, person) -> bool:
    own = person_for_user(user)
    return own is not None and person is not None and own.pk == person.pk


@rules.predicate
def is_above_person(user, person) -> bool:
    """The user leads the person along the chain (their manager, their manager's manager, …)."""
    own = person_for_user(user)
    return own is not None and person is not None and is_above_in_chain(manager=own, person=person)


rules.add_perm("organisation.view_chart", is_administrator | is_leader)
rules.add_perm("organisation.view_span_of_control", is_administrator | is_leader)
rules.add_perm("organisation.view_person", is_signed_in & (is_administrator | is_self | is_above_person))
rules.add_perm("organisation.view_my_page", is_signed_in)
rules.add_perm("organisation.import", is_administrator)
rules.add_perm("organisation.export_person", is_signed_in & (is_administrator | is_self))
rules.add_perm("organisation.erase_person", is_administrator)

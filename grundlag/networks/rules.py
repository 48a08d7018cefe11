"""Who may do what in the leader networks (loaded by rules' autodiscovery).

An administrator (HR / leadership development) makes forums and events and names their organisers; who may
see and join a forum is its audience (`events/selectors.py` asks it). A leader consultant is a setting of
the installation (settings.NETWORKS_CONSULTANTS), never a role an administrator gives: a confidential
request for advice is read only by its requester and the consultants.
"""

import rules
from django.conf import settings
from django.db.models import Q

from grundlag.core.rules import is_administrator, is_signed_in
from grundlag.organisation.rules import is_leader
from grundlag.organisation.selectors import person_for_user

from .models import Forum, Membership, Place


@rules.predicate
def is_consultant(user) -> bool:
    return bool(is_signed_in(user) and user.get_username() in settings.NETWORKS_CONSULTANTS)


rules.add_perm("networks.manage_forums", is_administrator)
rules.add_perm("networks.handle_advice", is_consultant)


@rules.predicate
def takes_part_in_networks(user) -> bool:
    """A member, organiser or invited person of some forum, or someone holding a place on an event."""
    person = person_for_user(user=user)
    if person is None:
        return False
    return (
        Membership.objects.filter(person=person).exists()
        or Forum.objects.filter(Q(organisers=person) | Q(invited=person)).exists()
        or Place.objects.filter(person=person).exists()
    )


rules.add_perm("networks.view_forums", is_administrator | is_leader | is_consultant | takes_part_in_networks)

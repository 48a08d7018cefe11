"""Who may do what with leadership evaluations (loaded by rules' autodiscovery).

Respondents need no account: their single-use link is their access (see tokens.py).
"""

import rules

from grundlag.core.rules import is_administrator, is_signed_in
from grundlag.organisation.selectors import person_for_user


@rules.predicate
def is_the_evaluee(user, evaluee) -> bool:
    own = person_for_user(user=user)
    return own is not None and evaluee is not None and evaluee.person_id == own.pk


@rules.predicate
def is_superior_allowed_to_see(user, evaluee) -> bool:
    """The leader's superior (as recorded in the cycle), where the cycle's settings allow it."""
    own = person_for_user(user=user)
    return (
        own is not None
        and evaluee is not None
        and evaluee.cycle.report_to_superior
        and evaluee.superior_id == own.pk
    )


rules.add_perm("evaluations.manage_cycles", is_administrator)
rules.add_perm(
    "evaluations.view_report", is_signed_in & (is_administrator | is_the_evaluee | is_superior_allowed_to_see)
)
rules.add_perm("evaluations.view_organisation_report", is_signed_in)


# Nomination of raters (nominations.py): the leader proposes, the superior or an administrator decides.
@rules.predicate
def is_cycle_open(user, evaluee) -> bool:
    return evaluee is not None and evaluee.cycle.status != evaluee.cycle.Status.CLOSED


@rules.predicate
def is_360_cycle(user, evaluee) -> bool:
    """Only a 360° evaluation has raters to nominate; a survey's respondents come from the organisation."""
    return evaluee is not None and not evaluee.cycle.is_survey


@rules.predicate
def is_superior_of_nominee_leader(user, invitation) -> bool:
    own = person_for_user(user=user)
    return own is not None and invitation is not None and invitation.evaluee.superior_id == own.pk


rules.add_perm("evaluations.nominate", is_signed_in & is_the_evaluee & is_cycle_open & is_360_cycle)
rules.add_perm(
    "evaluations.approve_nomination", is_signed_in & (is_administrator | is_superior_of_nominee_leader)
)

"""Who may see a unit's figures (loaded by rules' autodiscovery): the administrator, and a leader of the unit
or of a unit above it — a person holding a post on a leadership level there today. The figures themselves
are further decided by the publication gate (`publication.py`), whoever asks."""

import rules

from grundlag.core.rules import is_administrator, is_signed_in
from grundlag.organisation.models import Unit
from grundlag.organisation.rules import is_leader
from grundlag.organisation.selectors import person_for_user, posts_active, unit_ancestors


def units_led_ids(*, user) -> frozenset[int]:
    """The units in which the user holds a leadership post today (asked once per user object, a request)."""
    known = getattr(user, "_grundlag_units_led", None)
    if known is None:
        person = person_for_user(user=user) if user.is_authenticated and user.is_active else None
        known = frozenset(
            posts_active(person=person).filter(level__isnull=False).values_list("unit_id", flat=True)
            if person is not None
            else ()
        )
        if user.is_authenticated:
            user._grundlag_units_led = known
    return known


@rules.predicate
def leads_unit(user, unit: Unit | None) -> bool:
    """The user leads the unit or a unit above it (today)."""
    if unit is None:
        return False
    led = units_led_ids(user=user)
    if not led:
        return False
    return unit.pk in led or any(above.pk in led for above in unit_ancestors(unit=unit))


@rules.predicate
def leads_a_unit(user) -> bool:
    return bool(units_led_ids(user=user))


rules.add_perm("indicators.view_unit_figures", is_signed_in & (is_administrator | leads_unit))
# The menu asks this on every page: a leader (asked once a request) finds their units on the index.
rules.add_perm("indicators.view_indicators", is_signed_in & (is_administrator | is_leader))
rules.add_perm("indicators.manage", is_administrator)


@rules.predicate
def leads_unit_itself(user, unit: Unit | None) -> bool:
    """The user holds a leadership post in the unit itself today (not only above it)."""
    return unit is not None and unit.pk in units_led_ids(user=user)


# Notes of qualitative data on a unit and comments on its figures: written by the unit's own leaders (a
# leader above reads them with the figures, and writes on the unit they lead themself).
rules.add_perm("indicators.write_unit_notes", is_signed_in & leads_unit_itself)

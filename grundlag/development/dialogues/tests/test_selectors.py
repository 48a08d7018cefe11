"""Who sees which development dialogues, and an LUS round's overview in counts for administrators only."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from grundlag.development.dialogues.selectors import (
    dialogues_for_user,
    round_overview_for_user,
    round_unit_get_for_user,
)
from grundlag.development.models import DialogueStatus
from grundlag.organisation.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_a_leader_sees_their_own_dialogue_and_those_they_hold_as_superior(small_organisation, opened):
    people = small_organisation["people"]

    assert [d.leader for d in dialogues_for_user(user=people["lis"].user)] == [people["lis"]]
    assert {d.leader for d in dialogues_for_user(user=people["dorte"].user)} == {people["carl"]}
    assert not dialogues_for_user(user=people["ulla"].user).exists()
    assert not dialogues_for_user(user=people["bo"].user).filter(leader=people["lis"]).exists()


def test_the_round_overview_counts_dialogues_by_child_unit_and_phase(
    small_organisation, opened, administrator
):
    units = small_organisation["units"]
    opened.round.dialogues.filter(leader=small_organisation["people"]["lis"]).update(
        status=DialogueStatus.HELD
    )

    top = round_overview_for_user(user=administrator, round_=opened.round, unit=units["municipality"])
    assert [(row.unit, row.itself, row.cells) for row in top] == [(units["schools"], False, [2, 0, 1, 0, 0])]

    rows = round_overview_for_user(user=administrator, round_=opened.round, unit=units["schools"])
    assert [(row.unit, row.itself, row.total) for row in rows] == [
        (units["schools"], True, 1),  # Carl, the chief of the department itself
        (units["ahorn"], False, 1),
        (units["birk"], False, 1),
    ]
    assert rows[1].counts == {DialogueStatus.HELD: 1}


def test_a_unit_outside_the_round_is_not_found(small_organisation, opened, administrator):
    other = UnitFactory(name="Anden Kommune")
    with pytest.raises(Http404):
        round_unit_get_for_user(user=administrator, round_=opened.round, pk=other.pk)
    assert round_unit_get_for_user(user=administrator, round_=opened.round, pk=None) == opened.round.unit


def test_only_an_administrator_sees_the_round_overview(small_organisation, opened):
    for who in ("dorte", "lis", "ulla"):
        with pytest.raises(PermissionDenied):
            round_overview_for_user(
                user=small_organisation["people"][who].user, round_=opened.round, unit=opened.round.unit
            )

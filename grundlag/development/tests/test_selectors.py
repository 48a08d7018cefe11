"""Who sees which development dialogues, and an LUS round's overview in counts for administrators only."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from grundlag.development.models import DialogueStatus
from grundlag.development.selectors import dialogues_for_user, round_overview_for_user
from grundlag.development.services import round_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def opened(small_organisation, administrator):
    today = timezone.localdate()
    return round_open(
        name="LUS 2027",
        unit=small_organisation["units"]["municipality"],
        starts=today,
        ends=today + datetime.timedelta(days=60),
        by=administrator,
    )


def test_a_leader_sees_their_own_dialogue_and_those_they_hold_as_superior(small_organisation, opened):
    people = small_organisation["people"]

    assert [d.leader for d in dialogues_for_user(user=people["lis"].user)] == [people["lis"]]
    assert {d.leader for d in dialogues_for_user(user=people["dorte"].user)} == {people["carl"]}
    assert not dialogues_for_user(user=people["ulla"].user).exists()
    assert not dialogues_for_user(user=people["bo"].user).filter(leader=people["lis"]).exists()


def test_the_round_overview_counts_dialogues_by_unit_and_phase(small_organisation, opened, administrator):
    units = small_organisation["units"]
    opened.round.dialogues.filter(leader=small_organisation["people"]["lis"]).update(
        status=DialogueStatus.HELD
    )

    rows = {row.unit: row for row in round_overview_for_user(user=administrator, round_=opened.round)}

    assert set(rows) == {units["schools"], units["ahorn"], units["birk"]}
    assert rows[units["ahorn"]].counts == {DialogueStatus.HELD: 1}
    assert rows[units["birk"]].cells == [1, 0, 0, 0, 0] and rows[units["birk"]].total == 1


def test_only_an_administrator_sees_the_round_overview(small_organisation, opened):
    for who in ("dorte", "lis", "ulla"):
        with pytest.raises(PermissionDenied):
            round_overview_for_user(user=small_organisation["people"][who].user, round_=opened.round)

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from grundlag.actionplans.process.selectors import (
    process_entry_get_for_user,
    process_get_for_user,
    process_owned_for_user,
    process_units_to_start_for_user,
    processes_for_user,
)
from grundlag.actionplans.process.services import process_entry_add, process_start

pytestmark = pytest.mark.django_db


def test_the_owner_and_the_team_read_a_process(process, people):
    owner = process_get_for_user(user=people["lis"].user, pk=process.pk)
    member = process_get_for_user(user=people["bo"].user, pk=process.pk)
    assert (owner.process, owner.is_owner) == (process, True)
    assert (member.process, member.is_owner) == (process, False)
    assert list(processes_for_user(user=people["bo"].user)) == [process]


@pytest.mark.parametrize("outsider", ["tom", "ulla", "dorte"])
def test_nobody_else_finds_it(process, people, outsider):
    """Dorte leads the unit above, and still does not see her school leader's process."""
    with pytest.raises(Http404):
        process_get_for_user(user=people[outsider].user, pk=process.pk)
    assert list(processes_for_user(user=people[outsider].user)) == []


def test_the_administrator_finds_nothing_either(process, administrator):
    with pytest.raises(Http404):
        process_get_for_user(user=administrator, pk=process.pk)
    with pytest.raises(Http404):
        processes_for_user(user=administrator)


def test_a_process_not_there_is_the_same_404(people, fivef):
    with pytest.raises(Http404):
        process_get_for_user(user=people["lis"].user, pk=999999)


def test_only_the_owner_gets_the_process_to_choose_its_team(process, people):
    assert process_owned_for_user(user=people["lis"].user, pk=process.pk) == process
    with pytest.raises(PermissionDenied):
        process_owned_for_user(user=people["bo"].user, pk=process.pk)
    with pytest.raises(Http404):
        process_owned_for_user(user=people["ulla"].user, pk=process.pk)


def test_an_author_gets_only_their_own_contribution_to_change(process, people):
    theirs = process_entry_add(process=process, step="fokuser", text="Bos", by=people["bo"].user)
    assert process_entry_get_for_user(user=people["bo"].user, process=process, pk=theirs.pk) == theirs
    with pytest.raises(Http404):
        process_entry_get_for_user(user=people["lis"].user, process=process, pk=theirs.pk)


def test_a_contribution_is_found_only_in_its_own_process(process, people, units):
    other = process_start(unit=units["ahorn"], owner=people["lis"], title="Andet", by=people["lis"].user)
    entry = process_entry_add(process=other, step="fokuser", text="Lis", by=people["lis"].user)
    with pytest.raises(Http404):
        process_entry_get_for_user(user=people["lis"].user, process=process, pk=entry.pk)


def test_a_leader_starts_processes_for_the_units_they_lead_and_those_below(fivef, people, units):
    _lis, lis_units = process_units_to_start_for_user(user=people["lis"].user)
    assert list(lis_units) == [units["ahorn"]]
    _dorte, dorte_units = process_units_to_start_for_user(user=people["dorte"].user)
    assert set(dorte_units) == set(units.values())


@pytest.mark.parametrize("who", ["tom", "ulla"])
def test_someone_who_leads_no_unit_starts_none(fivef, people, who):
    with pytest.raises(PermissionDenied):
        process_units_to_start_for_user(user=people[who].user)


def test_the_administrator_starts_none(fivef, administrator):
    with pytest.raises(PermissionDenied):
        process_units_to_start_for_user(user=administrator)

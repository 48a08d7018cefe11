"""Who reads a plan: its owner and leadership team (who also write), the owner's superiors when it is shared
(who only read), and no one else, the administrator included: not on its page, not in a list, not on the
start page."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from grundlag.actionplans.plans.selectors import (
    MEMBER,
    OWNER,
    SUPERIOR,
    plan_get_for_user,
    plan_lists_for_user,
    plans_for_user,
    team_member_candidates,
)
from grundlag.actionplans.plans.services import plan_follow_up_add, plan_share
from grundlag.actionplans.start import start_items_for_user


def test_the_owner_and_the_team_write_in_the_plan(plan, people):
    assert plan_get_for_user(user=people["lis"].user, pk=plan.pk, edit=True).role == OWNER
    assert plan_get_for_user(user=people["bo"].user, pk=plan.pk, edit=True).role == MEMBER


@pytest.mark.parametrize("name", ["dorte", "tom", "ulla"])
def test_anyone_else_finds_no_private_plan(plan, people, name):
    with pytest.raises(Http404):
        plan_get_for_user(user=people[name].user, pk=plan.pk)
    assert not plans_for_user(user=people[name].user).exists()


def test_the_administrator_finds_no_plan_and_none_in_a_list(plan, administrator):
    with pytest.raises(Http404):
        plan_get_for_user(user=administrator, pk=plan.pk)
    assert not plans_for_user(user=administrator).exists()
    assert start_items_for_user(user=administrator) == ([], [])


def test_a_shared_plan_is_read_by_the_superiors_and_not_changed(plan, people):
    plan_share(plan=plan, team_members=[], shared_with_superior=True, by=people["lis"].user)
    assert plan_get_for_user(user=people["dorte"].user, pk=plan.pk).role == SUPERIOR
    with pytest.raises(PermissionDenied):
        plan_get_for_user(user=people["dorte"].user, pk=plan.pk, edit=True)
    assert list(plan_lists_for_user(user=people["dorte"].user).shared) == [plan]
    with pytest.raises(Http404):  # Tom is below Lis, not above her
        plan_get_for_user(user=people["tom"].user, pk=plan.pk)


def test_the_team_is_picked_among_the_leaders_the_owner_leads_or_works_beside(people):
    assert list(team_member_candidates(owner=people["lis"])) == [people["bo"]]
    assert people["carl"] in team_member_candidates(owner=people["dorte"])


def test_the_next_follow_up_is_on_the_start_page_of_the_plans_people_only(plan, people):
    today = timezone.localdate()
    plan_follow_up_add(
        plan=plan, held_on=today, next_on=today + datetime.timedelta(days=7), by=people["lis"].user
    )
    for name in ("lis", "bo"):
        follow_ups, _entries = start_items_for_user(user=people[name].user)
        assert [(item.pk, item.on) for item in follow_ups] == [(plan.pk, today + datetime.timedelta(days=7))]
    plan_share(plan=plan, team_members=[], shared_with_superior=True, by=people["lis"].user)
    assert start_items_for_user(user=people["dorte"].user) == ([], [])
    assert start_items_for_user(user=people["bo"].user) == ([], [])  # no longer in the team

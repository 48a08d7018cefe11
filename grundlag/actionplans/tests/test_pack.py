"""The data pack of a development dialogue holds the figures of the leader's units and the action plans the
leader shares with the superior, frozen when the preparation opens; a plan kept within its team stays out."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from grundlag.actionplans.plans.services import plan_action_add, plan_create, plan_follow_up_add, plan_share
from grundlag.development.dialogues.services import dialogue_open, dialogue_schedule
from grundlag.indicators.tests.pages import WITHHELD_AHORN_DANISH, figures_import
from grundlag.organisation.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_pack_shows_the_leaders_figures_and_shared_plans_only(small_organisation, client):
    people, units = small_organisation["people"], small_organisation["units"]
    lis, carl = people["lis"], people["carl"]
    carl.user = UserFactory(username="carl")
    carl.save(update_fields=["user"])
    figures_import()
    shared = plan_create(unit=units["ahorn"], owner=lis, title="Mere trivsel i udskolingen", by=lis.user)
    plan_share(plan=shared, team_members=[], shared_with_superior=True, by=lis.user)
    plan_action_add(plan=shared, what="Klassemøder hver uge", by=lis.user)
    plan_follow_up_add(
        plan=shared,
        held_on=timezone.localdate(),
        signs_seen="",
        note="",
        next_on=datetime.date(2027, 3, 1),
        by=lis.user,
    )
    plan_create(unit=units["ahorn"], owner=lis, title="Teamets egen plan", by=lis.user)
    dialogue = dialogue_schedule(leader=lis, when=timezone.now() + datetime.timedelta(days=7), by=carl.user)
    dialogue = dialogue_open(dialogue=dialogue, by=lis.user)

    parts = dialogue.pack.content["parts"]
    assert [plan["title"] for plan in parts["actionplans"]] == ["Mere trivsel i udskolingen"]
    assert parts["actionplans"][0]["next"] == "2027-03-01" and parts["actionplans"][0]["actions"] == 1
    (ahorn,) = parts["indicators"]
    assert ahorn["unit"] == "Ahorn Skole" and {f["period"] for f in ahorn["figures"]} == {"2024/25"}

    client.force_login(carl.user)
    page = client.get(reverse("development:dialogue", args=[dialogue.pk])).content.decode()
    assert "Nøgletal for lederens enheder" in page and "Ahorn Skole" in page and "4,1" in page
    assert "Mere trivsel i udskolingen" in page and "Teamets egen plan" not in page
    assert "næste opfølgning 1. marts 2027" in page
    assert WITHHELD_AHORN_DANISH not in page

    plan_share(plan=shared, team_members=[], shared_with_superior=False, by=lis.user)
    page = client.get(reverse("development:dialogue", args=[dialogue.pk])).content.decode()
    # Withdrawn since the pack was made: gone at the next read, and no empty heading is left.
    assert "Mere trivsel i udskolingen" not in page
    assert "Handleplaner, som lederen deler med sin overordnede" not in page
    assert "Ahorn Skole" in page  # the figures stay as they were frozen

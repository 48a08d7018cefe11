"""The development plan pages as their users use them: Lis writes her plan, shares a goal, marks an action
done; Dorte above her reads the shared goals only; a refused form says why (422) and writes nothing."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from grundlag.development.dialogues.services import dialogue_schedule
from grundlag.development.models import Action, Goal, GoalStatus, Plan
from grundlag.development.plans.services import action_add, goal_create

from .conftest import client_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def text(response) -> str:
    return html.unescape(response.content.decode()).replace("\xa0", " ")


def main(response) -> str:
    page = text(response)
    return page[page.index("<main") : page.index("</main>")]


def test_lis_adds_a_goal_tied_to_an_expectation_and_an_action_to_it(people, expectation):
    lis = client_of(people["lis"].user)
    page = main(lis.get(reverse("development:plan")))
    assert "Min udviklingsplan" in page and "Intet mål endnu" in page
    assert "Hvad i ledelsesgrundlaget målet arbejder med" in page and "Afsnittet som helhed" in page
    assert expectation.text in page
    plan = Plan.objects.get(leader=people["lis"], team_name="")

    response = lis.post(
        reverse("development:goal_create", args=[plan.pk]),
        {
            "goal-title": "Tydelig retning",
            "goal-works_on": f"e{expectation.pk}",
            "goal-description": "Med teamet",
        },
    )
    goal = Goal.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/development/plan/#goal-{goal.pk}")
    assert (goal.expectation, goal.section_id, goal.shared) == (expectation, expectation.section_id, False)

    due = TODAY + datetime.timedelta(days=14)
    response = lis.post(
        reverse("development:action_add", args=[plan.pk, goal.pk]),
        {
            f"action{goal.pk}-text": "Besøge to klasser",
            f"action{goal.pk}-owner": "Lis",
            f"action{goal.pk}-due": due,
        },
    )
    assert response.status_code == 302 and Action.objects.get().due == due
    page = main(lis.get(reverse("development:plan")))
    assert "Tydelig retning" in page and "Besøge to klasser" in page and "Privat" in page


def test_a_refused_form_says_why_and_writes_nothing(people, lis_plan):
    lis = client_of(people["lis"].user)
    goal = goal_create(plan=lis_plan, title="Feedback", by=people["lis"].user)

    response = lis.post(
        reverse("development:action_add", args=[lis_plan.pk, goal.pk]),
        {f"action{goal.pk}-text": "For sent", f"action{goal.pk}-due": TODAY - datetime.timedelta(days=1)},
    )
    assert response.status_code == 422
    assert "Datoen for en ny handling kan ikke ligge i fortiden." in text(response)
    assert not Action.objects.exists()

    response = lis.post(
        reverse("development:goal_create", args=[lis_plan.pk]),
        {"goal-title": "", "goal-works_on": "e999999"},
    )
    assert response.status_code == 422 and "Dette felt er påkrævet." in text(response)
    assert Goal.objects.count() == 1


def test_the_leader_shares_a_goal_and_the_superior_reads_only_the_shared_ones(people, lis_plan):
    lis = client_of(people["lis"].user)
    shared = goal_create(plan=lis_plan, title="Tydelig retning", by=people["lis"].user)
    goal_create(plan=lis_plan, title="Min hemmelige udfordring", by=people["lis"].user)
    action_add(goal=shared, text="Fælles møde", by=people["lis"].user)

    response = lis.post(reverse("development:goal_share", args=[lis_plan.pk, shared.pk]), {"shared": "1"})
    assert response.status_code == 302 and Goal.objects.get(pk=shared.pk).shared

    dorte = client_of(people["dorte"].user)
    page = main(dorte.get(reverse("development:plan")))
    assert "Planer delt med mig" in page and "Lis Leder" in page
    response = dorte.get(reverse("development:plan_detail", args=[lis_plan.pk]))
    page = main(response)
    assert response.status_code == 200 and "Udviklingsplan for Lis Leder" in page
    assert "Tydelig retning" in page and "Fælles møde" in page
    assert "Min hemmelige udfordring" not in page
    assert "Tilføj et mål" not in page and "Ret målet" not in page  # read-only
    for name in ("goal_create",):
        assert (
            dorte.post(reverse(f"development:{name}", args=[lis_plan.pk]), {"goal-title": "x"}).status_code
            == 404
        )
    assert dorte.post(reverse("development:goal_share", args=[lis_plan.pk, shared.pk])).status_code == 404


def test_no_one_else_finds_the_plan(people, lis_plan, admin_client):
    goal_create(plan=lis_plan, title="Delt", shared=True, by=people["lis"].user)
    for user in (people["bo"].user, people["tom"].user):
        assert client_of(user).get(reverse("development:plan_detail", args=[lis_plan.pk])).status_code == 404
    assert admin_client.get(reverse("development:plan_detail", args=[lis_plan.pk])).status_code == 404
    assert admin_client.get(reverse("development:plan")).status_code == 404
    assert client_of(people["tom"].user).get(reverse("development:plan")).status_code == 404


def test_a_goal_and_an_action_are_changed_on_their_own_pages(people, lis_plan):
    lis = client_of(people["lis"].user)
    goal = goal_create(plan=lis_plan, title="Feedback", by=people["lis"].user)
    action = action_add(goal=goal, text="Observere", due=TODAY, by=people["lis"].user)

    page = main(lis.get(reverse("development:goal_update", args=[lis_plan.pk, goal.pk])))
    assert "Ret målet" in page and "I gang" in page and "Ikke startet" in page
    response = lis.post(
        reverse("development:goal_update", args=[lis_plan.pk, goal.pk]),
        {"title": "Feedback hver uge", "description": "", "status": GoalStatus.ACTIVE, "shared": "on"},
    )
    goal.refresh_from_db()
    assert response.status_code == 302 and (goal.title, goal.status, goal.shared) == (
        "Feedback hver uge",
        GoalStatus.ACTIVE,
        True,
    )

    assert "Handlingen er udført" in main(
        lis.get(reverse("development:action_update", args=[lis_plan.pk, action.pk]))
    )
    response = lis.post(
        reverse("development:action_update", args=[lis_plan.pk, action.pk]),
        {"text": "Observere", "due": TODAY, "done": "on", "evidence": "To besøg", "reflection": "Lyt mere"},
    )
    action.refresh_from_db()
    assert response.status_code == 302 and action.done_on == TODAY and action.reflection == "Lyt mere"
    response = lis.post(
        reverse("development:action_update", args=[lis_plan.pk, action.pk]),
        {"text": "Observere", "due": TODAY - datetime.timedelta(days=9)},
    )
    assert response.status_code == 422 and "En handling kan ikke flyttes til en dato i fortiden." in text(
        response
    )


def test_a_goal_agreed_in_a_dialogue_says_so_with_a_link_for_the_leader(people, lis_plan):
    dialogue = dialogue_schedule(
        leader=people["lis"], when=timezone.now() + datetime.timedelta(days=3), by=people["carl"].user
    )
    goal = goal_create(plan=lis_plan, title="Aftalt mål", shared=True, by=people["lis"].user)
    Goal.objects.filter(pk=goal.pk).update(dialogue=dialogue)

    page = text(client_of(people["lis"].user).get(reverse("development:plan")))
    assert "Aftalt i lederudviklingssamtalen den" in page
    assert reverse("development:agreement", args=[dialogue.pk]) in page
    assert "Gør det privat" not in page  # an agreed goal stays shared
    dorte = text(client_of(people["dorte"].user).get(reverse("development:plan_detail", args=[lis_plan.pk])))
    assert "Aftalt i lederudviklingssamtalen den" in dorte
    assert reverse("development:agreement", args=[dialogue.pk]) not in dorte


def test_a_team_plan_is_started_and_its_member_works_on_it(people):
    lis = client_of(people["lis"].user)
    page = main(lis.get(reverse("development:plan_team_create")))
    assert "Start en plan med et ledelsesteam" in page and "Bo Leder" in page and "Tom Lærer" not in page

    response = lis.post(
        reverse("development:plan_team_create"), {"team_name": "Skolelederne", "members": [people["bo"].pk]}
    )
    plan = Plan.objects.get(team_name="Skolelederne")
    assert response.status_code == 302 and list(plan.members.all()) == [people["bo"]]

    bo = client_of(people["bo"].user)
    assert "Skolelederne" in main(bo.get(reverse("development:plan")))
    response = bo.post(reverse("development:goal_create", args=[plan.pk]), {"goal-title": "Fælles pædagogik"})
    assert response.status_code == 302 and plan.goals.get().title == "Fælles pædagogik"
    response = lis.post(
        reverse("development:plan_team_create"), {"team_name": "Forkert", "members": [people["dorte"].pk]}
    )
    assert response.status_code == 422 and not Plan.objects.filter(team_name="Forkert").exists()


def test_the_start_page_shows_my_plans_next_actions_the_overdue_marked(people, lis_plan):
    goal = goal_create(plan=lis_plan, title="Feedback", by=people["lis"].user)
    action_add(goal=goal, text="Besøge 4.A", due=TODAY + datetime.timedelta(days=2), by=people["lis"].user)
    late = action_add(goal=goal, text="Skrive til teamet", due=TODAY, by=people["lis"].user)
    Action.objects.filter(pk=late.pk).update(due=TODAY - datetime.timedelta(days=1))

    page = main(client_of(people["lis"].user).get(reverse("core:home")))

    assert "Min plans næste handlinger" in page
    assert page.index("Skrive til teamet") < page.index("Overskredet") < page.index("Besøge 4.A")
    dorte = main(client_of(people["dorte"].user).get(reverse("core:home")))
    assert (
        "Ingen handling i dine udviklingsplaner har en dato forude." in dorte and "Min sparringslog" in dorte
    )
    assert "Min plans næste handlinger" not in main(client_of(people["tom"].user).get(reverse("core:home")))

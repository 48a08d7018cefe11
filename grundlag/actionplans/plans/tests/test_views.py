import datetime

from django.urls import reverse
from django.utils import timezone

from grundlag.actionplans.models import ActionPlan, PlanStatus
from grundlag.actionplans.plans.services import (
    plan_action_add,
    plan_follow_up_add,
    plan_indicator_attach,
    plan_share,
)
from grundlag.actionplans.tests.factories import YEARS, wellbeing_figures

from .conftest import client_of


def test_a_leader_starts_a_plan_for_their_school_with_a_colleague(people, units, builtin_tools):
    client = client_of(people["lis"].user)
    page = client.get(reverse("actionplans:plan_create")).content.decode()
    assert "Ahorn Skole" in page and "Birk Skole" not in page  # the units she leads
    assert "Bo Leder" in page  # a leader beside her, for the leadership team
    response = client.post(
        reverse("actionplans:plan_create"),
        {
            "unit": units["ahorn"].pk,
            "title": "Trivsel",
            "goal": "Alle trives",
            "team_members": [people["bo"].pk],
        },
    )
    plan = ActionPlan.objects.get(title="Trivsel")
    assert response.url == reverse("actionplans:plan", args=[plan.pk])
    assert list(plan.team_members.all()) == [people["bo"]]


def test_a_chosen_id_that_no_row_can_have_is_an_invalid_choice_not_an_error(people, units, builtin_tools):
    """Beyond the database's integers (an OverflowError on SQLite) or not a number: the form says so."""
    client = client_of(people["lis"].user)
    for odd in (str(2**64), "-1", "1e3", "x"):
        response = client.post(
            reverse("actionplans:plan_create"),
            {"unit": units["ahorn"].pk, "title": "Trivsel", "team_members": [people["bo"].pk, odd]},
        )
        assert response.status_code == 422, odd
        assert "is not a valid value" in response.content.decode() or "er ikke en gyldig" in (
            response.content.decode()
        ), odd
    assert not ActionPlan.objects.exists()


def test_the_plan_page_shows_the_templates_parts_in_the_toolbox_words_and_order(plan, people, builtin_tools):
    page = client_of(people["lis"].user).get(reverse("actionplans:plan", args=[plan.pk])).content.decode()
    content = builtin_tools["handleplansskabelon"].content
    labels = [field["label"] for field in content["fields"]]
    positions = [page.index(f">{label}</span></h2>") for label in labels]
    assert positions == sorted(positions)
    for field in content["fields"]:
        for question in field.get("questions", []):
            assert question["text"] in page


def test_the_plan_page_shows_the_baseline_and_the_trend_since_it(
    plan, people, units, indicator, builtin_tools
):
    plan_indicator_attach(plan=plan, indicator=indicator, by=people["lis"].user)
    wellbeing_figures(indicator, units, years=YEARS[1:])
    plan_follow_up_add(
        plan=plan, held_on=datetime.date(2024, 9, 1), signs_seen="Færre konflikter", by=people["lis"].user
    )
    page = client_of(people["lis"].user).get(reverse("actionplans:plan", args=[plan.pk])).content.decode()
    assert "2021/22" in page and "3.8" in page  # the baseline
    assert "2023/24" in page and "+0.2" in page  # the trend, and its change since the baseline
    assert "Færre konflikter" in page
    assert "Kilde: Uddannelsesstatistik.dk" in page
    assert 'data-chart-spec="trend-trivsel-social"' in page


def test_a_save_over_a_later_revision_keeps_what_was_typed_beside_the_other(plan, people, builtin_tools):
    url = reverse("actionplans:plan_edit", args=[plan.pk])
    fields = {"title": plan.title, "goal": "", "baseline": "", "evaluation": "", "revision": "1"}
    client_of(people["bo"].user).post(url, {**fields, "goal": "Bos mål"})
    response = client_of(people["lis"].user).post(url, {**fields, "goal": "Lis' mål"})
    page = response.content.decode()
    assert response.status_code == 422
    assert "Someone saved this plan after you opened it" in page
    assert "Lis&#x27; mål" in page and "Bos mål" in page
    assert 'name="revision" value="2"' in page
    plan.refresh_from_db()
    assert plan.goal == "Bos mål"


def test_a_superior_reads_a_shared_plan_and_is_refused_its_forms(plan, people, builtin_tools):
    dorte = client_of(people["dorte"].user)
    assert dorte.get(reverse("actionplans:plan", args=[plan.pk])).status_code == 404
    plan_share(plan=plan, team_members=[], shared_with_superior=True, by=people["lis"].user)
    page = dorte.get(reverse("actionplans:plan", args=[plan.pk])).content.decode()
    assert "Shared with you to read" in page
    for name in (
        "plan_edit",
        "plan_status",
        "action_add",
        "follow_up_add",
        "plan_expectations",
        "indicator_attach",
    ):
        assert reverse(f"actionplans:{name}", args=[plan.pk]) not in page, name
    assert dorte.get(reverse("actionplans:plan_edit", args=[plan.pk])).status_code == 403


def test_the_list_shows_own_team_and_shared_plans(plan, people, builtin_tools):
    plan_share(plan=plan, team_members=[people["bo"]], shared_with_superior=True, by=people["lis"].user)
    for person, heading in (
        ("lis", "My plans"),
        ("bo", "With my leadership team"),
        ("dorte", "Shared with me"),
    ):
        page = client_of(people[person].user).get(reverse("actionplans:plans")).content.decode()
        section = page.split(f"<h2>{heading}</h2>", 1)[1].split("<h2>", 1)[0]
        assert plan.title in section, person


def test_the_administrator_finds_no_plan(plan, admin_client):
    assert admin_client.get(reverse("actionplans:plan", args=[plan.pk])).status_code == 404
    assert admin_client.get(reverse("actionplans:plans")).status_code == 404


def test_actions_are_added_changed_and_marked_done(plan, people, builtin_tools):
    client = client_of(people["bo"].user)
    client.post(
        reverse("actionplans:action_add", args=[plan.pk]),
        {"what": "Legepatruljer", "who": "AKT-teamet", "when": "i frikvarteret", "signs": "Færre konflikter"},
    )
    action = plan.actions.get()
    assert (action.who, action.signs) == ("AKT-teamet", "Færre konflikter")
    client.post(reverse("actionplans:action_done", args=[plan.pk, action.pk]), {"done": "1"})
    action.refresh_from_db()
    assert action.done_on is not None
    client.post(
        reverse("actionplans:action_edit", args=[plan.pk, action.pk]),
        {"what": "Legepatruljer hver dag", "who": "", "when": "", "episode": "Frikvarteret", "signs": ""},
    )
    action.refresh_from_db()
    assert (action.what, action.episode, action.done_on) == ("Legepatruljer hver dag", "Frikvarteret", None)


def test_a_status_change_and_an_edit_show_in_the_history(plan, people, builtin_tools):
    client = client_of(people["lis"].user)
    client.post(reverse("actionplans:plan_status", args=[plan.pk]), {"status": "active", "revision": "1"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE
    page = client.get(reverse("actionplans:plan_history", args=[plan.pk])).content.decode()
    assert "Under way" in page and "Being written" in page


def test_an_indicator_is_tied_and_untied_from_the_page(plan, people, indicator, builtin_tools):
    client = client_of(people["lis"].user)
    client.post(reverse("actionplans:indicator_attach", args=[plan.pk]), {"indicator": indicator.pk})
    assert plan.baseline_figures.count() == 4
    client.post(reverse("actionplans:indicator_detach", args=[plan.pk, indicator.pk]))
    assert not plan.baseline_figures.exists() and not plan.indicators.exists()


def test_expectations_of_the_owners_level_are_tied(plan, people, builtin_tools):
    from grundlag.actionplans.plans.selectors import expectation_choices

    chosen = expectation_choices(plan=plan)[:2]
    client = client_of(people["lis"].user)
    client.post(
        reverse("actionplans:plan_expectations", args=[plan.pk]), {"expectations": [e.pk for e in chosen]}
    )
    assert set(plan.expectations.all()) == set(chosen)
    page = client.get(reverse("actionplans:plan", args=[plan.pk])).content.decode()
    assert chosen[0].text in page


def test_actions_and_follow_ups_appear_on_the_start_page(plan, people, builtin_tools):
    plan_action_add(plan=plan, what="Trivselsmøder", by=people["lis"].user)
    plan_follow_up_add(
        plan=plan,
        held_on=timezone.localdate(),
        next_on=timezone.localdate() + datetime.timedelta(days=14),
        by=people["lis"].user,
    )
    page = client_of(people["bo"].user).get(reverse("core:home")).content.decode()
    assert plan.title in page
    assert plan.title not in client_of(people["dorte"].user).get(reverse("core:home")).content.decode()

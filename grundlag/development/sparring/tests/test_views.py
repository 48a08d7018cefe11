"""The sparring log's pages as Lis uses them: logging a session, adding a next step to her plan with one
button; a refused form says why; nobody else reaches any of it."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from grundlag.development.models import Action, SparringKind, SparringSession
from grundlag.development.plans.selectors import goal_choices
from grundlag.development.plans.services import goal_create

from .conftest import client_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def text(response) -> str:
    return html.unescape(response.content.decode()).replace("\xa0", " ")


def test_lis_logs_a_session_and_adds_a_next_step_to_her_plan_with_one_button(people, lis_plan):
    lis = client_of(people["lis"].user)
    theme = goal_choices(plan=lis_plan)[1].section
    page = text(lis.get(reverse("development:sparring")))
    assert "Min sparringslog" in page and "Med en lederkollega" in page and theme.title in page
    assert "Kun du læser den" in page

    response = lis.post(
        reverse("development:sparring"),
        {
            "kind": SparringKind.MENTOR,
            "partner": "Min mentor",
            "held_on": TODAY,
            "sections": [theme.pk],
            "notes": "Om at give feedback",
            "steps": "Bede om feedback fra teamet\nLæse en bog",
        },
    )
    session = SparringSession.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "development:sparring_detail", args=[session.pk]
    )
    page = text(lis.get(response["Location"]))
    assert "Bede om feedback fra teamet" in page and "Tilføj til min plan" in page
    assert "Et nyt mål opkaldt efter sparringen" in page

    step = session.steps.first()
    response = lis.post(reverse("development:sparring_step_to_plan", args=[session.pk, step.pk]), {})
    action = Action.objects.get()
    assert response.status_code == 302 and action.sparring_step == step
    page = text(lis.get(reverse("development:sparring_detail", args=[session.pk])))
    assert "Det næste skridt er nu en handling i din udviklingsplan" in page
    assert f"I din plan under »{action.goal.title}«" in page
    assert action.goal.title.startswith("Fra sparring: med en mentor,")


def test_a_step_goes_under_the_goal_lis_picks(people, lis_plan):
    lis = client_of(people["lis"].user)
    goal = goal_create(plan=lis_plan, title="Feedbackkultur", by=people["lis"].user)
    lis.post(
        reverse("development:sparring"),
        {"kind": SparringKind.PEER, "held_on": TODAY, "steps": "Spørge Bo"},
    )
    session = SparringSession.objects.get()
    step = session.steps.get()

    lis.post(
        reverse("development:sparring_step_to_plan", args=[session.pk, step.pk]),
        {f"step{step.pk}-goal": goal.pk},
    )

    assert Action.objects.get().goal == goal


def test_a_session_in_the_future_is_refused_with_a_message_and_nothing_is_saved(people):
    response = client_of(people["lis"].user).post(
        reverse("development:sparring"),
        {"kind": SparringKind.PEER, "held_on": TODAY + datetime.timedelta(days=2), "steps": "x"},
    )

    assert response.status_code == 422
    assert "En sparring noteres på eller efter den dag, den blev holdt." in text(response)
    assert not SparringSession.objects.exists()


def test_nobody_but_lis_reaches_her_log(people, admin_client):
    lis = client_of(people["lis"].user)
    lis.post(reverse("development:sparring"), {"kind": SparringKind.SUPERIOR, "held_on": TODAY, "steps": "x"})
    session = SparringSession.objects.get()
    step = session.steps.get()

    for client in [client_of(people[p].user) for p in ("carl", "dorte", "bo")] + [admin_client]:
        assert client.get(reverse("development:sparring_detail", args=[session.pk])).status_code == 404
        assert (
            client.post(reverse("development:sparring_step_to_plan", args=[session.pk, step.pk])).status_code
            == 404
        )
        assert client.post(reverse("development:sparring_delete", args=[session.pk])).status_code == 404
    assert admin_client.get(reverse("development:sparring")).status_code == 404
    assert client_of(people["tom"].user).get(reverse("development:sparring")).status_code == 404
    bo = text(client_of(people["bo"].user).get(reverse("development:sparring")))
    assert "Der er ikke noteret nogen sparring endnu." in bo  # his own, empty log

    response = lis.post(reverse("development:sparring_delete", args=[session.pk]))
    assert response.status_code == 302 and not SparringSession.objects.exists()

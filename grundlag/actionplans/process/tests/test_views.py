import html

import pytest
from django.urls import reverse
from django.utils import translation

from grundlag.actionplans.models import ActionPlan, Process, ProcessEntry
from grundlag.actionplans.process.services import process_entry_add, process_plan_create

from .conftest import client_of

pytestmark = pytest.mark.django_db


def step_url(process, step):
    return reverse("actionplans:process_step", kwargs={"pk": process.pk, "step": step})


def text_of(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("key", ["fokuser", "forstaa", "forestil", "fastslaa", "frigoer"])
def test_each_step_shows_its_name_prompts_and_description_from_the_tool_in_danish(
    process, people, fivef, key
):
    step = next(step for step in fivef.content["steps"] if step["key"] == key)
    with translation.override("da"):
        response = client_of(people["lis"].user).get(step_url(process, key), HTTP_ACCEPT_LANGUAGE="da")
    page = text_of(response)
    assert response.status_code == 200
    assert f"<h1>{step['name']}</h1>" in page
    for words in [*step["prompts"], step["description"]]:
        assert words in page
    assert "Tilføj" in page  # the page's own words are Danish too


def test_the_overview_shows_all_five_steps_and_where_the_team_is(process, people, fivef):
    response = client_of(people["bo"].user).get(reverse("actionplans:process", kwargs={"pk": process.pk}))
    page = text_of(response)
    for step in fivef.content["steps"]:
        assert step["name"] in page and step["description"] in page
    assert "The team is here" in page


def test_a_leader_starts_a_process_and_lands_on_fokuser(fivef, people, units):
    client = client_of(people["lis"].user)
    assert client.get(reverse("actionplans:process_start")).status_code == 200
    response = client.post(
        reverse("actionplans:process_start"),
        {"title": "Læselyst", "unit": units["ahorn"].pk, "team_members": [people["bo"].pk]},
    )
    process = Process.objects.get()
    assert response.status_code == 302
    assert response["Location"] == step_url(process, "fokuser")
    assert (process.owner, list(process.team_members.all())) == (people["lis"], [people["bo"]])


def test_the_start_form_offers_only_units_the_leader_may_start_for(fivef, people, units):
    response = client_of(people["lis"].user).post(
        reverse("actionplans:process_start"), {"title": "X", "unit": units["birk"].pk}
    )
    assert response.status_code == 422
    assert not Process.objects.exists()


def test_members_add_their_contributions_and_see_each_others_with_author(process, people):
    lis, bo = client_of(people["lis"].user), client_of(people["bo"].user)
    add = reverse("actionplans:process_entry_add", kwargs={"pk": process.pk, "step": "forstaa"})
    assert lis.post(add, {"text": "Læsebåndet virkede"}).status_code == 302
    assert bo.post(add, {"text": "Forfatterbesøget"}).status_code == 302
    page = text_of(lis.get(step_url(process, "forstaa")))
    assert "Læsebåndet virkede" in page and "Forfatterbesøget" in page and "Bo Leder" in page
    mine = ProcessEntry.objects.get(author=people["lis"])
    theirs = ProcessEntry.objects.get(author=people["bo"])
    assert reverse("actionplans:process_entry_edit", kwargs={"pk": process.pk, "entry_pk": mine.pk}) in page
    assert (
        reverse("actionplans:process_entry_edit", kwargs={"pk": process.pk, "entry_pk": theirs.pk})
        not in page
    )


def test_an_empty_contribution_is_refused_on_the_page(process, people):
    add = reverse("actionplans:process_entry_add", kwargs={"pk": process.pk, "step": "forstaa"})
    response = client_of(people["lis"].user).post(add, {"text": ""})
    assert response.status_code == 422
    assert "Write your contribution first." in text_of(response)


def test_an_author_edits_their_contribution_and_another_gets_404(process, people):
    entry = process_entry_add(process=process, step="fokuser", text="Før", by=people["bo"].user)
    url = reverse("actionplans:process_entry_edit", kwargs={"pk": process.pk, "entry_pk": entry.pk})
    assert client_of(people["lis"].user).get(url).status_code == 404
    assert client_of(people["lis"].user).post(url, {"text": "Lis"}).status_code == 404
    assert client_of(people["bo"].user).post(url, {"text": "Efter"}).status_code == 302
    delete = reverse("actionplans:process_entry_delete", kwargs={"pk": process.pk, "entry_pk": entry.pk})
    assert client_of(people["lis"].user).post(delete).status_code == 404
    assert ProcessEntry.objects.get(pk=entry.pk).text == "Efter"
    assert client_of(people["bo"].user).post(delete).status_code == 302
    assert not ProcessEntry.objects.filter(pk=entry.pk).exists()


def test_next_moves_the_team_and_opens_the_step(process, people):
    response = client_of(people["bo"].user).post(
        reverse("actionplans:process_move", kwargs={"pk": process.pk}), {"step": "forstaa"}
    )
    assert response["Location"] == step_url(process, "forstaa")
    assert Process.objects.get(pk=process.pk).step == "forstaa"


def test_an_unknown_step_is_404(process, people):
    assert client_of(people["lis"].user).get(step_url(process, "sjette")).status_code == 404


@pytest.mark.parametrize("outsider", ["tom", "ulla", "dorte"])
def test_outsiders_get_404_on_every_page(process, people, outsider):
    client = client_of(people[outsider].user)
    assert client.get(reverse("actionplans:process", kwargs={"pk": process.pk})).status_code == 404
    assert client.get(step_url(process, "fokuser")).status_code == 404
    assert (
        client.post(reverse("actionplans:process_plan_create", kwargs={"pk": process.pk})).status_code == 404
    )


def test_the_administrator_gets_404(process, admin_client):
    assert admin_client.get(step_url(process, "fokuser")).status_code == 404


def test_the_owner_creates_the_plan_from_frigoer_and_lands_on_it(process, people):
    process_entry_add(process=process, step="frigoer", text="Læsebånd hver morgen", by=people["bo"].user)
    bo, lis = client_of(people["bo"].user), client_of(people["lis"].user)
    assert "Create the action plan" not in text_of(bo.get(step_url(process, "frigoer")))
    assert "Create the action plan" in text_of(lis.get(step_url(process, "frigoer")))
    url = reverse("actionplans:process_plan_create", kwargs={"pk": process.pk})
    response = lis.post(url)
    plan = ActionPlan.objects.get()
    assert response["Location"] == reverse("actionplans:plan", kwargs={"pk": plan.pk})
    again = lis.post(url, follow=True)
    assert "has become an action plan" in text_of(again)
    assert ActionPlan.objects.count() == 1
    page = text_of(bo.get(step_url(process, "frigoer")))
    assert reverse("actionplans:plan", kwargs={"pk": plan.pk}) in page
    assert "Your decision" not in page  # kept as it was: no form


def test_a_finished_process_still_reads_on_every_step(process, people):
    process_entry_add(process=process, step="frigoer", text="Et tiltag", by=people["lis"].user)
    process_plan_create(process=process, by=people["lis"].user)
    client = client_of(people["bo"].user)
    for step in ["fokuser", "frigoer"]:
        assert client.get(step_url(process, step)).status_code == 200
    assert client.get(reverse("actionplans:process", kwargs={"pk": process.pk})).status_code == 200
    assert client.get(reverse("actionplans:process_list")).status_code == 200


def test_the_team_page_is_the_owners(process, people):
    url = reverse("actionplans:process_team", kwargs={"pk": process.pk})
    assert client_of(people["bo"].user).get(url).status_code == 403
    response = client_of(people["lis"].user).post(url, {"team_members": []})
    assert response.status_code == 302
    assert not Process.objects.get(pk=process.pk).team_members.exists()


def test_on_an_english_page_the_tools_danish_words_are_marked_as_danish(process, people, fivef):
    step = fivef.content["steps"][0]
    page = text_of(client_of(people["lis"].user).get(step_url(process, "fokuser")))
    assert f'<h1><span lang="da">{step["name"]}</span></h1>' in page
    assert f'<span lang="da">{step["prompts"][0]}</span>' in page
    assert "Add your contribution" in page

"""The development pages as their users use them: a superior schedules, the leader sees it, an administrator
opens a round and follows it in numbers."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from grundlag.development.models import Dialogue

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode()).replace("\xa0", " ")


def test_a_superior_schedules_and_the_leader_sees_it(small_organisation, client):
    people = small_organisation["people"]
    client.force_login(people["dorte"].user)
    when = (timezone.localtime() + datetime.timedelta(days=10)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    page = text(client.get(reverse("development:schedule")))
    assert "Lis Leder" in page and "Tom Lærer" not in page  # leaders only, not their staff

    response = client.post(
        reverse("development:schedule"),
        {"leader": people["lis"].pk, "when": when.strftime("%Y-%m-%dT%H:%M"), "place": "Rådhuset, lokale 4"},
    )

    assert response.status_code == 302
    dialogue = Dialogue.objects.get(leader=people["lis"])
    assert dialogue.superior == people["dorte"] and dialogue.scheduled_for == when
    client.force_login(people["lis"].user)
    page = text(client.get(reverse("development:dialogues")))
    assert "Rådhuset, lokale 4" in page and "Dorte" in page
    assert "Dagtilbuds-, skole- og FU-leder" in page


def test_a_dialogue_in_the_past_is_refused_with_a_message_and_nothing_is_saved(small_organisation, client):
    people = small_organisation["people"]
    client.force_login(people["dorte"].user)
    yesterday = timezone.localtime() - datetime.timedelta(days=1)

    response = client.post(
        reverse("development:schedule"),
        {"leader": people["lis"].pk, "when": yesterday.strftime("%Y-%m-%dT%H:%M")},
    )

    assert response.status_code == 422
    assert "Samtalen kan ikke planlægges i fortiden." in text(response)
    assert not Dialogue.objects.exists()


def test_someone_who_leads_no_leader_is_told_so_and_cannot_post_one(small_organisation, client):
    people = small_organisation["people"]
    client.force_login(people["ulla"].user)
    assert "Du leder ingen ledere på et ledelsesniveau" in text(client.get(reverse("development:schedule")))

    when = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("development:schedule"), {"leader": people["lis"].pk, "when": when})
    assert response.status_code == 422 and not Dialogue.objects.exists()


def test_an_administrator_opens_a_round_and_sees_it_by_unit(small_organisation, admin_client):
    today = timezone.localdate()
    response = admin_client.post(
        reverse("development:round_create"),
        {
            "name": "LUS 2027",
            "unit": small_organisation["units"]["municipality"].pk,
            "starts": today.isoformat(),
            "ends": (today + datetime.timedelta(days=60)).isoformat(),
        },
    )
    assert response.status_code == 302

    page = text(admin_client.get(response.url))
    assert "LUS 2027" in page and "Skoleafdelingen" in page and "Ahorn Skole" not in page
    schools = small_organisation["units"]["schools"]
    page = text(admin_client.get(response.url, {"unit": schools.pk}))
    assert "Ahorn Skole" in page and "Birk Skole" in page and "Skoleafdelingen (enhedens egne ledere)" in page
    assert "Planlagt" in page and "Lis Leder" not in page  # counts only, no names
    assert "LUS 2027" in text(admin_client.get(reverse("development:rounds")))


def test_a_round_ending_before_it_starts_is_refused_on_the_page(small_organisation, admin_client):
    today = timezone.localdate()
    response = admin_client.post(
        reverse("development:round_create"),
        {
            "name": "LUS",
            "unit": small_organisation["units"]["municipality"].pk,
            "starts": today.isoformat(),
            "ends": (today - datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 422
    assert "Runden skal slutte samme dag som eller efter den dag, den begynder." in text(response)
    assert not Dialogue.objects.exists()


def test_hostile_parameters_get_a_clear_answer_and_change_nothing(small_organisation, client, administrator):
    people, units = small_organisation["people"], small_organisation["units"]
    client.force_login(people["dorte"].user)
    when = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    # Ulla is a teacher below her, not a leader on a level: not among the choices, refused as such.
    response = client.post(reverse("development:schedule"), {"leader": people["ulla"].pk, "when": when})
    assert response.status_code == 422 and "Marker en gyldig valgmulighed" in text(response)
    for leader in ("abc", "-1", "99999999999999999999"):
        assert (
            client.post(reverse("development:schedule"), {"leader": leader, "when": when}).status_code == 422
        )
    assert client.get(reverse("development:schedule"), {"leader": "<script>"}).status_code == 200
    assert (
        client.post(
            reverse("development:schedule"), {"leader": people["tom"].pk, "when": "i morgen"}
        ).status_code
        == 422
    )
    assert not Dialogue.objects.exists()

    client.force_login(administrator)
    today = timezone.localdate()
    client.post(
        reverse("development:round_create"),
        {"name": "LUS", "unit": units["schools"].pk, "starts": today, "ends": today},
    )
    round_url = reverse("development:round_detail", args=[Dialogue.objects.first().round_id])
    assert client.get(round_url, {"unit": units["municipality"].pk}).status_code == 404  # above the round
    assert client.get(round_url, {"unit": "abc"}).status_code == 200  # not a unit: the whole round
    assert client.get(reverse("development:round_detail", args=[999999])).status_code == 404

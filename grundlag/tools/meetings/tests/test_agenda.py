"""The meeting planner's form: the agenda's minutes against the meeting's length, nothing typed lost on a
refusal, the total on the page, the minutes and carried items as read."""

import pytest
from django.urls import reverse

from grundlag.tools.documents.services import document_share
from grundlag.tools.models import ToolDocument

from .conftest import MEETING, client_of, posted

pytestmark = pytest.mark.django_db

FIVE_ITEMS = [
    {"punkt": "Godkendelse af dagsorden", "tid": 5},
    {"punkt": "Orientering fra ledelsen", "tid": 15, "decision": "Taget til efterretning"},
    {"punkt": "Budget og økonomi", "tid": 30, "actions": "Lis sender tallene fredag"},
    {"punkt": "Arbejdsmiljø og trivsel", "tid": 40, "finished": True},
    {"punkt": "Eventuelt", "tid": 5},
]


def test_an_agenda_longer_than_the_meeting_is_refused_with_both_totals_and_every_row_kept(
    meeting, lis_client
):
    url = reverse("tools:document", args=[meeting.pk])

    page = lis_client.post(
        url, posted(title="Ledelsesmøde", revision=1, data={**MEETING, "agenda": FIVE_ITEMS})
    )

    text = page.content.decode()
    assert page.status_code == 422
    assert "De 5 punkter tager 95 minutter, men mødet varer 60 minutter" in text
    for item in FIVE_ITEMS:
        assert f'value="{item["punkt"]}"' in text
    assert "Taget til efterretning" in text and "Lis sender tallene fredag" in text
    assert 'name="agenda-3-finished" checked' in text
    assert ToolDocument.objects.get(pk=meeting.pk).revision == 1


def test_an_agenda_as_long_as_the_meeting_is_saved_with_its_minutes(meeting, lis_client):
    url = reverse("tools:document", args=[meeting.pk])
    items = [*FIVE_ITEMS[:3], {**FIVE_ITEMS[3], "tid": 10}]  # 60 minutes

    page = lis_client.post(url, posted(title="Ledelsesmøde", revision=1, data={**MEETING, "agenda": items}))

    assert page.status_code == 302
    saved = ToolDocument.objects.get(pk=meeting.pk).data
    assert [row["tid"] for row in saved["agenda"]] == [5, 15, 30, 10]
    assert saved["agenda"][1]["decision"] == "Taget til efterretning"
    assert [row["finished"] for row in saved["agenda"]] == [False, False, False, True]
    assert saved["start"] == "14:00" and saved["date"] == "2027-03-04" and saved["length"] == 60


def test_an_agenda_without_a_length_is_not_checked(meeting, lis_client):
    url = reverse("tools:document", args=[meeting.pk])
    data = {**MEETING, "length": "", "agenda": FIVE_ITEMS}

    assert lis_client.post(url, posted(title="Ledelsesmøde", revision=1, data=data)).status_code == 302


def test_the_page_shows_the_items_total_against_the_length(meeting, lis_client):
    page = lis_client.get(reverse("tools:document", args=[meeting.pk])).content.decode()

    assert "De 3 punkter tager 55 af mødets 60 minutter." in page
    assert 'value="14:00"' in page and 'type="time"' in page


def test_a_superior_reads_the_minutes_and_the_total(meeting, people):
    lis = people["lis"]
    document_share(document=meeting, team_members=[], shared_with_superior=True, by=lis.user)

    page = client_of(people["dorte"].user).get(reverse("tools:document", args=[meeting.pk])).content.decode()

    assert "De 3 punkter tager 55 af mødets 60 minutter." in page
    assert "Vi holder fast" in page and "<td>Ja</td>" in page and "<td>Nej</td>" in page
    assert "Tilføj skabelonens punkter" not in page and "Planlæg næste møde" not in page

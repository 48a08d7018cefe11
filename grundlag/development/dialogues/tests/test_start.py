"""Leader development on the start page: my next dialogue, dialogues I hold without a date, the rounds."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from grundlag.development.dialogues.services import dialogue_schedule, round_open
from grundlag.organisation.tests.test_query_counts import queries_of

pytestmark = pytest.mark.django_db


def start_page(client) -> str:
    page = html.unescape(client.get(reverse("core:home")).content.decode()).replace("\xa0", " ")
    return page[page.index("<main") : page.index("</main>")]


def test_each_role_sees_its_part_of_the_round(small_organisation, opened, client, administrator):
    people = small_organisation["people"]
    dialogue_schedule(
        leader=people["carl"],
        when=timezone.now() + datetime.timedelta(days=5),
        place="Rådhuset",
        by=people["dorte"].user,
    )

    client.force_login(people["lis"].user)
    assert "Din lederudviklingssamtale med Carl" in start_page(client)
    assert "har endnu ingen dato" in start_page(client)

    client.force_login(people["dorte"].user)
    dorte = start_page(client)
    assert "Lederudviklingssamtaler" in dorte and "har endnu ingen dato" not in dorte  # Carl's has a date

    client.force_login(administrator)
    assert "LUS 2027" in start_page(client)

    client.force_login(people["ulla"].user)
    assert "Lederudviklingssamtaler" not in start_page(client)


def test_the_start_page_reads_as_many_queries_however_many_dialogues_one_holds(
    small_organisation, opened, client, administrator
):
    client.force_login(small_organisation["people"]["dorte"].user)
    queries_of(client, reverse("core:home"))
    few = queries_of(client, reverse("core:home"))
    today = timezone.localdate()
    round_open(
        name="LUS 2028",
        unit=small_organisation["units"]["municipality"],
        starts=today,
        ends=today,
        by=administrator,
    )
    opened.round.dialogues.update(superior=small_organisation["people"]["dorte"])  # she holds them all now
    queries_of(client, reverse("core:home"))  # the first request after a change may build the kept chain

    assert queries_of(client, reverse("core:home")) == few

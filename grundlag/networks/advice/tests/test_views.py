"""The advice pages: the leader reads who will read her request before she writes it, asks, reads the
reply; a consultant answers and marks it handled; the start page and the menu."""

import json

import pytest
from django.urls import reverse

from grundlag.networks.advice import services
from grundlag.networks.models import AdviceRequest

from .conftest import SUBJECT, TEXT

MINE = reverse("networks:advice_mine")
LIST = reverse("networks:advice_requests")


def thread(request):
    return reverse("networks:advice_request", args=[request.pk])


def test_the_page_names_who_reads_a_request_before_the_form(people, consultant, client_of):
    page = client_of(people["lis"].user).get(MINE).content.decode()

    notice = page.index("Kamma Konsulent")
    assert notice < page.index('name="subject"')
    assert "ikke din leder, ikke administratorerne" in page
    assert "365" in page  # how long it is kept


def test_a_leader_asks_and_lands_on_her_thread(people, consultant, client_of):
    response = client_of(people["lis"].user).post(MINE, {"subject": SUBJECT, "text": TEXT}, follow=True)

    request = AdviceRequest.objects.get()
    assert response.redirect_chain[-1][0] == thread(request)
    assert TEXT in response.content.decode()


def test_an_empty_request_is_shown_back_with_what_is_missing(people, consultant, client_of):
    response = client_of(people["lis"].user).post(MINE, {"subject": "", "text": TEXT})

    assert response.status_code == 422
    assert "form-error-message" in response.content.decode()
    assert TEXT in response.content.decode()  # nothing the leader wrote is lost
    assert not AdviceRequest.objects.exists()


def test_without_a_consultant_the_page_says_so_and_has_no_form(people, settings, client_of):
    settings.NETWORKS_CONSULTANTS = []
    page = client_of(people["lis"].user).get(MINE).content.decode()

    assert 'name="subject"' not in page
    assert "Der er endnu ikke udpeget nogen lederkonsulent" in page


def test_a_consultant_replies_and_marks_the_request_handled(asked, consultant, client_of):
    kamma = client_of(consultant.user)
    assert SUBJECT in kamma.get(LIST).content.decode()

    kamma.post(thread(asked), {"text": "Ring til mig i morgen."})
    kamma.post(reverse("networks:advice_handle", args=[asked.pk]))

    asked.refresh_from_db()
    assert asked.handled_at is not None
    page = kamma.get(thread(asked)).content.decode()
    assert "Ring til mig i morgen." in page
    assert reverse("networks:advice_reopen", args=[asked.pk]) in page


def test_the_requester_sees_the_reply_and_cannot_mark_handled(asked, people, consultant, client_of):
    services.advice_message_add(request=asked, text="Ring til mig i morgen.", by=consultant.user)
    lis = client_of(people["lis"].user)

    page = lis.get(thread(asked)).content.decode()
    assert "Ring til mig i morgen." in page and "Kamma Konsulent" in page
    assert reverse("networks:advice_handle", args=[asked.pk]) not in page
    assert lis.post(reverse("networks:advice_handle", args=[asked.pk])).status_code == 302
    asked.refresh_from_db()
    assert asked.handled_at is None


def test_a_refused_message_is_shown_back(asked, people, client_of):
    response = client_of(people["lis"].user).post(thread(asked), {"text": ""})

    assert response.status_code == 422
    assert "form-error-message" in response.content.decode()


def test_the_start_page_shows_a_consultant_the_open_requests(asked, consultant, client_of):
    page = client_of(consultant.user).get(reverse("core:home")).content.decode()

    assert SUBJECT in page and LIST in page


def test_the_start_page_shows_the_requester_a_reply_waiting(asked, people, consultant, client_of):
    lis = client_of(people["lis"].user)
    assert thread(asked) not in lis.get(reverse("core:home")).content.decode()

    services.advice_message_add(request=asked, text="Svar", by=consultant.user)

    assert thread(asked) in lis.get(reverse("core:home")).content.decode()


@pytest.mark.parametrize("who", ["carl", "dorte", "bo"])
def test_the_start_page_of_anyone_else_says_nothing_of_it(asked, people, consultant, client_of, who):
    services.advice_message_add(request=asked, text="Svar", by=consultant.user)

    assert SUBJECT not in client_of(people[who].user).get(reverse("core:home")).content.decode()


def test_the_networks_page_leads_a_leader_to_her_page_and_a_consultant_to_the_list(
    people, consultant, client_of
):
    forums = reverse("networks:forums")
    assert f'href="{MINE}"' in client_of(people["lis"].user).get(forums).content.decode()
    assert f'href="{LIST}"' in client_of(consultant.user).get(forums).content.decode()


def test_no_page_has_an_advice_link_for_a_teacher_or_an_administrator(people, admin_client, client_of):
    for client in (client_of(people["ulla"].user), admin_client):
        for url in (reverse("core:home"), reverse("networks:forums")):
            page = client.get(url).content.decode()
            assert MINE not in page and LIST not in page


def test_the_requester_downloads_her_own_copy(asked, people, client_of):
    response = client_of(people["lis"].user).get(reverse("networks:advice_export"))

    assert response["Content-Disposition"].startswith("attachment")
    document = json.loads(response.content)
    assert document["advice_requests"][0]["messages"][0]["text"] == TEXT

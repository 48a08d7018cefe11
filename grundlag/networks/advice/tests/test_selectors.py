"""Reads of the confidential advice: a request is there for its requester and the consultants and for no
one else; the consultants' list for consultants only; what the start page and the requester's copy hold."""

import pytest
from django.http import Http404

from grundlag.networks.advice import selectors, services
from grundlag.networks.models import AdviceRequest
from grundlag.organisation.tests.factories import UserFactory

from .conftest import SUBJECT, TEXT

NOT_READERS = ["carl", "dorte", "bo", "tom", "ulla"]


@pytest.mark.parametrize("who", NOT_READERS)
def test_a_request_is_not_there_for_anyone_but_its_requester_and_the_consultants(asked, people, who):
    with pytest.raises(Http404):
        selectors.advice_request_get_for_user(user=people[who].user, pk=asked.pk)


def test_a_request_is_not_there_for_an_administrator(asked, administrator):
    with pytest.raises(Http404):
        selectors.advice_thread_for_user(user=administrator, pk=asked.pk)


def test_the_requester_and_a_consultant_read_the_thread(asked, people, consultant):
    mine = selectors.advice_thread_for_user(user=people["lis"].user, pk=asked.pk)
    theirs = selectors.advice_thread_for_user(user=consultant.user, pk=asked.pk)

    assert (mine.is_requester, mine.is_consultant) == (True, False)
    assert (theirs.is_requester, theirs.is_consultant) == (False, True)
    assert [m.text for m in mine.messages] == [m.text for m in theirs.messages] == [TEXT]


def test_a_consultant_who_is_no_longer_named_reads_nothing(asked, consultant, settings):
    settings.NETWORKS_CONSULTANTS = []
    with pytest.raises(Http404):
        selectors.advice_request_get_for_user(user=consultant.user, pk=asked.pk)


@pytest.mark.parametrize("who", ["lis", "carl", "dorte", "bo", "tom", "ulla"])
def test_the_consultants_list_is_not_there_for_anyone_else(asked, people, who):
    with pytest.raises(Http404):
        selectors.advice_requests_for_user(user=people[who].user)


def test_the_consultants_list_is_not_there_for_an_administrator(asked, administrator):
    with pytest.raises(Http404):
        selectors.advice_requests_for_user(user=administrator)


def test_the_consultants_list_splits_open_and_handled_requests(asked, people, consultant):
    bo = people["bo"]
    other = services.advice_request_create(requester=bo, subject="Ny leder", text="Hjælp", by=bo.user)
    services.advice_request_handle(request=other, by=consultant.user)

    lists = selectors.advice_requests_for_user(user=consultant.user)

    assert [row.request for row in lists.open] == [asked]
    assert [row.request for row in lists.handled] == [other]
    assert lists.open[0].awaiting_consultant and lists.open[0].messages == 1
    assert not lists.own_page  # Kamma leads no one and has not asked


def test_a_leaders_page_lists_her_own_requests_only(asked, people):
    bo = people["bo"]
    services.advice_request_create(requester=bo, subject="Bos emne", text="Bos tekst", by=bo.user)

    page = selectors.advice_page_for_user(user=people["lis"].user)

    assert page.may_ask
    assert [row.request.subject for row in page.requests] == [SUBJECT]
    assert page.consultants == ["Kamma Konsulent"]


@pytest.mark.parametrize("who", ["tom", "ulla"])
def test_the_page_is_not_there_for_someone_who_leads_no_one_and_never_asked(people, consultant, who):
    with pytest.raises(Http404):
        selectors.advice_page_for_user(user=people[who].user)


def test_the_page_is_not_there_for_an_administrator_who_is_no_one(administrator):
    with pytest.raises(Http404):
        selectors.advice_page_for_user(user=administrator)


def test_the_consultants_are_named_in_the_settings_order_and_only_if_active(people, consultant, settings):
    UserFactory(username="konsulent2", first_name="Karl", last_name="Rådgiver")
    inactive = UserFactory(username="gone")
    inactive.is_active = False
    inactive.save()
    settings.NETWORKS_CONSULTANTS = ["nobody", "konsulent2", "kamma", "gone"]

    assert selectors.advice_consultant_names() == ["Karl Rådgiver", "Kamma Konsulent"]


def test_a_reply_waits_for_the_requester_when_a_consultant_wrote_last_on_an_open_request(
    asked, people, consultant
):
    lis = people["lis"].user
    assert selectors.advice_at_start_for_user(user=lis).replies_waiting == []

    services.advice_message_add(request=asked, text="Svar", by=consultant.user)
    assert [row.request for row in selectors.advice_at_start_for_user(user=lis).replies_waiting] == [asked]

    services.advice_request_handle(request=asked, by=consultant.user)
    assert selectors.advice_at_start_for_user(user=lis).replies_waiting == []


def test_the_start_page_tells_a_consultant_the_open_requests_and_the_newest(asked, people, consultant):
    bo = people["bo"]
    newest = services.advice_request_create(requester=bo, subject="Nyeste", text="Tekst", by=bo.user)

    at_start = selectors.advice_at_start_for_user(user=consultant.user)
    assert (at_start.open_count, at_start.newest_open) == (2, newest)
    for who in ("lis", "carl", "dorte"):
        assert selectors.advice_at_start_for_user(user=people[who].user).open_count == 0


def test_the_requesters_copy_holds_her_requests_with_the_whole_thread(asked, people, consultant):
    services.advice_message_add(request=asked, text="Svar fra Kamma", by=consultant.user)

    person, document = selectors.advice_export_for_user(user=people["lis"].user)

    [request] = document["advice_requests"]
    assert person == people["lis"]
    assert request["subject"] == SUBJECT
    assert [(m["from"], m["author"], m["text"]) for m in request["messages"]] == [
        ("me", "Lis Leder", TEXT),
        ("consultant", "Kamma Konsulent", "Svar fra Kamma"),
    ]


def test_a_consultant_is_counted_only_for_messages_on_other_peoples_requests(asked, people, consultant):
    services.advice_message_add(request=asked, text="Svar", by=consultant.user)
    services.advice_message_add(request=asked, text="Svar igen", by=consultant.user)

    assert selectors.advice_messages_written_count(person=consultant) == 2
    assert selectors.advice_messages_written_count(person=people["lis"]) == 0
    assert AdviceRequest.objects.count() == 1

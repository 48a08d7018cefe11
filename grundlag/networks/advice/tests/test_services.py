"""Writes of the confidential advice: who may ask and write, what the e-mails say (nothing of the request),
no audit rows, handling, erasure and retention."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from grundlag.accounts.services import person_erase
from grundlag.audit.models import AuditEvent
from grundlag.networks.advice import services
from grundlag.networks.models import AdviceMessage, AdviceRequest

from .conftest import SUBJECT, TEXT

REPLY = "Lad os tage en snak på torsdag; jeg har et par spørgsmål, du kan overveje."


def test_it_creates_a_request_with_its_first_message(asked, people):
    assert asked.requester == people["lis"]
    assert asked.subject == SUBJECT
    assert asked.handled_at is None
    assert [(m.author, m.text) for m in asked.messages.all()] == [(people["lis"], TEXT)]


@pytest.mark.parametrize("who", ["tom", "ulla"])
def test_it_refuses_a_request_from_someone_who_leads_no_one(people, consultant, who):
    person = people[who]
    with pytest.raises(ValidationError) as refused:
        services.advice_request_create(requester=person, subject="S", text="T", by=person.user)
    assert refused.value.code == "not_leader"
    assert not AdviceRequest.objects.exists()


def test_it_refuses_a_request_made_in_another_leaders_name(people, consultant, administrator):
    for by in (people["bo"].user, people["carl"].user, administrator, None):
        with pytest.raises(ValidationError):
            services.advice_request_create(requester=people["lis"], subject="S", text="T", by=by)
    assert not AdviceRequest.objects.exists()


def test_it_refuses_a_request_while_no_consultant_is_named(people, settings):
    settings.NETWORKS_CONSULTANTS = []
    lis = people["lis"]
    with pytest.raises(ValidationError) as refused:
        services.advice_request_create(requester=lis, subject="S", text="T", by=lis.user)
    assert refused.value.code == "no_consultants"


def test_it_refuses_an_empty_message(asked, people):
    with pytest.raises(ValidationError):
        services.advice_message_add(request=asked, text="  \n ", by=people["lis"].user)
    assert asked.messages.count() == 1


def test_it_writes_no_audit_row_for_anything_done_with_advice(people, consultant):
    lis = people["lis"]
    before = AuditEvent.objects.count()
    request = services.advice_request_create(requester=lis, subject=SUBJECT, text=TEXT, by=lis.user)
    services.advice_message_add(request=request, text=REPLY, by=consultant.user)
    services.advice_request_handle(request=request, by=consultant.user)
    services.advice_request_reopen(request=request, by=consultant.user)
    services.advice_person_erase(person=lis)

    assert AuditEvent.objects.count() == before


def test_it_tells_the_consultants_of_a_new_request_and_nothing_of_it(
    people, consultant, mailoutbox, django_capture_on_commit_callbacks
):
    lis = people["lis"]
    with django_capture_on_commit_callbacks(execute=True):
        request = services.advice_request_create(requester=lis, subject=SUBJECT, text=TEXT, by=lis.user)

    [email] = mailoutbox
    assert email.to == ["kamma@fiktiv.example.dk"]
    assert f"/networks/advice/{request.pk}/" in email.body
    whole = email.subject + email.body
    for secret in (SUBJECT, TEXT, "Lis", "lis@fiktiv.example.dk", "Ahorn"):
        assert secret not in whole


def test_it_tells_the_requester_of_a_consultants_reply_and_nothing_of_it(
    asked, people, consultant, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.advice_message_add(request=asked, text=REPLY, by=consultant.user)

    [email] = mailoutbox
    assert email.to == ["lis@fiktiv.example.dk"]
    assert f"/networks/advice/{asked.pk}/" in email.body
    for secret in (SUBJECT, TEXT, REPLY, "Kamma"):
        assert secret not in email.subject + email.body


def test_the_requesters_next_message_goes_to_the_consultants_not_to_herself(
    asked, people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.advice_message_add(request=asked, text="Et tillæg.", by=people["lis"].user)

    assert [email.to for email in mailoutbox] == [["kamma@fiktiv.example.dk"]]


def test_a_consultant_who_asks_is_not_mailed_about_their_own_request(
    people, consultant, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.NETWORKS_CONSULTANTS = ["kamma", "bo"]
    bo = people["bo"]
    with django_capture_on_commit_callbacks(execute=True):
        services.advice_request_create(requester=bo, subject=SUBJECT, text=TEXT, by=bo.user)

    assert [email.to for email in mailoutbox] == [["kamma@fiktiv.example.dk"]]


def test_a_consultant_marks_a_request_handled_and_opens_it_again(asked, consultant):
    services.advice_request_handle(request=asked, by=consultant.user)
    first = AdviceRequest.objects.get(pk=asked.pk).handled_at
    services.advice_request_handle(request=asked, by=consultant.user)
    assert first is not None
    assert AdviceRequest.objects.get(pk=asked.pk).handled_at == first

    services.advice_request_reopen(request=asked, by=consultant.user)
    assert AdviceRequest.objects.get(pk=asked.pk).handled_at is None


def test_only_a_consultant_marks_a_request_handled(asked, people, administrator):
    for by in (people["lis"].user, people["carl"].user, people["dorte"].user, administrator):
        with pytest.raises(ValidationError):
            services.advice_request_handle(request=asked, by=by)
    assert AdviceRequest.objects.get(pk=asked.pk).handled_at is None


def test_the_requesters_message_opens_a_handled_request_again(asked, people, consultant):
    services.advice_request_handle(request=asked, by=consultant.user)
    services.advice_message_add(request=asked, text="Et opfølgende spørgsmål.", by=people["lis"].user)

    assert AdviceRequest.objects.get(pk=asked.pk).handled_at is None


def test_only_the_requester_and_the_consultants_write_in_a_thread(asked, people, administrator, consultant):
    for by in (
        people["carl"].user,
        people["dorte"].user,
        people["bo"].user,
        people["tom"].user,
        administrator,
    ):
        with pytest.raises(ValidationError):
            services.advice_message_add(request=asked, text="Hej", by=by)
    services.advice_message_add(request=asked, text=REPLY, by=consultant.user)

    assert [m.author.name for m in AdviceMessage.objects.filter(request=asked)] == [
        "Lis Leder",
        "Kamma Konsulent",
    ]


def test_erasing_the_requester_deletes_her_requests_with_their_threads(asked, people, administrator):
    person_erase(person=people["lis"], by=administrator)

    assert not AdviceRequest.objects.exists()
    assert not AdviceMessage.objects.exists()


def test_erasing_a_consultant_keeps_their_replies_in_the_requesters_thread(asked, consultant, administrator):
    services.advice_message_add(request=asked, text=REPLY, by=consultant.user)
    person_erase(person=consultant, by=administrator)

    assert AdviceMessage.objects.filter(request=asked, text=REPLY).exists()


def test_it_deletes_only_requests_handled_longer_ago_than_the_retention_period(people, consultant, settings):
    settings.NETWORKS_ADVICE_RETENTION_DAYS = 30
    lis = people["lis"]
    old, recent, open_ = (
        services.advice_request_create(requester=lis, subject=subject, text=TEXT, by=lis.user)
        for subject in ("Gammel", "Ny", "Åben")
    )
    now = timezone.now()
    AdviceRequest.objects.filter(pk=old.pk).update(handled_at=now - datetime.timedelta(days=31))
    AdviceRequest.objects.filter(pk=recent.pk).update(handled_at=now - datetime.timedelta(days=29))

    assert services.advice_requests_erase_expired(now=now) == 1
    assert set(AdviceRequest.objects.values_list("subject", flat=True)) == {"Ny", "Åben"}
    assert not AdviceMessage.objects.filter(request_id=old.pk).exists()

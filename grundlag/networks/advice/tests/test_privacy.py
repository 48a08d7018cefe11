"""Lis's request for advice, tested against every other role: her superiors (Carl, Dorte), another leader
(Bo), the teachers (Tom, hers; Ulla, elsewhere), the administrator on every page, in the audit log and in
the GDPR exports, and the administrator's API token on every route of the API. Only Lis and the leader
consultant read it."""

import json

import pytest
from django.urls import reverse

from grundlag.api.services import api_token_create
from grundlag.audit.models import AuditEvent
from grundlag.networks.advice import services

from .conftest import SUBJECT, TEXT

REPLY = "Tag fat i det på jeres næste møde, og skriv gerne igen bagefter."
SECRETS = [SUBJECT, TEXT, REPLY]
OTHERS = ["carl", "dorte", "bo", "tom", "ulla"]


@pytest.fixture
def replied(asked, consultant):
    services.advice_message_add(request=asked, text=REPLY, by=consultant.user)
    return asked


def routes(request):
    pk = {"pk": request.pk}
    return [
        ("get", reverse("networks:advice_request", kwargs=pk)),
        ("post", reverse("networks:advice_request", kwargs=pk)),
        ("post", reverse("networks:advice_handle", kwargs=pk)),
        ("post", reverse("networks:advice_reopen", kwargs=pk)),
        ("get", reverse("networks:advice_requests")),
    ]


def assert_nothing_shown(response):
    body = response.content.decode()
    for secret in SECRETS:
        assert secret not in body


@pytest.mark.parametrize("who", OTHERS)
def test_no_one_else_finds_the_request_or_the_consultants_list(replied, people, client_of, who):
    client = client_of(people[who].user)
    for method, url in routes(replied):
        response = getattr(client, method)(url, {"text": "Hej"})
        assert response.status_code == 404, (who, method, url)
        assert_nothing_shown(response)
    replied.refresh_from_db()
    assert replied.messages.count() == 2 and replied.handled_at is None


@pytest.mark.parametrize("who", OTHERS)
def test_no_one_elses_own_pages_show_it(replied, people, client_of, who):
    client = client_of(people[who].user)
    for url in (reverse("core:home"), reverse("networks:advice_mine"), reverse("organisation:my_page")):
        assert_nothing_shown(client.get(url))


def test_the_administrator_finds_nothing_of_it_on_any_advice_page(replied, admin_client):
    for method, url in [*routes(replied), ("get", reverse("networks:advice_mine"))]:
        response = getattr(admin_client, method)(url, {"text": "Hej"})
        assert response.status_code == 404, (method, url)
        assert_nothing_shown(response)
    assert_nothing_shown(admin_client.get(reverse("core:home")))


def test_the_audit_log_holds_nothing_of_it(replied, people, consultant, admin_client, client_of):
    client_of(people["lis"].user).get(reverse("networks:advice_request", args=[replied.pk]))
    services.advice_request_handle(request=replied, by=consultant.user)

    page = admin_client.get(reverse("audit:log"))

    assert page.status_code == 200
    assert_nothing_shown(page)
    assert not AuditEvent.objects.filter(object_type__startswith="networks.advice").exists()
    assert set(AuditEvent.objects.filter(user=people["lis"].user).values_list("action", flat=True)) <= {
        "auth.login"
    }


@pytest.mark.parametrize("who", ["lis", "carl", "kamma"])
def test_no_export_an_administrator_can_run_holds_it(replied, people, consultant, admin_client, who):
    person = consultant if who == "kamma" else people[who]

    response = admin_client.get(reverse("accounts:person_export", args=[person.pk]))

    assert response.status_code == 200
    assert_nothing_shown(response)
    assert b"advice_requests" not in response.content


def test_the_consultants_export_counts_their_messages_only(replied, consultant, client_of):
    response = client_of(consultant.user).get(reverse("accounts:person_export", args=[consultant.pk]))

    assert response.json()["advice_messages_written_as_consultant"] == 1
    assert_nothing_shown(response)
    assert b"Lis" not in response.content


def test_the_requesters_own_copy_is_hers_alone(replied, people, admin_client, client_of):
    url = reverse("networks:advice_export")
    own = client_of(people["lis"].user).get(url)
    assert SUBJECT in own.content.decode() and REPLY in own.content.decode()
    for client in [admin_client, *(client_of(people[who].user) for who in OTHERS)]:
        response = client.get(url)
        assert_nothing_shown(response)


def test_no_api_route_exposes_advice(replied, people, administrator, client):
    _token, plaintext = api_token_create(user=administrator, name="HR-system", by=administrator)
    headers = {"Authorization": f"Bearer {plaintext}"}
    description = client.get("/api/v1/openapi.json").json()

    assert "advice" not in str(description).lower()
    for path, operations in description["paths"].items():
        if "get" not in operations:
            continue
        url = path.replace("{person_id}", str(people["lis"].pk))
        if "{" in url:
            continue  # a route of one framework, unit, cycle or report: nothing of a person's requests
        response = client.get(url, headers=headers)
        assert response.status_code < 500, url
        assert_nothing_shown(response)


def test_the_consultant_and_the_requester_read_it(replied, people, consultant, client_of):
    for user in (people["lis"].user, consultant.user):
        page = client_of(user).get(reverse("networks:advice_request", args=[replied.pk])).content.decode()
        assert all(secret in page for secret in SECRETS)


def test_the_requesters_own_export_holds_her_requests_with_their_threads(replied, people, client_of):
    lis = people["lis"]
    response = client_of(lis.user).get(reverse("accounts:person_export", args=[lis.pk]))
    document = json.loads(response.content)
    assert document["private_parts"] == "included"
    assert document["advice_requests"][0]["subject"] == SUBJECT

"""The talent pipeline's pages as each persona meets them: what each may read of a talent's records, the
refusals shown in plain words, the start page, the development plan, the GDPR export and the audit log."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from grundlag.accounts.gdpr import person_document
from grundlag.api.services import api_token_create
from grundlag.audit.models import AuditEvent

from ..models import Outcome
from ..services import assessment_give, talent_enrol, talent_nominate
from .factories import clarifying, going_on, in_programme, programme_with_assignments, with_user

pytestmark = pytest.mark.django_db

PRIVATE = ["Tager ansvar i teamet", "Jeg vil gerne prøve", "God samtale", "Flot styret møde"]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def tom_in_programme(small_organisation, administrator):
    """Tom (Lis's teacher) in a programme with Bo as mentor; his own assessment of the first assignment."""
    talent, assignments = in_programme(small_organisation, administrator)
    tom = small_organisation["people"]["tom"].user
    assessment_give(
        talent=talent, assignment=assignments[0], outcome=Outcome.MET, note="Flot styret møde", by=tom
    )
    return talent, assignments


def test_it_shows_the_talent_and_the_nearest_leader_every_record(small_organisation, tom_in_programme):
    talent, _assignments = tom_in_programme
    for name in ("tom", "lis"):
        page = _client(small_organisation["people"][name].user).get(
            reverse("talent:detail", args=[talent.pk])
        )
        assert page.status_code == 200
        for text in PRIVATE:
            assert text in page.content.decode(), (name, text)


def test_it_shows_the_mentor_the_assignments_and_their_assessments_only(small_organisation, tom_in_programme):
    talent, _assignments = tom_in_programme
    page = _client(small_organisation["people"]["bo"].user).get(reverse("talent:detail", args=[talent.pk]))
    body = page.content.decode()
    assert "Opgave 1" in body and "Flot styret møde" in body
    for text in PRIVATE[:3]:
        assert text not in body


def test_it_shows_the_administrator_stage_programme_and_outcomes_never_the_texts(
    admin_client, tom_in_programme
):
    talent, _assignments = tom_in_programme
    body = admin_client.get(reverse("talent:detail", args=[talent.pk])).content.decode()
    assert "Lederspirer 2027" in body and "I et forløb" in body and "Opfyldt" in body
    for text in PRIVATE:
        assert text not in body
    overview = admin_client.get(reverse("talent:overview")).content.decode()
    assert "Tom Lærer" in overview
    for text in PRIVATE:
        assert text not in overview


def test_it_hides_a_talent_from_everyone_else(small_organisation, tom_in_programme):
    talent, assignments = tom_in_programme
    for name in ("ulla", "dorte"):
        client = _client(small_organisation["people"][name].user)
        assert client.get(reverse("talent:detail", args=[talent.pk])).status_code == 404
        assert client.get(reverse("talent:assess", args=[talent.pk, assignments[0].pk])).status_code == 404
        assert "Tom Lærer" not in client.get(reverse("talent:home")).content.decode()


def test_it_shows_a_nomination_awaiting_consent_to_the_nominee_and_the_nominating_leader_only(
    small_organisation, admin_client
):
    people = small_organisation["people"]
    talent = talent_nominate(nominee=people["tom"], reason="Tager ansvar i teamet", by=people["lis"].user)
    url = reverse("talent:detail", args=[talent.pk])
    for name in ("tom", "lis"):
        assert "Tager ansvar i teamet" in _client(people[name].user).get(url).content.decode()
    for client in (_client(people["dorte"].user), _client(people["ulla"].user), admin_client):
        assert client.get(url).status_code == 404
    overview = admin_client.get(reverse("talent:overview")).content.decode()
    assert "Tom Lærer" not in overview and "Tager ansvar" not in overview


def test_it_leaves_nothing_of_a_declined_nomination_but_a_count(small_organisation, admin_client):
    people = small_organisation["people"]
    talent = talent_nominate(nominee=people["tom"], reason="Tager ansvar i teamet", by=people["lis"].user)
    tom = _client(people["tom"].user)
    response = tom.post(reverse("talent:decline", args=[talent.pk]), follow=True)
    assert "Du har afslået indstillingen" in response.content.decode()
    for client in (tom, _client(people["lis"].user), admin_client):
        assert client.get(reverse("talent:detail", args=[talent.pk])).status_code == 404
    assert "Tom Lærer" not in _client(people["lis"].user).get(reverse("talent:home")).content.decode()
    overview = admin_client.get(reverse("talent:overview")).content.decode()
    assert "Tom Lærer" not in overview
    assert "Tager ansvar" not in str(list(AuditEvent.objects.values_list("detail", flat=True)))
    assert person_document(people["tom"])["talent_pipeline"] == []


def test_it_refuses_a_nomination_outside_the_leaders_unit_in_plain_words(small_organisation):
    people = small_organisation["people"]
    response = _client(people["lis"].user).post(
        reverse("talent:nominate"), {"nominee": people["ulla"].pk, "reason": "x"}
    )
    assert response.status_code == 422
    assert "Du kan kun indstille en, der arbejder under dig i ledelseskæden." in response.content.decode()


def test_it_says_why_a_decision_before_the_conversation_is_refused(small_organisation):
    talent = clarifying(small_organisation)
    tom = _client(small_organisation["people"]["tom"].user)
    response = tom.post(reverse("talent:decide", args=[talent.pk]), {"decision": "go_on"}, follow=True)
    assert "Skriv din selvrefleksion, før du beslutter dig." in response.content.decode()


def test_it_says_an_assignment_is_assessed_once(small_organisation, tom_in_programme):
    talent, assignments = tom_in_programme
    tom = _client(small_organisation["people"]["tom"].user)
    response = tom.post(reverse("talent:assess", args=[talent.pk, assignments[0].pk]), {"outcome": "met"})
    assert response.status_code == 422
    assert "Du har allerede vurderet »Opgave 1«" in response.content.decode()


def test_it_puts_each_persons_next_step_on_the_start_page(small_organisation, administrator):
    people = small_organisation["people"]
    talent_nominate(nominee=people["tom"], reason="x", by=people["lis"].user)
    assert "har indstillet dig som mulig leder" in _client(people["tom"].user).get("/").content.decode()
    clarifying(small_organisation, nominee="ulla", by="bo")
    assert "Hold samtalen" in _client(people["bo"].user).get("/").content.decode()


def test_it_puts_pending_assessments_on_the_trios_start_pages(small_organisation, tom_in_programme):
    for name in ("lis", "bo"):
        body = _client(small_organisation["people"][name].user).get("/").content.decode()
        assert "Vurdér Tom Lærers praktikopgave »Opgave 1«" in body, name
    assert "»Opgave 2«" in _client(small_organisation["people"]["tom"].user).get("/").content.decode()


def test_it_shows_a_leader_talents_programme_in_their_own_development_plan_only(
    small_organisation, administrator
):
    people = small_organisation["people"]
    with_user(people["carl"], "carl")
    talent = going_on(small_organisation, nominee="lis", by="dorte")
    _programme, cohort, _assignments = programme_with_assignments(administrator)
    talent_enrol(talent=talent, cohort=cohort, mentor=people["bo"], by=administrator)
    plan = _client(people["lis"].user).get(reverse("development:plan"))
    assert "Talentforløbet »Lederspirer 2027«" in plan.content.decode()


def test_it_exports_the_talents_own_records_and_no_one_elses(small_organisation, tom_in_programme):
    people = small_organisation["people"]
    tom = person_document(people["tom"], own=True)["talent_pipeline_as_i_see_it"]
    assert tom[0]["reason"] == "Tager ansvar i teamet"
    assert tom[0]["assessment_notes"][0]["note"] == "Flot styret møde"
    ulla = person_document(people["ulla"], own=True)
    assert ulla["talent_pipeline_as_i_see_it"] == [] and ulla["talent_assessments_given"] == []
    assert person_document(people["lis"], own=True)["talent_nominations_made"][0]["talent"] == "Tom Lærer"


def test_an_export_the_administrator_makes_holds_no_word_written_in_the_pipeline(
    small_organisation, tom_in_programme
):
    for key in ("tom", "lis", "ulla"):
        document = json.dumps(person_document(small_organisation["people"][key]), ensure_ascii=False)
        for text in PRIVATE:
            assert text not in document, (key, text)
    tom = person_document(small_organisation["people"]["tom"])["talent_pipeline"]
    assert tom[0]["stage"] == "in_programme" and tom[0]["assessments"][0]["outcome"]


def test_it_writes_no_private_text_to_the_audit_log(tom_in_programme):
    details = " ".join(AuditEvent.objects.values_list("detail", flat=True))
    for text in PRIVATE:
        assert text not in details


def test_a_nominating_leader_above_the_nearest_is_not_offered_to_assess(small_organisation, administrator):
    """Dorte nominated Tom; Lis is his nearest leader: Dorte reads his way, but assesses nothing."""
    people = small_organisation["people"]
    talent, assignments = in_programme(small_organisation, administrator)
    talent.nominated_by = people["dorte"]
    talent.save(update_fields=["nominated_by"])
    page = _client(people["dorte"].user).get(reverse("talent:detail", args=[talent.pk])).content.decode()
    assess = reverse("talent:assess", args=[talent.pk, assignments[0].pk])
    assert assess not in page
    assert (
        assess in _client(people["lis"].user).get(reverse("talent:detail", args=[talent.pk])).content.decode()
    )


def test_no_api_route_and_no_page_of_the_administrator_shows_a_word_written_in_the_pipeline(
    small_organisation, tom_in_programme, administrator, admin_client, client
):
    _token, plaintext = api_token_create(user=administrator, name="Talent", by=administrator)
    headers = {"Authorization": f"Bearer {plaintext}"}
    description = client.get("/api/v1/openapi.json").json()
    assert "talent" not in str(description).lower()
    tom = small_organisation["people"]["tom"]
    for path, operations in description["paths"].items():
        url = path.replace("{person_id}", str(tom.pk))
        if "get" not in operations or "{" in url:
            continue
        body = client.get(url, headers=headers).content.decode()
        assert not [text for text in PRIVATE if text in body], url
    talent, _assignments = tom_in_programme
    for url in (
        reverse("talent:overview"),
        reverse("talent:detail", args=[talent.pk]),
        reverse("audit:log"),
        reverse("accounts:person_export", args=[tom.pk]),
    ):
        body = admin_client.get(url).content.decode()
        assert not [text for text in PRIVATE if text in body], url

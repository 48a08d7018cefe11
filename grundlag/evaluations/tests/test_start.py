"""The evaluations' part of the start page: answers owed, evaluations of me (counts only), cycles to run."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from grundlag.evaluations.models import Cycle, Invitation, RaterGroup
from grundlag.organisation.tests.factories import UserFactory

from .factories import CycleFactory, EvalueeFactory, InvitationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lis_evaluated(small_organisation):
    """Lis evaluated in an open cycle: Tom has answered, Tina has not, a proposal is not yet counted."""
    people = small_organisation["people"]
    evaluee = EvalueeFactory(
        cycle=CycleFactory(name="Ledelsesevaluering 2026"),
        person=people["lis"],
        unit=small_organisation["units"]["ahorn"],
        superior=people["carl"],
    )
    InvitationFactory(evaluee=evaluee, person=people["tom"], status=Invitation.Status.COMPLETED)
    InvitationFactory(evaluee=evaluee, person=people["tina"])
    InvitationFactory(evaluee=evaluee, person=people["bo"], group=RaterGroup.PEER, status="proposed")
    InvitationFactory(evaluee=evaluee, person=people["lis"], group=RaterGroup.SELF)
    return evaluee


def test_it_shows_a_person_the_evaluations_they_are_invited_to_answer(
    lis_evaluated, client, small_organisation
):
    client.force_login(_user_for(small_organisation, "tina"))
    page = client.get(reverse("core:home")).content.decode()
    assert "Ledelsesevaluering 2026: Lis Leder" in page
    assert "Besvar om Lis Leder" in page
    # Nothing about leading people for someone who leads no one.
    assert "Hvad der forventes af dig" not in page
    assert "Evalueringer af dig" not in page


def test_the_invited_person_opens_the_answering_page_from_the_start_page(
    lis_evaluated, small_organisation, client
):
    tina = small_organisation["people"]["tina"]
    client.force_login(_user_for(small_organisation, "tina"))
    invitation = Invitation.objects.get(person=tina)
    response = client.get(reverse("evaluations:answer_mine", args=[invitation.pk]))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Lis Leder" in page.content.decode()


def test_no_one_else_can_open_an_invitation_from_the_start_page(
    lis_evaluated, small_organisation, lis_client, admin_client, ulla_client
):
    invitation = Invitation.objects.get(person=small_organisation["people"]["tina"])
    url = reverse("evaluations:answer_mine", args=[invitation.pk])
    for other in (lis_client, admin_client, ulla_client):
        assert other.get(url).status_code == 404
        assert "grundlag_answer" not in other.cookies or not other.cookies["grundlag_answer"].value
    signed_out = Client().get(url)  # to the login page, not the answers
    assert signed_out.status_code == 302 and reverse("login") in signed_out["Location"]


def test_an_answered_or_closed_invitation_is_not_shown(lis_evaluated, small_organisation, client):
    client.force_login(_user_for(small_organisation, "tom"))  # Tom has answered
    assert "Lis Leder" not in client.get(reverse("core:home")).content.decode()
    Cycle.objects.update(deadline=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(_user_for(small_organisation, "tina"))
    assert "Besvar om Lis Leder" not in client.get(reverse("core:home")).content.decode()


def test_a_leader_sees_how_many_have_answered_about_them_never_who(lis_evaluated, lis_client):
    page = lis_client.get(reverse("core:home")).content.decode()
    assert "Evalueringer af dig, der er åbne" in page
    # Tom answered, Tina not; the proposal is not counted and the self-evaluation is Lis's own.
    assert "1 af 2 bedømmere har svaret" in page
    assert "Tom" not in page and "Tina" not in page
    # Her own self-evaluation waits for her.
    assert "Besvar om dig selv" in page


def test_an_administrator_sees_open_cycles_with_rates_and_those_ready_to_close(lis_evaluated, admin_client):
    page = admin_client.get(reverse("core:home")).content.decode()
    assert "Åbne for svar" in page and "Ledelsesevaluering 2026" in page
    assert "Svarprocent: 33 % (1 af 3)" in page  # Tom of Tom, Tina and Lis herself
    assert "Klar til at blive lukket" not in page
    Cycle.objects.update(deadline=timezone.localdate() - datetime.timedelta(days=2))
    page = admin_client.get(reverse("core:home")).content.decode()
    assert "Klar til at blive lukket" in page
    assert reverse("evaluations:cycle_detail", args=[lis_evaluated.cycle.pk]) in page


def test_the_superior_sees_nominations_awaiting_approval(lis_evaluated, small_organisation, client):
    client.force_login(_user_for(small_organisation, "carl"))
    page = client.get(reverse("core:home")).content.decode()
    assert "1 indstilling afventer din godkendelse" in page


def test_a_leader_finds_their_reports_of_closed_cycles(lis_evaluated, lis_client):
    assert "Mine rapporter" not in _main(lis_client.get(reverse("core:home")).content.decode())
    Cycle.objects.update(
        status=Cycle.Status.CLOSED, deadline=timezone.localdate() - datetime.timedelta(days=9)
    )
    page = _main(lis_client.get(reverse("core:home")).content.decode())
    assert "Mine rapporter" in page
    assert reverse("evaluations:report", args=[lis_evaluated.pk]) in page


def _main(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def _user_for(organisation, key):
    person = organisation["people"][key]
    if person.user is None:
        person.user = UserFactory(username=key)
        person.save()
    return person.user

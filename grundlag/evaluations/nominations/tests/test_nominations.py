"""The leader nominates peers and others; the superior (or an administrator) approves or declines."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from grundlag.audit.models import AuditEvent
from grundlag.evaluations.cycles import services
from grundlag.evaluations.models import Cycle, Invitation, RaterGroup
from grundlag.evaluations.nominations import selectors as nomination_selectors
from grundlag.evaluations.nominations import services as nominations
from grundlag.organisation.tests.factories import PersonFactory, PostFactory, UserFactory


@pytest.fixture
def org(small_organisation):
    """The small organisation, with an account for Carl (Lis's and Bo's superior)."""
    carl = small_organisation["people"]["carl"]
    carl.user = UserFactory(username="carl")
    carl.save(update_fields=["user"])
    return small_organisation


@pytest.fixture
def lis_evaluee(org, builtin_frameworks, administrator):
    """A draft cycle evaluating Lis: self, Carl as superior, Tom, Tina and Tage, and Bo as a peer."""
    cycle = services.cycle_create(
        name="Ledelsesevaluering 2026",
        framework_version=builtin_frameworks["aarhus-boern-og-unge"],
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        by=administrator,
    )
    (evaluee,) = services.evaluees_add(cycle=cycle, people=[org["people"]["lis"]], by=administrator)
    return evaluee


def people(org):
    return org["people"]


def lis_user(org):
    return org["people"]["lis"].user


def propose(evaluee, person, group=RaterGroup.OTHER):
    return nominations.nomination_propose(evaluee=evaluee, person=person, group=group, by=evaluee.person.user)


def refusal(evaluee, person, group=RaterGroup.OTHER) -> str:
    with pytest.raises(ValidationError) as error:
        propose(evaluee, person, group)
    return error.value.code


def test_a_leader_nominates_on_their_page_and_the_nomination_awaits_approval(client, org, lis_evaluee):
    client.force_login(lis_user(org))
    url = reverse("evaluations:nominate", kwargs={"evaluee_id": lis_evaluee.pk})
    response = client.post(url, {"person": people(org)["ulla"].pk, "group": RaterGroup.OTHER}, follow=True)

    invitation = lis_evaluee.invitations.get(person=people(org)["ulla"])
    assert (invitation.status, invitation.group, invitation.nominated_by) == (
        Invitation.Status.PROPOSED,
        RaterGroup.OTHER,
        lis_user(org),
    )
    assert "Ulla Lærer was nominated" in response.content.decode()
    event = AuditEvent.objects.get(action="evaluations.nomination_propose")
    assert (event.object_id, event.detail) == (str(lis_evaluee.pk), f"invitation={invitation.pk}")


def test_nominations_stop_at_the_limit_and_a_declined_one_frees_its_place(org, lis_evaluee):
    Cycle.objects.filter(pk=lis_evaluee.cycle_id).update(others_max=1, peers_max=1)
    lis_evaluee.refresh_from_db()
    first = propose(lis_evaluee, people(org)["ulla"])
    assert refusal(lis_evaluee, people(org)["uffe"]) == "limit"
    # Bo, a default peer, already fills the one place for peers.
    assert refusal(lis_evaluee, people(org)["dorte"], RaterGroup.PEER) == "limit"

    nominations.nomination_decide(invitation=first, approve=False, by=people(org)["carl"].user)
    assert propose(lis_evaluee, people(org)["uffe"]).status == Invitation.Status.PROPOSED


def test_a_leader_cannot_nominate_themself_their_superior_or_anyone_already_invited(org, lis_evaluee):
    assert refusal(lis_evaluee, people(org)["lis"]) == "self"
    assert refusal(lis_evaluee, people(org)["carl"]) == "superior"
    assert refusal(lis_evaluee, people(org)["tom"]) == "duplicate"  # one of her teachers
    assert refusal(lis_evaluee, people(org)["bo"], RaterGroup.PEER) == "duplicate"  # a default peer
    assert refusal(lis_evaluee, people(org)["ulla"], RaterGroup.EMPLOYEE) == "group"
    assert lis_evaluee.invitations.filter(status=Invitation.Status.PROPOSED).count() == 0


def test_a_peer_must_hold_a_leadership_post(org, lis_evaluee):
    assert refusal(lis_evaluee, people(org)["ulla"], RaterGroup.PEER) == "peer"
    assert propose(lis_evaluee, people(org)["dorte"], RaterGroup.PEER).group == RaterGroup.PEER


def test_approval_after_launch_sends_the_invitation_at_once(client, org, lis_evaluee, administrator):
    proposal = propose(lis_evaluee, people(org)["ulla"])
    services.cycle_launch(cycle=lis_evaluee.cycle, by=administrator)
    assert "ulla@fiktiv.example.dk" not in [m.to[0] for m in mail.outbox]  # a proposal is not invited
    mail.outbox.clear()

    client.force_login(people(org)["carl"].user)
    response = client.post(reverse("evaluations:nomination_approve", kwargs={"invitation_id": proposal.pk}))

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Invitation.Status.PENDING and proposal.sent_at is not None
    assert [m.to for m in mail.outbox] == [["ulla@fiktiv.example.dk"]]
    assert AuditEvent.objects.filter(
        action="evaluations.nomination_approve", detail=f"invitation={proposal.pk}"
    ).exists()


def test_approval_before_launch_sends_nothing_until_the_launch(org, lis_evaluee, administrator):
    proposal = propose(lis_evaluee, people(org)["ulla"])
    nominations.nomination_decide(invitation=proposal, approve=True, by=people(org)["carl"].user)
    assert mail.outbox == []

    services.cycle_launch(cycle=lis_evaluee.cycle, by=administrator)
    assert "ulla@fiktiv.example.dk" in [m.to[0] for m in mail.outbox]


def test_a_declined_nomination_is_kept_and_cannot_be_proposed_again(client, org, lis_evaluee):
    proposal = propose(lis_evaluee, people(org)["ulla"])
    client.force_login(people(org)["carl"].user)
    client.post(reverse("evaluations:nomination_decline", kwargs={"invitation_id": proposal.pk}))

    proposal.refresh_from_db()
    assert proposal.status == Invitation.Status.DECLINED
    assert refusal(lis_evaluee, people(org)["ulla"]) == "duplicate"
    assert (
        nomination_selectors.candidates_search(evaluee=lis_evaluee, query="Ulla", group=RaterGroup.OTHER)
        == []
    )
    assert mail.outbox == []
    # Decided once: a second decision is refused.
    with pytest.raises(ValidationError):
        nominations.nomination_decide(invitation=proposal, approve=True, by=people(org)["carl"].user)


def test_the_administrator_can_decide_any_proposal(admin_client, org, lis_evaluee):
    proposal = propose(lis_evaluee, people(org)["ulla"])
    pending = admin_client.get(reverse("evaluations:nominations_pending"))
    assert "Ulla Lærer" in pending.content.decode()

    admin_client.post(reverse("evaluations:nomination_approve", kwargs={"invitation_id": proposal.pk}))
    proposal.refresh_from_db()
    assert proposal.status == Invitation.Status.PENDING


def test_the_superior_sees_the_proposals_of_their_own_leaders_only(client, org, lis_evaluee):
    propose(lis_evaluee, people(org)["ulla"])
    client.force_login(people(org)["carl"].user)
    assert "Ulla Lærer" in client.get(reverse("evaluations:nominations_pending")).content.decode()

    client.force_login(people(org)["dorte"].user)  # above Carl, but not the superior in the cycle
    page = client.get(reverse("evaluations:nominations_pending")).content.decode()
    assert "Ulla Lærer" not in page and "No nominations are awaiting your approval." in page


def test_strangers_get_404_for_the_leaders_page_and_for_proposals(client, org, lis_evaluee):
    proposal = propose(lis_evaluee, people(org)["ulla"])
    evaluee_kwargs = {"evaluee_id": lis_evaluee.pk}
    proposal_kwargs = {"invitation_id": proposal.pk}

    client.force_login(people(org)["bo"].user)  # a leader beside Lis
    assert client.get(reverse("evaluations:nominate", kwargs=evaluee_kwargs)).status_code == 404
    assert (
        client.post(reverse("evaluations:nominate_search", kwargs=evaluee_kwargs), {"q": "Ulla"}).status_code
        == 404
    )
    assert client.post(reverse("evaluations:nomination_approve", kwargs=proposal_kwargs)).status_code == 404

    client.force_login(lis_user(org))  # the leader cannot approve her own nomination
    assert client.post(reverse("evaluations:nomination_approve", kwargs=proposal_kwargs)).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == Invitation.Status.PROPOSED


def test_the_leaders_page_counts_the_employees_without_naming_them_and_never_shows_who_answered(
    client, org, lis_evaluee
):
    lis_evaluee.invitations.filter(person=people(org)["bo"]).update(status=Invitation.Status.COMPLETED)
    propose(lis_evaluee, people(org)["dorte"], RaterGroup.PEER)
    client.force_login(lis_user(org))
    page = client.get(reverse("evaluations:nominate", kwargs={"evaluee_id": lis_evaluee.pk})).content.decode()

    for teacher in ("Tom Lærer", "Tina Lærer", "Tage Lærer"):
        assert teacher not in page
    assert "3 people are invited." in page
    assert "Carl Chef" in page
    assert 'Bo Leder <span class="grundlag-muted">(Invited)' in page  # answered, but read as invited
    assert "Answered" not in page
    assert 'Dorte Direktør <span class="grundlag-muted">(Awaiting approval, nominated by you)' in page


def test_a_closed_cycle_refuses_nominations_and_decisions(client, org, lis_evaluee):
    proposal = propose(lis_evaluee, people(org)["ulla"])
    Cycle.objects.filter(pk=lis_evaluee.cycle_id).update(status=Cycle.Status.CLOSED)
    lis_evaluee.refresh_from_db()

    client.force_login(lis_user(org))
    assert (
        client.get(reverse("evaluations:nominate", kwargs={"evaluee_id": lis_evaluee.pk})).status_code == 404
    )
    assert refusal(lis_evaluee, people(org)["uffe"]) == "closed"
    client.force_login(people(org)["carl"].user)
    response = client.post(reverse("evaluations:nomination_approve", kwargs={"invitation_id": proposal.pk}))
    assert response.status_code == 404
    with pytest.raises(ValidationError):
        nominations.nomination_decide(invitation=proposal, approve=True, by=people(org)["carl"].user)


def test_the_name_search_needs_three_letters_and_shows_at_most_twenty_with_their_unit(
    client, org, lis_evaluee
):
    for i in range(25):
        PostFactory(person=PersonFactory(name=f"Anders Nielsen {i:02}"), unit=org["units"]["birk"])
    client.force_login(lis_user(org))
    url = reverse("evaluations:nominate_search", kwargs={"evaluee_id": lis_evaluee.pk})

    too_short = client.post(url, {"q": "An", "group": RaterGroup.OTHER})
    assert too_short.status_code == 422 and "Anders Nielsen" not in too_short.content.decode()

    page = client.post(url, {"q": "anders niel", "group": RaterGroup.OTHER}).content.decode()
    assert page.count('name="person"') == 20
    assert "Anders Nielsen 19" in page and "Anders Nielsen 20" not in page
    assert "(Birk Skole)" in page


def test_the_search_leaves_out_those_who_cannot_be_nominated_and_peers_who_are_not_leaders(org, lis_evaluee):
    def names(query, group):
        found = nomination_selectors.candidates_search(evaluee=lis_evaluee, query=query, group=group)
        return [c.person.name for c in found]

    assert names("Lærer", RaterGroup.OTHER) == ["Uffe Lærer", "Ulla Lærer"]  # not her own teachers
    assert names("Leder", RaterGroup.OTHER) == []  # herself, and Bo who is a peer already
    assert names("Chef", RaterGroup.OTHER) == []  # her superior
    assert names("Ulla", RaterGroup.PEER) == []  # not a leader
    assert names("Dorte", RaterGroup.PEER) == ["Dorte Direktør"]


def test_the_search_by_htmx_returns_only_the_results(client, org, lis_evaluee):
    client.force_login(lis_user(org))
    url = reverse("evaluations:nominate_search", kwargs={"evaluee_id": lis_evaluee.pk})
    response = client.post(url, {"q": "Ulla", "group": RaterGroup.OTHER}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ulla Lærer" in body and "<html" not in body


def test_my_reports_links_to_my_raters_in_open_cycles_and_to_proposals_awaiting_me(client, org, lis_evaluee):
    propose(lis_evaluee, people(org)["ulla"])
    client.force_login(lis_user(org))
    page = client.get(reverse("evaluations:my_reports")).content.decode()
    assert reverse("evaluations:nominate", kwargs={"evaluee_id": lis_evaluee.pk}) in page

    client.force_login(people(org)["carl"].user)
    page = client.get(reverse("evaluations:my_reports")).content.decode()
    assert reverse("evaluations:nominations_pending") in page
    assert "1 nomination awaits your approval" in page

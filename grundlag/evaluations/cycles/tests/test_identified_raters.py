"""Self is the leader and the superior is the leader's superior, one person each: the report shows them as
who they are, so the administrator can put no one else in either group, nor a second one."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from grundlag.evaluations.cycles import services
from grundlag.evaluations.models import Cycle, Evaluee, RaterGroup
from grundlag.evaluations.tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def schools(builtin_frameworks, small_organisation, administrator):
    """Lis, Bo and Carl evaluated with their default raters: Lis's superior is Carl."""
    cycle = services.cycle_create(
        name="Ledelsesevaluering 2026",
        framework_version=builtin_frameworks["aarhus-boern-og-unge"],
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        by=administrator,
    )
    services.evaluees_add(cycle=cycle, unit=small_organisation["units"]["schools"], by=administrator)
    people = small_organisation["people"]
    return cycle, cycle.evaluees.get(person=people["lis"]), people


def refusal(evaluee, person, group, administrator) -> str:
    with pytest.raises(ValidationError) as refused:
        services.rater_add(evaluee=evaluee, person=person, group=group, by=administrator)
    return refused.value.code


def raters(evaluee, group):
    return sorted(evaluee.invitations.filter(group=group).values_list("person__key", flat=True))


def test_it_refuses_anyone_but_the_leader_as_self(schools, administrator):
    _cycle, lis, people = schools
    assert refusal(lis, people["ulla"], RaterGroup.SELF, administrator) == "self"
    assert refusal(lis, people["dorte"], RaterGroup.SELF, administrator) == "self"
    assert raters(lis, RaterGroup.SELF) == ["lis"]


def test_it_refuses_anyone_but_the_leaders_superior_as_superior(schools, administrator):
    _cycle, lis, people = schools
    assert refusal(lis, people["ulla"], RaterGroup.SUPERIOR, administrator) == "superior"
    # Dorte leads Carl, not Lis: she is not Lis's superior either.
    assert refusal(lis, people["dorte"], RaterGroup.SUPERIOR, administrator) == "superior"
    assert raters(lis, RaterGroup.SUPERIOR) == ["carl"]


def test_it_refuses_a_superior_for_a_leader_without_one(schools, administrator):
    _cycle, lis, people = schools
    lis.invitations.filter(group=RaterGroup.SUPERIOR).delete()
    Evaluee.objects.filter(pk=lis.pk).update(superior=None)
    lis.refresh_from_db()
    assert refusal(lis, people["carl"], RaterGroup.SUPERIOR, administrator) == "superior"


def test_it_refuses_a_second_rater_in_an_identified_group(schools, administrator):
    _cycle, lis, people = schools
    # Data from before the rule: someone else already in the group in place of the right person.
    lis.invitations.filter(group=RaterGroup.SUPERIOR).delete()
    InvitationFactory(evaluee=lis, person=people["uffe"], group=RaterGroup.SUPERIOR)
    assert refusal(lis, people["carl"], RaterGroup.SUPERIOR, administrator) == "identified_taken"


def test_the_leader_and_their_superior_can_be_invited_again_after_withdrawal(schools, administrator):
    _cycle, lis, people = schools
    for group in (RaterGroup.SELF, RaterGroup.SUPERIOR):
        services.rater_remove(invitation=lis.invitations.get(group=group), by=administrator)
    services.rater_add(evaluee=lis, person=people["lis"], group=RaterGroup.SELF, by=administrator)
    services.rater_add(evaluee=lis, person=people["carl"], group=RaterGroup.SUPERIOR, by=administrator)
    assert (raters(lis, RaterGroup.SELF), raters(lis, RaterGroup.SUPERIOR)) == (["lis"], ["carl"])


def test_after_launch_no_one_is_added_beside_the_superior_and_no_mail_goes(schools, administrator):
    cycle, lis, people = schools
    services.cycle_launch(cycle=cycle, by=administrator)
    assert Cycle.objects.get(pk=cycle.pk).status == Cycle.Status.LAUNCHED
    mail.outbox.clear()
    assert refusal(lis, people["ulla"], RaterGroup.SUPERIOR, administrator) == "superior"
    assert raters(lis, RaterGroup.SUPERIOR) == ["carl"] and not mail.outbox


def test_the_raters_page_shows_the_refusal(schools, admin_client):
    cycle, lis, people = schools
    with translation.override("en"):
        url = reverse("evaluations:cycle_raters", args=[cycle.pk, lis.pk])

    response = admin_client.post(
        url, {"person": people["ulla"].pk, "group": RaterGroup.SUPERIOR}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 422
    page = response.content.decode().replace("&#x27;", "'").replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert "Only the leader's superior leader, Carl Chef, can rate in the group “Superior leader”." in page
    assert raters(lis, RaterGroup.SUPERIOR) == ["carl"]


def test_the_refusal_is_in_the_administrators_language(schools, administrator):
    _cycle, lis, people = schools
    with translation.override("da"), pytest.raises(ValidationError) as refused:
        services.rater_add(evaluee=lis, person=people["ulla"], group=RaterGroup.SELF, by=administrator)
    assert refused.value.messages == ["Kun lederen selv kan svare i gruppen »Selv«."]

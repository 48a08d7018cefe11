import pytest
from django.test import Client

from grundlag.networks.models import Audience, Membership
from grundlag.networks.tests.factories import ForumFactory


@pytest.fixture
def people(small_organisation):
    return small_organisation["people"]


@pytest.fixture
def forum(people):
    """A forum open to leaders, organised by Dorte, with Lis as a member. Bo (a leader) may join it but has
    not; Ulla and Tom (teachers) are outside it."""
    forum = ForumFactory(
        slug="data", theme="Evalueringskultur og datainformeret ledelse", audience=Audience.LEADERS
    )
    forum.organisers.set([people["dorte"]])
    Membership.objects.create(forum=forum, person=people["lis"])
    return forum


@pytest.fixture
def members(forum, people):
    """Besides Lis: Carl (no e-mail address), a member who reads English (Bo) and one who unsubscribed
    (Dorte, the organiser)."""
    people["carl"].email = ""
    people["carl"].save(update_fields=["email"])
    people["bo"].language = "en"
    people["bo"].save(update_fields=["language"])
    Membership.objects.create(forum=forum, person=people["carl"])
    Membership.objects.create(forum=forum, person=people["bo"])
    Membership.objects.create(forum=forum, person=people["dorte"], newsletters=False)
    return forum.memberships.all()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def dorte_client(people):
    return client_for(people["dorte"].user)


@pytest.fixture
def bo_client(people):
    return client_for(people["bo"].user)


@pytest.fixture
def tom_client(people):
    return client_for(people["tom"].user)

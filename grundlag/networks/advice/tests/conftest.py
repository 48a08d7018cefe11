"""The advice tests' people: the small municipality's, Carl with a login, and Kamma, the leader consultant
(named in settings.NETWORKS_CONSULTANTS); Lis's request with its first message."""

import pytest
from django.test import Client

from grundlag.networks.advice.services import advice_request_create
from grundlag.organisation.tests.factories import PersonFactory, UserFactory

SUBJECT = "Samarbejdet med min chef"
TEXT = "Jeg er i tvivl om, hvordan jeg skal tage en svær samtale med Carl."


@pytest.fixture
def people(small_organisation):
    people = dict(small_organisation["people"])
    carl = people["carl"]
    carl.user = UserFactory(username="carl")
    carl.save(update_fields=["user"])
    return people


@pytest.fixture
def consultant(db, settings):
    """Kamma Konsulent, a person with a login and no post, named as the one leader consultant."""
    settings.NETWORKS_CONSULTANTS = ["kamma"]
    return PersonFactory(
        key="kamma",
        name="Kamma Konsulent",
        email="kamma@fiktiv.example.dk",
        user=UserFactory(username="kamma"),
    )


@pytest.fixture
def client_of():
    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def asked(people, consultant):
    """Lis's request for advice, with her first message."""
    lis = people["lis"]
    return advice_request_create(requester=lis, subject=SUBJECT, text=TEXT, by=lis.user)

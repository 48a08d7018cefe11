"""What the networks' sub-packages' tests share: the organisation's people and a signed-in client each."""

import pytest
from django.test import Client


@pytest.fixture
def people(small_organisation):
    return small_organisation["people"]


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

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from grundlag.indicators.publication_cache import publication_cache_clear


@pytest.fixture(autouse=True)
def no_kept_decisions():
    """The gate's decisions are kept in the cache and the process: each test starts without them (the tests
    write figures directly, not through an import that would start a new generation)."""
    publication_cache_clear()
    cache.clear()


@pytest.fixture(autouse=True)
def messages_in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def people(small_organisation):
    return small_organisation["people"]


@pytest.fixture
def units(small_organisation):
    return small_organisation["units"]


def client_of(user):
    client = Client()
    client.force_login(user)
    return client

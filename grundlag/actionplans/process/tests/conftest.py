import pytest
from django.test import Client
from django.utils import translation

from grundlag.actionplans.process.services import process_start
from grundlag.tools.services import tools_builtin_load


@pytest.fixture(autouse=True)
def messages_in_english():
    """The tests read the refusals word for word in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def fivef(db):
    """The built-in toolbox, loaded: the 5F model's version."""
    versions = {version.tool.key: version for version, _outcome in tools_builtin_load()}
    return versions["5f-modellen"]


@pytest.fixture
def people(small_organisation):
    return small_organisation["people"]


@pytest.fixture
def units(small_organisation):
    return small_organisation["units"]


@pytest.fixture
def process(fivef, people, units):
    """Lis's 5F process for Ahorn Skole, with Bo (the leader beside her) in its team."""
    return process_start(
        unit=units["ahorn"],
        owner=people["lis"],
        title="Mere læselyst i mellemtrinnet",
        team_members=[people["bo"]],
        by=people["lis"].user,
    )


def client_of(user):
    client = Client()
    client.force_login(user)
    return client

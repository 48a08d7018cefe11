import pytest

from grundlag.networks.models import Audience
from grundlag.networks.tests.factories import EventFactory, ForumFactory
from grundlag.organisation.tests.factories import UserFactory


@pytest.fixture
def org(small_organisation):
    """The small organisation with Carl (the school chief, a leader of leaders) able to sign in."""
    carl = small_organisation["people"]["carl"]
    carl.user = UserFactory(username="carl")
    carl.save(update_fields=["user"])
    return small_organisation


@pytest.fixture
def forum(org):
    """A forum open to leaders, organised by Dorte."""
    forum = ForumFactory(
        slug="data", theme="Evalueringskultur og datainformeret ledelse", audience=Audience.LEADERS
    )
    forum.organisers.set([org["people"]["dorte"]])
    return forum


@pytest.fixture
def event(forum):
    """Two places, a month ahead."""
    return EventFactory(forum=forum, capacity=2)

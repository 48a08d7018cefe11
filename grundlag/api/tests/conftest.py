import html
import json

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from grundlag.api.services import api_token_create

ALL_NAMES = [
    "Dorte Direktør",
    "Carl Chef",
    "Lis Leder",
    "Bo Leder",
    "Tom Lærer",
    "Tina Lærer",
    "Tage Lærer",
    "Ulla Lærer",
    "Uffe Lærer",
]


@pytest.fixture(autouse=True)
def danish():
    """Start each test in Danish: a request under /en/ leaves English active in its thread."""
    with translation.override("da"):
        yield


@pytest.fixture
def org(small_organisation):
    return small_organisation


@pytest.fixture
def users(org, administrator):
    """The personas' user accounts: administrator, leader with staff (lis), outsider (ulla), director."""
    User = get_user_model()
    return {
        "admin": administrator,
        "lis": User.objects.get(username="lis"),
        "ulla": User.objects.get(username="ulla"),
        "dorte": User.objects.get(username="dorte"),
    }


@pytest.fixture
def tokens(users):
    """A plaintext token for each persona, each made by the persona: a token acts only as its maker (or as
    an integration account, which the administrator fixture is)."""
    return {
        key: api_token_create(user=user, name=f"Integration for {key}", by=user)[1]
        for key, user in users.items()
    }


@pytest.fixture
def call(client, tokens):
    """GET an API path as a persona (by token), or anonymously with persona None."""

    def get(path, persona=None, **params):
        headers = {"Authorization": f"Bearer {tokens[persona]}"} if persona else {}
        return client.get(f"/api/v1{path}", params, headers=headers)

    return get


def names_in(response) -> list[str]:
    """The personas' names anywhere in a response, JSON escapes and HTML entities decoded."""
    if response.get("Content-Type", "").startswith("application/json"):
        text = json.dumps(response.json(), ensure_ascii=False)
    else:
        text = html.unescape(response.content.decode())
    return [name for name in ALL_NAMES if name in text]

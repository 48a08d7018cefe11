import pytest
from django.urls import reverse

from grundlag.tools.documents.services import document_create, document_share
from grundlag.tools.documents.tests.conftest import client_of
from grundlag.tools.models import Tool
from grundlag.tools.services import tools_builtin_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(small_organisation):
    tools_builtin_load()
    lis = small_organisation["people"]["lis"]
    return document_create(
        tool=Tool.objects.get(key="noter"), owner=lis, title="Mine skolenoter", by=lis.user
    )


def test_the_start_page_shows_my_latest_document(notes, lis_client):
    page = lis_client.get(reverse("core:home")).content.decode()

    assert "Mine skolenoter" in page
    assert reverse("tools:document", args=[notes.pk]) in page


def test_a_document_shared_with_a_superior_is_on_their_start_page_with_its_owner(
    notes, small_organisation, ulla_client, admin_client
):
    lis = small_organisation["people"]["lis"]
    dorte_client = client_of(small_organisation["people"]["dorte"].user)
    assert "Mine skolenoter" not in dorte_client.get(reverse("core:home")).content.decode()

    document_share(document=notes, team_members=[], shared_with_superior=True, by=lis.user)

    page = dorte_client.get(reverse("core:home")).content.decode()
    assert "Mine skolenoter" in page
    assert f"delt af {lis.name}" in page
    for client in (ulla_client, admin_client):
        assert "Mine skolenoter" not in client.get(reverse("core:home")).content.decode()

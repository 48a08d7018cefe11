"""A hostile review of the library and the distributed-leadership workflow: a reader through the library reads
the document, not who else it is shared with; the people offered for a role are those the organisation
shows the owner."""

import pytest
from django.urls import reverse

from grundlag.organisation.models import Post
from grundlag.tools.documents.forms import document_form
from grundlag.tools.documents.services import document_create, document_share
from grundlag.tools.library.services import library_place
from grundlag.tools.models import Tool, ToolDocument

from .conftest import client_of

pytestmark = pytest.mark.django_db


def _offered(document):
    form = document_form(document=document)
    return [label for pk, label in form.formsets["roles"][1].forms[0].fields["person"].choices if pk]


def test_a_vice_leader_is_offered_only_the_people_she_leads_for_a_role(
    builtin_tools, small_organisation, vice
):
    """Vera leads Ahorn Skole beside Lis, whose teachers report to Lis: the organisation does not show them to
    Vera, so neither does her roles' list, and a forged pick of one is refused."""
    people, ahorn = small_organisation["people"], small_organisation["units"]["ahorn"]
    roles = document_create(
        tool=Tool.objects.get(key="distribueret-ledelse"), owner=vice, title="Roller", by=vice.user
    )
    assert _offered(roles) == ["Vera Viceleder"]
    form = {
        "title": "Roller",
        "revision": 0,
        "unit": str(ahorn.pk),
        "roles-TOTAL_FORMS": "1",
        "roles-INITIAL_FORMS": "0",
        "roles-0-area": "kerneopgaven",
        "roles-0-role": "Vejleder",
        "roles-0-person": str(people["tom"].pk),
    }

    response = client_of(vice.user).post(reverse("tools:document", args=[roles.pk]), form)

    assert response.status_code == 422
    assert "Tom Lærer" not in response.content.decode()
    assert ToolDocument.objects.get(pk=roles.pk).data == {}
    Post.objects.filter(person=people["tom"]).update(manager=vice)
    assert _offered(roles) == ["Tom Lærer", "Vera Viceleder"]


def test_a_reader_through_the_library_is_not_told_who_else_it_is_shared_with(knowledge, small_organisation):
    people = small_organisation["people"]
    lis = people["lis"]
    document_share(document=knowledge, team_members=[people["tom"]], shared_with_superior=True, by=lis.user)
    library_place(document=knowledge, audience="organisation", unit=None, by=lis.user)

    page = client_of(people["bo"].user).get(reverse("tools:document", args=[knowledge.pk]))
    shared = client_of(people["tom"].user).get(reverse("tools:document", args=[knowledge.pk]))

    assert page.status_code == 200
    assert "Forældresamtaler" in page.content.decode()
    assert "Tom Lærer" not in page.content.decode()
    assert "overordnede" not in page.content.decode()
    assert "Tom Lærer" in shared.content.decode()  # the team sees its own members

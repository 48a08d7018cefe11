"""The distributed-leadership workflow: the unit, the roles in the four task areas, and the matrix it is read
as."""

import pytest
from django.urls import reverse

from grundlag.organisation.models import Post
from grundlag.organisation.tests.factories import PostFactory
from grundlag.tools.documents.forms import document_form, document_sections
from grundlag.tools.documents.services import document_create, document_share
from grundlag.tools.documents.workflows.base import Table, Text
from grundlag.tools.models import Tool, ToolDocument

from .conftest import client_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles(builtin_tools, small_organisation):
    """Lis's distributed-leadership document, just started."""
    lis = small_organisation["people"]["lis"]
    return document_create(
        tool=Tool.objects.get(key="distribueret-ledelse"), owner=lis, title="Roller på Ahorn", by=lis.user
    )


def _rows(*rows):
    """The posted part "roles": the management form and the rows, three extra empty ones after them."""
    form = {"roles-TOTAL_FORMS": str(len(rows) + 3), "roles-INITIAL_FORMS": "0"}
    for number, row in enumerate(rows):
        form |= {f"roles-{number}-{key}": value for key, value in row.items()}
    return form


def _post(client, document, unit, *rows):
    form = {"title": document.title, "revision": document.revision, "unit": str(unit.pk), **_rows(*rows)}
    return client.post(reverse("tools:document", args=[document.pk]), form)


def test_the_form_offers_the_units_the_owner_leads_and_their_people(roles, small_organisation, lis_client):
    page = lis_client.get(reverse("tools:document", args=[roles.pk])).content.decode()

    form = document_form(document=roles)
    assert [label for _pk, label in form.fields["unit"].choices][1:] == ["Ahorn Skole"]
    people = [label for pk, label in form.formsets["roles"][1].forms[0].fields["person"].choices if pk]
    assert people == ["Lis Leder", "Tage Lærer", "Tina Lærer", "Tom Lærer"]
    assert "Ulla Lærer" not in page and "Birk Skole" not in page
    # The areas' texts are the source's, as hints.
    assert "Kerneopgaven" in page and "Sikre kvalitet i opgaveløsningen" in page
    assert "Faglig vejledning, sparring og koordination" in page
    assert "Fagansvarlige, vejledere, fagkoordinatorer, faglige fyrtårne" in page


def test_the_roles_are_read_as_a_matrix_of_people_and_task_areas(roles, small_organisation, lis_client):
    people, ahorn = small_organisation["people"], small_organisation["units"]["ahorn"]
    response = _post(
        lis_client,
        roles,
        ahorn,
        {"area": "kerneopgaven", "role": "Fagansvarlig i matematik", "person": str(people["tom"].pk)},
        {
            "area": "hr-opgaverne",
            "role": "Onboardingansvarlig",
            "person": str(people["tom"].pk),
            "note": "Fra maj",
        },
        {"area": "administrative-opgaver", "role": "Skemaplanlægger", "person": str(people["tina"].pk)},
        {"area": "langsigtede-maal", "role": "Projektleder", "person_name": "Anna Ekstern"},
        {"area": "kerneopgaven", "role": "Vejleder i dansk"},
    )
    assert response.status_code == 302

    sections = {
        section.name: section for section in document_sections(document=ToolDocument.objects.get(pk=roles.pk))
    }

    assert sections["unit"] == Text("unit", "Enheden", "Ahorn Skole")
    matrix = sections["matrix"]
    assert isinstance(matrix, Table)
    assert matrix.label == "Hvem har hvilken rolle i Ahorn Skole"
    assert matrix.columns == [
        "Person",
        "Kerneopgaven",
        "Administrative opgaver",
        "Opgaver relateret til langsigtede mål",
        "HR-opgaverne",
    ]
    assert matrix.rows == [
        ["Anna Ekstern", "", "", "Projektleder", ""],
        ["Tina Lærer", "", "Skemaplanlægger", "", ""],
        ["Tom Lærer", "Fagansvarlig i matematik", "", "", "Onboardingansvarlig"],
        ["Ingen har den endnu", "Vejleder i dansk", "", "", ""],
    ]
    assert sections["roles"].rows[1] == ["HR-opgaverne", "Onboardingansvarlig", "Tom Lærer", "Fra maj"]
    page = lis_client.get(reverse("tools:document", args=[roles.pk])).content.decode()
    assert "Projektleder" in page


def test_the_matrix_is_what_a_reader_sees(roles, small_organisation, lis_client):
    people = small_organisation["people"]
    _post(
        lis_client,
        roles,
        small_organisation["units"]["ahorn"],
        {"area": "kerneopgaven", "role": "Vejleder", "person": str(people["tom"].pk)},
    )
    document_share(document=roles, team_members=[], shared_with_superior=True, by=people["lis"].user)

    page = client_of(people["dorte"].user).get(reverse("tools:document", args=[roles.pk])).content.decode()

    assert "<caption>Hvem har hvilken rolle i Ahorn Skole</caption>" in page
    assert "<td>Tom Lærer</td><td>Vejleder</td>" in page


def test_a_row_needs_its_task_area_and_its_role(roles, small_organisation, lis_client):
    tom = small_organisation["people"]["tom"]

    response = _post(
        lis_client, roles, small_organisation["units"]["ahorn"], {"person": str(tom.pk), "note": "Noget"}
    )

    text = response.content.decode()
    assert response.status_code == 422
    assert "Vælg rollens opgaveområde." in text
    assert "Skriv rollen" in text
    assert ToolDocument.objects.get(pk=roles.pk).revision == 0


def test_a_person_is_picked_or_written_not_both(roles, small_organisation, lis_client):
    tom = small_organisation["people"]["tom"]
    row = {"area": "kerneopgaven", "role": "Vejleder", "person": str(tom.pk), "person_name": "Tom"}

    response = _post(lis_client, roles, small_organisation["units"]["ahorn"], row)

    assert response.status_code == 422
    assert "Vælg personen eller skriv navnet, ikke begge." in response.content.decode()


def test_a_picked_person_must_hold_a_post_in_the_chosen_unit(roles, small_organisation, lis_client):
    """Lis leads Birk Skole too (its teachers report to her), so Ulla is offered; but the roles are Ahorn's,
    and Ulla is not of Ahorn."""
    people, units = small_organisation["people"], small_organisation["units"]
    lis_post = people["lis"].posts.first()
    PostFactory(
        person=people["lis"], unit=units["birk"], title="Konstitueret skoleleder", level=lis_post.level
    )
    Post.objects.filter(person=people["ulla"]).update(manager=people["lis"])
    row = {"area": "kerneopgaven", "role": "Vejleder", "person": str(people["ulla"].pk)}

    response = _post(lis_client, roles, units["ahorn"], row)

    text = response.content.decode()
    assert response.status_code == 422
    assert "Ulla Lærer" in text  # offered, as Lis leads Birk Skole too
    assert "ikke en af personerne i Ahorn Skole" in text
    assert "har ingen stilling i Ahorn Skole eller enhederne under den" in text
    assert _post(lis_client, roles, units["birk"], row).status_code == 302


def test_a_person_from_outside_the_owners_units_is_not_a_choice(roles, small_organisation, lis_client):
    ulla = small_organisation["people"]["ulla"]
    row = {"area": "kerneopgaven", "role": "Vejleder", "person": str(ulla.pk)}

    response = _post(lis_client, roles, small_organisation["units"]["ahorn"], row)

    assert response.status_code == 422
    assert ToolDocument.objects.get(pk=roles.pk).data == {}


def test_the_unit_is_one_the_owner_leads(roles, small_organisation, lis_client):
    response = _post(lis_client, roles, small_organisation["units"]["birk"])

    assert response.status_code == 422
    assert ToolDocument.objects.get(pk=roles.pk).revision == 0

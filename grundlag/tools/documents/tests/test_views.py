import pytest
from django.urls import reverse

from grundlag.organisation.tests.factories import UserFactory
from grundlag.tools.documents.services import document_share
from grundlag.tools.models import ToolDocument

from .conftest import client_of

pytestmark = pytest.mark.django_db


def _carl(small_organisation):
    carl = small_organisation["people"]["carl"]
    carl.user = UserFactory(username="carl")
    carl.save()
    return carl


def test_a_private_document_is_hidden_from_everyone_but_its_owner(
    feedback, small_organisation, lis_client, ulla_client, admin_client
):
    url = reverse("tools:document", args=[feedback.pk])
    carl = _carl(small_organisation)

    assert lis_client.get(url).status_code == 200
    for client in (ulla_client, admin_client, client_of(small_organisation["people"]["dorte"].user)):
        assert client.get(url).status_code == 404
        assert client.get(reverse("tools:history", args=[feedback.pk])).status_code == 404
    assert client_of(carl.user).get(url).status_code == 404
    assert b"Feedback til Tom" not in client_of(carl.user).get(reverse("tools:documents")).content


def test_a_superior_reads_a_shared_document_but_cannot_edit_it(feedback, small_organisation):
    lis, dorte = small_organisation["people"]["lis"], small_organisation["people"]["dorte"]
    document_share(document=feedback, team_members=[], shared_with_superior=True, by=lis.user)
    dorte_client = client_of(dorte.user)
    url = reverse("tools:document", args=[feedback.pk])

    page = dorte_client.get(url)

    assert page.status_code == 200
    assert "Jeg ser en god time" in page.content.decode()
    assert 'type="submit" class="button button-primary"' not in page.content.decode()
    assert dorte_client.post(url, {"title": "x", "revision": 1, "iagttagelse": "y"}).status_code == 403
    assert dorte_client.get(reverse("tools:share", args=[feedback.pk])).status_code == 403
    assert "Feedback til Tom" in dorte_client.get(reverse("tools:documents")).content.decode()
    # Bo, at the same level under Carl, is not above Lis.
    assert client_of(small_organisation["people"]["bo"].user).get(url).status_code == 404


def test_a_team_member_saves_and_a_stale_save_keeps_the_text_beside_the_other(feedback, small_organisation):
    lis, bo = small_organisation["people"]["lis"], small_organisation["people"]["bo"]
    document_share(document=feedback, team_members=[bo], shared_with_superior=False, by=lis.user)
    url = reverse("tools:document", args=[feedback.pk])
    form = {"title": "Feedback til Tom", "revision": 1, "purpose": "record", "iagttagelse": "Bos iagttagelse"}

    assert client_of(bo.user).post(url, form).status_code == 302
    stale = client_of(lis.user).post(url, {**form, "iagttagelse": "Lis' iagttagelse"})

    text = stale.content.decode()
    assert stale.status_code == 422
    assert "Nogen har gemt dette dokument, efter du åbnede det" in text
    assert "Lis&#x27; iagttagelse" in text and "Bos iagttagelse" in text
    assert 'name="revision" value="2"' in text
    assert ToolDocument.objects.get(pk=feedback.pk).data["iagttagelse"] == "Bos iagttagelse"


def test_an_empty_observation_is_refused_with_a_message(feedback, lis_client):
    url = reverse("tools:document", args=[feedback.pk])

    page = lis_client.post(url, {"title": "T", "revision": 1, "purpose": "prepare", "iagttagelse": ""})

    assert page.status_code == 422
    assert "form-error-message" in page.content.decode()


def test_the_toolbox_shows_every_tool_with_start_only_where_a_workflow_exists(builtin_tools, lis_client):
    page = lis_client.get(reverse("tools:toolbox")).content.decode()

    # The action-plan template, the 5F model and the broad data concept are read here; their workflows are
    # the data-informed apps' (issue 17).
    read_only = {"handleplansskabelon", "5f-modellen", "det-brede-databegreb"}
    for key in builtin_tools:
        assert (reverse("tools:start", args=[key]) in page) == (key not in read_only), key
    assert "Paradoksmodel" in page and "Alrø, Dahl &amp; Schumann" in page


def test_a_tool_page_shows_its_content(builtin_tools, lis_client):
    page = lis_client.get(reverse("tools:tool", args=["paradoksmodel"])).content.decode()

    assert "Følge med udviklingen i samfundet" in page


def test_lis_starts_a_feedback_document_and_its_form_shows_the_sentence_starters(builtin_tools, lis_client):
    response = lis_client.post(reverse("tools:start", args=["feedbackmodel"]))
    page = lis_client.get(response["Location"]).content.decode()

    assert "Jeg lægger mærke til..." in page and "1. Iagttagelse" in page
    assert lis_client.post(reverse("tools:start", args=["handleplansskabelon"])).status_code == 404

"""The knowledge-sharing workflow: the source's two steps, in their order, and the subject words."""

import pytest
from django.urls import reverse

from grundlag.tools.documents.forms import document_form, document_sections
from grundlag.tools.models import ToolDocument

pytestmark = pytest.mark.django_db


def test_the_two_steps_are_the_sources_in_their_order(knowledge):
    form = document_form(document=knowledge)

    assert [(field.name, field.label) for field in form.content_fields()] == [
        ("beskriv", "Beskriv viden og erfaring i kontekst"),
        ("omsaet", "Omsæt til egen kontekst"),
        ("subject_words", "Emneord"),
    ]
    assert [section.text for section in document_sections(document=knowledge)][
        2
    ] == "forældresamarbejde, trivsel"


def test_the_first_step_is_needed_before_the_translation(knowledge, lis_client):
    url = reverse("tools:document", args=[knowledge.pk])

    response = lis_client.post(url, {"title": "T", "revision": knowledge.revision, "omsaet": "Hos os"})

    assert response.status_code == 422
    assert "Beskriv viden og erfaring i sin kontekst, før du omsætter den." in response.content.decode()
    assert "Hos os" in response.content.decode()  # what was typed is kept
    assert ToolDocument.objects.get(pk=knowledge.pk).revision == knowledge.revision

"""A team of leaders saving the same document at the same moment, each from the revision they opened: one
save goes through and every other is refused, so no one's text is overwritten without their knowing (the
save locks the document's row, so the check and the write are one step)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from grundlag.organisation.tests.factories import PersonFactory, UserFactory
from grundlag.tools.documents.services import document_create, document_save, document_share
from grundlag.tools.models import Tool, ToolDocument, ToolDocumentRevision
from grundlag.tools.services import tools_builtin_load

pytestmark = [
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="sessions at once: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

EDITORS = 12


def test_parallel_saves_from_one_revision_keep_exactly_one_and_refuse_the_others():
    tools_builtin_load()
    owner, *team = [PersonFactory(user=UserFactory()) for _ in range(EDITORS)]
    document = document_create(tool=Tool.objects.get(key="noter"), owner=owner, title="Fælles", by=owner.user)
    document_share(document=document, team_members=team, shared_with_superior=False, by=owner.user)
    start = threading.Barrier(EDITORS)
    saved: list[str] = []
    refused: list[str] = []
    errors: list[BaseException] = []

    def save(person, text):
        try:
            start.wait(30)
            document_save(document=document, data={"noter": text}, expected_revision=0, by=person.user)
            saved.append(text)
        except ValidationError as error:
            refused.append(error.code)
        except BaseException as error:  # noqa: BLE001 (any other failure is the test's finding)
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(person, f"Tekst {number}"))
        for number, person in enumerate([owner, *team])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    assert errors == []
    assert len(saved) == 1 and refused == ["conflict"] * (EDITORS - 1)
    document.refresh_from_db()
    assert document.revision == 1 and document.data == {"noter": saved[0]}
    assert list(ToolDocumentRevision.objects.filter(document=document).values_list("number", flat=True)) == [
        1,
        0,
    ]
    assert ToolDocument.objects.count() == 1

import json

import pytest
from django.core.exceptions import ValidationError

from grundlag.accounts.gdpr import person_document
from grundlag.accounts.services import person_erase
from grundlag.audit.models import AuditEvent
from grundlag.tools.documents.services import document_create, document_delete, document_save, document_share
from grundlag.tools.models import Tool, ToolDocument, ToolDocumentRevision

pytestmark = pytest.mark.django_db


def test_it_starts_a_private_document_on_the_latest_published_version(builtin_tools, small_organisation):
    lis = small_organisation["people"]["lis"]

    document = document_create(tool=Tool.objects.get(key="noter"), owner=lis, title="", by=lis.user)

    assert document.version == builtin_tools["noter"]
    assert document.title == "Noter"
    assert not document.shared_with_superior and not document.team_members.exists()
    assert document.revisions.get().number == 0


def test_it_refuses_a_save_when_someone_saved_after_it_was_opened_and_keeps_both(
    feedback, small_organisation
):
    lis = small_organisation["people"]["lis"]
    opened_at = feedback.revision
    document_save(document=feedback, data={"iagttagelse": "Først"}, expected_revision=opened_at, by=lis.user)

    with pytest.raises(ValidationError) as refused:
        document_save(
            document=feedback, data={"iagttagelse": "Anden"}, expected_revision=opened_at, by=lis.user
        )

    assert refused.value.code == "conflict"
    assert "Nogen har gemt dette dokument, efter du åbnede det" in refused.value.messages[0]
    assert ToolDocument.objects.get(pk=feedback.pk).data == {"iagttagelse": "Først"}


def test_each_save_writes_a_revision_with_who_and_what(feedback, small_organisation):
    revisions = list(ToolDocumentRevision.objects.filter(document=feedback).order_by("number"))

    assert [r.number for r in revisions] == [0, 1]
    assert revisions[1].data["iagttagelse"] == "Jeg ser en god time"
    assert revisions[1].by == small_organisation["people"]["lis"]


def test_the_audit_rows_name_no_text(feedback):
    details = " ".join(
        AuditEvent.objects.filter(action__startswith="tools.document").values_list("detail", flat=True)
    )

    assert "god time" not in details and "Feedback til Tom" not in details


def test_a_team_member_edits_but_only_the_owner_shares_and_deletes(feedback, small_organisation):
    people = small_organisation["people"]
    lis, bo, dorte = people["lis"], people["bo"], people["dorte"]
    document_share(document=feedback, team_members=[bo, lis], shared_with_superior=True, by=lis.user)
    assert list(feedback.team_members.all()) == [bo]

    saved = document_save(document=feedback, data={"iagttagelse": "Bo"}, expected_revision=1, by=bo.user)
    assert saved.revision == 2

    with pytest.raises(ValidationError):
        document_save(document=feedback, data={}, expected_revision=2, by=dorte.user)
    with pytest.raises(ValidationError):
        document_share(document=feedback, team_members=[], shared_with_superior=False, by=bo.user)
    with pytest.raises(ValidationError):
        document_delete(document=feedback, by=bo.user)
    document_delete(document=feedback, by=lis.user)
    assert not ToolDocument.objects.exists()


def test_a_document_is_in_its_owners_own_export_only_and_goes_with_her_erasure(
    feedback, small_organisation, administrator
):
    lis = small_organisation["people"]["lis"]
    document = feedback
    document_save(document=document, data={"iagttagelse": "Hemmelig note"}, expected_revision=1, by=lis.user)
    assert "Hemmelig note" in json.dumps(person_document(lis, own=True), ensure_ascii=False)
    assert "Hemmelig note" not in json.dumps(person_document(lis), ensure_ascii=False)
    person_erase(person=lis, by=administrator)
    assert not ToolDocument.objects.filter(pk=document.pk).exists()

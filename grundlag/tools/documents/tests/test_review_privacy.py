"""A hostile review of the tool documents: every address of a document answers its readers only; the people
a workflow offers to pick are those the organisation lets the owner see; an erased person's name does not
outlive them in others' documents; no text a browser can send (control characters included) nor the longest
title costs a reader the Word file; a document keeps the version of its tool it was started on."""

import copy
import io

import pytest
from django.urls import reverse
from docx import Document

from grundlag.accounts.gdpr import person_document
from grundlag.accounts.services import person_erase
from grundlag.organisation.tests.factories import PersonFactory, PostFactory, UserFactory
from grundlag.tools.definitions import tool_definition
from grundlag.tools.documents.services import document_create, document_export, document_save, document_share
from grundlag.tools.documents.workflows.relations import neighbourhood
from grundlag.tools.library.services import library_place
from grundlag.tools.models import Tool, ToolDocument, ToolDocumentRevision, ToolStatus
from grundlag.tools.services import tool_version_create

from .conftest import client_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def vera(small_organisation, builtin_frameworks):
    """Vera, vice leader of Ahorn Skole under Lis: the teachers of Ahorn report to Lis, not to her, so the
    organisation shows her none of them (she sees herself and those she leads)."""
    levels = {level.key: level for level in builtin_frameworks["aarhus-boern-og-unge"].levels.all()}
    vera = PersonFactory(key="vera", name="Vera Viceleder", user=UserFactory(username="vera"))
    PostFactory(
        person=vera,
        unit=small_organisation["units"]["ahorn"],
        title="Viceskoleleder",
        level=levels["leder-af-medarbejder"],
        manager=small_organisation["people"]["lis"],
    )
    return vera


def _relations_post(rows, *, revision=0):
    data = {
        "title": "Relationer",
        "revision": revision,
        "plan": "Læsning",
        "relations-TOTAL_FORMS": len(rows),
        "relations-INITIAL_FORMS": 0,
    }
    for number, row in enumerate(rows):
        data.update({f"relations-{number}-{key}": value for key, value in row.items()})
    return data


def test_the_relations_list_offers_only_people_the_organisation_shows_the_owner(
    builtin_tools, small_organisation, vera
):
    """Vera's unit holds Lis's teachers, whom the organisation does not show Vera: they are not offered, and a
    forged pick of one is refused. Her superiors (the chain shown on her own page) are offered."""
    people = small_organisation["people"]
    names = {n.name for n in neighbourhood(owner=vera) if n.kind == "person"}
    assert names == {"Lis Leder", "Carl Chef", "Dorte Direktør"}
    analysis = document_create(
        tool=Tool.objects.get(key="relationsanalysen"), owner=vera, title="Relationer", by=vera.user
    )
    client = client_of(vera.user)

    page = client.get(reverse("tools:document", args=[analysis.pk])).content.decode()
    refused = client.post(
        reverse("tools:document", args=[analysis.pk]),
        _relations_post([{"picked": f"person:{people['tom'].pk}"}]),
    )

    assert "Tom Lærer" not in page and "Tina Lærer" not in page
    assert refused.status_code == 422
    assert ToolDocument.objects.get(pk=analysis.pk).data == {}


def test_a_leader_is_offered_the_people_she_leads_in_her_units(builtin_tools, small_organisation):
    names = {n.name for n in neighbourhood(owner=small_organisation["people"]["lis"]) if n.kind == "person"}

    assert {"Tom Lærer", "Tina Lærer", "Tage Lærer"} <= names


def test_an_erased_persons_name_is_gone_from_the_relations_that_picked_them(
    builtin_tools, small_organisation
):
    """A picked relation keeps the person's name beside their id (for when they are no longer near); erasing
    the person replaces it in the document and its history, so their name is not in the owner's export."""
    people = small_organisation["people"]
    lis, tom = people["lis"], people["tom"]
    analysis = document_create(
        tool=Tool.objects.get(key="relationsanalysen"), owner=lis, title="Relationer", by=lis.user
    )
    response = client_of(lis.user).post(
        reverse("tools:document", args=[analysis.pk]),
        _relations_post(
            [{"picked": f"person:{tom.pk}", "share": "30"}, {"name": "Forældrerådet", "kind": "team"}]
        ),
    )
    assert response.status_code == 302
    assert "Tom Lærer" in str(ToolDocument.objects.get(pk=analysis.pk).data)

    person_erase(person=tom, by=None)

    document = ToolDocument.objects.get(pk=analysis.pk)
    assert "Tom Lærer" not in str(document.data)
    assert document.data["relations"][1]["name"] == "Forældrerådet"  # a written-in name is the owner's text
    assert not any(
        "Tom Lærer" in str(row.data) for row in ToolDocumentRevision.objects.filter(document=document)
    )
    assert "Tom Lærer" not in str(person_document(lis, own=True))
    page = client_of(lis.user).get(reverse("tools:document", args=[analysis.pk])).content.decode()
    assert "Tom Lærer" not in page


def test_a_word_file_is_written_when_a_text_holds_control_characters(builtin_tools, small_organisation):
    """A browser sends any character but NUL; XML (a Word file) refuses the other control characters, so
    they are left out of the file instead of costing the reader the download."""
    lis = small_organisation["people"]["lis"]
    paradox = document_create(
        tool=Tool.objects.get(key="paradoksmodel"), owner=lis, title="Tit\x01el", by=lis.user
    )
    quadrants = [quadrant["key"] for quadrant in paradox.version.content["quadrants"]]
    data = {
        "pole_1_quadrant": quadrants[0],
        "pole_1_name": "Fri\x0bhed",
        "pole_2_quadrant": quadrants[1],
        "pole_2_name": "Sty\x1fring",
        "spoergsmaal": "Hvordan\x02 både og?",
    }
    paradox = document_save(document=paradox, data=data, expected_revision=0, by=lis.user)

    response = client_of(lis.user).get(reverse("tools:docx", args=[paradox.pk]))

    assert response.status_code == 200
    word = Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(paragraph.text for paragraph in word.paragraphs)
    assert "Titel" in text and "Hvordan både og?" in text
    assert word.inline_shapes[0]._inline.docPr.get("descr").count("Frihed") == 1
    assert document_export(document=paradox, kind="pdf", by=lis.user).startswith(b"%PDF")


# Every address of one document, read (GET) and written (POST); each is answered for the document's readers
# only, with 404 for anyone else.
READS = ["tools:document", "tools:history", "tools:pdf", "tools:docx", "tools:share", "tools:library_place"]
WRITES = [
    "tools:document",
    "tools:share",
    "tools:delete",
    "tools:foundation",
    "tools:library_place",
    "tools:meeting_template",
    "tools:meeting_next",
]
MEETING_ROUTES = ["tools:meeting_calendar"]


@pytest.fixture
def shared_knowledge(builtin_tools, small_organisation):
    """Lis's knowledge-sharing document, shared with Tom (team) and her superiors; not in the library."""
    people = small_organisation["people"]
    lis = people["lis"]
    document = document_create(
        tool=Tool.objects.get(key="videndeling"), owner=lis, title="Viden", by=lis.user
    )
    step = document.version.content["steps"][0]["key"]
    document = document_save(
        document=document, data={step: "Hemmelig viden"}, expected_revision=0, by=lis.user
    )
    document_share(document=document, team_members=[people["tom"]], shared_with_superior=True, by=lis.user)
    return document


def _statuses(user, document):
    client = client_of(user)
    statuses = {}
    for name in READS + MEETING_ROUTES:
        statuses[("get", name)] = client.get(reverse(name, args=[document.pk])).status_code
    for name in WRITES:
        statuses[("post", name)] = client.post(reverse(name, args=[document.pk]), {}).status_code
    return statuses


def test_no_one_but_the_documents_readers_learns_it_exists_on_any_of_its_addresses(
    shared_knowledge, small_organisation, administrator
):
    people = small_organisation["people"]
    nobody = UserFactory(username="respondent-only")  # a user who is no one in the organisation
    for user in (administrator, nobody, people["bo"].user, people["ulla"].user):
        assert set(_statuses(user, shared_knowledge).values()) == {404}, user
    assert ToolDocument.objects.filter(pk=shared_knowledge.pk).exists()


def test_a_team_member_edits_but_never_shares_deletes_or_places_it_in_the_library(
    shared_knowledge, small_organisation
):
    statuses = _statuses(small_organisation["people"]["tom"].user, shared_knowledge)

    for name in ("tools:document", "tools:history", "tools:pdf", "tools:docx"):
        assert statuses[("get", name)] == 200, name
    for route in (("get", "tools:share"), ("post", "tools:share"), ("post", "tools:delete")):
        assert statuses[route] == 403, route
    assert statuses[("get", "tools:library_place")] == statuses[("post", "tools:library_place")] == 403
    # Not a meeting: its meeting addresses are not there, for a reader as for anyone.
    assert statuses[("get", "tools:meeting_calendar")] == statuses[("post", "tools:meeting_next")] == 404
    document = ToolDocument.objects.get(pk=shared_knowledge.pk)
    assert (document.library_audience, document.shared_with_superior) == ("", True)


def test_a_superior_reads_but_writes_nothing(shared_knowledge, small_organisation):
    statuses = _statuses(small_organisation["people"]["dorte"].user, shared_knowledge)

    for name in ("tools:document", "tools:history", "tools:pdf", "tools:docx"):
        assert statuses[("get", name)] == 200, name
    for name in ("tools:document", "tools:share", "tools:delete", "tools:foundation", "tools:library_place"):
        assert statuses[("post", name)] == 403, name


def test_a_removed_team_member_and_a_superior_after_the_owner_moved_read_nothing(
    shared_knowledge, small_organisation
):
    people, lis = small_organisation["people"], small_organisation["people"]["lis"]
    document_share(document=shared_knowledge, team_members=[], shared_with_superior=True, by=lis.user)
    # Lis leaves Carl's chain (and so Dorte's) for a unit of her own with no one above it.
    lis.posts.update(manager=None)

    for user in (people["tom"].user, people["dorte"].user):
        assert set(_statuses(user, shared_knowledge).values()) == {404}, user
    assert client_of(lis.user).get(reverse("tools:document", args=[shared_knowledge.pk])).status_code == 200


def test_the_owners_own_export_says_who_reads_a_document_in_the_library(shared_knowledge, small_organisation):
    """Whom a document is disclosed to is part of what its owner is told: the team, the superiors and the
    library's readers. The export another makes of the owner holds none of it, nor do the readers' exports."""
    people = small_organisation["people"]
    lis = people["lis"]
    library_place(
        document=shared_knowledge, audience="unit", unit=small_organisation["units"]["ahorn"], by=lis.user
    )

    [exported] = person_document(lis, own=True)["tool_documents"]

    assert exported["in_the_library_for"] == {"audience": "unit", "unit": "Ahorn Skole"}
    assert exported["team_members"] == ["Tom Lærer"]
    assert "tool_documents" not in person_document(lis)
    for reader in ("tom", "dorte", "bo"):
        assert person_document(people[reader], own=True)["tool_documents"] == []


def test_a_word_file_is_written_for_the_longest_title_a_document_may_have(builtin_tools, small_organisation):
    """A title may be 300 characters; a Word file's title property at most 255: it is shortened there only."""
    lis = small_organisation["people"]["lis"]
    notes = document_create(tool=Tool.objects.get(key="noter"), owner=lis, title="Lang " * 60, by=lis.user)
    assert len(notes.title) == 299

    response = client_of(lis.user).get(reverse("tools:docx", args=[notes.pk]))

    assert response.status_code == 200
    word = Document(io.BytesIO(b"".join(response.streaming_content)))
    assert word.paragraphs[0].text == notes.title
    assert len(word.core_properties.title) <= 255


def test_a_document_keeps_the_version_it_was_started_on_when_its_tool_changes(feedback, small_organisation):
    """A new version of the tool (here one whose first step has another key and label) changes no document
    started before it: the page, the save and the files read the document's own version."""
    lis = small_organisation["people"]["lis"]
    old = feedback.version
    definition = copy.deepcopy(tool_definition(version=old))
    definition["content"]["steps"][0] = {**definition["content"]["steps"][0], "key": "ny", "name": "Nyt trin"}
    new = tool_version_create(tool=old.tool, definition=definition, status=ToolStatus.PUBLISHED)
    client = client_of(lis.user)

    page = client.get(reverse("tools:document", args=[feedback.pk]))
    saved = client.post(
        reverse("tools:document", args=[feedback.pk]),
        {"title": "Feedback", "revision": 1, "purpose": "record", "iagttagelse": "Stadig den gamle"},
    )

    assert page.status_code == 200 and "Nyt trin" not in page.content.decode()
    assert saved.status_code == 302
    document = ToolDocument.objects.get(pk=feedback.pk)
    assert (document.version, document.data["iagttagelse"]) == (old, "Stadig den gamle")
    assert client.get(reverse("tools:docx", args=[feedback.pk])).status_code == 200
    started = document_create(tool=old.tool, owner=lis, title="Ny", by=lis.user)
    assert started.version == new

"""The knowledge-sharing library: who finds and reads an entry, the search on both databases, and that a
private document is never in it."""

import logging

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from grundlag.audit.models import AuditEvent
from grundlag.tools.documents.services import document_create, document_delete, document_save, document_share
from grundlag.tools.library.selectors import library_search_for_user
from grundlag.tools.library.services import library_place
from grundlag.tools.models import LibraryAudience, LibraryEntry, Tool, ToolDocument

from .conftest import KNOWLEDGE, client_of

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Danish stemming is PostgreSQL's; SQLite searches by prefix"
)
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the prefix search is SQLite's FTS5")


def _titles(user, query):
    return [hit.document.title for hit in library_search_for_user(user=user, query=query)]


def _people(small_organisation):
    return small_organisation["people"]


def test_a_private_document_is_never_indexed_nor_found(knowledge, small_organisation):
    lis, bo = _people(small_organisation)["lis"], _people(small_organisation)["bo"]

    assert not LibraryEntry.objects.exists()
    assert _titles(lis.user, "forældre") == []
    assert _titles(bo.user, "forældre") == []
    assert client_of(bo.user).get(reverse("tools:document", args=[knowledge.pk])).status_code == 404


def test_a_document_for_the_organisation_is_found_and_read_by_every_leader_who_cannot_edit_it(
    knowledge, small_organisation
):
    people = _people(small_organisation)
    library_place(document=knowledge, audience=LibraryAudience.ORGANISATION, unit=None, by=people["lis"].user)
    bo = client_of(people["bo"].user)

    page = bo.get(reverse("tools:library"), {"q": "samtaler"}).content.decode()
    document = bo.get(reverse("tools:document", args=[knowledge.pk]))

    assert "Forældresamtaler" in page and "Lis Leder" in page
    assert "<mark>samtaler</mark>" in page
    assert document.status_code == 200
    assert "styrket samarbejdet med skolens forældre" in document.content.decode()
    assert 'name="beskriv"' not in document.content.decode()
    assert "I biblioteket for alle ledere i organisationen" in document.content.decode()
    posted = bo.post(
        reverse("tools:document", args=[knowledge.pk]), {"title": "x", "revision": 1, "beskriv": "y"}
    )
    assert posted.status_code == 403
    assert bo.get(reverse("tools:share", args=[knowledge.pk])).status_code == 403
    assert bo.get(reverse("tools:library_place", args=[knowledge.pk])).status_code == 403
    assert ToolDocument.objects.get(pk=knowledge.pk).data["beskriv"] == KNOWLEDGE["beskriv"]
    assert _titles(people["dorte"].user, "samtaler") == ["Forældresamtaler"]


def test_a_document_for_the_unit_is_read_by_its_leaders_only(knowledge, small_organisation, vice):
    people, ahorn = _people(small_organisation), small_organisation["units"]["ahorn"]
    library_place(document=knowledge, audience=LibraryAudience.UNIT, unit=ahorn, by=people["lis"].user)
    url = reverse("tools:document", args=[knowledge.pk])

    assert _titles(vice.user, "samtaler") == ["Forældresamtaler"]
    assert client_of(vice.user).get(url).status_code == 200
    # Bo leads another school; Dorte leads above Ahorn Skole, not in it.
    for outside in (people["bo"], people["dorte"]):
        assert _titles(outside.user, "samtaler") == []
        assert client_of(outside.user).get(url).status_code == 404
    # Tom has a post in Ahorn Skole but leads no one: not a reader.
    assert client_of(people["tom"].user).get(url).status_code == 404


def test_the_administrator_and_a_respondent_read_nothing_of_the_library(
    knowledge, small_organisation, admin_client, ulla_client
):
    library_place(
        document=knowledge,
        audience=LibraryAudience.ORGANISATION,
        unit=None,
        by=_people(small_organisation)["lis"].user,
    )

    for client in (admin_client, ulla_client):
        assert client.get(reverse("tools:library"), {"q": "samtaler"}).status_code == 403
        assert client.get(reverse("tools:document", args=[knowledge.pk])).status_code == 404
        assert client.get(reverse("tools:library_place", args=[knowledge.pk])).status_code == 404


def test_taking_it_out_of_the_library_is_immediate(knowledge, small_organisation):
    people = _people(small_organisation)
    library_place(document=knowledge, audience=LibraryAudience.ORGANISATION, unit=None, by=people["lis"].user)
    assert _titles(people["bo"].user, "samtaler") == ["Forældresamtaler"]

    response = client_of(people["lis"].user).post(
        reverse("tools:library_place", args=[knowledge.pk]), {"audience": ""}
    )

    assert response.status_code == 302
    assert _titles(people["bo"].user, "samtaler") == []
    assert not LibraryEntry.objects.exists()
    assert client_of(people["bo"].user).get(reverse("tools:document", args=[knowledge.pk])).status_code == 404
    events = AuditEvent.objects.filter(action__startswith="tools.library").order_by("pk")
    assert list(events.values_list("action", "detail")) == [
        ("tools.library_place", "audience=organisation"),
        ("tools.library_remove", "audience=none"),
    ]


def test_a_save_is_searched_at_once_and_the_old_words_are_gone(knowledge, small_organisation):
    people = _people(small_organisation)
    library_place(document=knowledge, audience=LibraryAudience.ORGANISATION, unit=None, by=people["lis"].user)

    document_save(
        document=knowledge,
        data={**KNOWLEDGE, "beskriv": "Legepatruljer i frikvarteret gav mere ro."},
        expected_revision=knowledge.revision,
        title="Legepatruljer",
        by=people["lis"].user,
    )

    assert _titles(people["bo"].user, "legepatruljer") == ["Legepatruljer"]
    assert _titles(people["bo"].user, "styrket") == []


def test_a_deleted_document_leaves_the_library(knowledge, small_organisation):
    people = _people(small_organisation)
    library_place(document=knowledge, audience=LibraryAudience.ORGANISATION, unit=None, by=people["lis"].user)

    document_delete(document=ToolDocument.objects.get(pk=knowledge.pk), by=people["lis"].user)

    assert not LibraryEntry.objects.exists()
    assert _titles(people["bo"].user, "samtaler") == []


def test_the_owner_places_only_a_knowledge_sharing_document_for_a_unit_they_lead(
    knowledge, small_organisation
):
    people, units = _people(small_organisation), small_organisation["units"]
    lis = people["lis"]
    notes = document_create(tool=Tool.objects.get(key="noter"), owner=lis, title="Noter", by=lis.user)
    document_share(document=knowledge, team_members=[people["bo"]], shared_with_superior=False, by=lis.user)

    with pytest.raises(ValidationError, match="Kun et videndelingsdokument"):
        library_place(document=notes, audience=LibraryAudience.ORGANISATION, unit=None, by=lis.user)
    with pytest.raises(ValidationError, match="en af de enheder, du leder"):
        library_place(document=knowledge, audience=LibraryAudience.UNIT, unit=units["schools"], by=lis.user)
    with pytest.raises(ValidationError, match="Kun ejeren"):
        library_place(
            document=knowledge, audience=LibraryAudience.ORGANISATION, unit=None, by=people["bo"].user
        )
    assert client_of(lis.user).get(reverse("tools:library_place", args=[notes.pk])).status_code == 404
    assert not LibraryEntry.objects.exists()


def test_the_owner_puts_it_in_the_library_for_their_unit_on_the_page(
    knowledge, small_organisation, lis_client
):
    ahorn = small_organisation["units"]["ahorn"]
    url = reverse("tools:library_place", args=[knowledge.pk])
    document_page = lis_client.get(reverse("tools:document", args=[knowledge.pk])).content.decode()
    assert url in document_page

    assert lis_client.post(url, {"audience": "unit", "unit": ""}).status_code == 422
    response = lis_client.post(url, {"audience": "unit", "unit": str(ahorn.pk)})

    assert response.status_code == 302
    placed = ToolDocument.objects.get(pk=knowledge.pk)
    assert (placed.library_audience, placed.library_unit) == ("unit", ahorn)
    assert LibraryEntry.objects.get(document=placed).title == "Forældresamtaler"


def test_the_library_lists_the_latest_entries_without_a_query(knowledge, small_organisation):
    people = _people(small_organisation)
    library_place(document=knowledge, audience=LibraryAudience.ORGANISATION, unit=None, by=people["lis"].user)

    page = client_of(people["bo"].user).get(reverse("tools:library")).content.decode()

    assert "Det seneste i biblioteket" in page and "Forældresamtaler" in page


def test_a_snippet_shows_the_documents_text_escaped(knowledge, small_organisation):
    lis = _people(small_organisation)["lis"]
    library_place(document=knowledge, audience=LibraryAudience.ORGANISATION, unit=None, by=lis.user)
    document_save(
        document=knowledge,
        data={**KNOWLEDGE, "beskriv": "Vi prøvede <script>alert(1)</script> ugentlige samtaler."},
        expected_revision=knowledge.revision,
        by=lis.user,
    )

    page = client_of(_people(small_organisation)["bo"].user).get(reverse("tools:library"), {"q": "ugentlige"})

    text = page.content.decode()
    assert "<mark>ugentlige</mark>" in text
    assert "<script>alert(1)" not in text
    # SQLite's snippet keeps the tag as text, escaped; PostgreSQL's headline leaves tags out.
    assert connection.vendor == "postgresql" or "&lt;script&gt;alert(1)" in text


def test_the_search_words_are_written_to_no_log(knowledge, small_organisation, caplog):
    lis = _people(small_organisation)["lis"]
    library_place(document=knowledge, audience=LibraryAudience.ORGANISATION, unit=None, by=lis.user)

    with caplog.at_level(logging.DEBUG):
        client_of(_people(small_organisation)["bo"].user).get(
            reverse("tools:library"), {"q": "hemmeligtsøgeord"}
        )

    assert "hemmeligtsøgeord" not in caplog.text


@sqlite_only
def test_sqlite_finds_a_word_by_its_beginning(knowledge, small_organisation):
    library_place(
        document=knowledge,
        audience=LibraryAudience.ORGANISATION,
        unit=None,
        by=_people(small_organisation)["lis"].user,
    )

    assert _titles(_people(small_organisation)["bo"].user, "samarb indskol") == ["Forældresamtaler"]


@postgresql_only
def test_postgresql_finds_an_inflected_danish_word(knowledge, small_organisation):
    library_place(
        document=knowledge,
        audience=LibraryAudience.ORGANISATION,
        unit=None,
        by=_people(small_organisation)["lis"].user,
    )
    bo = _people(small_organisation)["bo"].user

    # "skolernes" and "skolens" share the stem "skol"; "samarbejde" and "samarbejdet" the stem "samarbejd".
    hits = library_search_for_user(user=bo, query="skolernes samarbejde")

    assert [hit.document.title for hit in hits] == ["Forældresamtaler"]
    assert "<mark>" in hits[0].highlighted


def test_a_reader_through_the_library_reads_the_document_as_it_is_never_its_history(
    knowledge, small_organisation
):
    lis, bo = _people(small_organisation)["lis"], _people(small_organisation)["bo"]
    first = {**KNOWLEDGE, "beskriv": "Et udkast med navnet på en medarbejder, der ikke skal deles."}
    document_save(document=knowledge, data=first, expected_revision=knowledge.revision, by=lis.user)
    saved = ToolDocument.objects.get(pk=knowledge.pk)
    document_save(document=saved, data=KNOWLEDGE, expected_revision=saved.revision, by=lis.user)
    library_place(document=knowledge, audience=LibraryAudience.ORGANISATION, unit=None, by=lis.user)
    bo_client = client_of(bo.user)

    page = bo_client.get(reverse("tools:document", args=[knowledge.pk])).content.decode()

    assert "styrket samarbejdet" in page and reverse("tools:history", args=[knowledge.pk]) not in page
    assert bo_client.get(reverse("tools:history", args=[knowledge.pk])).status_code == 404
    assert client_of(lis.user).get(reverse("tools:history", args=[knowledge.pk])).status_code == 200

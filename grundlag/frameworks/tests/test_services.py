"""Services and selectors: what is expected at a level, drafts and edits, publishing, diffs and search."""

import pytest
from django.core.exceptions import ValidationError

from grundlag.frameworks.diff import Change, versions_diff
from grundlag.frameworks.models import (
    Expectation,
    FrameworkChange,
    FrameworkVersion,
    Level,
    Section,
)
from grundlag.frameworks.selectors import expected_at_level, frameworks_search
from grundlag.frameworks.services import (
    PublishedVersionIsFrozen,
    draft_create,
    draft_discard,
    expectation_save,
    frameworks_import,
    item_delete,
    item_move,
    level_save,
    section_save,
    section_text_save,
    version_publish,
    version_to_document,
)
from grundlag.frameworks.tests.documents import imported, small_document

pytestmark = pytest.mark.django_db


def without(document, *keys):
    """The document with some of the version's own fields left out."""
    body = {key: value for key, value in document["version"].items() if key not in keys}
    return document | {"version": body}


# --- What is expected at a level ---------------------------------------------------------------


def test_it_expects_of_a_stil_director_the_ministrys_common_part_stils_common_part_and_the_directors_own(
    builtin_frameworks,
):
    buvm, stil = builtin_frameworks["buvm"], builtin_frameworks["stil"]
    director = stil.levels.get(key="direktoer")

    sections = expected_at_level(version=stil, level=director)

    got = [e.pk for content in sections for e in content.expectations]
    expected = [
        *buvm.expectations.filter(level__isnull=True).order_by("section__position", "position"),
        *stil.expectations.filter(level__isnull=True).order_by("section__position", "position"),
        *director.expectations.all(),
    ]
    assert sorted(got) == sorted(e.pk for e in expected)
    assert len(got) == len(set(got))
    assert not Expectation.objects.filter(pk__in=got, level__key="vicedirektoer").exists()
    assert not Expectation.objects.filter(pk__in=got, level__key="kontorchef").exists()
    assert director.expectations.exists()
    assert buvm.expectations.filter(level__isnull=True).exists()


def test_it_puts_the_parents_sections_first_and_marks_them_inherited(builtin_frameworks):
    buvm, stil = builtin_frameworks["buvm"], builtin_frameworks["stil"]

    sections = expected_at_level(version=stil, level=stil.levels.get(key="direktoer"))

    versions = [content.section.version_id for content in sections]
    assert versions == sorted(versions, key=lambda pk: pk != buvm.pk)
    assert all(content.inherited == (content.section.version_id == buvm.pk) for content in sections)
    stil_sections = [content.section.key for content in sections if not content.inherited]
    assert stil_sections == list(stil.sections.values_list("key", flat=True))


def test_it_expects_the_parents_content_for_a_level_with_the_same_key():
    parent = small_document(slug="moder")
    child = small_document(slug="datter")
    child["version"]["parent"] = {"framework": "moder", "version": 1}
    child["version"]["sections"][0]["expectations"][2]["text"] = "Skaber trivsel i datterens team."
    _parent, version = imported(parent, child)

    sections = expected_at_level(version=version, level=version.levels.get(key="leder"))

    assert [e.text for content in sections for e in content.expectations] == [
        "Vi tager ansvar for helheden.",
        "Skaber trivsel i teamet.",
        "Vi oversætter strategien til handling.",
        "Vi tager ansvar for helheden.",
        "Skaber trivsel i datterens team.",
        "Vi oversætter strategien til handling.",
    ]


# --- Drafts -----------------------------------------------------------------------------------------


def test_it_starts_a_draft_as_a_full_copy_of_the_latest_version(published, administrator):
    draft = draft_create(framework=published.framework, by=administrator)

    assert (draft.number, draft.status) == (2, FrameworkVersion.Status.DRAFT)
    assert draft.published_at is None
    # A draft is a new version: only its number, status and label are its own.
    assert without(version_to_document(version=draft), "number", "status", "label") == without(
        version_to_document(version=published), "number", "status", "label"
    )
    assert not set(draft.expectations.values_list("pk", flat=True)) & set(
        published.expectations.values_list("pk", flat=True)
    )
    change = draft.changes.get()
    assert (change.action, change.by) == ("draft created", administrator)


def test_it_keeps_the_parent_of_the_version_a_draft_copies(administrator):
    child = small_document(slug="datter")
    child["version"]["parent"] = {"framework": "moder", "version": 1}
    parent, version = imported(small_document(slug="moder"), child)

    draft = draft_create(framework=version.framework, by=administrator)

    assert draft.parent == parent
    assert version_to_document(version=draft)["version"]["parent"] == {"framework": "moder", "version": 1}


def test_it_allows_one_draft_at_a_time(draft, administrator):
    with pytest.raises(ValidationError):
        draft_create(framework=draft.framework, by=administrator)

    assert draft.framework.versions.count() == 2


def test_it_discards_a_draft(draft, administrator):
    draft_discard(version=draft, by=administrator)

    assert not FrameworkVersion.objects.filter(pk=draft.pk).exists()
    assert FrameworkVersion.objects.count() == 1


# --- Editing a draft ----------------------------------------------------------------------------


def last_change(version):
    return version.changes.order_by("-id").first()


def test_it_adds_and_changes_a_section_and_records_who(draft, administrator):
    section = section_save(version=draft, by=administrator, key="trivsel", kind="theme", title="Trivsel")
    assert (last_change(draft).action, last_change(draft).by) == ("section added", administrator)

    section_save(version=draft, by=administrator, section=section, title="Trivsel og arbejdsmiljø")

    assert list(draft.sections.values_list("key", "title")) == [
        ("principper", "Fælles principper"),
        ("strategi", "Strategisk ledelse"),
        ("trivsel", "Trivsel og arbejdsmiljø"),
    ]
    assert (last_change(draft).action, last_change(draft).by) == ("section changed", administrator)


def test_it_refuses_a_section_key_already_used_in_the_version(draft, administrator):
    with pytest.raises(ValidationError):
        section_save(version=draft, by=administrator, key="strategi", kind="theme", title="Igen")

    assert draft.sections.count() == 2


def test_it_adds_and_changes_a_level_and_records_who(draft, administrator):
    level = level_save(version=draft, by=administrator, key="mellemleder", name="Mellemleder")
    assert (last_change(draft).action, last_change(draft).by) == ("level added", administrator)

    level_save(version=draft, by=administrator, level=level, name="Leder af ledere")

    assert list(draft.levels.values_list("key", "name")) == [
        ("direktoer", "Direktør"),
        ("leder", "Leder"),
        ("mellemleder", "Leder af ledere"),
    ]
    assert (last_change(draft).action, last_change(draft).by) == ("level changed", administrator)


def test_it_adds_and_changes_an_expectation_and_records_who(draft, administrator):
    strategy = draft.sections.get(key="strategi")
    leader = draft.levels.get(key="leder")
    expectation = expectation_save(
        version=draft, by=administrator, section=strategy, kind="behaviour", level=leader, text="Ny."
    )
    assert (last_change(draft).action, last_change(draft).by) == ("expectation added", administrator)

    expectation_save(version=draft, by=administrator, expectation=expectation, text="Omsætter strategien.")

    assert [(e.text, e.level) for e in strategy.expectations.all()] == [
        ("Vi oversætter strategien til handling.", None),
        ("Omsætter strategien.", leader),
    ]
    assert (last_change(draft).action, last_change(draft).by) == ("expectation changed", administrator)


def test_it_refuses_an_expectation_tied_to_another_versions_level(draft, published, administrator):
    with pytest.raises(ValidationError):
        expectation_save(
            version=draft,
            by=administrator,
            section=draft.sections.get(key="strategi"),
            kind="behaviour",
            level=published.levels.get(key="leder"),
            text="Forkert niveau.",
        )

    assert draft.expectations.count() == 4


def test_it_adds_a_section_text_and_records_who(draft, administrator):
    strategy = draft.sections.get(key="strategi")

    section_text_save(
        version=draft, by=administrator, section=strategy, kind="ambition", text="Klar retning."
    )

    assert [(t.kind, t.text) for t in strategy.texts.all()] == [("ambition", "Klar retning.")]
    assert last_change(draft).by == administrator


@pytest.mark.parametrize(
    "model, key, left",
    [
        (Section, {"key": "strategi"}, {"sections": 1, "expectations": 3}),
        (Level, {"key": "leder"}, {"levels": 1, "expectations": 3}),
        (Expectation, {"text": "Vi tager ansvar for helheden."}, {"expectations": 3}),
    ],
)
def test_it_deletes_an_item_with_what_belongs_to_it_and_records_who(draft, administrator, model, key, left):
    item = model.objects.get(version=draft, **key)

    item_delete(version=draft, by=administrator, item=item)

    assert not model.objects.filter(pk=item.pk).exists()
    for related, count in left.items():
        assert getattr(draft, related).count() == count
    assert last_change(draft).action == f"{model.__name__.lower()} deleted"
    assert last_change(draft).by == administrator


def test_it_moves_items_up_and_down_and_records_who(draft, administrator):
    principles = draft.sections.get(key="principper")
    leader_item = principles.expectations.get(level__key="leder")

    item_move(version=draft, by=administrator, item=leader_item, offset=-1)
    item_move(version=draft, by=administrator, item=draft.sections.get(key="strategi"), offset=-1)
    item_move(version=draft, by=administrator, item=draft.levels.get(key="direktoer"), offset=1)

    assert [e.text for e in principles.expectations.all()] == [
        "Vi tager ansvar for helheden.",
        "Skaber trivsel i teamet.",
        "Sætter retning for hele organisationen.",
    ]
    assert list(draft.sections.values_list("key", flat=True)) == ["strategi", "principper"]
    assert list(draft.levels.values_list("key", flat=True)) == ["leder", "direktoer"]
    moves = draft.changes.filter(action="reordered")
    assert moves.count() == 3
    assert {change.by for change in moves} == {administrator}


def test_it_leaves_the_first_item_first_when_moved_up(draft, administrator):
    first = draft.sections.get(key="principper")

    item_move(version=draft, by=administrator, item=first, offset=-1)

    assert list(draft.sections.values_list("key", flat=True)) == ["principper", "strategi"]


def edits(version, by):
    """Every kind of edit of `version`, by name."""
    section = version.sections.get(key="strategi")
    level = version.levels.get(key="leder")
    expectation = version.expectations.get(text="Vi tager ansvar for helheden.")
    text = version.sections.get(key="principper").texts.get()
    return {
        "add section": lambda: section_save(version=version, by=by, key="ny", kind="theme", title="Ny"),
        "change section": lambda: section_save(version=version, by=by, section=section, title="Ændret"),
        "add level": lambda: level_save(version=version, by=by, key="ny", name="Ny"),
        "change level": lambda: level_save(version=version, by=by, level=level, name="Ændret"),
        "add expectation": lambda: expectation_save(
            version=version, by=by, section=section, kind="statement", text="Ny."
        ),
        "change expectation": lambda: expectation_save(
            version=version, by=by, expectation=expectation, text="Ændret."
        ),
        "add text": lambda: section_text_save(
            version=version, by=by, section=section, kind="body", text="Ny."
        ),
        "change text": lambda: section_text_save(version=version, by=by, section_text=text, text="Ændret."),
        "delete section": lambda: item_delete(version=version, by=by, item=section),
        "delete level": lambda: item_delete(version=version, by=by, item=level),
        "delete expectation": lambda: item_delete(version=version, by=by, item=expectation),
        "delete text": lambda: item_delete(version=version, by=by, item=text),
        "move section": lambda: item_move(version=version, by=by, item=section, offset=-1),
        "move level": lambda: item_move(version=version, by=by, item=level, offset=-1),
        "move expectation": lambda: item_move(version=version, by=by, item=expectation, offset=1),
        "publish": lambda: version_publish(version=version, by=by),
        "discard": lambda: draft_discard(version=version, by=by),
    }


EDITS = [
    "add section",
    "change section",
    "add level",
    "change level",
    "add expectation",
    "change expectation",
    "add text",
    "change text",
    "delete section",
    "delete level",
    "delete expectation",
    "delete text",
    "move section",
    "move level",
    "move expectation",
    "publish",
    "discard",
]


def test_it_names_every_edit_in_the_list_of_edits(published, administrator):
    assert sorted(edits(published, administrator)) == sorted(EDITS)


@pytest.mark.parametrize("edit", EDITS)
def test_it_refuses_every_edit_of_a_published_version_and_changes_nothing(edit, published, administrator):
    before = version_to_document(version=published)
    changes = FrameworkChange.objects.count()

    with pytest.raises(PublishedVersionIsFrozen):
        edits(published, administrator)[edit]()

    published.refresh_from_db()
    assert version_to_document(version=published) == before
    assert FrameworkChange.objects.count() == changes


@pytest.mark.parametrize("edit", [e for e in EDITS if e not in ("publish", "discard")])
def test_it_records_every_edit_of_a_draft_with_who_made_it(edit, draft, administrator):
    changes = draft.changes.count()

    edits(draft, administrator)[edit]()

    assert draft.changes.count() == changes + 1
    assert last_change(draft).by == administrator


# --- Publishing ---------------------------------------------------------------------------------


def test_it_publishes_a_draft_which_is_then_frozen(draft, administrator):
    version_publish(version=draft, by=administrator)

    draft.refresh_from_db()
    assert draft.is_published
    assert draft.published_at is not None
    assert (last_change(draft).action, last_change(draft).by) == ("published", administrator)
    with pytest.raises(PublishedVersionIsFrozen):
        section_save(version=draft, by=administrator, key="ny", kind="theme", title="Ny")


def test_it_refuses_to_publish_a_draft_without_expectations(administrator):
    [empty] = imported(small_document(status="draft") | {"slug": "tom"})
    empty.expectations.all().delete()

    with pytest.raises(ValidationError):
        version_publish(version=empty, by=administrator)

    empty.refresh_from_db()
    assert not empty.is_published


# --- Differences between versions ---------------------------------------------------------------


def test_it_lists_exactly_the_added_removed_and_changed_statements_of_an_edited_draft(
    published, draft, administrator
):
    expectation_save(
        version=draft,
        by=administrator,
        expectation=draft.expectations.get(text="Vi tager ansvar for helheden."),
        text="Vi tager ansvar for hele kommunen.",
    )
    item_delete(version=draft, by=administrator, item=draft.expectations.get(text="Skaber trivsel i teamet."))
    expectation_save(
        version=draft,
        by=administrator,
        section=draft.sections.get(key="strategi"),
        kind="you_can_expect",
        level=draft.levels.get(key="direktoer"),
        text="Vi følger op på strategien hvert år.",
    )

    result = versions_diff(old=published, new=draft)

    assert result.changes == [
        Change(
            "changed",
            "Fælles principper",
            old="Vi tager ansvar for helheden.",
            new="Vi tager ansvar for hele kommunen.",
        ),
        Change("removed", "Fælles principper · Leder", old="Skaber trivsel i teamet."),
        Change("added", "Strategisk ledelse · Direktør", new="Vi følger op på strategien hvert år."),
    ]
    assert result.counts == {"added": 1, "removed": 1, "changed": 1}


def test_it_finds_no_differences_in_an_unedited_draft(published, draft):
    assert versions_diff(old=published, new=draft).changes == []


def test_it_lists_added_sections_and_levels(published, draft, administrator):
    level_save(version=draft, by=administrator, key="mellemleder", name="Mellemleder")
    section_save(version=draft, by=administrator, key="trivsel", kind="theme", title="Trivsel")

    result = versions_diff(old=published, new=draft)

    assert [(c.status, c.new) for c in result.changes] == [("added", "Mellemleder"), ("added", "Trivsel")]


# --- Search -------------------------------------------------------------------------------------


def searchable_document():
    document = small_document(slug="soeg", name="Søgbart grundlag")
    document["version"]["sections"][1]["expectations"].append(
        {"kind": "statement", "text": "Skriv aldrig <script>alert('hej')</script> & andet i en tekst."}
    )
    return document


def test_it_finds_a_danish_word_and_marks_it(published):
    [hit] = frameworks_search(query="trivsel")

    assert hit.version == published
    assert hit.section.key == "principper"
    assert hit.level.key == "leder"
    assert "<mark>trivsel</mark>" in hit.highlighted


def test_it_finds_words_with_danish_letters(published):
    hits = frameworks_search(query="fælles")

    assert [hit.section.key for hit in hits] == ["principper"]
    assert "<mark>Fælles</mark>" in hits[0].highlighted


def test_it_escapes_html_in_the_content_of_a_hit():
    imported(searchable_document())

    [hit] = frameworks_search(query="aldrig")

    assert "<mark>aldrig</mark>" in hit.highlighted
    assert "<script>" not in hit.highlighted
    assert "&lt;script&gt;" in hit.highlighted
    assert "&amp;" in hit.highlighted


def test_it_needs_every_word_of_the_query(published):
    assert len(frameworks_search(query="trivsel teamet")) == 1
    assert frameworks_search(query="trivsel strategien") == []


def test_it_searches_only_the_latest_published_version_of_each_framework(published, draft, administrator):
    expectation_save(
        version=draft,
        by=administrator,
        expectation=draft.expectations.get(text="Skaber trivsel i teamet."),
        text="Skaber arbejdsglæde i teamet.",
    )
    assert frameworks_search(query="arbejdsglæde") == []
    assert [hit.version for hit in frameworks_search(query="trivsel")] == [published]

    version_publish(version=draft, by=administrator)

    assert frameworks_search(query="trivsel") == []
    assert [hit.version for hit in frameworks_search(query="arbejdsglæde")] == [draft]


@pytest.mark.parametrize("query", ["", "   ", "!!!"])
def test_it_finds_nothing_for_a_query_without_words(query, published):
    assert frameworks_search(query=query) == []


def test_it_refuses_to_discard_a_draft_that_another_version_builds_on(administrator):
    parent_document = small_document(slug="moder", status="draft")
    child_document = small_document(slug="barn", status="draft")
    child_document["version"]["parent"] = {"framework": "moder", "version": 1}
    ((parent, _),) = frameworks_import(documents=[parent_document], name="moder.yaml")
    frameworks_import(documents=[child_document], name="barn.yaml")

    with pytest.raises(ValidationError):
        draft_discard(version=parent, by=administrator)
    assert FrameworkVersion.objects.filter(pk=parent.pk).exists()


def test_discarding_a_draft_is_recorded_on_the_latest_version(administrator):
    ((published, _),) = frameworks_import(documents=[small_document()], name="lille.yaml")
    draft = draft_create(framework=published.framework, by=administrator)

    draft_discard(version=draft, by=administrator)

    change = published.changes.first()
    assert (change.action, change.by, change.summary) == ("draft discarded", administrator, "v2")

"""Every write to leadership foundations: import, drafts, edits and publishing."""

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .interchange import (
    InvalidFrameworkFile,
    builtin_files,
    file_problem,
    holds_list,
    read_documents,
    read_file,
    read_text,
)
from .jobdescription import JobDescription, job_description_docx_document
from .models import (
    Expectation,
    Framework,
    FrameworkChange,
    FrameworkVersion,
    Level,
    LevelGroup,
    SearchEntry,
    Section,
    SectionText,
)


class PublishedVersionIsFrozen(ValidationError):
    def __init__(self) -> None:
        super().__init__(_("A published version never changes. Start a new draft to make changes."))


def _ensure_draft(version: FrameworkVersion) -> None:
    if version.is_published:
        raise PublishedVersionIsFrozen()


Author = User | None


def _record(version: FrameworkVersion, *, by: Author, action: str, summary: str = "") -> None:
    FrameworkChange.objects.create(version=version, by=by, action=action, summary=summary[:2000])


# --- Import and export ------------------------------------------------------------------------


def version_to_document(*, version: FrameworkVersion) -> dict[str, Any]:
    """The interchange document of one version (the inverse of version_import_document)."""
    framework = version.framework
    body: dict[str, Any] = {"number": version.number}
    if version.label:
        body["label"] = version.label
    body["status"] = version.status
    parent = version.parent
    if parent is not None:
        body["parent"] = {"framework": parent.framework.slug, "version": parent.number}
    source = {
        "code": version.source_code,
        "title": version.source_title,
        "publisher": version.source_publisher,
        "document": version.source_document,
        "url": version.source_url,
    }
    if version.source_title:
        body["source"] = {key: value for key, value in source.items() if value}
    if version.notes:
        body["notes"] = version.notes
    body |= _levels_part(version)
    body["sections"] = _sections_part(version)
    document: dict[str, Any] = {
        "format": "grundlag.framework/1",
        "slug": framework.slug,
        "name": framework.name,
    }
    if framework.owner:
        document["owner"] = framework.owner
    if framework.description:
        document["description"] = framework.description
    document["version"] = body
    return document


def _levels_part(version: FrameworkVersion) -> dict[str, Any]:
    """The level groups and levels of a version's document, each left out when there are none."""
    part: dict[str, Any] = {}
    groups = list(version.level_groups.all())
    if groups:
        part["level_groups"] = [{"key": g.key, "name": g.name} for g in groups]
    levels = list(version.levels.select_related("group"))
    if levels:
        part["levels"] = []
        for level in levels:
            item: dict[str, Any] = {"key": level.key, "name": level.name}
            if level.group is not None:
                item["group"] = level.group.key
            if level.description:
                item["description"] = level.description
            part["levels"].append(item)
    return part


def _sections_part(version: FrameworkVersion) -> list[dict[str, Any]]:
    """The sections of a version's document, each with its texts and statements."""
    sections = []
    expectations = list(version.expectations.select_related("level").order_by("position", "id"))
    for section in version.sections.prefetch_related("texts"):
        item: dict[str, Any] = {"key": section.key, "kind": section.kind, "title": section.title}
        texts = [{"kind": t.kind, "text": t.text} for t in section.texts.all()]
        if texts:
            item["texts"] = texts
        statements = [_statement(e) for e in expectations if e.section_id == section.id]
        if statements:
            item["expectations"] = statements
        sections.append(item)
    return sections


def _statement(expectation: Expectation) -> dict[str, Any]:
    statement: dict[str, Any] = {"kind": expectation.kind}
    if expectation.level is not None:
        statement["level"] = expectation.level.key
    statement["text"] = expectation.text
    if expectation.source_ref:
        statement["source_ref"] = expectation.source_ref
    return statement


def _without_empty(value: Any) -> Any:
    """The document with empty lists, texts and objects left out, which mean the same as absent."""
    if isinstance(value, dict):
        cleaned = {k: _without_empty(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in ("", [], {}, None)}
    if isinstance(value, list):
        return [_without_empty(v) for v in value]
    return value


def _fill_version(version: FrameworkVersion, body: dict[str, Any]) -> None:
    groups = {}
    for position, group in enumerate(body.get("level_groups", [])):
        groups[group["key"]] = LevelGroup.objects.create(
            version=version, key=group["key"], name=group["name"], position=position
        )
    levels = {}
    for position, level in enumerate(body.get("levels", [])):
        levels[level["key"]] = Level.objects.create(
            version=version,
            key=level["key"],
            name=level["name"],
            group=groups.get(level.get("group")),
            description=level.get("description", ""),
            position=position,
        )
    texts, expectations = [], []
    for s_position, data in enumerate(body["sections"]):
        section = Section.objects.create(
            version=version,
            key=data["key"],
            kind=data["kind"],
            title=data["title"],
            position=s_position,
        )
        texts += [
            SectionText(section=section, kind=t["kind"], text=t["text"], position=p)
            for p, t in enumerate(data.get("texts", []))
        ]
        expectations += [
            Expectation(
                version=version,
                section=section,
                level=levels.get(e.get("level")),
                kind=e["kind"],
                text=e["text"],
                source_ref=e.get("source_ref", ""),
                position=p,
            )
            for p, e in enumerate(data.get("expectations", []))
        ]
    SectionText.objects.bulk_create(texts)
    Expectation.objects.bulk_create(expectations)


@transaction.atomic
def version_import_document(
    *,
    document: dict[str, Any],
    name: str,
    by: Author = None,
    text: str = "",
    index: int | None = None,
) -> tuple[FrameworkVersion, str]:
    """Create or replace one version from a validated document; returns (version, outcome).

    `text` is the file it was read from and `index` its place among the file's documents,
    to give problems their line numbers.
    """
    body = document["version"]

    def problem(*path: str, message: str) -> InvalidFrameworkFile:
        in_list = index is not None and holds_list(text)
        return InvalidFrameworkFile(
            [file_problem(text, name=name, path=path, message=message, index=index if in_list else None)]
        )

    framework, _created = Framework.objects.get_or_create(
        slug=document["slug"], defaults={"name": document["name"]}
    )
    parent = _parent_of(body, problem)
    existing = framework.versions.filter(number=body["number"]).first()
    if existing is not None:
        if _without_empty(version_to_document(version=existing)) == _without_empty(document):
            return existing, "unchanged"
        _refuse_replacing(existing, slug=framework.slug, problem=problem)
        existing.delete()
    framework.name = document["name"]
    framework.owner = document.get("owner", "")
    framework.description = document.get("description", "")
    framework.save()
    version = _version_create(framework, body, parent)
    _fill_version(version, body)
    search_index_version(version=version)
    _record(version, by=by, action="imported", summary=name)
    return version, "replaced" if existing else "created"


Problem = Callable[..., InvalidFrameworkFile]


def _parent_of(body: dict[str, Any], problem: Problem) -> FrameworkVersion | None:
    """The version the document's version extends, which must be in the database already."""
    if not body.get("parent"):
        return None
    ref = body["parent"]
    parent = FrameworkVersion.objects.filter(framework__slug=ref["framework"], number=ref["version"]).first()
    if parent is None:
        raise problem(
            "version", "parent", message=f"unknown parent version {ref['framework']} v{ref['version']}"
        )
    return parent


def _refuse_replacing(existing: FrameworkVersion, *, slug: str, problem: Problem) -> None:
    """A version may be replaced only while it is a draft that no other version builds on."""
    if existing.is_published:
        raise problem(
            "version",
            "number",
            message=f"{slug} v{existing.number} is published and differs from this file; "
            "a published version never changes — give the file a new version number",
        )
    children = [f"{c.framework.slug} v{c.number}" for c in existing.children.select_related("framework")]
    if children:
        raise problem(
            "version",
            "number",
            message=f"{slug} v{existing.number} is extended by {', '.join(children)}; "
            "a version cannot be replaced while other versions build on it",
        )


def _version_create(
    framework: Framework, body: dict[str, Any], parent: FrameworkVersion | None
) -> FrameworkVersion:
    source = body.get("source", {})
    return FrameworkVersion.objects.create(
        framework=framework,
        number=body["number"],
        label=body.get("label", ""),
        status=body["status"],
        parent=parent,
        source_code=source.get("code", ""),
        source_title=source.get("title", ""),
        source_publisher=source.get("publisher", ""),
        source_document=source.get("document", ""),
        source_url=source.get("url", ""),
        notes=body.get("notes", ""),
        published_at=timezone.now() if body["status"] == "published" else None,
    )


def _parents_first(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    in_file = {(d["slug"], d["version"]["number"]): d for d in documents}
    ordered: list[dict[str, Any]] = []

    def visit(document: dict[str, Any], seen: tuple = ()) -> None:
        if document in ordered or document in seen:
            return
        parent = document["version"].get("parent")
        if parent and (parent["framework"], parent["version"]) in in_file:
            visit(in_file[(parent["framework"], parent["version"])], (*seen, document))
        ordered.append(document)

    for document in documents:
        visit(document)
    return ordered


@transaction.atomic
def frameworks_import(
    *, documents: list[dict[str, Any]], name: str, by: Author = None, text: str = ""
) -> list[tuple[FrameworkVersion, str]]:
    """Import validated documents (parents first) in one transaction: all or nothing.

    `text` is the file they were read from, for the line numbers of problems found on import.
    """
    index = {id(d): i for i, d in enumerate(documents)}
    return [
        version_import_document(document=d, name=name, by=by, text=text, index=index[id(d)])
        for d in _parents_first(documents)
    ]


def frameworks_import_file(*, path: Path | str, by: Author = None) -> list[tuple[FrameworkVersion, str]]:
    """Import every document of one interchange file, all or nothing."""
    text = read_text(path)
    documents = read_documents(text, name=str(path))
    return frameworks_import(documents=documents, name=str(path), by=by, text=text)


def builtin_frameworks_load() -> list[tuple[FrameworkVersion, str]]:
    """Load every built-in framework shipped with Grundlag (idempotent)."""
    documents = []
    for path in builtin_files():
        documents += [(d, str(path)) for d in read_file(path)]
    with transaction.atomic():
        return [
            version_import_document(document=d, name=name)
            for d, name in sorted(documents, key=lambda pair: bool(pair[0]["version"].get("parent")))
        ]


def job_description_docx(*, description: JobDescription) -> io.BytesIO:
    """The job description written out as a Word file, ready to send."""
    buffer = io.BytesIO()
    job_description_docx_document(description).save(buffer)
    buffer.seek(0)
    return buffer


# --- Search index -----------------------------------------------------------------------------


def search_index_version(*, version: FrameworkVersion) -> None:
    """Rebuild the search entries of one version from its current content."""
    SearchEntry.objects.filter(version=version).delete()
    entries = []
    for section in version.sections.prefetch_related("texts"):
        entries.append(SearchEntry(version=version, section=section, text=section.title))
        entries += [SearchEntry(version=version, section=section, text=t.text) for t in section.texts.all()]
    entries += [
        SearchEntry(
            version=version,
            section_id=e.section_id,
            level_id=e.level_id,
            expectation=e,
            text=e.text,
        )
        for e in version.expectations.all()
    ]
    entries += [
        SearchEntry(version=version, level=level, text=f"{level.name}\n{level.description}".strip())
        for level in version.levels.all()
    ]
    SearchEntry.objects.bulk_create(entries)


# --- Authoring --------------------------------------------------------------------------------


@transaction.atomic
def draft_create(*, framework: Framework, by: Author) -> FrameworkVersion:
    """Start a new draft as a copy of the framework's latest version."""
    if framework.versions.filter(status=FrameworkVersion.Status.DRAFT).exists():
        raise ValidationError(_("This framework already has a draft. Finish or discard it first."))
    latest = framework.versions.order_by("-number").first()
    number = (framework.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    document = version_to_document(version=latest) if latest else None
    draft = FrameworkVersion.objects.create(
        framework=framework,
        number=number,
        status=FrameworkVersion.Status.DRAFT,
        parent=latest.parent if latest else None,
        label="",
        source_code=latest.source_code if latest else "",
        source_title=latest.source_title if latest else "",
        source_publisher=latest.source_publisher if latest else "",
        source_document=latest.source_document if latest else "",
        source_url=latest.source_url if latest else "",
        notes=latest.notes if latest else "",
    )
    if document:
        _fill_version(draft, document["version"])
    search_index_version(version=draft)
    _record(draft, by=by, action="draft created", summary=f"v{latest.number}" if latest else "")
    return draft


@transaction.atomic
def draft_discard(*, version: FrameworkVersion, by: Author) -> None:
    """Throw a draft away, unless another version builds on it."""
    _ensure_draft(version)
    if version.children.exists():
        raise ValidationError(_("Another version builds on this draft, so it cannot be discarded."))
    # The draft's own change log goes with it; the discarding is kept on the framework's latest version.
    remaining = version.framework.versions.exclude(pk=version.pk).order_by("-number").first()
    version.delete()
    if remaining is not None:
        _record(remaining, by=by, action=FrameworkChange.Action.DRAFT_DISCARDED, summary=f"v{version.number}")


@transaction.atomic
def version_publish(*, version: FrameworkVersion, by: Author) -> FrameworkVersion:
    """Publish a draft with statements; from then on it never changes."""
    _ensure_draft(version)
    if not version.expectations.exists():
        raise ValidationError(_("A version without any expectations cannot be published."))
    version.status = FrameworkVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    _record(version, by=by, action="published")
    return version


def _next_position(queryset: QuerySet[Any]) -> int:
    return int((queryset.aggregate(p=Max("position"))["p"] or -1) + 1)


Item = Section | Level | Expectation | SectionText
Saved = TypeVar("Saved", Section, Level, Expectation, SectionText)


def _item_save(
    item: Saved,
    *,
    version: FrameworkVersion,
    by: Author,
    fields: dict[str, Any],
    action: str,
    summary: Callable[[Saved], str],
    check: Callable[[Saved], None] | None = None,
) -> Saved:
    """The one skeleton of every save in a draft: set the fields, check, validate, save, index, record."""
    for name, value in fields.items():
        setattr(item, name, value)
    if check is not None:
        check(item)
    item.full_clean()
    item.save()
    search_index_version(version=version)
    _record(version, by=by, action=action, summary=summary(item))
    return item


@transaction.atomic
def section_save(
    *, version: FrameworkVersion, by: Author, section: Section | None = None, **fields: Any
) -> Section:
    """Create a section (section=None) or change one, in a draft."""
    _ensure_draft(version)
    item = section or Section(version=version, position=_next_position(version.sections.all()))
    return _item_save(
        item,
        version=version,
        by=by,
        fields=fields,
        action="section added" if section is None else "section changed",
        summary=lambda saved: saved.title,
    )


@transaction.atomic
def level_save(*, version: FrameworkVersion, by: Author, level: Level | None = None, **fields: Any) -> Level:
    """Create a level (level=None) or change one, in a draft."""
    _ensure_draft(version)
    item = level or Level(version=version, position=_next_position(version.levels.all()))
    return _item_save(
        item,
        version=version,
        by=by,
        fields=fields,
        action="level added" if level is None else "level changed",
        summary=lambda saved: saved.name,
    )


@transaction.atomic
def expectation_save(
    *, version: FrameworkVersion, by: Author, expectation: Expectation | None = None, **fields: Any
) -> Expectation:
    """Create an expectation (expectation=None) or change one, in a draft."""
    _ensure_draft(version)
    item = expectation or Expectation(
        version=version, position=_next_position(fields["section"].expectations.all())
    )

    def same_version(saved: Expectation) -> None:
        if saved.section.version_id != version.id or (
            saved.level is not None and saved.level.version_id != version.id
        ):
            raise ValidationError(_("The section and level must belong to the same version."))

    return _item_save(
        item,
        version=version,
        by=by,
        fields=fields,
        action="expectation added" if expectation is None else "expectation changed",
        summary=lambda saved: saved.text,
        check=same_version,
    )


@transaction.atomic
def section_text_save(
    *, version: FrameworkVersion, by: Author, section_text: SectionText | None = None, **fields: Any
) -> SectionText:
    """Create a section text (section_text=None) such as an ambition, or change one, in a draft."""
    _ensure_draft(version)
    item = section_text or SectionText(position=_next_position(fields["section"].texts.all()))

    def same_version(saved: SectionText) -> None:
        if saved.section.version_id != version.id:
            raise ValidationError(_("The section must belong to the same version."))

    return _item_save(
        item,
        version=version,
        by=by,
        fields=fields,
        action=FrameworkChange.Action.SECTION_CHANGED,
        summary=lambda saved: f"{saved.section.title}: {saved.text}",
        check=same_version,
    )


@transaction.atomic
def item_delete(*, version: FrameworkVersion, by: Author, item: Item) -> None:
    """Delete a section (with its statements), a level (with its own statements), a statement or a text."""
    _ensure_draft(version)
    summary = str(item)
    if isinstance(item, SectionText):
        item.delete()
        search_index_version(version=version)
        _record(version, by=by, action=FrameworkChange.Action.SECTION_CHANGED, summary=summary)
        return
    kind = {Section: "section", Level: "level", Expectation: "expectation"}[type(item)]
    item.delete()
    search_index_version(version=version)
    _record(version, by=by, action=f"{kind} deleted", summary=summary)


@transaction.atomic
def item_move(*, version: FrameworkVersion, by: Author, item: Item, offset: int) -> None:
    """Move an item up (offset -1) or down (+1) among its siblings."""
    _ensure_draft(version)
    siblings: list[Item]
    if isinstance(item, Expectation):
        siblings = list(item.section.expectations.all())
    elif isinstance(item, SectionText):
        siblings = list(item.section.texts.all())
    elif isinstance(item, Section):
        siblings = list(version.sections.all())
    else:
        siblings = list(version.levels.all())
    index = siblings.index(item)
    target = index + offset
    if not 0 <= target < len(siblings):
        return
    siblings.insert(target, siblings.pop(index))
    for position, sibling in enumerate(siblings):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])
    _record(version, by=by, action="reordered", summary=str(item))

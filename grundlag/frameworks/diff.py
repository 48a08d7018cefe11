"""A readable difference between two versions of a framework."""

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.translation import gettext_lazy as _

from .models import FrameworkVersion
from .services import version_to_document


@dataclass
class Change:
    status: str  # added | removed | changed
    where: str
    old: str = ""
    new: str = ""


@dataclass
class VersionDiff:
    old: FrameworkVersion
    new: FrameworkVersion
    changes: list[Change] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counts = {"added": 0, "removed": 0, "changed": 0}
        for change in self.changes:
            counts[change.status] += 1
        return counts


def _lines(document: dict) -> list[tuple[str, str]]:
    """The version flattened to (where, text) pairs, in reading order."""
    version = document["version"]
    lines = [(str(_("Framework name")), document["name"])]
    level_names = {}
    for level in version.get("levels", []):
        level_names[level["key"]] = level["name"]
        lines.append((str(_("Level")), level["name"]))
        if level.get("description"):
            lines.append((f"{_('Level')} {level['name']}", level["description"]))
    for section in version["sections"]:
        lines.append((str(_("Section")), section["title"]))
        for text in section.get("texts", []):
            lines.append((section["title"], text["text"]))
        for expectation in section.get("expectations", []):
            where = section["title"]
            if expectation.get("level"):
                where += f" · {level_names.get(expectation['level'], expectation['level'])}"
            lines.append((where, expectation["text"]))
    return lines


def versions_diff(*, old: FrameworkVersion, new: FrameworkVersion) -> VersionDiff:
    """What was added, removed and changed from `old` to `new`, in reading order."""
    a, b = _lines(version_to_document(version=old)), _lines(version_to_document(version=new))
    result = VersionDiff(old=old, new=new)
    matcher = SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed, added = a[i1:i2], b[j1:j2]
        if tag == "replace":
            pairs = min(len(removed), len(added))
            for (where_old, text_old), (where_new, text_new) in zip(
                removed[:pairs], added[:pairs], strict=True
            ):
                if where_old == where_new:
                    result.changes.append(Change("changed", where_new, text_old, text_new))
                else:
                    result.changes.append(Change("removed", where_old, old=text_old))
                    result.changes.append(Change("added", where_new, new=text_new))
            removed, added = removed[pairs:], added[pairs:]
        result.changes += [Change("removed", where, old=text) for where, text in removed]
        result.changes += [Change("added", where, new=text) for where, text in added]
    return result

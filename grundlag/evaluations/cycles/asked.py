"""Which statements each rater group is asked: the built-in foundations' defaults and the page's table.

A cycle keeps, per rater group, the statements that group is NOT asked (`Cycle.not_asked`, expectation
ids); launching freezes it into `Question.not_asked_of`. Employees cannot judge a leader's duties toward
their superior, the political level or the administration, nor the leader's own conditions, so the
built-in foundations come with defaults, kept as data in `rater_defaults/<framework slug>.yaml`
(an entry names a section and how a statement begins, the groups not asked and a one-line reason).
A foundation without such a file asks everything of everyone.

A local question (the organisation's own) is asked of every group when added; its own
`LocalQuestion.not_asked_of` holds the groups the administrator then unticks on the same page, frozen into
its `Question.not_asked_of` at launch. Open questions are asked of every group.
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from django.utils.translation import gettext as _

from grundlag.frameworks.models import Expectation, FrameworkVersion

from ..models import RaterGroup
from .questionnaire import LOCAL_SECTION_KEY

DEFAULTS_DIR = Path(__file__).with_name("rater_defaults")

# The groups of a 360° evaluation, in the order the page shows them.
GROUPS = (RaterGroup.SELF, RaterGroup.SUPERIOR, RaterGroup.PEER, RaterGroup.EMPLOYEE, RaterGroup.OTHER)


@dataclass(frozen=True)
class DefaultEntry:
    section: str
    groups: tuple[str, ...]
    reason: str
    starts_with: str = ""

    def matches(self, *, section_key: str, text: str) -> bool:
        if section_key != self.section:
            return False
        return not self.starts_with or " ".join(text.split()).startswith(" ".join(self.starts_with.split()))


@cache
def defaults_for(slug: str) -> tuple[DefaultEntry, ...]:
    """The default entries of a foundation (by its slug); none when it has no defaults file."""
    path = DEFAULTS_DIR / f"{slug}.yaml"
    if not path.exists():
        return ()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple(
        DefaultEntry(
            section=entry["section"],
            groups=tuple(entry["groups"]),
            reason=entry.get("reason", ""),
            starts_with=entry.get("starts_with", ""),
        )
        for entry in data.get("not_asked", [])
    )


def not_asked_default(version: FrameworkVersion) -> dict[str, list[int]]:
    """The statements (expectation ids) each rater group is not asked by default in the version."""
    versions = [v for v in (version, version.parent) if v is not None]
    result: dict[str, list[int]] = {}
    for each in versions:
        entries = defaults_for(each.framework.slug)
        if not entries:
            continue
        for expectation in Expectation.objects.filter(version=each).select_related("section").order_by("pk"):
            for entry in entries:
                if entry.matches(section_key=expectation.section.key, text=expectation.text):
                    for group in entry.groups:
                        result.setdefault(group, []).append(expectation.pk)
    return {group: sorted(set(ids)) for group, ids in result.items()}


@dataclass
class GroupRow:
    """A statement of the foundation (`expectation_id`) or a local question (`local_id`) and its groups.

    A local question's checkboxes post its id in fields of their own (`local_asked_<group>`), so that an
    expectation and a local question with the same id are not confused.
    """

    expectation_id: int | None
    text: str
    asked: dict[str, bool]
    local_id: int | None = None

    @property
    def cells(self) -> list[tuple[str, bool]]:
        return [(group, self.asked[group]) for group in GROUPS]

    @property
    def field(self) -> str:
        return "asked" if self.local_id is None else "local_asked"

    @property
    def value(self) -> int | None:
        return self.expectation_id if self.local_id is None else self.local_id

    @property
    def anchor(self) -> str:
        """What makes the row's element ids unique on the page."""
        return str(self.expectation_id) if self.local_id is None else f"local-{self.local_id}"


@dataclass
class GroupSection:
    key: str
    title: str
    rows: list[GroupRow] = field(default_factory=list)
    local: bool = False

    @property
    def counts(self) -> list[tuple[str, int]]:
        return [
            (str(RaterGroup(group).label), sum(row.asked[group] for row in self.rows)) for group in GROUPS
        ]


def group_sections(*, sections, not_asked_of, local=()) -> list[GroupSection]:
    """The statements of a questionnaire's sections (preview or frozen) with the groups each is asked of,
    then the local scale questions as a section of their own.

    `not_asked_of(question)` gives the groups a statement is not put to. The local questions are not told
    apart in a questionnaire's sections (a preview does not know which `LocalQuestion` a question is), so
    they come in `local` as (id, text, groups not asked): the `LocalQuestion`s before launch, their frozen
    `Question`s after. Open questions are asked of every group and not listed.
    """
    result = []
    for section in sections:
        rows = [
            GroupRow(
                expectation_id=question.expectation_id,
                text=question.rater_text,
                asked={group: group not in not_asked_of(question) for group in GROUPS},
            )
            for question in section.questions
            if question.expectation_id is not None
        ]
        if rows:
            result.append(GroupSection(key=section.key, title=section.title, rows=rows))
    local_rows = [
        GroupRow(
            expectation_id=None,
            local_id=pk,
            text=text,
            asked={group: group not in not_asked for group in GROUPS},
        )
        for pk, text, not_asked in local
    ]
    if local_rows:
        result.append(
            GroupSection(key=LOCAL_SECTION_KEY, title=_("Local questions"), rows=local_rows, local=True)
        )
    return result


def group_labels() -> list[tuple[str, str]]:
    return [(group, str(RaterGroup(group).label)) for group in GROUPS]

"""The action-plan template's parts (the toolbox's `handleplansskabelon`, source 002) as a plan shows them:
each part's label and questions read from the toolbox's published content, in its order, never copied here.

Each part of the template is held by the plan in its own place: Skole is the plan's unit, Mål its goal,
Ståsted its baseline (text and the figures copied from the indicators), Tiltag og Tegn its actions, and
Evaluering its evaluation (how and when). Where the toolbox has not been loaded, a part is named by the
plan's own field name, so a plan still reads.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from grundlag.tools.models import ToolVersion
from grundlag.tools.selectors import tool_versions_published

TEMPLATE_TOOL = "handleplansskabelon"

UNIT, GOAL, BASELINE, ACTIONS, EVALUATION = "skole", "maal", "staasted", "tiltag-og-tegn", "evaluering"
# The template's order (the toolbox's), and each part's name where the toolbox is not loaded.
_FALLBACK = {
    UNIT: _("Unit"),
    GOAL: _("Goal"),
    BASELINE: _("Baseline"),
    ACTIONS: _("Actions and signs"),
    EVALUATION: _("Evaluation"),
}


@dataclass(frozen=True)
class Question:
    key: str
    text: str


@dataclass(frozen=True)
class Part:
    """One part of the template: its key, its label and its questions, as the toolbox says them."""

    key: str
    label: str
    questions: list[Question] = field(default_factory=list)

    def question(self, key: str) -> str:
        return next((question.text for question in self.questions if question.key == key), "")


@dataclass(frozen=True)
class Template:
    """The template's parts in its order, and the tool version they were read from (None: not loaded)."""

    parts: list[Part]
    version: ToolVersion | None

    def part(self, key: str) -> Part:
        return next(part for part in self.parts if part.key == key)

    @property
    def source(self) -> str:
        source = (self.version.source or {}) if self.version else {}
        return ", ".join(str(source[name]) for name in ("title", "publisher") if source.get(name))


def plan_template() -> Template:
    """The action-plan template's parts from the latest published version of the toolbox's tool."""
    version = tool_versions_published().filter(tool__key=TEMPLATE_TOOL).first()
    fields = (version.content or {}).get("fields", []) if version is not None else []
    parts = [
        Part(
            key=entry["key"],
            label=entry.get("label", ""),
            questions=[Question(key=q["key"], text=q["text"]) for q in entry.get("questions", [])],
        )
        for entry in fields
        if entry.get("key") in _FALLBACK
    ]
    known = {part.key for part in parts}
    if known != set(_FALLBACK):
        parts = [Part(key=key, label=str(label)) for key, label in _FALLBACK.items()]
    return Template(parts=parts, version=version)

"""Agendas for common Danish meeting types (personalemøde, MED-udvalg, ledelsesteammøde, forældrebestyrelse):
Grundlag's own suggestions, kept in `meeting_templates.yaml` beside this module. They are not from source
002, which has only the agenda table's questions, so the page offers them as Grundlag's. An item's keys are
the keys of the planner's agenda columns."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

TEMPLATES_FILE = Path(__file__).resolve().parent / "meeting_templates.yaml"
MINUTES = "tid"


@dataclass(frozen=True)
class AgendaTemplate:
    key: str
    name: str
    items: tuple[dict[str, Any], ...]

    @property
    def minutes(self) -> int:
        return sum(int(item.get(MINUTES) or 0) for item in self.items)


@cache
def agenda_templates() -> tuple[AgendaTemplate, ...]:
    """Every agenda template, in the file's order."""
    entries = yaml.safe_load(TEMPLATES_FILE.read_text(encoding="utf-8"))
    return tuple(
        AgendaTemplate(key=entry["key"], name=entry["name"], items=tuple(entry["items"])) for entry in entries
    )


def agenda_template(key: str) -> AgendaTemplate | None:
    """One agenda template by its key; None for an unknown key."""
    return next((template for template in agenda_templates() if template.key == key), None)

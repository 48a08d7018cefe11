"""The relationship analysis: which relations in the organisation the leader must mind for an action plan to
succeed. Step 1 maps the persons and teams around the plan, each picked from the organisation near the
document's owner or written in; step 2 asks the source's five reflection questions of each relation, and
where the leader's time goes (a share per relation, at most 100 % in all). The diagram draws the plan in the
middle and the relations around it, each line as thick as the time given to it."""

import math
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grundlag.organisation.models import Person, Post, Unit
from grundlag.organisation.selectors import chain_up, people_below, posts_active, today, unit_subtree_q

from ...models import ToolVersion
from .base import DocumentForm, Part, RowForm, Section, Table, Text, text_field

RELATIONS_TOOL = "relationsanalysen"
PEOPLE_MAX = 300
UNITS_MAX = 100
PERSON, TEAM = "person", "team"


@dataclass(frozen=True)
class Neighbour:
    """A person or a unit that the owner may pick as a relation: its value in the form ("person:12",
    "unit:5"), the kind of relation it is and its current name."""

    value: str
    kind: str
    name: str


def neighbourhood(*, owner: Person) -> list[Neighbour]:
    """The people and units near the owner, by name: the units of the owner's posts and those below them,
    the people there whom the owner leads, and the owner's superiors in the chain (bounded, so a director's
    list stays a list; anyone else is written in). Only people the organisation shows the owner: those they
    lead and the chain above them, never a colleague of the unit who reports to someone else."""
    day = today()
    units_q = Q(pk__in=[])
    for post in posts_active(person=owner, on=day):
        units_q |= unit_subtree_q(unit=post.unit, on=day)
    units = Unit.objects.active_on(day).filter(units_q).order_by("name", "id")[:UNITS_MAX]
    staff = (
        Post.objects.active_on(day)
        .filter(unit__in=Unit.objects.filter(units_q), person_id__in=people_below(person=owner, on=day))
        .values("person_id")
    )
    superiors = [person.pk for person in chain_up(person=owner, on=day)]
    people = (
        Person.objects.filter(Q(pk__in=staff) | Q(pk__in=superiors), erased_at__isnull=True)
        .exclude(pk=owner.pk)
        .order_by("name", "id")[:PEOPLE_MAX]
    )
    return [Neighbour(f"person:{pk}", PERSON, name) for pk, name in people.values_list("pk", "name")] + [
        Neighbour(f"unit:{pk}", TEAM, name) for pk, name in units.values_list("pk", "name")
    ]


def _figure_words(version: ToolVersion) -> dict[str, str]:
    """The source's figure words by what they name; the figure lists them as Handleplan, Team, Person."""
    words = version.content.get("figure", [])
    fallback = [gettext("Action plan"), gettext("Team"), gettext("Person")]
    plan, team, person = (words[index] if index < len(words) else fallback[index] for index in range(3))
    return {"plan": plan, TEAM: team, PERSON: person}


def _step_one(version: ToolVersion) -> str:
    """Step 1's name (mapping the relations), which labels the list of relations."""
    steps = [step["name"] for step in version.content.get("steps", []) if step.get("number") == 1]
    return steps[0] if steps else gettext("Relations")


def _questions(version: ToolVersion) -> tuple[str, list[dict[str, str]]]:
    """Step 2's name and its reflection questions."""
    for step in version.content.get("steps", []):
        if step.get("questions"):
            return step["name"], step["questions"]
    return "", []


class RelationRowForm(RowForm):
    """One relation: picked from the owner's neighbourhood or written in, its share of the leader's time and
    the answers to step 2's questions."""

    def __init__(self, *args: Any, version: ToolVersion, neighbours: list[Neighbour], **kwargs: Any):
        super().__init__(*args, version=version, **kwargs)
        self.neighbours = {neighbour.value: neighbour for neighbour in neighbours}
        words = _figure_words(version)
        people = [(n.value, n.name) for n in neighbours if n.kind == PERSON]
        units = [(n.value, n.name) for n in neighbours if n.kind == TEAM]
        self.fields["picked"] = forms.ChoiceField(
            label=_("Pick from the organisation"),
            help_text=_(
                "Your own unit and the units below it, the people you lead there and your superiors, by name."
            ),
            choices=[("", "–"), (gettext("People"), people), (gettext("Units"), units)],
            required=False,
            widget=forms.Select(attrs={"class": "form-select"}),
        )
        self.fields["name"] = forms.CharField(
            label=_("Or write a name"),
            help_text=_("Someone who is not in the list, or a team that is not a unit."),
            max_length=300,
            required=False,
            widget=forms.TextInput(attrs={"class": "form-input"}),
        )
        self.fields["kind"] = forms.ChoiceField(
            label=_("A person or a team"),
            choices=[(PERSON, words[PERSON]), (TEAM, words[TEAM])],
            widget=forms.RadioSelect,
            required=False,
        )
        self.fields["share"] = forms.IntegerField(
            label=_("Share of my time (%)"),
            help_text=_("How much of the time you give these relations goes to this one, from 0 to 100."),
            min_value=0,
            max_value=100,
            required=False,
            widget=forms.NumberInput(attrs={"class": "form-input", "inputmode": "numeric"}),
        )
        step_name, questions = _questions(version)
        for number, question in enumerate(questions):
            self.fields[question["key"]] = text_field(
                label=question["text"], help_text=step_name if number == 0 else "", rows=2
            )
        if not self.is_bound:
            self._initial_pick()

    def _initial_pick(self) -> None:
        """A stored pick shows its current name in the list; one no longer near the owner becomes a
        written-in relation under the name it was stored with."""
        picked = self.initial.get("picked") or ""
        if picked in self.neighbours:
            self.initial = {**self.initial, "name": ""}
        elif picked:
            self.initial = {**self.initial, "picked": ""}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "picked" in self.errors or all(value in ("", None) for value in data.values()):
            return data
        picked = data.get("picked")
        if picked:
            data["name"] = self.neighbours[picked].name
            data["kind"] = self.neighbours[picked].kind
        elif not (data.get("name") or "").strip():
            self.add_error("name", _("Pick a person or a unit from the list, or write a name."))
        elif not data.get("kind"):
            self.add_error("kind", _("Choose whether the relation is a person or a team."))
        return data


class RelationsForm(DocumentForm):
    def __init__(self, *args: Any, version: ToolVersion, **kwargs: Any):
        super().__init__(*args, version=version, **kwargs)
        self.fields["plan"] = text_field(
            label=_figure_words(version)["plan"],
            help_text=_(
                "The action plan or goal that the relations are mapped around, in your own words. Linking "
                "to an action plan in Grundlag comes in a later version."
            ),
            rows=2,
        )

    def part_specs(self) -> list[Part]:
        texts = [text["text"] for text in self.version.content.get("texts", []) if text["kind"] == "question"]
        return [
            Part(
                name="relations",
                label=_step_one(self.version),
                form=RelationRowForm,
                row_label=_("Relation"),
                help_text=" ".join(texts),
                extra=3,
                kwargs={"neighbours": neighbourhood(owner=self.owner) if self.owner is not None else []},
            )
        ]

    def check(self, data: dict[str, Any]) -> None:
        total = _share_total(data)
        if total > 100:
            self.add_error(
                None,
                _(
                    "The shares of your time add up to %(total)s %%; together they can be at most 100 %%. "
                    "Lower one or more of them."
                )
                % {"total": total},
            )

    def sections(self, data: dict[str, Any]) -> list[Section]:
        words = _figure_words(self.version)
        _step_name, questions = _questions(self.version)
        rows = [
            [relation.name, words[relation.kind], _share_text(relation.share)]
            + [str(row.get(question["key"], "")) for question in questions]
            for relation, row in zip(relations_read(data), data.get("relations") or [], strict=True)
        ]
        columns = [gettext("Name"), gettext("A person or a team"), gettext("Share of my time (%)")]
        return [
            Text("plan", words["plan"], str(data.get("plan", ""))),
            Table(
                "relations",
                _step_one(self.version),
                columns + [question["text"] for question in questions],
                rows,
            ),
            Text("share_total", gettext("My time in all"), _share_text(_share_total(data))),
        ]

    def diagram(self, data: dict[str, Any]) -> str:
        return relations_diagram(
            plan=str(data.get("plan", "")), relations=relations_read(data), words=_figure_words(self.version)
        )


@dataclass(frozen=True)
class Relation:
    """A relation as shown: its current name (a picked person's or unit's name today), kind and share."""

    name: str
    kind: str
    share: int | None


def relations_read(data: dict[str, Any]) -> list[Relation]:
    """The document's relations, each picked one under its current name (its stored one if it is gone)."""
    rows = data.get("relations") or []
    picks = [str(row.get("picked") or "") for row in rows]
    person_ids = [int(pick[7:]) for pick in picks if pick.startswith("person:") and pick[7:].isdigit()]
    unit_ids = [int(pick[5:]) for pick in picks if pick.startswith("unit:") and pick[5:].isdigit()]
    people = Person.objects.filter(pk__in=person_ids).values_list("pk", "name")
    units = Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name")
    names = {f"person:{pk}": name for pk, name in people} | {f"unit:{pk}": name for pk, name in units}
    return [
        Relation(
            name=names.get(pick) or str(row.get("name") or ""),
            kind=TEAM if row.get("kind") == TEAM else PERSON,
            share=row.get("share") if isinstance(row.get("share"), int) else None,
        )
        for pick, row in zip(picks, rows, strict=True)
    ]


def relations_person_forget(data: dict[str, Any], *, person_pk: int, name: str) -> dict[str, Any] | None:
    """The data with the name kept beside each pick of the person replaced by `name` (at their erasure: the
    name was copied from the organisation, not written by the owner); None when no relation picks them."""
    pick = f"person:{person_pk}"
    rows = data.get("relations")
    if not isinstance(rows, list) or not any(
        isinstance(row, dict) and row.get("picked") == pick for row in rows
    ):
        return None
    return {
        **data,
        "relations": [
            {**row, "name": name} if isinstance(row, dict) and row.get("picked") == pick else row
            for row in rows
        ],
    }


def _share_total(data: dict[str, Any]) -> int:
    return sum(
        row.get("share") or 0 for row in data.get("relations") or [] if isinstance(row.get("share"), int)
    )


def _share_text(share: int | None) -> str:
    return "" if share is None else gettext("%(share)s %%") % {"share": share}


def _short(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# The drawing's units: a compact circle, so that a phone's screen keeps the names readable.
WIDTH, RADIUS, CX, CY = 560, 190, 280, 0
PLAN_RX, PLAN_RY = 95, 42  # the plan's pill: half its width and height
LINE_HEIGHT = 19
INK, GREY, WHITE = "#1a1a1a", "#5c5c5c", "#ffffff"


def _text(x: float, y: float, text: str, *, size: int, bold: bool = False, fill: str = INK) -> SafeString:
    """A line of text centred on x, escaped; plain SVG attributes only (the PDF draws the same markup)."""
    return format_html(
        '<text x="{}" y="{}" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" '
        'font-size="{}"{} fill="{}">{}</text>',
        round(x, 1),
        round(y, 1),
        size,
        SafeString(' font-weight="bold"' if bold else ""),
        fill,
        text,
    )


def _lines(name: str, width: int = 16) -> list[str]:
    """A name in at most two lines of about `width` characters, shortened with "…" beyond."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 2:
        lines = [lines[0], lines[1] + " …"]
    return [_short(line, width + 4) for line in lines] or [""]


@dataclass(frozen=True)
class _Placed:
    """A relation on the circle: where its shape is, and its name's lines with the first line's baseline."""

    relation: Relation
    x: float
    y: float
    angle: float
    lines: list[str]
    name_y: float

    @property
    def top(self) -> float:
        return min(self.y - 26, self.name_y - 16)

    @property
    def bottom(self) -> float:
        return max(self.y + 26, self.name_y + LINE_HEIGHT * (len(self.lines) - 1) + 5)


def _place(relations: list[Relation]) -> list[_Placed]:
    """Each relation's place on the circle, clockwise from the top (with many, every other one sits closer),
    its name above the shape in the upper part of the circle (away from the line to the plan), else below."""
    placed = []
    for index, relation in enumerate(relations):
        angle = -math.pi / 2 + 2 * math.pi * index / len(relations)
        radius = RADIUS if len(relations) <= 8 or index % 2 == 0 else RADIUS - 55
        x, y = CX + radius * math.cos(angle), CY + radius * math.sin(angle)
        lines = _lines(relation.name)
        name_y = y - 36 - LINE_HEIGHT * (len(lines) - 1) if y < CY - PLAN_RY else y + 46
        placed.append(_Placed(relation, x, y, angle, lines, name_y))
    return placed


def _line(place: _Placed) -> SafeString:
    """The line from the plan to a relation, as thick as its share with the share written on it halfway
    between the plan's edge and the relation's; dashed when no share is given."""
    share = place.relation.share
    line = format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"{}/>',
        CX,
        CY,
        round(place.x, 1),
        round(place.y, 1),
        GREY,
        round(1.5 if share is None else 2 + share * 0.16, 1),
        SafeString(' stroke-dasharray="6 4"' if share is None else ""),
    )
    if share is None:
        return line
    cos, sin = math.cos(place.angle), math.sin(place.angle)
    plan_edge = 1 / math.hypot(cos / PLAN_RX, sin / PLAN_RY)
    middle = (plan_edge + math.hypot(place.x - CX, place.y - CY) - 28) / 2
    label_x, label_y = CX + middle * cos, CY + middle * sin
    return format_html(
        '{}<rect x="{}" y="{}" width="58" height="26" rx="4" fill="{}" stroke="{}"/>{}',
        line,
        round(label_x - 29, 1),
        round(label_y - 13, 1),
        WHITE,
        GREY,
        _text(label_x, label_y + 6, _share_text(share), size=16),
    )


def _node(place: _Placed, words: dict[str, str]) -> SafeString:
    """A relation: a person as a circle, a team as a square, each with its word inside, its name outside."""
    x, y = place.x, place.y
    if place.relation.kind == TEAM:
        shape = format_html(
            '<rect x="{}" y="{}" width="68" height="44" rx="2" fill="#e6f0f8" stroke="{}" stroke-width="2"/>',
            round(x - 34, 1),
            round(y - 22, 1),
            INK,
        )
    else:
        shape = format_html(
            '<circle cx="{}" cy="{}" r="27" fill="{}" stroke="{}" stroke-width="2"/>',
            round(x, 1),
            round(y, 1),
            WHITE,
            INK,
        )
    return format_html(
        "<g>{}{}{}</g>",
        shape,
        _text(x, y + 5, words[place.relation.kind], size=14),
        format_html_join(
            "",
            "{}",
            (
                (_text(x, place.name_y + LINE_HEIGHT * number, line, size=16, bold=True),)
                for number, line in enumerate(place.lines)
            ),
        ),
    )


def _centre(plan: str, words: dict[str, str]) -> SafeString:
    """The action plan in the middle: its word and the plan's first words, in up to two lines."""
    lines = _lines(plan, 18) if plan.strip() else ["–"]
    first_y = CY + 10 if len(lines) == 1 else CY + 2
    return format_html(
        '<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}"/>{}{}',
        CX - PLAN_RX,
        CY - PLAN_RY,
        2 * PLAN_RX,
        2 * PLAN_RY,
        PLAN_RY,
        INK,
        _text(CX, first_y - 20, words["plan"], size=14, fill=WHITE),
        format_html_join(
            "",
            "{}",
            (
                (_text(CX, first_y + LINE_HEIGHT * number, line, size=16, bold=True, fill=WHITE),)
                for number, line in enumerate(lines)
            ),
        ),
    )


def relations_diagram(*, plan: str, relations: list[Relation], words: dict[str, str]) -> str:
    """The plan in the middle and the relations on a circle around it (SVG, every text escaped, the view
    fitted to what is drawn); "" while the document holds neither."""
    if not plan.strip() and not relations:
        return ""
    placed = _place(relations)
    top = min([CY - PLAN_RY, *(place.top for place in placed)]) - 12
    bottom = max([CY + PLAN_RY, *(place.bottom for place in placed)]) + 12
    described = "; ".join(
        ", ".join(part for part in (relation.name, words[relation.kind], _share_text(relation.share)) if part)
        for relation in relations
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 {} {} {}" width="100%" role="img" '
        'aria-labelledby="relations-diagram-title" aria-describedby="relations-diagram-desc">'
        '<title id="relations-diagram-title">{}</title><desc id="relations-diagram-desc">{}</desc>'
        "{}{}{}</svg>",
        round(top),
        WIDTH,
        round(bottom - top),
        gettext("The relations around the action plan: %(plan)s") % {"plan": _short(plan, 80) or "–"},
        described or gettext("No relations mapped yet."),
        format_html_join("", "{}", ((_line(place),) for place in placed)),
        _centre(plan, words),
        format_html_join("", "{}", ((_node(place, words),) for place in placed)),
    )

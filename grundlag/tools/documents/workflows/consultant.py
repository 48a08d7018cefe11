"""Consultant roles: a reflection on the role one takes in a collaboration (supporting, challenging, giving
direction, assessing quality — the source's four ways of working, each with its "Når …" and "Ved at …") and
how it changes over time. Each entry is dated; the diagram is a timeline with the roles as rows and the
entries as columns, so a change of role is seen at a glance."""

import datetime
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ...models import ToolVersion
from .base import DATE, DocumentForm, Part, RowForm, Section, Table, Text, text_field


def _roles(version: ToolVersion) -> list[dict[str, str]]:
    return version.content.get("roles", [])


def _role_choice(role: dict[str, str]) -> SafeString:
    """A role as a choice: its name, with its "Når …" and "Ved at …" texts as the hint beneath."""
    return format_html(
        '<strong>{}</strong><span class="form-hint">{}</span><span class="form-hint">{}</span>',
        role["name"],
        role["when"],
        role["by"],
    )


class EntryRowForm(RowForm):
    """One dated reflection: the role taken, what I did, how it worked and the role I want next time."""

    def __init__(self, *args: Any, version: ToolVersion, **kwargs: Any):
        super().__init__(*args, version=version, **kwargs)
        roles = _roles(version)
        self.fields["date"] = forms.DateField(label=_("Date"), required=False, widget=DATE)
        self.fields["role"] = forms.ChoiceField(
            label=_("The role I took"),
            choices=[(role["key"], _role_choice(role)) for role in roles],
            widget=forms.RadioSelect,
            required=False,
        )
        self.fields["did"] = text_field(label=_("What I did"))
        self.fields["worked"] = text_field(label=_("How it worked"))
        self.fields["next_role"] = forms.ChoiceField(
            label=_("The role I want to take next time"),
            choices=[("", "–")] + [(role["key"], role["name"]) for role in roles],
            required=False,
            widget=forms.Select(attrs={"class": "form-select"}),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if all(value in ("", None) for value in data.values()) or self.errors:
            return data
        if not data.get("date"):
            self.add_error("date", _("Give the entry the date of the collaboration it is about."))
        if not data.get("role"):
            self.add_error("role", _("Choose the role you took."))
        return data


def _day(value: Any) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def entries_by_date(data: dict[str, Any]) -> list[tuple[datetime.date, dict[str, Any]]]:
    """The document's entries with a date, the earliest first (entries on one day in the order written)."""
    dated = [(_day(entry.get("date")), entry) for entry in data.get("entries") or []]
    return sorted(((day, entry) for day, entry in dated if day is not None), key=lambda pair: pair[0])


class ConsultantForm(DocumentForm):
    def __init__(self, *args: Any, version: ToolVersion, **kwargs: Any):
        super().__init__(*args, version=version, **kwargs)
        self.fields["collaboration"] = text_field(
            label=_("The collaboration"),
            help_text=_("With whom you work together, and about what."),
            rows=2,
        )

    def part_specs(self) -> list[Part]:
        return [
            Part(
                name="entries",
                label=_("Reflections over time"),
                form=EntryRowForm,
                row_label=_("Reflection"),
                help_text=_(
                    "After a meeting or a period of the collaboration: which role you took, what you did, "
                    "how it worked and which role you want to take next time."
                ),
            )
        ]

    def sections(self, data: dict[str, Any]) -> list[Section]:
        names = {role["key"]: role["name"] for role in _roles(self.version)}
        rows = [
            [
                date_format(day, "SHORT_DATE_FORMAT"),
                names.get(entry.get("role", ""), ""),
                str(entry.get("did", "")),
                str(entry.get("worked", "")),
                names.get(entry.get("next_role", ""), ""),
            ]
            for day, entry in entries_by_date(data)
        ]
        columns = [
            gettext("Date"),
            gettext("The role I took"),
            gettext("What I did"),
            gettext("How it worked"),
            gettext("The role I want to take next time"),
        ]
        return [
            Text("collaboration", gettext("The collaboration"), str(data.get("collaboration", ""))),
            Table("entries", gettext("Reflections over time"), columns, rows),
        ]

    def diagram(self, data: dict[str, Any]) -> str:
        return roles_timeline(roles=_roles(self.version), entries=entries_by_date(data))


LEFT, COLUMN, ROW, TOP, MIN_WIDTH = 240, 96, 60, 12, 560
INK, GREY, LIGHT = "#1a1a1a", "#5c5c5c", "#d9d9d9"


def _text(
    x: float, y: float, text: str, *, size: int, anchor: str = "start", bold: bool = False
) -> SafeString:
    """A line of text, escaped; plain SVG attributes only (the PDF draws the same markup)."""
    return format_html(
        '<text x="{}" y="{}" text-anchor="{}" font-family="Helvetica, Arial, sans-serif" '
        'font-size="{}"{} fill="{}">{}</text>',
        round(x, 1),
        round(y, 1),
        anchor,
        size,
        SafeString(' font-weight="bold"' if bold else ""),
        INK,
        text,
    )


def _role_row(index: int, role: dict[str, str], width: int) -> SafeString:
    """A role's row: its name on the left (the last word, the role itself, in bold) and a guide line."""
    y = TOP + ROW * index + ROW / 2
    lead, _space, word = role["name"].rpartition(" ")
    return format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>{}{}',
        LEFT,
        y,
        width - 12,
        y,
        LIGHT,
        _text(8, y - 4, lead, size=15),
        _text(8, y + 15, word, size=16, bold=True),
    )


def _column(x: float, day: datetime.date, rows: int) -> SafeString:
    """An entry's column: a guide line down through the roles' rows and the entry's date beneath."""
    bottom = TOP + ROW * rows
    return format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>{}',
        x,
        TOP,
        x,
        bottom,
        LIGHT,
        _text(x, bottom + 24, date_format(day, "SHORT_DATE_FORMAT"), size=15, anchor="middle"),
    )


def roles_timeline(
    *, roles: list[dict[str, str]], entries: list[tuple[datetime.date, dict[str, Any]]]
) -> str:
    """The roles as rows, the entries by date as columns, a dot per entry in the row of the role taken and a
    line joining them (SVG, every text escaped); "" while there is no dated entry."""
    row_of = {role["key"]: index for index, role in enumerate(roles)}
    points = [
        (LEFT + COLUMN * column + COLUMN / 2, TOP + ROW * row_of[entry["role"]] + ROW / 2, day, entry["role"])
        for column, (day, entry) in enumerate(entries)
        if entry.get("role") in row_of
    ]
    if not points:
        return ""
    width = max(MIN_WIDTH, LEFT + COLUMN * len(entries) + 12)
    height = TOP + ROW * len(roles) + 36
    names = {role["key"]: role["name"] for role in roles}
    described = "; ".join(
        f"{date_format(day, 'SHORT_DATE_FORMAT')}: {names[key]}" for _x, _y, day, key in points
    )
    path = " ".join(
        f"{'M' if index == 0 else 'L'}{x:.1f} {y:.1f}" for index, (x, y, _d, _k) in enumerate(points)
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="roles-timeline-title" aria-describedby="roles-timeline-desc">'
        '<title id="roles-timeline-title">{}</title><desc id="roles-timeline-desc">{}</desc>'
        '{}{}<path d="{}" fill="none" stroke="{}" stroke-width="2" stroke-dasharray="5 4"/>{}</svg>',
        width,
        height,
        gettext("The roles I took in the collaboration, by date"),
        described,
        format_html_join("", "{}", ((_role_row(index, role, width),) for index, role in enumerate(roles))),
        format_html_join("", "{}", ((_column(x, day, len(roles)),) for x, _y, day, _key in points)),
        path,
        GREY,
        format_html_join(
            "",
            '<circle cx="{}" cy="{}" r="10" fill="{}" stroke="#ffffff" stroke-width="2"/>',
            ((x, y, INK) for x, y, _day, _key in points),
        ),
    )

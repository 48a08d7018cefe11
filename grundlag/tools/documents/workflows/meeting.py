"""The meeting planner (source 002, "Mødeplanlægning"): the meeting's date, start, length and place; the
source's questions in its order as text fields; and the agenda, one row per item with the source table's
columns (the time in minutes) and, for the minutes, the item's decision, actions and whether it is finished.
The items' minutes may not add up to more than the meeting's length. An item carried over from an earlier
meeting keeps that meeting's date (a hidden field of its row). The tool's own actions (templates, the next
meeting, the calendar file) are in tools/meetings/."""

import datetime
from typing import Any

from django import forms
from django.utils import formats
from django.utils.dateparse import parse_date
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ...meetings.agenda_templates import agenda_templates
from ...meetings.forms import AgendaTemplateForm
from ...models import ToolVersion
from .base import DATE, DocumentForm, Part, RowForm, Section, Table, Text, text_field

AGENDA = "agenda"
NAME, MINUTES, CARRIED_FROM = "punkt", "tid", "carried_from"
TIME = forms.TimeInput(attrs={"type": "time", "class": "form-input input-width-s"}, format="%H:%M")
MINUTES_INPUT = forms.NumberInput(attrs={"class": "form-input input-width-xs", "inputmode": "numeric"})


def minutes_of(value: Any) -> int:
    """A stored or posted number of minutes; 0 for anything else."""
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0


def agenda_minutes(rows: list[dict[str, Any]]) -> int:
    """The minutes of an agenda's items, added up."""
    return sum(minutes_of(row.get(MINUTES)) for row in rows)


def _date(value: Any) -> datetime.date | None:
    try:
        return parse_date(value) if isinstance(value, str) else None
    except ValueError:  # well formed but not a day, e.g. 2027-02-30
        return None


def carried_date(value: Any) -> str:
    """The date of the meeting an item was carried from, as a person reads it ("" for this meeting's own)."""
    day = _date(value)
    return formats.date_format(day, "DATE_FORMAT") if day else ""


def carried_label(value: Any) -> str:
    """The note on an item carried over from an earlier meeting ("" for this meeting's own)."""
    date = carried_date(value)
    return gettext("Carried from the meeting of %(date)s.") % {"date": date} if date else ""


def minutes_summary(*, count: int, total: int, length: int) -> str:
    """The items' minutes against the meeting's length, in one sentence."""
    if not length:
        return ngettext(
            "The %(count)s item takes %(total)s minutes; the meeting has no length yet.",
            "The %(count)s items take %(total)s minutes; the meeting has no length yet.",
            count,
        ) % {"count": count, "total": total}
    return ngettext(
        "The %(count)s item takes %(total)s of the meeting's %(length)s minutes.",
        "The %(count)s items take %(total)s of the meeting's %(length)s minutes.",
        count,
    ) % {"count": count, "total": total, "length": length}


class AgendaItemForm(RowForm):
    """One item of the agenda: the source table's columns (labels are its questions), then the minutes."""

    def __init__(self, *args: Any, version: ToolVersion, **kwargs: Any):
        super().__init__(*args, version=version, **kwargs)
        for column in version.content.get("table", {}).get("columns", []):
            key, question = column["key"], column["question"]
            if key == MINUTES:
                self.fields[key] = forms.IntegerField(
                    label=question, help_text=_("In minutes."), min_value=0, max_value=1440, required=False
                )
                self.fields[key].widget = MINUTES_INPUT
            elif key == NAME:
                self.fields[key] = forms.CharField(
                    label=question,
                    max_length=300,
                    required=False,
                    widget=forms.TextInput(attrs={"class": "form-input"}),
                )
            else:
                self.fields[key] = text_field(label=question, rows=2)
        self.fields[CARRIED_FROM] = forms.CharField(
            label=_("Carried from the meeting of"), max_length=10, required=False, widget=forms.HiddenInput
        )
        self.fields["decision"] = text_field(
            label=pgettext_lazy("minutes", "Decision"), help_text=_("For the minutes."), rows=2
        )
        self.fields["actions"] = text_field(label=_("Actions: who does what by when"), rows=2)
        self.fields["finished"] = forms.BooleanField(label=_("The item is finished"), required=False)
        carried = self[CARRIED_FROM].value()
        if NAME in self.fields and carried_label(carried):
            self.fields[NAME].help_text = carried_label(carried)


class MeetingForm(DocumentForm):
    date = forms.DateField(label=_("Date of the meeting"), required=False, widget=DATE)
    start = forms.TimeField(label=_("Starts at"), required=False, widget=TIME)
    length = forms.IntegerField(
        label=_("Length in minutes"), min_value=1, max_value=1440, required=False, widget=MINUTES_INPUT
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)

    extra_template = "tools/meetings/_actions.html"
    kept_keys = ("previous",)

    def __init__(self, *args: Any, version: ToolVersion, **kwargs: Any):
        super().__init__(*args, version=version, **kwargs)
        for question in version.content.get("questions", []):
            self.fields[question["key"]] = text_field(label=question["text"], rows=2)

    def part_specs(self) -> list[Part]:
        rows = self.version.content.get("table", {}).get("rows", [])
        # The source's rows are "Programpunkt 1", "Programpunkt 2": each item is called by their word.
        row_label = rows[0].rsplit(" ", 1)[0] if rows else _("Item")
        return [Part(AGENDA, _("Agenda"), AgendaItemForm, row_label, help_text=self._agenda_summary())]

    def _agenda_summary(self) -> str:
        """What the agenda's minutes add up to, as posted (a refused save shows what was typed) or saved."""
        if self.is_bound:
            count = minutes_of(self.data.get(f"{AGENDA}-TOTAL_FORMS"))
            typed = [self.data.get(f"{AGENDA}-{number}-{MINUTES}") for number in range(min(count, 1000))]
            names = [self.data.get(f"{AGENDA}-{number}-{NAME}") for number in range(min(count, 1000))]
            items = [
                {MINUTES: minutes} for minutes, name in zip(typed, names, strict=True) if minutes or name
            ]
            length = minutes_of(self.data.get("length"))
        else:
            items = self.initial.get(AGENDA) or []
            length = minutes_of(self.initial.get("length"))
        return minutes_summary(count=len(items), total=agenda_minutes(items), length=length)

    def check(self, data: dict[str, Any]) -> None:
        items, length = data.get(AGENDA) or [], minutes_of(data.get("length"))
        total = agenda_minutes(items)
        if length and total > length:
            message = ngettext(
                "The %(count)s item takes %(total)s minutes, but the meeting lasts %(length)s minutes: "
                "shorten the item or make the meeting longer.",
                "The %(count)s items take %(total)s minutes, but the meeting lasts %(length)s minutes: "
                "shorten or remove items, move some to the next meeting, or make the meeting longer.",
                len(items),
            ) % {"count": len(items), "total": total, "length": length}
            self.add_error(None, message)

    def document_data(self) -> dict[str, Any]:
        data = super().document_data()
        # The link to the meeting this one was planned from is not typed: it stays what it was.
        if self.initial.get("previous"):
            data["previous"] = self.initial["previous"]
        return data

    def sections(self, data: dict[str, Any]) -> list[Section]:
        sections = super().sections(data)
        items = data.get(AGENDA) or []
        summary = minutes_summary(
            count=len(items), total=agenda_minutes(items), length=minutes_of(data.get("length"))
        )
        shown: list[Section] = []
        for section in sections:
            if isinstance(section, Table) and section.name == AGENDA:
                carried = list(AgendaItemForm(version=self.version).fields).index(CARRIED_FROM)
                rows = [
                    [*row[:carried], carried_date(item.get(CARRIED_FROM)), *row[carried + 1 :]]
                    for row, item in zip(section.rows, items, strict=True)
                ]
                if items:
                    shown.append(Text("agenda_minutes", str(_("Time for the items")), summary))
                shown.append(Table(section.name, section.label, section.columns, rows))
            else:
                shown.append(section)
        return shown

    def agenda_template_form(self) -> AgendaTemplateForm:
        """The choice of agenda template offered beside the document."""
        return AgendaTemplateForm(templates=agenda_templates())


def meeting_start(data: dict[str, Any]) -> tuple[datetime.date | None, datetime.time | None]:
    """The meeting's day and start time as kept in a document (None where not filled in)."""
    day = _date(data.get("date"))
    start = None
    if isinstance(data.get("start"), str) and data["start"]:
        try:
            start = datetime.time.fromisoformat(data["start"])
        except ValueError:
            start = None
    return day, start

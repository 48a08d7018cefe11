"""What every tool's workflow is made of: a form with the document's title and revision (the concurrency
check), the tool's own fields, and its *parts* — lists of rows (an agenda's items, a map's relations), each
a formset kept in the document as a list under the part's name. The same form turns what a document holds
into *sections* — texts and tables in the tool's words — that the page, the PDF and the Word file all show,
and, for the tools that have one, a diagram (SVG drawn on the server, so it is the same on the page and in
the PDF).

A tool's workflow subclasses `DocumentForm`, adds its fields in `__init__` from the tool version's content
(the source's texts are labels and hints, never copied into code), declares its parts in `part_specs`,
checks what spans fields in `check`, and may override `sections` and `diagram`.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm
from grundlag.organisation.models import Person

from ...models import ToolVersion

TEXT_MAX_LENGTH = 20000
ROWS_MAX = 100
DATE = forms.DateInput(attrs={"type": "date", "class": "form-input"}, format="%Y-%m-%d")


def text_field(*, label: Any, help_text: Any = "", required: bool = False, rows: int = 3) -> forms.CharField:
    """A free-text field of a document."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=TEXT_MAX_LENGTH,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows, "class": "form-input"}),
    )


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, list | tuple):
        return [_json_value(item) for item in value]
    if value is None:
        return ""
    return value


def _shown(field: forms.Field, value: Any) -> str:
    """A stored value as a person reads it: choices by their label, lists one a line."""
    choices = dict(getattr(field, "choices", []) or [])
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, list):
        return "\n".join(str(choices.get(item, item)) for item in value)
    if isinstance(field, forms.DateField) and isinstance(value, str) and value:
        try:
            return formats.date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return value
    return str(choices.get(value, value if value is not None else ""))


@dataclass(frozen=True)
class Text:
    """One field of a document as read: its label and the text it holds ("" when empty)."""

    name: str
    label: str
    text: str


@dataclass(frozen=True)
class Table:
    """One part of a document as read: its label, the columns' labels and one row of texts per row."""

    name: str
    label: str
    columns: list[str]
    rows: list[list[str]]


Section = Text | Table


class RowForm(DesignSystemForm, forms.Form):
    """One row of a part; it is given the tool version, whose content may give its labels and choices."""

    def __init__(self, *args: Any, version: ToolVersion, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.version = version


@dataclass(frozen=True)
class Part:
    """A list of rows in a document: its key in the data, its label and hint, the form of one row, how each
    row is called ("Item %(number)s"), and how many empty rows are offered to fill in."""

    name: str
    label: Any
    form: type[RowForm]
    row_label: Any
    help_text: Any = ""
    extra: int = 2
    max_rows: int = ROWS_MAX
    kwargs: dict[str, Any] = field(default_factory=dict)


class DocumentForm(DesignSystemForm, forms.Form):
    """The fields every document has: its title and the revision it was opened at; the tool's own fields
    and parts are added by its workflow."""

    title = forms.CharField(label=_("Title"), max_length=300)
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    # A partial shown under the document with the tool's own actions (e.g. a meeting's calendar file).
    extra_template: ClassVar[str] = ""
    # Keys the workflow keeps in a document besides its fields and parts (no tool's content may use them).
    kept_keys: ClassVar[tuple[str, ...]] = ()

    def __init__(
        self,
        data: Any = None,
        *,
        version: ToolVersion,
        initial: dict[str, Any] | None = None,
        owner: Person | None = None,
        **kwargs,
    ):
        super().__init__(data, initial=initial, **kwargs)
        self.version = version
        # The document's owner, for a workflow whose choices depend on who fills it in (their units).
        self.owner = owner
        self.formsets: dict[str, tuple[Part, forms.BaseFormSet]] = {}
        for part in self.part_specs():
            formset_class = forms.formset_factory(
                part.form,
                extra=part.extra,
                max_num=part.max_rows,
                validate_max=True,
                absolute_max=part.max_rows,
            )
            rows = (initial or {}).get(part.name) or []
            self.formsets[part.name] = (
                part,
                formset_class(
                    data, initial=rows, prefix=part.name, form_kwargs={"version": version, **part.kwargs}
                ),
            )

    def part_specs(self) -> list[Part]:
        """The parts of the tool's documents; none unless the workflow has some."""
        return []

    def content_fields(self) -> list[forms.BoundField]:
        """The fields that are the document's content (all but the title and the revision)."""
        return [field for field in self if field.name not in ("title", "revision")]

    def is_valid(self) -> bool:
        valid = super().is_valid()
        parts_valid = all([formset.is_valid() for _part, formset in self.formsets.values()])
        if valid and parts_valid:
            self.check(self.document_data())
        return valid and parts_valid and not self.errors

    def check(self, data: dict[str, Any]) -> None:
        """What spans several fields or rows, checked when each is valid; errors go to `add_error`."""

    def document_data(self) -> dict[str, Any]:
        """The filled-in fields and parts as the document keeps them (JSON: dates as ISO text); rows left
        empty are not kept."""
        data = {field.name: _json_value(self.cleaned_data.get(field.name)) for field in self.content_fields()}
        for name, (_part, formset) in self.formsets.items():
            rows = []
            for form in formset.forms:
                row = {key: _json_value(value) for key, value in (form.cleaned_data or {}).items()}
                if any(value not in ("", [], False) for value in row.values()):
                    rows.append(row)
            data[name] = rows
        return data

    def sections(self, data: dict[str, Any]) -> list[Section]:
        """What a document holds, in the tool's words: each field, then each part as a table."""
        sections: list[Section] = [
            Text(field.name, str(field.label), _shown(field.field, data.get(field.name, "")))
            for field in self.content_fields()
        ]
        for name, (part, formset) in self.formsets.items():
            row_fields = formset.form(version=self.version, **part.kwargs).fields
            rows = [
                [_shown(row_field, row.get(key, "")) for key, row_field in row_fields.items()]
                for row in data.get(name) or []
            ]
            columns = [str(row_field.label) for row_field in row_fields.values()]
            sections.append(Table(name, str(part.label), columns, rows))
        return sections

    def diagram(self, data: dict[str, Any]) -> str:
        """The tool's diagram of what the document holds, as SVG markup; "" for a tool without one."""
        return ""

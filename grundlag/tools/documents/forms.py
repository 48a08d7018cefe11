"""Forms of the tool documents: one form per tool with a workflow, built from the tool version's content (its
steps and fields, with the source's texts as labels and hints), the start form and the sharing form."""

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm
from grundlag.networks.events.forms import PeopleField

from ..models import ToolDocument, ToolVersion

TEXT_MAX_LENGTH = 20000
DATE = forms.DateInput(attrs={"type": "date", "class": "form-input"}, format="%Y-%m-%d")


PURPOSES = [("prepare", _("Prepare feedback")), ("record", _("Record feedback given"))]


class DocumentForm(DesignSystemForm, forms.Form):
    """The fields every document has: its title and the revision it was opened at (the concurrency check)."""

    title = forms.CharField(label=_("Title"), max_length=300)
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, version: ToolVersion, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.version = version

    def content_fields(self) -> list[forms.BoundField]:
        """The fields that are the document's content (all but the title and the revision)."""
        return [field for field in self if field.name not in ("title", "revision")]

    def document_data(self) -> dict[str, Any]:
        """The filled-in fields as the document keeps them (JSON: dates as ISO text)."""
        data = {}
        for field in self.content_fields():
            value = self.cleaned_data.get(field.name)
            data[field.name] = value.isoformat() if isinstance(value, datetime.date) else (value or "")
        return data


class FeedbackForm(DocumentForm):
    """The feedback model: what the feedback is for, to whom and when, and the four steps, each with the
    source's description and sentence starters as its hint. Feedback starts from an observation."""

    purpose = forms.ChoiceField(label=_("The feedback is"), choices=PURPOSES, widget=forms.RadioSelect)
    recipient = forms.CharField(label=_("To whom"), max_length=300, required=False)
    given_on = forms.DateField(label=_("When"), required=False, widget=DATE)

    def __init__(self, *args: Any, version: ToolVersion, **kwargs: Any):
        super().__init__(*args, version=version, **kwargs)
        for step in version.content.get("steps", []):
            starters = " ".join(step.get("sentence_starters", []))
            hint = step.get("description", "")
            if starters:
                hint = _("%(description)s. Sentence starters: %(starters)s") % {
                    "description": hint,
                    "starters": starters,
                }
            self.fields[step["key"]] = forms.CharField(
                label=step["name"],
                help_text=hint,
                max_length=TEXT_MAX_LENGTH,
                required=step["number"] == 1,
                error_messages={
                    "required": _("Feedback starts from an observation: write what you saw or heard.")
                },
                widget=forms.Textarea(attrs={"rows": 3, "class": "form-input"}),
            )


class NotesForm(DocumentForm):
    """Notes: the tool's one text field, labelled as in the source."""

    def __init__(self, *args: Any, version: ToolVersion, **kwargs: Any):
        super().__init__(*args, version=version, **kwargs)
        for field in version.content.get("fields", []):
            self.fields[field["key"]] = forms.CharField(
                label=field["label"],
                max_length=TEXT_MAX_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 10, "class": "form-input"}),
            )


# The tools that have a workflow, by key: the form a document of the tool is filled in with.
WORKFLOWS: dict[str, type[DocumentForm]] = {"feedbackmodel": FeedbackForm, "noter": NotesForm}


def document_form(*, document: ToolDocument, data: Any = None) -> DocumentForm:
    """The form of a document's tool, bound to posted data or filled with what the document holds."""
    initial = {"title": document.title, "revision": document.revision, **document.data}
    return WORKFLOWS[document.tool.key](data, version=document.version, initial=initial)


def document_rows(
    *, document: ToolDocument, data: dict[str, Any] | None = None
) -> list[tuple[str, str, str]]:
    """What a document holds, field by field: (field name, label, the text shown), choices in words."""
    form = WORKFLOWS[document.tool.key](version=document.version)
    data = document.data if data is None else data
    rows = []
    for field in form.content_fields():
        value = data.get(field.name, "")
        choices = dict(getattr(field.field, "choices", []) or [])
        rows.append((field.name, str(field.label), str(choices.get(value, value))))
    return rows


class StartForm(DesignSystemForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)


class ShareForm(DesignSystemForm, forms.Form):
    team_members = PeopleField(
        label=_("Team members (e-mail addresses)"),
        required=False,
        help_text=_("They read and edit the document; one a line."),
    )
    shared_with_superior = forms.BooleanField(
        label=_("Share with my superiors"),
        required=False,
        help_text=_("The leaders above you in the chain read the document; they cannot change it."),
    )

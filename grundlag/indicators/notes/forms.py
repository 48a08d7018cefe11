"""Forms of a unit's notes and of comments on its figures: the list's filter, a note, a comment."""

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm

from ..models import DataType, NoteKind
from .selectors import CommentPeriod

DATE = forms.DateInput(attrs={"type": "date", "class": "form-input"}, format="%Y-%m-%d")
SHARED, ONLY_ME = "shared", "only_me"


class NotesFilterForm(DesignSystemForm, forms.Form):
    type = forms.ChoiceField(
        label=_("Data type"),
        choices=[("", _("All data types")), *DataType.choices],
        required=False,
    )


class NoteForm(DesignSystemForm, forms.Form):
    data_type = forms.ChoiceField(
        label=_("Data type"),
        choices=DataType.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Interviews and stories are usually perception data, observations of teaching process data."
        ),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=NoteKind.choices)
    observed_on = forms.DateField(
        label=_("Date"), widget=DATE, help_text=_("The day of the interview, the observation or the story.")
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Note"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))
    visibility = forms.ChoiceField(
        label=_("Who reads the note"),
        choices=[
            (
                SHARED,
                _("Shared: those who may see the unit's figures (its leaders and the leaders above it)"),
            ),
            (ONLY_ME, _("Only me")),
        ],
        initial=SHARED,
        widget=forms.RadioSelect,
    )

    @classmethod
    def initial_new(cls, *, today: datetime.date) -> dict[str, Any]:
        """A new note: perception data from an interview today, shared (the usual case)."""
        return {"data_type": DataType.PERCEPTION, "kind": NoteKind.INTERVIEW, "observed_on": today}

    @classmethod
    def initial_of(cls, note: Any) -> dict[str, Any]:
        return {
            "data_type": note.data_type,
            "kind": note.kind,
            "observed_on": note.observed_on,
            "title": note.title,
            "text": note.text,
            "visibility": ONLY_ME if note.private else SHARED,
        }

    def note_data(self) -> dict[str, Any]:
        """The cleaned data as the note services take it."""
        data = self.cleaned_data
        return {
            "data_type": data["data_type"],
            "kind": data["kind"],
            "observed_on": data["observed_on"],
            "title": data["title"],
            "text": data["text"],
            "private": data["visibility"] == ONLY_ME,
        }


class CommentForm(DesignSystemForm, forms.Form):
    period = forms.ChoiceField(label=_("About"), required=False)
    text = forms.CharField(
        label=_("Comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What lies behind the figures: what the people reading them should know."),
    )

    def __init__(self, *args: Any, periods: list[CommentPeriod], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.periods = {period.value: period for period in periods}
        self.fields["period"].choices = [  # type: ignore[attr-defined]
            ("", _("All periods")),
            *[(period.value, period.label) for period in periods],
        ]

    def clean_period(self) -> CommentPeriod | None:
        return self.periods.get(self.cleaned_data.get("period") or "")

    @classmethod
    def initial_of(cls, comment: Any) -> dict[str, Any]:
        value = f"{comment.period_kind}:{comment.period_start.isoformat()}" if comment.period_start else ""
        return {"period": value, "text": comment.text}

"""Forms of leader development: scheduling, an LUS round, the ratings and the notes of a dialogue."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm
from grundlag.evaluations.models import SCALE
from grundlag.organisation.models import Person, Unit

from .services import RatingInput

DATE = forms.DateInput(attrs={"type": "date", "class": "form-input"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(
    attrs={"type": "datetime-local", "class": "form-input"}, format="%Y-%m-%dT%H:%M"
)


class ScheduleForm(DesignSystemForm, forms.Form):
    leader = forms.ModelChoiceField(label=_("Leader"), queryset=Person.objects.none())
    when = forms.DateTimeField(label=_("Date and time"), widget=DATETIME)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    video_url = forms.URLField(
        label=_("Video link"),
        required=False,
        assume_scheme="https",
        help_text=_("For a dialogue held on video instead of in a room."),
    )

    def __init__(self, *args, leaders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leaders


class RoundForm(DesignSystemForm, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.filter(depth__lte=2).order_by("path"),
        help_text=_("Every leader on a leadership level in the unit and the units below it gets a dialogue."),
    )
    starts = forms.DateField(label=_("From"), widget=DATE)
    ends = forms.DateField(label=_("To"), widget=DATE)

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends < starts:
            self.add_error("ends", _("The round must end on or after the day it starts."))
        return cleaned


NOT_RELEVANT = "nr"


class RatingsForm(forms.Form):
    """One party's ratings: per section a value on the evaluations' scale or "not relevant", and a reason.

    The fields are `value_<section id>` and `reason_<section id>`; `ratings()` gives them to the service,
    which checks the scale and, at hand-in, that every section is rated.
    """

    def __init__(self, *args, sections: list[dict], current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        choices = [(str(value), label) for value, label in SCALE] + [(NOT_RELEVANT, _("Not relevant"))]
        for section in sections:
            rating = current.get(section["id"])
            initial = ""
            if rating is not None:
                initial = NOT_RELEVANT if rating.not_relevant else str(rating.value or "")
            self.fields[f"value_{section['id']}"] = forms.ChoiceField(
                label=section["title"],
                choices=choices,
                required=False,
                initial=initial,
                widget=forms.RadioSelect,
            )
            self.fields[f"reason_{section['id']}"] = forms.CharField(
                label=_("Reason"),
                required=False,
                max_length=1000,
                initial=rating.reason if rating is not None else "",
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-input"}),
            )

    def rows(self) -> list[tuple[dict, forms.BoundField, forms.BoundField]]:
        return [(s, self[f"value_{s['id']}"], self[f"reason_{s['id']}"]) for s in self.sections]

    def ratings(self) -> dict[int, RatingInput]:
        ratings = {}
        for section in self.sections:
            value = self.cleaned_data.get(f"value_{section['id']}") or ""
            ratings[section["id"]] = RatingInput(
                value=int(value) if value.isdigit() else None,
                not_relevant=value == NOT_RELEVANT,
                reason=self.cleaned_data.get(f"reason_{section['id']}") or "",
            )
        return ratings


class TopicForm(DesignSystemForm, forms.Form):
    title = forms.CharField(
        label=_("Topic"), max_length=300, help_text=_("A topic you want to talk about, added to the agenda.")
    )


class AgendaNotesForm(DesignSystemForm, forms.Form):
    notes = forms.CharField(
        label=_("Shared notes"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Both of you read and write these notes."),
    )
    done = forms.BooleanField(label=_("Done"), required=False)


class PrivateNoteForm(DesignSystemForm, forms.Form):
    text = forms.CharField(
        label=_("My private note"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only you ever read this note: not the other party, not an administrator."),
    )


class SummaryForm(DesignSystemForm, forms.Form):
    summary = forms.CharField(
        label=_("Summary of the dialogue"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you talked about and agreed, in a few lines. Both of you approve it."),
    )


class GoalForm(DesignSystemForm, forms.Form):
    """An agreed goal, tied to an expectation of the leader's level and, if they like, a report statement."""

    title = forms.CharField(label=_("Goal"), max_length=300)
    expectation = forms.TypedChoiceField(
        label=_("Expectation it works on"), coerce=int, required=False, empty_value=None
    )
    report_statement = forms.ChoiceField(
        label=_("Statement of the 360° report"),
        required=False,
        help_text=_("A blind spot or hidden strength of the latest report, if the goal builds on it."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, expectations: list, statements: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        expectation = cast(forms.ChoiceField, self.fields["expectation"])
        expectation.choices = [("", _("None in particular")), *expectations]
        statement = cast(forms.ChoiceField, self.fields["report_statement"])
        statement.choices = [("", _("None")), *[(text, text) for text in statements]]


class FollowUpsForm(DesignSystemForm, forms.Form):
    first = forms.DateField(label=_("First follow-up"), widget=DATE)
    second = forms.DateField(label=_("Second follow-up"), widget=DATE, required=False)

    def dates(self) -> list:
        return [day for day in (self.cleaned_data["first"], self.cleaned_data.get("second")) if day]


class FollowUpRecordForm(DesignSystemForm, forms.Form):
    notes = forms.CharField(
        label=_("Status"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How far the goals have come, and what you agreed now."),
    )


DONT_KNOW = "dont_know"


class ImpactForm(forms.Form):
    """ "Did the dialogue and the plan develop you as a leader?" on the evaluations' scale, or don't know."""

    value = forms.ChoiceField(
        label=_("Have the dialogue and the plan developed you as a leader?"),
        choices=[(str(value), label) for value, label in SCALE] + [(DONT_KNOW, _("Don't know"))],
        widget=forms.RadioSelect,
    )

"""Forms of the sparring log: a session with its next steps, and a step to add to the plan."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm
from grundlag.frameworks.models import Section

from ..models import Goal, SparringKind

DATE = forms.DateInput(attrs={"type": "date", "class": "form-input"}, format="%Y-%m-%d")


class SparringForm(DesignSystemForm, forms.Form):
    kind = forms.ChoiceField(label=_("Sparring"), choices=SparringKind.choices, widget=forms.RadioSelect)
    partner = forms.CharField(
        label=_("With whom"),
        max_length=200,
        required=False,
        help_text=_("A name or a role, as you like: only you read it."),
    )
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    sections = forms.TypedMultipleChoiceField(
        label=_("Themes"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The sections of the leadership foundation at your level that you talked about."),
    )
    notes = forms.CharField(
        label=_("Notes"), max_length=10000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    steps = forms.CharField(
        label=_("Next steps"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line. Each can be added to your development plan as an action."),
    )

    def __init__(self, *args: Any, themes: list[Section], **kwargs: Any):
        super().__init__(*args, **kwargs)
        sections = cast(forms.TypedMultipleChoiceField, self.fields["sections"])
        sections.choices = [(section.pk, section.title) for section in themes]

    def step_lines(self) -> list[str]:
        return (self.cleaned_data.get("steps") or "").splitlines()


class GoalChoiceField(forms.ModelChoiceField):
    """A goal by its title, and the team's name for a goal of a team plan."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.plan.team_name})" if obj.plan.team_name else obj.title


class StepToPlanForm(DesignSystemForm, forms.Form):
    goal = GoalChoiceField(
        label=_("Under the goal"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("A new goal named after the session"),
    )

    def __init__(self, *args: Any, goals: QuerySet[Goal], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(GoalChoiceField, self.fields["goal"]).queryset = goals

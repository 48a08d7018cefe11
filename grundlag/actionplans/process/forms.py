"""Forms of the 5F process: starting one, its team, a contribution, and moving the team to another step."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm, ModelChoices
from grundlag.organisation.models import Person, Unit

from ..models import ProcessStep


class StartForm(DesignSystemForm, forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        help_text=_("The effort you will work with; it becomes the action plan's area of effort."),
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), empty_label=None)
    team_members = ModelChoices(
        label=_("The team's other leaders"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("They read the process and write in it as you do; nobody else sees it."),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], candidates: QuerySet[Person], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
        cast(forms.ModelMultipleChoiceField, self.fields["team_members"]).queryset = candidates


class TeamForm(DesignSystemForm, forms.Form):
    team_members = ModelChoices(
        label=_("The team's other leaders"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("They read the process and write in it as you do; nobody else sees it."),
    )

    def __init__(self, *args: Any, candidates: QuerySet[Person], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["team_members"]).queryset = candidates


class EntryForm(DesignSystemForm, forms.Form):
    text = forms.CharField(
        label=_("Your contribution"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write your contribution first.")},
    )


class DecisionForm(EntryForm):
    """In Frigør a contribution is a decision, which becomes an action of the plan."""

    text = forms.CharField(
        label=_("Your decision"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One action a decision: it becomes one action (Tiltag) of the action plan."),
        error_messages={"required": _("Write your decision first.")},
    )


def entry_form(*, step: str, data: Any = None, initial: dict[str, Any] | None = None) -> EntryForm:
    """The form for a contribution to the step: a decision in Frigør, else a contribution."""
    form_class = DecisionForm if step == ProcessStep.FRIGOER else EntryForm
    return form_class(data, initial=initial)


class MoveForm(forms.Form):
    step = forms.ChoiceField(choices=ProcessStep.choices)

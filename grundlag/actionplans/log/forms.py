"""The form of an entry of a unit's evaluation log."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm, ModelChoices
from grundlag.indicators.models import Indicator

from ..models import ActionPlan

DATE = forms.DateInput(attrs={"type": "date", "class": "form-input"}, format="%Y-%m-%d")


class EntryForm(DesignSystemForm, forms.Form):
    evaluated_on = forms.DateField(label=_("Date"), widget=DATE)
    subject = forms.CharField(label=_("What was evaluated"), max_length=300)
    data_used = forms.CharField(
        label=_("With which data"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "E.g. the well-being survey, observations in class, a conversation with the pupils' council."
        ),
    )
    indicators = ModelChoices(
        label=_("Indicators used"),
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    conclusion = forms.CharField(
        label=_("What was concluded"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    decision = forms.CharField(
        label=_("What was decided"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    look_again_on = forms.DateField(label=_("Look again on"), required=False, widget=DATE)
    plan = forms.ModelChoiceField(
        label=_("Action plan"),
        queryset=ActionPlan.objects.none(),
        required=False,
        empty_label=_("None"),
        help_text=_("The unit's action plan the evaluation concerns, if any."),
    )

    def __init__(self, *args: Any, indicators: Any, plans: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["indicators"]).queryset = indicators
        cast(forms.ModelChoiceField, self.fields["plan"]).queryset = plans

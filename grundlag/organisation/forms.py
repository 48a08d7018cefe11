from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "form-input", **(attrs or {})}, format="%Y-%m-%d")


class OnDateForm(DesignSystemForm, forms.Form):
    """The day the organisation is shown as it was (today when empty)."""

    on = forms.DateField(label=_("The organisation on"), required=False, widget=DateInput())


class ChartForm(OnDateForm):
    q = forms.CharField(label=_("Find a unit"), required=False, max_length=100)


class LevelFilterForm(OnDateForm):
    """A day and, optionally, one leadership level of the organisation's foundation."""

    level = forms.ChoiceField(label=_("Level"), required=False)

    def __init__(self, *args, level_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [("", _("All levels")), *level_choices]


class SpanOfControlForm(LevelFilterForm):
    threshold = forms.IntegerField(
        label=_("Flag leaders with more direct reports than"),
        min_value=1,
        max_value=1000,
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-input input-width-xs"}),
    )
    field_order = ["on", "threshold", "level"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["threshold"].widget.attrs["placeholder"] = str(settings.SPAN_OF_CONTROL_THRESHOLD)

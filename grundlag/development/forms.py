"""Forms of leader development: scheduling a dialogue and opening an LUS round."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm
from grundlag.organisation.models import Person, Unit

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

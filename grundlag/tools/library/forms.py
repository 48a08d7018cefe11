"""The owner's form for placing a knowledge-sharing document in the library."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm
from grundlag.organisation.models import Unit

from ..models import LibraryAudience


class PlaceForm(DesignSystemForm, forms.Form):
    audience = forms.ChoiceField(
        label=_("Who reads it in the library"),
        choices=LibraryAudience.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    unit = forms.ChoiceField(
        label=_("My unit"),
        required=False,
        help_text=_("When the leaders of your unit read it: those of this unit and of the units below it."),
    )

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.units = {str(unit.pk): unit for unit in units}
        unit = cast(forms.ChoiceField, self.fields["unit"])
        unit.choices = [("", _("Choose the unit")), *[(pk, unit.name) for pk, unit in self.units.items()]]
        if len(units) == 1:
            unit.initial = str(units[0].pk)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("audience") == LibraryAudience.UNIT and not cleaned.get("unit"):
            self.add_error("unit", _("Choose the unit whose leaders read it."))
        return cleaned

    def chosen_unit(self) -> Unit | None:
        return self.units.get(self.cleaned_data.get("unit") or "")

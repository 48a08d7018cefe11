"""The forms of nominating: the name search and the chosen person."""

from django import forms
from django.utils.translation import gettext_lazy

from grundlag.core.forms import DesignSystemForm
from grundlag.organisation.models import Person

from ..cycles.selectors import SEARCH_MIN_LETTERS
from ..models import RaterGroup
from .selectors import NOMINABLE_GROUPS

GROUP_CHOICES = [(group.value, group.label) for group in NOMINABLE_GROUPS]


class NominationSearchForm(DesignSystemForm, forms.Form):
    group = forms.ChoiceField(
        label=gettext_lazy("Nominate as"),
        choices=GROUP_CHOICES,
        initial=RaterGroup.PEER,
        help_text=gettext_lazy(
            "Peer leaders must hold a leadership post; others can be anyone in the organisation."
        ),
    )
    q = forms.CharField(
        label=gettext_lazy("Name"),
        min_length=SEARCH_MIN_LETTERS,
        max_length=100,
        help_text=gettext_lazy("At least 3 letters of the person's name."),
    )


class NominationForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.filter(erased_at__isnull=True))
    group = forms.ChoiceField(choices=GROUP_CHOICES)

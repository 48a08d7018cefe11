"""Forms of the indicators pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class UnitSearchForm(forms.Form):
    """The administrator's search for a unit on the indicators' index."""

    q = forms.CharField(label=_("Find a unit"), required=False, max_length=100)

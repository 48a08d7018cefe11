from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm

from . import selectors
from .sentences import action_label


class AuditFilterForm(DesignSystemForm, forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    user: "forms.ModelChoiceField[User]" = forms.ModelChoiceField(
        label=_("User"), required=False, queryset=None, empty_label=_("All users")
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions"))] + [
            (action, action_label(action)) for action in selectors.audit_actions()
        ]
        self.fields["user"].queryset = selectors.audit_users()
        self.fields["user"].label_from_instance = lambda user: user.get_username()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_from"] > cleaned["date_to"]:
            raise forms.ValidationError(_("The start date must be on or before the end date."))
        return cleaned

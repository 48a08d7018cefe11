"""The form of a newsletter: its subject and text."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm

from ..models import Newsletter


class NewsletterForm(DesignSystemForm, forms.ModelForm):
    class Meta:
        model = Newsletter
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}
        labels = {"subject": _("Subject"), "body": _("Text")}

"""Forms of the confidential advice: a request (subject and first message) and a message in its thread."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm

from ..models import AdviceMessage, AdviceRequest

SUBJECT_MAX = AdviceRequest._meta.get_field("subject").max_length
TEXT_MAX = AdviceMessage._meta.get_field("text").max_length


class AdviceRequestForm(DesignSystemForm, forms.Form):
    subject = forms.CharField(
        label=_("Subject"),
        max_length=SUBJECT_MAX,
        help_text=_("A few words on what you would like to talk about."),
    )
    text = forms.CharField(
        label=_("Your message"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What is on your mind, and how a consultant best reaches you for a conversation."),
    )


class AdviceMessageForm(DesignSystemForm, forms.Form):
    text = forms.CharField(label=_("Message"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5}))

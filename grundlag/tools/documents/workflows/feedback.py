"""The feedback model (Alrø, Dahl & Schumann): what the feedback is for, to whom and when, and the four steps,
each with the source's description and sentence starters as its hint. Feedback starts from an observation."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ...models import ToolVersion
from .base import DATE, DocumentForm, text_field

PURPOSES = [("prepare", _("Prepare feedback")), ("record", _("Record feedback given"))]


class FeedbackForm(DocumentForm):
    purpose = forms.ChoiceField(label=_("The feedback is"), choices=PURPOSES, widget=forms.RadioSelect)
    recipient = forms.CharField(label=_("To whom"), max_length=300, required=False)
    given_on = forms.DateField(label=_("When"), required=False, widget=DATE)

    def __init__(self, *args: Any, version: ToolVersion, **kwargs: Any):
        super().__init__(*args, version=version, **kwargs)
        for step in version.content.get("steps", []):
            starters = " ".join(step.get("sentence_starters", []))
            hint = step.get("description", "")
            if starters:
                hint = _("%(description)s. Sentence starters: %(starters)s") % {
                    "description": hint,
                    "starters": starters,
                }
            self.fields[step["key"]] = text_field(
                label=step["name"], help_text=hint, required=step["number"] == 1
            )
            self.fields[step["key"]].error_messages["required"] = _(
                "Feedback starts from an observation: write what you saw or heard."
            )

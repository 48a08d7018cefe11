"""Knowledge sharing: the source's two steps — describe knowledge and experience in its context, then
translate it to one's own context — and a few subject words that others search the library by. The steps'
names are the source's; the hints are ours (the source has only the names). Under the document, its owner puts
it in the knowledge-sharing library (tools/library/)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ...models import ToolVersion
from .base import DocumentForm, text_field

HINTS = {
    1: _("What the knowledge or experience is, where it comes from, with whom, and what happened."),
    2: _("What it could mean where you lead: what you would do, adapt or leave out, and with whom."),
}


class KnowledgeForm(DocumentForm):
    extra_template = "tools/library/_document_library.html"

    def __init__(self, *args: Any, version: ToolVersion, **kwargs: Any):
        super().__init__(*args, version=version, **kwargs)
        for step in version.content.get("steps", []):
            field = text_field(
                label=step["name"],
                help_text=HINTS.get(step["number"], ""),
                required=step["number"] == 1,
                rows=6,
            )
            field.error_messages["required"] = _(
                "Describe the knowledge and experience in its context before you translate it."
            )
            self.fields[step["key"]] = field
        self.fields["subject_words"] = forms.CharField(
            label=_("Subject words"),
            help_text=_("A few words that others find it by in the library, separated by commas."),
            max_length=300,
            required=False,
            widget=forms.TextInput(attrs={"class": "form-input"}),
        )

"""The form of the meeting planner's own actions: which agenda template to add."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from grundlag.core.forms import DesignSystemForm

from .agenda_templates import AgendaTemplate


def _choice_label(template: AgendaTemplate) -> str:
    return ngettext(
        "%(name)s: %(count)s item, %(minutes)s minutes",
        "%(name)s: %(count)s items, %(minutes)s minutes",
        len(template.items),
    ) % {"name": template.name, "count": len(template.items), "minutes": template.minutes}


class AgendaTemplateForm(DesignSystemForm, forms.Form):
    template = forms.ChoiceField(
        label=_("Meeting type"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the meeting types.")},
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, templates: tuple[AgendaTemplate, ...], **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [(template.key, _choice_label(template)) for template in templates]
        cast(forms.ChoiceField, self.fields["template"]).choices = choices

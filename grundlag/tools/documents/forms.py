"""Forms of the tool documents: the form of a document's tool (workflows/, one module per tool), what a
document holds as sections and diagram, the start form, the sharing form and the form that links a document to
sections of the foundation."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm
from grundlag.frameworks.models import Section as FoundationSection
from grundlag.networks.events.forms import PeopleField

from ..models import ToolDocument
from .workflows import workflow_for
from .workflows.base import DocumentForm, Section


def _workflow(document: ToolDocument) -> type[DocumentForm]:
    workflow = workflow_for(tool=document.tool)
    if workflow is None:
        raise LookupError(f"the tool {document.tool.key} has no workflow")
    return workflow


def document_form(*, document: ToolDocument, data: Any = None) -> DocumentForm:
    """The form of a document's tool, bound to posted data or filled with what the document holds."""
    initial = {"title": document.title, "revision": document.revision, **document.data}
    return _workflow(document)(data, version=document.version, initial=initial, owner=document.owner)


def document_sections(*, document: ToolDocument, data: dict[str, Any] | None = None) -> list[Section]:
    """What a document holds (or the given data would), as texts and tables in the tool's words."""
    return document_read(document=document, data=data)[0]


def document_read(*, document: ToolDocument, data: dict[str, Any] | None = None) -> tuple[list[Section], str]:
    """What a document holds as its sections and its tool's diagram ("" for a tool without one), read by one
    instance of the tool's form."""
    form = _workflow(document)(version=document.version)
    data = document.data if data is None else data
    return form.sections(data), form.diagram(data)


def document_extra_template(*, document: ToolDocument) -> str:
    """The partial with the tool's own actions under a document; "" for none."""
    return _workflow(document).extra_template


class StartForm(DesignSystemForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)


class ShareForm(DesignSystemForm, forms.Form):
    team_members = PeopleField(
        label=_("Team members (e-mail addresses)"),
        required=False,
        help_text=_("They read and edit the document; one a line."),
    )
    shared_with_superior = forms.BooleanField(
        label=_("Share with my superiors"),
        required=False,
        help_text=_("The leaders above you in the chain read the document; they cannot change it."),
    )


class FoundationLinkForm(DesignSystemForm, forms.Form):
    """Link one more section of the foundation to a document (`add`) or unlink one (`remove`); `sections()` is
    what the document links to after the change."""

    add = forms.TypedChoiceField(
        label=_("Link to a section"),
        coerce=int,
        help_text=_("The sections of the published leadership foundations, by foundation."),
        error_messages={"required": _("Choose a section of the foundation to link.")},
    )
    remove = forms.TypedChoiceField(coerce=int, required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, linked: list[FoundationSection], available: list[FoundationSection], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.fields["add"].required = not self.data.get("remove")  # unlinking one needs no other chosen
        self.linked = linked
        linked_ids = {section.pk for section in linked}
        self.available = {section.pk: section for section in available if section.pk not in linked_ids}
        groups: dict[str, list[tuple[int, str]]] = {}
        for section in self.available.values():
            groups.setdefault(section.version.framework.name, []).append((section.pk, section.title))
        cast(forms.ChoiceField, self.fields["add"]).choices = [("", _("Choose a section")), *groups.items()]
        removable = [(section.pk, section.title) for section in linked]
        cast(forms.ChoiceField, self.fields["remove"]).choices = removable

    def sections(self) -> list[FoundationSection]:
        """The sections linked after the change."""
        removed, added = self.cleaned_data.get("remove"), self.cleaned_data.get("add")
        kept = [section for section in self.linked if section.pk != removed]
        return kept + ([self.available[added]] if added else [])

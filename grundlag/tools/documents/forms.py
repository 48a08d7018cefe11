"""Forms of the tool documents: the form of a document's tool (workflows/, one module per tool), what a
document holds as sections and diagram, the start form and the sharing form."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm
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
    return _workflow(document)(data, version=document.version, initial=initial)


def document_sections(*, document: ToolDocument, data: dict[str, Any] | None = None) -> list[Section]:
    """What a document holds (or the given data would), as texts and tables in the tool's words."""
    form = _workflow(document)(version=document.version)
    return form.sections(document.data if data is None else data)


def document_diagram(*, document: ToolDocument) -> str:
    """The tool's diagram of what the document holds; "" for a tool without one."""
    return _workflow(document)(version=document.version).diagram(document.data)


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

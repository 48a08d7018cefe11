"""The tools that have a workflow, by key: the form a document of the tool is filled in with (see base.py).
A new workflow is one module here and one line in WORKFLOWS."""

from ...models import Tool
from .base import DocumentForm
from .feedback import FeedbackForm
from .notes import NotesForm

WORKFLOWS: dict[str, type[DocumentForm]] = {
    "feedbackmodel": FeedbackForm,
    "noter": NotesForm,
}


def workflow_for(*, tool: Tool) -> type[DocumentForm] | None:
    """The workflow a tool's documents are filled in with (a local variant's is its built-in tool's); None
    for a tool that is only read."""
    return WORKFLOWS.get(tool.workflow_key)

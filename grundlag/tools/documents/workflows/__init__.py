"""The tools that have a workflow, by key: the form a document of the tool is filled in with (see base.py).
A new workflow is one module here and one line in WORKFLOWS."""

from ...models import Tool
from .base import DocumentForm
from .consultant import ConsultantForm
from .distributed import DistributedForm
from .feedback import FeedbackForm
from .knowledge import KnowledgeForm
from .meeting import MeetingForm
from .notes import NotesForm
from .paradox import ParadoxForm
from .relations import RelationsForm

WORKFLOWS: dict[str, type[DocumentForm]] = {
    "distribueret-ledelse": DistributedForm,
    "videndeling": KnowledgeForm,
    "feedbackmodel": FeedbackForm,
    "noter": NotesForm,
    "moedeplanlaegning": MeetingForm,
    "paradoksmodel": ParadoxForm,
    "relationsanalysen": RelationsForm,
    "konsulentroller": ConsultantForm,
}


def workflow_for(*, tool: Tool) -> type[DocumentForm] | None:
    """The workflow a tool's documents are filled in with (a local variant's is its built-in tool's); None
    for a tool that is only read."""
    return WORKFLOWS.get(tool.workflow_key)

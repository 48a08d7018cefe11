"""The tools that have a workflow, by key: the form a document of the tool is filled in with (see base.py).
A new workflow is one module here and one line in WORKFLOWS."""

from .base import DocumentForm
from .feedback import FeedbackForm
from .notes import NotesForm

WORKFLOWS: dict[str, type[DocumentForm]] = {
    "feedbackmodel": FeedbackForm,
    "noter": NotesForm,
}

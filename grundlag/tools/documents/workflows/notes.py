"""Notes: the tool's one text field, labelled as in the source."""

from typing import Any

from ...models import ToolVersion
from .base import DocumentForm, text_field


class NotesForm(DocumentForm):
    def __init__(self, *args: Any, version: ToolVersion, **kwargs: Any):
        super().__init__(*args, version=version, **kwargs)
        for field in version.content.get("fields", []):
            self.fields[field["key"]] = text_field(label=field["label"], rows=10)

"""Reading the answers out of a posted answer form; the fields are named `q-<question id>`."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_FIELD = re.compile(r"^q-(.*)$")


def field_name(question_id: int) -> str:
    return f"q-{question_id}"


def posted_answers(data) -> dict[int, str]:
    """Question id → the raw posted value; a malformed field name is a tampered form."""
    answers = {}
    for key in data:
        match = _FIELD.match(key)
        if not match:
            continue
        if not match.group(1).isdigit() or len(match.group(1)) > 18:
            raise ValidationError(_("The form was changed and cannot be saved."), code="tampered")
        values = data.getlist(key)
        if len(values) != 1:
            raise ValidationError(_("The form was changed and cannot be saved."), code="tampered")
        answers[int(match.group(1))] = values[0]
    return answers

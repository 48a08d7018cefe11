"""Reads of the organisation import: the plan a file would make, stored uploads and their status, and
the uploads a user may see."""

import datetime
import json
from collections.abc import MutableMapping
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from grundlag.core.rules import require

from ..models import Source
from .planning import ImportOutcome, ImportPlan, Progress, plan_build
from .readers import read
from .readers.common import Problem

# Uploads wait in the default storage under a random token, with a status file beside each.
FOLDER = "organisation-imports"
# The session keeps the uploads its user made: token → filename, format and mapping (and the result).
SESSION_KEY = "organisation_imports"
Pending = dict[str, Any]


def org_import_plan(
    *,
    data: bytes,
    filename: str,
    format: str | None = None,
    source: str | None = None,
    mapping: dict[str, str] | None = None,
    framework_slug: str | None = None,
    today: datetime.date | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Read the file and compare it with the database: new, changed, ended and unchanged, and problems."""
    limit = settings.ORGANISATION_UPLOAD_MAX_BYTES
    if len(data) > limit:
        outcome = ImportOutcome(format or "", source or "")
        outcome.problems.append(
            Problem(
                filename,
                None,
                "",
                _("The file is %(size)s bytes; the largest file accepted is %(limit)s bytes.")
                % {"size": len(data), "limit": limit},
            )
        )
        return ImportPlan(outcome, [], framework_slug or "", today or timezone.localdate())
    result = read(data, filename=filename, format=format, mapping=mapping)
    problems = list(result.problems)
    if source is not None and source not in Source.values:
        problems.append(Problem(filename, None, "", _("Unknown source %(source)s.") % {"source": source}))
    return plan_build(
        format=result.format,
        source=source or result.source,
        rows=result.rows,
        read_problems=problems,
        framework_slug=framework_slug or settings.ORGANISATION_FRAMEWORK,
        today=today or timezone.localdate(),
        progress=progress,
    )


def uploads_for_user(*, user: Any, session: MutableMapping[str, Any]) -> dict[str, Pending]:
    """The uploads this session made, for a user who may import; 403 for anyone else."""
    require(user, "organisation.import")
    return session.get(SESSION_KEY, {})


def upload_get_for_user(*, user: Any, session: MutableMapping[str, Any], token: str) -> Pending:
    """The upload the token names, if this session made it (else 404), for a user who may import."""
    pending = uploads_for_user(user=user, session=session).get(token)
    if pending is None:
        raise Http404("No such import.")
    return pending


def upload_read(*, token: str) -> bytes | None:
    """The stored upload, or None once it is gone."""
    name = f"{FOLDER}/{token}.upload"
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as file:
        return file.read()


def upload_status_read(*, token: str) -> dict[str, Any] | None:
    """What the background task last reported, or None before it starts."""
    name = f"{FOLDER}/{token}.json"
    try:
        with default_storage.open(name, "rb") as file:
            return json.loads(file.read())
    except (FileNotFoundError, ValueError):
        return None

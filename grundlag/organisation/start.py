"""What the organisation puts on the start page: a leader's expectations and people, the recent imports.

A person who leads no one gets nothing from here: the start page of a respondent is about what they
are asked to answer, not about leading people.
"""

import re
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User

from grundlag.audit.models import AuditEvent
from grundlag.core.rules import is_administrator
from grundlag.core.start import StartSection, start_sections
from grundlag.frameworks.models import Level
from grundlag.frameworks.selectors import SectionContent

from .models import Post
from .selectors import (
    direct_reports,
    expected_at_level_for_post,
    level_current,
    person_for_user,
    posts_active,
)

IMPORTS_SHOWN = 5
_COUNTS = re.compile(r"\b(new|changed|ended)=(\d+),(\d+),(\d+)")
_ROWS = re.compile(r"\brows=(\d+)")
_ERRORS = re.compile(r"\berrors=(\d+)")
_REASON = re.compile(r"\breason=(\w+)")


@dataclass
class ExpectedAtPost:
    post: Post
    level: Level
    sections: list[SectionContent]


@dataclass
class ImportDone:
    """One organisation import as the audit log recorded it: when, by whom, and what it changed, or why
    it changed nothing (`failed`: one of `uploads.IMPORT_FAILURES`)."""

    event: AuditEvent
    rows: int | None
    counts: dict[str, tuple[int, int, int]]  # new/changed/ended → (units, people, posts)
    failed: str = ""
    errors: int = 0


def expected_of_me_for_user(*, user: User | AnonymousUser) -> list[ExpectedAtPost]:
    """The signed-in leader's posts on a level, each with what its level expects (latest version)."""
    person = person_for_user(user=user)
    if person is None:
        return []
    return [
        ExpectedAtPost(post=post, level=level, sections=expected_at_level_for_post(level=level))
        for post in posts_active(person=person)
        if post.level and (level := level_current(level=post.level))
    ]


def imports_recent_for_user(*, user: User | AnonymousUser) -> list[ImportDone]:
    """For an administrator: the latest organisation imports, applied or not, and their outcome, newest
    first."""
    if not is_administrator(user):
        return []
    events = AuditEvent.objects.filter(action__in=["organisation.import", "organisation.import_failed"])
    return [
        ImportDone(
            event=event,
            rows=int(rows.group(1)) if (rows := _ROWS.search(event.detail)) else None,
            counts={
                m.group(1): (int(m.group(2)), int(m.group(3)), int(m.group(4)))
                for m in _COUNTS.finditer(event.detail)
            },
            failed=reason.group(1) if (reason := _REASON.search(event.detail)) else "",
            errors=int(errors.group(1)) if (errors := _ERRORS.search(event.detail)) else 0,
        )
        for event in events.select_related("user")[:IMPORTS_SHOWN]
    ]


@start_sections
def organisation_start_sections(*, user: User | AnonymousUser) -> list[StartSection]:
    """A leader's expectations and the people they lead; an administrator's recent imports."""
    sections = []
    expected = expected_of_me_for_user(user=user)
    person = person_for_user(user=user)
    reports = direct_reports(person=person).count() if person is not None else 0
    if expected or reports:
        sections.append(
            StartSection(
                template="organisation/_start_expected.html",
                context={"expected": expected, "reports": reports},
                order=20,
            )
        )
    if is_administrator(user):
        sections.append(
            StartSection(
                template="organisation/_start_imports.html",
                context={"imports": imports_recent_for_user(user=user)},
                order=50,
            )
        )
    return sections

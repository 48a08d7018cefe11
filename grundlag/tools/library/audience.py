"""Who reads a document in the knowledge-sharing library: the one place that decides it, for the library's
search and for opening a document (tools/documents/selectors.py asks `library_reads`).

A document in the library for its unit is read by the leaders whose posts lie in that unit or below it; one
in the library for the organisation by every leader. A leader is who the organisation's rule says
(`is_leader`); the administrator is not a reader (no one is, by being an administrator), nor is a
respondent. The document's own readers (owner, team members, superiors it is shared with) are decided
elsewhere; taking it out of the library takes away the library's readers at once, as nothing here is kept.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from grundlag.core.rules import is_administrator
from grundlag.organisation.models import Person, Post, Unit
from grundlag.organisation.selectors import (
    is_leader,
    posts_active,
    today,
    unit_subtree_q,
    units_with_ancestors,
)

from ..models import LibraryAudience, ToolDocument

Viewer = User | AnonymousUser

# The tool whose documents go in the library (a local variant of it too).
LIBRARY_TOOL = "videndeling"


def units_led(*, person: Person) -> list[Unit]:
    """The units the person leads today: those of their posts on a leadership level, or, for a leader by
    having people reporting to them only, those of all their posts; by name."""
    posts = list(posts_active(person=person))
    led = [post for post in posts if post.level_id is not None] or posts
    units = {post.unit_id: post.unit for post in led}
    return sorted(units.values(), key=lambda unit: (unit.name, unit.pk))


def is_library_reader(*, user: Viewer, person: Person) -> bool:
    """Whether the person (signed in as the user) reads the library at all: a leader, not an administrator."""
    return not is_administrator(user) and is_leader(person=person)


def library_documents_readable(*, user: Viewer, person: Person) -> QuerySet[ToolDocument]:
    """The documents in the library that the person reads: those for the organisation, and those for a unit
    that one of the person's posts lies in or below; none for anyone who is not a reader."""
    if not is_library_reader(user=user, person=person):
        return ToolDocument.objects.none()
    units = [post.unit for post in posts_active(person=person)]
    around = {unit.pk for unit in units}
    around |= {ancestor.pk for _unit, above in units_with_ancestors(units=units) for ancestor in above}
    return ToolDocument.objects.filter(
        Q(library_audience=LibraryAudience.ORGANISATION)
        | Q(library_audience=LibraryAudience.UNIT, library_unit_id__in=around)
    )


def library_reads(*, user: Viewer, person: Person, document: ToolDocument) -> bool:
    """Whether the person reads this one document because it is in the library."""
    if not document.library_audience or not is_library_reader(user=user, person=person):
        return False
    if document.library_audience == LibraryAudience.ORGANISATION:
        return True
    unit = document.library_unit
    if unit is None:
        return False
    in_unit = unit_subtree_q(unit=unit, prefix="unit__")
    return Post.objects.active_on(today()).filter(in_unit, person=person).exists()

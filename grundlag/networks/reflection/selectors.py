"""Who reads and writes a forum's reflection questions.

A set belongs to its forum's group: the forum's members and organisers (an administrator organises every
forum); a set made for an event is read by the event's participants (a place signed up) and organisers as
well. The group reads every note on the set's questions, with its author's name; an author edits and deletes
their own notes. The forum's organisers make, edit and remove sets. To anyone outside the group a set is not
there (404), whether the forum is open to them or not.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from grundlag.frameworks.models import FrameworkVersion, Section, SectionKind
from grundlag.organisation.models import Person
from grundlag.organisation.selectors import person_for_user

from ..events.selectors import ForumAccess, event_organises, forum_access, forum_get_for_user
from ..models import Event, Forum, Place, PlaceStatus, ReflectionNote, ReflectionQuestion, ReflectionSet

Viewer = User | AnonymousUser


@dataclass(frozen=True)
class ReflectionGroup:
    """What the user is to a set: the person they are (if any), in its group (reads and writes notes),
    one who organises it (edits the set and its questions)."""

    person: Person | None
    reads: bool
    organises: bool


def reflection_group(*, user: Viewer, reflection_set: ReflectionSet) -> ReflectionGroup:
    """What the user is to the set's group (see the module's docstring)."""
    if not user.is_authenticated or not user.is_active:
        return ReflectionGroup(person=None, reads=False, organises=False)
    access = forum_access(user=user, forum=reflection_set.forum)
    person = person_for_user(user=user)
    event = reflection_set.event
    reads = access.organiser or access.member
    if not reads and event is not None:
        reads = event_organises(user=user, event=event, forum_access_=access)
    if not reads and event is not None and person is not None:
        reads = Place.objects.filter(event=event, person=person, status=PlaceStatus.SIGNED_UP).exists()
    return ReflectionGroup(person=person, reads=reads, organises=access.organiser)


def _notes() -> Prefetch:
    return Prefetch("notes", queryset=ReflectionNote.objects.select_related("author"))


def _questions() -> Prefetch:
    return Prefetch(
        "questions",
        queryset=ReflectionQuestion.objects.select_related("expectation").prefetch_related(_notes()),
    )


def reflection_set_get_for_user(*, user: Viewer, slug: str, pk: int) -> tuple[ReflectionSet, ReflectionGroup]:
    """A set of the forum with its questions and their notes, and what the user is to its group; 404 for a
    set that is not there or whose group the user is not in."""
    reflection_set = (
        ReflectionSet.objects.filter(forum__slug=slug, pk=pk)
        .select_related("forum", "event", "source_section__version__framework")
        .prefetch_related(_questions())
        .first()
    )
    if reflection_set is None:
        raise Http404
    group = reflection_group(user=user, reflection_set=reflection_set)
    if not group.reads:
        raise Http404
    return reflection_set, group


def reflection_set_to_organise_get_for_user(*, user: Viewer, slug: str, pk: int) -> ReflectionSet:
    """A set the user organises (its forum's organisers, administrators); 404 outside its group, 403 in it."""
    reflection_set, group = reflection_set_get_for_user(user=user, slug=slug, pk=pk)
    if not group.organises:
        raise PermissionDenied
    return reflection_set


def reflection_question_get_for_user(
    *, user: Viewer, reflection_set: ReflectionSet, pk: int
) -> ReflectionQuestion:
    """A question of a set the user has been let into (by `reflection_set_get_for_user`); 404 for another."""
    question = next((q for q in reflection_set.questions.all() if q.pk == pk), None)
    if question is None or not reflection_group(user=user, reflection_set=reflection_set).reads:
        raise Http404
    return question


def reflection_note_get_for_user(*, user: Viewer, reflection_set: ReflectionSet, pk: int) -> ReflectionNote:
    """A note on the set that the user wrote, to edit or delete; 404 for any other, whoever asks."""
    group = reflection_group(user=user, reflection_set=reflection_set)
    note = (
        ReflectionNote.objects.filter(pk=pk, question__set=reflection_set)
        .select_related("question", "author")
        .first()
    )
    if note is None or not group.reads or group.person is None or note.author_id != group.person.pk:
        raise Http404
    return note


def reflection_forum_get_for_user(*, user: Viewer, slug: str) -> tuple[Forum, list[Event]]:
    """A forum the user organises, to make a set for, and its events not cancelled (a set may be made for
    one); 404 for a forum not open to the user, 403 for one they do not organise."""
    forum, access = forum_get_for_user(user=user, slug=slug)
    if not access.organiser:
        raise PermissionDenied
    return forum, list(Event.objects.filter(forum=forum, cancelled_at__isnull=True))


def reflection_sections() -> QuerySet[Section]:
    """The sections of reflection questions in the newest published version of each foundation."""
    newest = (
        FrameworkVersion.objects.filter(status=FrameworkVersion.Status.PUBLISHED)
        .order_by("framework_id", "-number")
        .values_list("framework_id", "pk")
    )
    latest: dict[int, int] = {}
    for framework_id, version_id in newest:
        latest.setdefault(framework_id, version_id)
    return (
        Section.objects.filter(kind=SectionKind.REFLECTION, version_id__in=latest.values())
        .filter(expectations__kind="reflection_question")
        .distinct()
        .select_related("version__framework")
        .order_by("version__framework__name", "position")
    )


def reflection_sets_for_forum(*, forum: Forum, access: ForumAccess) -> list[ReflectionSet]:
    """The forum's sets, for its page: for its members and organisers (with each set's event and number of
    questions); none for anyone else the forum is open to."""
    if not (access.member or access.organiser):
        return []
    return list(
        ReflectionSet.objects.filter(forum=forum).select_related("event").prefetch_related("questions")
    )


def reflection_sets_for_event(*, user: Viewer, event: Event) -> list[ReflectionSet]:
    """The sets made for the event that the user's group reads, for the event's page."""
    sets = ReflectionSet.objects.filter(event=event).select_related("forum", "event")
    return [s for s in sets if reflection_group(user=user, reflection_set=s).reads]


def reflection_notes_of(*, person: Person) -> QuerySet[ReflectionNote]:
    """The notes the person wrote (for their GDPR export)."""
    return ReflectionNote.objects.filter(author=person).select_related("question__set__forum")

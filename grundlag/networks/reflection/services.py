"""Writes of reflection questions: a set copied word for word from a section of a foundation or written by
hand, its title and questions edited by the forum's organisers, and the notes the group shares on each
question (an author edits and deletes their own). The audit rows name the set or note by id only, never what
was written. What the group has written is never deleted by an organiser: a question or set with notes stays.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.frameworks.models import Expectation, ExpectationKind, Section
from grundlag.organisation.models import Person

from ..events.selectors import forum_access
from ..models import Event, Forum, ReflectionNote, ReflectionQuestion, ReflectionSet
from .selectors import reflection_group

_By = User | AnonymousUser | None

MAX_QUESTIONS = 50


def _organiser(*, forum: Forum, by: _By) -> None:
    if by is None or not forum_access(user=by, forum=forum).organiser:
        raise ValidationError(
            _("Only the forum's organisers make and change its reflection questions."), code="not_organiser"
        )


def _event_of(*, forum: Forum, event: Event | None) -> None:
    if event is not None and event.forum_id != forum.pk:
        raise ValidationError(_("The event is not one of the forum's."), code="event")


def _set_new(*, forum: Forum, event: Event | None, title: str, section: Section | None) -> ReflectionSet:
    reflection_set = ReflectionSet(forum=forum, event=event, title=title.strip(), source_section=section)
    reflection_set.full_clean()
    reflection_set.save()
    return reflection_set


def _question_new(
    *, reflection_set: ReflectionSet, text: str, position: int, expectation: Expectation | None = None
) -> ReflectionQuestion:
    question = ReflectionQuestion(set=reflection_set, text=text, position=position, expectation=expectation)
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def reflection_set_from_section(
    *, forum: Forum, event: Event | None = None, section: Section, by: _By
) -> ReflectionSet:
    """A set for the forum (or one of its events) with the section's title and its reflection questions,
    word for word, each tied to the expectation it was copied from."""
    _organiser(forum=forum, by=by)
    _event_of(forum=forum, event=event)
    expectations = list(
        section.expectations.filter(kind=ExpectationKind.REFLECTION_QUESTION).order_by("position")
    )
    if not expectations:
        raise ValidationError(_("The section has no reflection questions."), code="no_questions")
    reflection_set = _set_new(forum=forum, event=event, title=section.title, section=section)
    for position, expectation in enumerate(expectations, start=1):
        _question_new(
            reflection_set=reflection_set, text=expectation.text, position=position, expectation=expectation
        )
    audit_record(user=by, action="networks.reflection_set_create", obj=reflection_set)
    return reflection_set


def _question_texts(questions: list[str]) -> list[str]:
    texts = [" ".join(text.split()) for text in questions]
    texts = [text for text in texts if text]
    if not texts:
        raise ValidationError(_("Write at least one question, one a line."), code="no_questions")
    if len(texts) > MAX_QUESTIONS:
        raise ValidationError(
            _("A set has at most %(n)s questions.") % {"n": MAX_QUESTIONS}, code="too_many_questions"
        )
    return texts


@transaction.atomic
def reflection_set_create(
    *, forum: Forum, event: Event | None = None, title: str, questions: list[str], by: _By
) -> ReflectionSet:
    """A set written by hand: a title and its questions (one a line; blank lines are left out)."""
    _organiser(forum=forum, by=by)
    _event_of(forum=forum, event=event)
    texts = _question_texts(questions)
    reflection_set = _set_new(forum=forum, event=event, title=title, section=None)
    for position, text in enumerate(texts, start=1):
        _question_new(reflection_set=reflection_set, text=text, position=position)
    audit_record(user=by, action="networks.reflection_set_create", obj=reflection_set)
    return reflection_set


@transaction.atomic
def reflection_set_update(*, reflection_set: ReflectionSet, title: str, by: _By) -> ReflectionSet:
    """Rename the set."""
    _organiser(forum=reflection_set.forum, by=by)
    reflection_set.title = title.strip()
    reflection_set.full_clean()
    reflection_set.save(update_fields=["title"])
    audit_record(user=by, action="networks.reflection_set_update", obj=reflection_set)
    return reflection_set


@transaction.atomic
def reflection_set_delete(*, reflection_set: ReflectionSet, by: _By) -> None:
    """Delete a set no one has written a note on."""
    _organiser(forum=reflection_set.forum, by=by)
    if ReflectionNote.objects.filter(question__set=reflection_set).exists():
        raise ValidationError(
            _("The group has written notes on these questions: the set stays, so that their notes are kept."),
            code="has_notes",
        )
    audit_record(user=by, action="networks.reflection_set_delete", obj=reflection_set)
    reflection_set.delete()


@transaction.atomic
def reflection_question_add(*, reflection_set: ReflectionSet, text: str, by: _By) -> ReflectionQuestion:
    """Add a question at the end of the set."""
    _organiser(forum=reflection_set.forum, by=by)
    (text,) = _question_texts([text])
    if reflection_set.questions.count() >= MAX_QUESTIONS:
        raise ValidationError(
            _("A set has at most %(n)s questions.") % {"n": MAX_QUESTIONS}, code="too_many_questions"
        )
    last = reflection_set.questions.aggregate(last=Max("position"))["last"] or 0
    question = _question_new(reflection_set=reflection_set, text=text, position=last + 1)
    audit_record(user=by, action="networks.reflection_question_add", obj=reflection_set)
    return question


@transaction.atomic
def reflection_question_update(*, question: ReflectionQuestion, text: str, by: _By) -> ReflectionQuestion:
    """Reword a question; a question reworded is no longer the foundation's, so it loses its tie to it."""
    _organiser(forum=question.set.forum, by=by)
    (text,) = _question_texts([text])
    if question.expectation is not None and question.expectation.text != text:
        question.expectation = None
    question.text = text
    question.full_clean()
    question.save(update_fields=["text", "expectation"])
    audit_record(user=by, action="networks.reflection_question_update", obj=question.set)
    return question


@transaction.atomic
def reflection_question_remove(*, question: ReflectionQuestion, by: _By) -> None:
    """Remove a question no one has written a note on."""
    _organiser(forum=question.set.forum, by=by)
    if question.notes.exists():
        raise ValidationError(
            _("The group has written notes on this question: it stays, so that their notes are kept."),
            code="has_notes",
        )
    audit_record(user=by, action="networks.reflection_question_remove", obj=question.set)
    question.delete()


def _writer(*, reflection_set: ReflectionSet, by: _By) -> Person:
    group = reflection_group(user=by, reflection_set=reflection_set) if by is not None else None
    if group is None or not group.reads or group.person is None:
        raise ValidationError(
            _("Only the group's members write notes on its reflection questions."), code="not_in_group"
        )
    return group.person


def _own(*, note: ReflectionNote, by: _By) -> None:
    person = _writer(reflection_set=note.question.set, by=by)
    if note.author_id != person.pk:
        raise ValidationError(_("Only the note's author changes or deletes it."), code="not_author")


@transaction.atomic
def reflection_note_add(*, question: ReflectionQuestion, text: str, by: _By) -> ReflectionNote:
    """A note the group shares on the question, written by the signed-in member of its group."""
    author = _writer(reflection_set=question.set, by=by)
    note = ReflectionNote(question=question, author=author, text=text.strip())
    note.full_clean()
    note.save()
    audit_record(user=by, action="networks.reflection_note_add", obj=note)
    return note


@transaction.atomic
def reflection_note_update(*, note: ReflectionNote, text: str, by: _By) -> ReflectionNote:
    """Change one's own note."""
    _own(note=note, by=by)
    note.text = text.strip()
    note.full_clean()
    note.save(update_fields=["text"])
    audit_record(user=by, action="networks.reflection_note_update", obj=note)
    return note


@transaction.atomic
def reflection_note_delete(*, note: ReflectionNote, by: _By) -> None:
    """Delete one's own note."""
    _own(note=note, by=by)
    audit_record(user=by, action="networks.reflection_note_delete", obj=note)
    note.delete()


@transaction.atomic
def reflection_person_erase(*, person: Person) -> None:
    """The person's part of an erasure: the notes they wrote are deleted."""
    ReflectionNote.objects.filter(author=person).delete()

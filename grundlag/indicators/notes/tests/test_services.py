import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from grundlag.audit.models import AuditEvent
from grundlag.indicators.models import DataType, FigureComment, NoteKind, UnitNote
from grundlag.organisation.models import Post

from ..selectors import CommentPeriod, comment_periods
from ..services import (
    figure_comment_create,
    figure_comment_delete,
    figure_comment_update,
    unit_note_create,
    unit_note_delete,
    unit_note_update,
)
from .conftest import note


def test_a_leader_of_the_unit_writes_a_dated_note_with_its_data_type(ahorn, people):
    written = note(unit=ahorn, by=people["lis"].user, title="Observation i 3.a", data_type=DataType.PROCESS)
    written.refresh_from_db()
    assert (written.unit, written.author, written.data_type, written.private) == (
        ahorn,
        people["lis"],
        DataType.PROCESS,
        False,
    )


@pytest.mark.parametrize("who", ["dorte", "bo", "tom", "ulla"])
def test_it_refuses_a_note_from_anyone_but_a_leader_of_the_unit_itself(ahorn, people, who):
    with pytest.raises(ValidationError, match="Only a leader of the unit"):
        note(unit=ahorn, by=people[who].user, title="Ikke min")
    assert not UnitNote.objects.exists()


def test_it_refuses_a_note_from_the_administrator(ahorn, administrator):
    with pytest.raises(ValidationError, match="Only a leader of the unit"):
        note(unit=ahorn, by=administrator, title="Ikke min")


def test_it_refuses_a_date_to_come(ahorn, people):
    with pytest.raises(ValidationError) as refused:
        unit_note_create(
            unit=ahorn,
            data_type=DataType.PERCEPTION,
            kind=NoteKind.STORY,
            observed_on=timezone.localdate() + datetime.timedelta(days=1),
            title="I morgen",
            text="…",
            private=False,
            by=people["lis"].user,
        )
    assert "observed_on" in refused.value.message_dict


def test_only_the_author_changes_or_deletes_a_note(shared_note, people):
    fields = {
        "data_type": DataType.PROCESS,
        "kind": NoteKind.OBSERVATION,
        "observed_on": shared_note.observed_on,
        "title": "Ændret",
        "text": "Ny tekst",
        "private": True,
    }
    for other in ("dorte", "bo"):
        with pytest.raises(ValidationError, match="Only its author"):
            unit_note_update(note=shared_note, **fields, by=people[other].user)
        with pytest.raises(ValidationError, match="Only its author"):
            unit_note_delete(note=shared_note, by=people[other].user)
    unit_note_update(note=shared_note, **fields, by=people["lis"].user)
    shared_note.refresh_from_db()
    assert (shared_note.title, shared_note.private, shared_note.kind) == (
        "Ændret",
        True,
        NoteKind.OBSERVATION,
    )
    unit_note_delete(note=shared_note, by=people["lis"].user)
    assert not UnitNote.objects.exists()


def test_every_write_is_audited_by_its_unit_without_the_text(ahorn, people, wellbeing):
    lis = people["lis"].user
    note(unit=ahorn, by=lis, title="Delt", text="DELT-TEKST")
    private = note(unit=ahorn, by=lis, title="Privat", text="PRIVAT-TEKST", private=True)
    period = comment_periods(unit=ahorn, indicator=wellbeing)[0]
    comment = figure_comment_create(unit=ahorn, indicator=wellbeing, period=period, text="KOMMENTAR", by=lis)
    figure_comment_delete(comment=comment, by=lis)
    unit_note_delete(note=private, by=lis)
    events = list(
        AuditEvent.objects.order_by("pk").values_list("action", "object_type", "object_id", "detail")
    )
    unit = ("organisation.unit", str(ahorn.pk))
    assert events == [
        ("indicators.note_add", *unit, ""),
        ("indicators.note_add", *unit, ""),  # the private note's row is a shared one's
        ("indicators.comment_add", *unit, "indicator=trivsel"),
        ("indicators.comment_delete", *unit, "indicator=trivsel"),
        ("indicators.note_delete", *unit, ""),
    ]


def test_a_comment_is_about_one_period_of_the_units_figures_or_all(ahorn, people, wellbeing):
    lis = people["lis"].user
    older = comment_periods(unit=ahorn, indicator=wellbeing)[1]
    about_one = figure_comment_create(unit=ahorn, indicator=wellbeing, period=older, text="Skift", by=lis)
    about_all = figure_comment_create(unit=ahorn, indicator=wellbeing, period=None, text="Generelt", by=lis)
    assert (about_one.period_kind, about_one.period_start, about_one.period) == (
        "school_year",
        datetime.date(2022, 8, 1),
        "2022/23",
    )
    assert (about_all.period_kind, about_all.period_start, about_all.period) == ("", None, "")


def test_it_refuses_a_comment_on_a_period_or_an_indicator_without_figures_of_the_unit(
    ahorn, small_organisation, people, wellbeing
):
    lis = people["lis"].user
    unknown = CommentPeriod(kind="school_year", start=datetime.date(2019, 8, 1), label="2019/20")
    with pytest.raises(ValidationError, match="no figures of that period"):
        figure_comment_create(unit=ahorn, indicator=wellbeing, period=unknown, text="?", by=lis)
    birk = small_organisation["units"]["birk"]
    with pytest.raises(ValidationError, match="no figures of this indicator"):
        figure_comment_create(unit=birk, indicator=wellbeing, period=None, text="?", by=people["bo"].user)
    assert not FigureComment.objects.exists()


def test_only_a_leader_of_the_unit_comments_and_only_the_author_changes_a_comment(comment, people, wellbeing):
    with pytest.raises(ValidationError, match="Only a leader of the unit"):
        figure_comment_create(
            unit=comment.unit, indicator=wellbeing, period=None, text="?", by=people["dorte"].user
        )
    with pytest.raises(ValidationError, match="Only its author"):
        figure_comment_update(comment=comment, period=None, text="?", by=people["dorte"].user)
    with pytest.raises(ValidationError, match="Only its author"):
        figure_comment_delete(comment=comment, by=people["bo"].user)
    figure_comment_update(comment=comment, period=None, text="Om alle år", by=people["lis"].user)
    comment.refresh_from_db()
    assert (comment.text, comment.period) == ("Om alle år", "")


def test_an_author_who_no_longer_leads_the_unit_no_longer_changes_a_note_or_comment(
    shared_note, comment, people
):
    """A note is written by a leader of the unit: one who has left the post cannot turn a shared note private
    (or rewrite it) afterwards; deleting one's own words stays open to them."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Post.objects.filter(person=people["lis"]).update(end_date=yesterday)
    lis = get_user_model().objects.get(pk=people["lis"].user.pk)  # a new request: nothing cached of her posts
    with pytest.raises(ValidationError, match="Only a leader of the unit"):
        unit_note_update(
            note=shared_note,
            data_type=shared_note.data_type,
            kind=shared_note.kind,
            observed_on=shared_note.observed_on,
            title="Ændret bagefter",
            text=shared_note.text,
            private=True,
            by=lis,
        )
    with pytest.raises(ValidationError, match="Only a leader of the unit"):
        figure_comment_update(comment=comment, period=None, text="Ændret bagefter", by=lis)
    shared_note.refresh_from_db()
    comment.refresh_from_db()
    assert (shared_note.private, shared_note.title, comment.text) == (
        False,
        "Interview med 6.b",
        "Ny legepladsordning i foråret.",
    )
    unit_note_delete(note=shared_note, by=lis)
    assert not UnitNote.objects.filter(pk=shared_note.pk).exists()

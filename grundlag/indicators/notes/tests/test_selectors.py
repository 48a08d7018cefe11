import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from grundlag.indicators.models import DataType
from grundlag.tools.services import tools_builtin_load

from ..selectors import (
    data_types_guidance,
    figure_comment_get_for_user,
    figure_comments_for_user,
    notes_unit_get_for_user,
    notes_unit_to_write_get_for_user,
    unit_note_get_for_user,
    unit_notes_for_user,
)
from .conftest import note


def titles(notes):
    return {n.title for n in notes}


def test_lis_reads_the_shared_notes_and_her_own_private_one(ahorn, people, shared_note, private_note):
    assert titles(unit_notes_for_user(user=people["lis"].user, unit=ahorn)) == {
        "Interview med 6.b",
        "Min egen iagttagelse",
    }


def test_a_leader_above_and_the_administrator_read_the_shared_notes_only(
    ahorn, people, administrator, shared_note, private_note
):
    for user in (people["dorte"].user, administrator):
        assert titles(unit_notes_for_user(user=user, unit=ahorn)) == {"Interview med 6.b"}


@pytest.mark.parametrize("who", ["bo", "tom", "ulla"])
def test_the_notes_and_comments_of_a_unit_not_theirs_are_a_404(ahorn, people, shared_note, comment, who):
    user = people[who].user
    for read in (
        lambda: notes_unit_get_for_user(user=user, pk=ahorn.pk),
        lambda: unit_notes_for_user(user=user, unit=ahorn),
        lambda: figure_comments_for_user(user=user, unit=ahorn),
        lambda: unit_note_get_for_user(user=user, pk=shared_note.pk),
        lambda: figure_comment_get_for_user(user=user, pk=comment.pk),
    ):
        with pytest.raises(Http404):
            read()


def test_an_anonymous_visitor_reads_nothing(ahorn, shared_note):
    with pytest.raises(Http404):
        unit_notes_for_user(user=AnonymousUser(), unit=ahorn)


def test_a_private_note_is_a_404_for_everyone_but_its_author(people, administrator, private_note):
    for user in (people["dorte"].user, administrator, people["bo"].user):
        with pytest.raises(Http404):
            unit_note_get_for_user(user=user, pk=private_note.pk)
    assert unit_note_get_for_user(user=people["lis"].user, pk=private_note.pk) == private_note


def test_anothers_shared_note_or_comment_is_read_but_not_changed(people, administrator, shared_note, comment):
    for user in (people["dorte"].user, administrator):
        with pytest.raises(PermissionDenied):
            unit_note_get_for_user(user=user, pk=shared_note.pk)
        with pytest.raises(PermissionDenied):
            figure_comment_get_for_user(user=user, pk=comment.pk)


def test_only_a_leader_of_the_unit_itself_writes_on_it(ahorn, people, administrator):
    assert notes_unit_to_write_get_for_user(user=people["lis"].user, pk=ahorn.pk) == ahorn
    for user in (people["dorte"].user, administrator):
        assert notes_unit_get_for_user(user=user, pk=ahorn.pk).can_write is False
        with pytest.raises(PermissionDenied):
            notes_unit_to_write_get_for_user(user=user, pk=ahorn.pk)
    with pytest.raises(Http404):
        notes_unit_to_write_get_for_user(user=people["bo"].user, pk=ahorn.pk)


def test_the_notes_are_filtered_by_data_type(ahorn, people, shared_note):
    note(unit=ahorn, by=people["lis"].user, title="Lektionsobservation", data_type=DataType.PROCESS)
    lis = people["lis"].user
    assert titles(unit_notes_for_user(user=lis, unit=ahorn, data_type=DataType.PROCESS)) == {
        "Lektionsobservation"
    }
    assert len(unit_notes_for_user(user=lis, unit=ahorn)) == 2


def test_the_comments_are_read_with_the_figures(ahorn, people, administrator, comment, wellbeing):
    for user in (people["lis"].user, people["dorte"].user, administrator):
        assert list(figure_comments_for_user(user=user, unit=ahorn, indicator=wellbeing)) == [comment]


def test_the_guidance_is_the_toolbox_tools_four_data_types_with_their_examples(db):
    shipped = data_types_guidance()
    tools_builtin_load()
    stored = data_types_guidance()
    assert stored == shipped
    assert [t.key for t in stored] == [
        "processuelle-data",
        "resultatdata",
        "demografiske-data",
        "perceptionsdata",
    ]
    perception = stored[-1]
    assert perception.name == "Perceptionsdata"
    assert "Interview" in perception.examples and "Fortællinger" in perception.examples
    assert {t.key for t in stored} == set(DataType.values)

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from grundlag.networks.events.selectors import forum_access
from grundlag.networks.models import Place, PlaceStatus
from grundlag.networks.reflection import selectors, services


@pytest.fixture
def reflection_set(forum, section, people):
    return services.reflection_set_from_section(forum=forum, section=section, by=people["dorte"].user)


def test_the_foundations_sections_of_reflection_questions_are_offered(section):
    assert list(selectors.reflection_sections()) == [section]


def test_the_forums_page_lists_its_sets_for_its_members_and_organisers_only(forum, reflection_set, people):
    for who in ("lis", "dorte"):
        access = forum_access(user=people[who].user, forum=forum)
        assert selectors.reflection_sets_for_forum(forum=forum, access=access) == [reflection_set]
    bo = forum_access(user=people["bo"].user, forum=forum)
    assert bo.open and not bo.member
    assert selectors.reflection_sets_for_forum(forum=forum, access=bo) == []


@pytest.mark.parametrize("who", ["bo", "ulla", "tom"])
def test_a_set_is_not_there_for_anyone_outside_its_group(forum, reflection_set, people, who):
    with pytest.raises(Http404):
        selectors.reflection_set_get_for_user(user=people[who].user, slug=forum.slug, pk=reflection_set.pk)


def test_a_set_is_not_found_under_another_forum(forum, reflection_set, people):
    from grundlag.networks.tests.factories import ForumFactory

    other = ForumFactory(slug="andet")
    with pytest.raises(Http404):
        selectors.reflection_set_get_for_user(
            user=people["dorte"].user, slug=other.slug, pk=reflection_set.pk
        )


def test_the_group_reads_a_set_and_only_organisers_organise_it(forum, reflection_set, people, administrator):
    _set, lis = selectors.reflection_set_get_for_user(
        user=people["lis"].user, slug="data", pk=reflection_set.pk
    )
    assert lis.reads and not lis.organises and lis.person == people["lis"]
    with pytest.raises(PermissionDenied):
        selectors.reflection_set_to_organise_get_for_user(
            user=people["lis"].user, slug="data", pk=reflection_set.pk
        )
    for user in (people["dorte"].user, administrator):
        assert selectors.reflection_set_to_organise_get_for_user(user=user, slug="data", pk=reflection_set.pk)


def test_an_events_set_is_read_by_those_signed_up_for_it_not_by_the_waiting_list(
    forum, event, section, people
):
    event_set = services.reflection_set_from_section(
        forum=forum, event=event, section=section, by=people["dorte"].user
    )
    Place.objects.create(event=event, person=people["bo"], status=PlaceStatus.SIGNED_UP)
    Place.objects.create(event=event, person=people["carl"], status=PlaceStatus.WAITING)

    assert selectors.reflection_group(user=people["bo"].user, reflection_set=event_set).reads
    assert selectors.reflection_sets_for_event(user=people["bo"].user, event=event) == [event_set]
    assert selectors.reflection_sets_for_event(user=people["ulla"].user, event=event) == []


def test_a_note_to_edit_is_the_users_own(forum, reflection_set, people):
    note = services.reflection_note_add(
        question=reflection_set.questions.first(), text="Min", by=people["lis"].user
    )
    assert selectors.reflection_note_get_for_user(
        user=people["lis"].user, reflection_set=reflection_set, pk=note.pk
    )
    with pytest.raises(Http404):
        selectors.reflection_note_get_for_user(
            user=people["dorte"].user, reflection_set=reflection_set, pk=note.pk
        )

"""Today's leadership chain kept as a table (`chain.py`) answers as walking the posts does, and never
from an out-of-date copy: every write to the posts, by any path, makes the next question build it again."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grundlag.organisation import selectors
from grundlag.organisation.chain import services as chain
from grundlag.organisation.models import ChainLink, Person, Post
from grundlag.organisation.tests.factories import PersonFactory, PostFactory, UnitFactory

pytestmark = pytest.mark.django_db

TODAY = selectors.today()
YESTERDAY = TODAY - datetime.timedelta(days=1)
TOMORROW = TODAY + datetime.timedelta(days=1)


def walked(monkeypatch, function, **kwargs):
    """What the selector answers by walking the posts, as it does for any other day than today."""
    with monkeypatch.context() as patch:
        patch.setattr(selectors, "chain_kept", lambda **_kwargs: False)
        return function(**kwargs)


@pytest.fixture
def level(builtin_frameworks):
    return builtin_frameworks["aarhus-boern-og-unge"].levels.order_by("position").first()


# Each post: (holder, manager or None, period) over six people; cycles, double posts and ended posts included.
posts_strategy = st.lists(
    st.tuples(
        st.integers(0, 5),
        st.one_of(st.none(), st.integers(0, 5)),
        st.sampled_from(["open", "ended", "future"]),
        st.booleans(),
    ),
    max_size=14,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(posts=posts_strategy)
def test_it_answers_as_walking_the_posts_does(monkeypatch, administrator, level, posts):
    with transaction.atomic():
        people = [PersonFactory() for _ in range(6)]
        unit = UnitFactory()
        periods = {"open": (None, None), "ended": (None, YESTERDAY), "future": (TOMORROW, None)}
        for holder, manager, period, on_level in posts:
            start, end = periods[period]
            PostFactory(
                person=people[holder],
                manager=people[manager] if manager not in (None, holder) else None,
                unit=unit,
                start_date=start,
                end_date=end,
                level=level if on_level else None,
            )
        for person in people:
            kept = selectors.person_ids_below(person=person)
            assert kept == walked(monkeypatch, selectors.person_ids_below, person=person)
            summary = selectors.below_summary(person=person)
            assert summary == walked(monkeypatch, selectors.below_summary, person=person)
            for other in people:
                assert selectors.is_above_in_chain(manager=person, person=other) == walked(
                    monkeypatch, selectors.is_above_in_chain, manager=person, person=other
                )
        overview = selectors.span_overview(user=administrator, threshold=1)
        assert overview == walked(monkeypatch, selectors.span_overview, user=administrator, threshold=1)
        transaction.set_rollback(True)


@pytest.fixture
def line():
    """Anne leads Bo, who leads Carl and Dea."""
    unit = UnitFactory()
    anne, bo, carl, dea = (PersonFactory(name=name) for name in ("Anne", "Bo", "Carl", "Dea"))
    PostFactory(person=anne, unit=unit)
    PostFactory(person=bo, unit=unit, manager=anne)
    PostFactory(person=carl, unit=unit, manager=bo)
    PostFactory(person=dea, unit=unit, manager=bo, end_date=TODAY)
    return anne, bo, carl, dea


def test_a_bulk_update_of_the_posts_takes_effect_at_once(line):
    anne, bo, carl, _dea = line
    assert selectors.is_above_in_chain(manager=anne, person=carl)

    Post.objects.filter(person=carl).update(manager=None)  # no save(), no signal: only the trigger sees it

    assert not selectors.is_above_in_chain(manager=anne, person=carl)
    assert carl.pk not in selectors.person_ids_below(person=bo)


def test_a_raw_sql_change_and_a_deleted_person_take_effect_at_once(line):
    anne, bo, carl, dea = line
    assert selectors.person_ids_below(person=anne) == {bo.pk, carl.pk, dea.pk}

    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Post._meta.db_table} SET manager_id = NULL WHERE person_id = %s", [bo.pk])
    assert selectors.person_ids_below(person=anne) == set()

    Person.objects.filter(pk=carl.pk).delete()
    assert selectors.person_ids_below(person=bo) == {dea.pk}


def test_it_follows_the_day_a_post_ends(line, monkeypatch):
    _anne, bo, carl, dea = line
    assert selectors.person_ids_below(person=bo) == {carl.pk, dea.pk}

    monkeypatch.setattr(selectors, "today", lambda: TOMORROW)

    assert selectors.person_ids_below(person=bo) == {carl.pk}
    assert ChainLink.objects.filter(manager_id=bo.pk).count() == 1


def test_it_builds_the_chain_once_until_the_posts_change(line, monkeypatch):
    anne, bo, *_rest = line
    builds = []
    build = chain.chain_build
    monkeypatch.setattr(chain, "chain_build", lambda **kwargs: builds.append(kwargs) or build(**kwargs))

    selectors.person_ids_below(person=anne)
    selectors.person_ids_below(person=bo)
    selectors.is_above_in_chain(manager=anne, person=bo)
    assert len(builds) == 1

    new = PostFactory(person=PersonFactory(), manager=bo)
    assert new.person_id in selectors.person_ids_below(person=anne)
    assert len(builds) == 2


def test_the_day_is_built_by_one_process_at_a_time(line):
    """A process that waited for the lock while another built the day finds it built and leaves it."""
    anne, *_rest = line
    selectors.person_ids_below(person=anne)
    with connection.cursor() as cursor:  # a mark the build would delete
        cursor.execute(f"INSERT INTO {chain.LINKS} (manager_id, person_id) VALUES (0, 0)")

    chain.chain_build(day=TODAY)

    assert ChainLink.objects.filter(manager_id=0).exists()


def test_the_daily_command_builds_the_day_once(line, capsys):
    call_command("organisation_chain_build")
    call_command("organisation_chain_build")

    assert capsys.readouterr().out.splitlines() == [
        "Built today's leadership chain.",
        "Today's leadership chain was built.",
    ]
    assert ChainLink.objects.filter(manager_id=line[0].pk).count() == 3

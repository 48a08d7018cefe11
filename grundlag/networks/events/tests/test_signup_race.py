"""Many people signing up for the last places at once: the event is never overfilled and the waiting list
keeps one order (each sign-up locks the event's row, so they are served one after the other)."""

import threading

import pytest
from django.db import connection

from grundlag.networks.events.services import place_signup
from grundlag.networks.models import Place, PlaceStatus
from grundlag.networks.tests.factories import EventFactory
from grundlag.organisation.tests.factories import PersonFactory, UserFactory

pytestmark = [
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="sessions at once: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

PEOPLE, PLACES = 30, 7


def test_parallel_sign_ups_fill_the_places_exactly_and_queue_the_rest_in_one_order():
    event = EventFactory(capacity=PLACES)
    people = [PersonFactory(user=UserFactory()) for _ in range(PEOPLE)]
    start = threading.Barrier(PEOPLE)
    errors: list[BaseException] = []

    def sign_up(person):
        try:
            start.wait(30)
            place_signup(event=event, person=person, by=person.user)
        except BaseException as error:  # noqa: BLE001 (any failure is the test's finding)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    places = list(Place.objects.filter(event=event).order_by("pk"))
    assert len(places) == PEOPLE
    assert sum(place.status == PlaceStatus.SIGNED_UP for place in places) == PLACES
    waiting = [place for place in places if place.status == PlaceStatus.WAITING]
    assert len(waiting) == PEOPLE - PLACES
    # one order: numbers given one after the other, in the order the sign-ups were written
    numbers = [place.queued for place in waiting]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert numbers[-1] - numbers[0] == len(numbers) - 1

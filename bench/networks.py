"""Benchmark: the leader networks' pages with 10,000 events and 100,000 places, and parallel sign-ups.

A fresh database gets 200 forums of 50 events each (half of them past), 2,000 people each signed up for 50
events, and memberships; the rows are bulk-inserted (what is measured is reading them). Then the forum list,
a forum, an event, the organisers' list, an event's calendar file, a person's calendar feed, the API's event
list and the start page of a person with places are timed against /healthz. Last (PostgreSQL: sessions at
once), 200 people sign up for an event of 50 places through the real sign-up page, 80 at a time: the result
must be 50 signed up, 150 on the waiting list in one order, and no error.
"""

import datetime
import gc
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.organisation import REPEAT, _print, _timed_page, _user  # noqa: E402

FORUMS, EVENTS_PER_FORUM, PEOPLE, PLACES_EACH = 200, 50, 2_000, 50
RACE_PEOPLE, RACE_PLACES, RACE_AT_ONCE = 200, 50, 80


def main() -> None:
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        database["TEST"]["NAME"] = f"{database['NAME']}_bench_networks"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        print(f"\nGrundlag networks benchmark ({connection.vendor}, {REPEAT} requests per page)")
        cases = _networks_made()
        gc.collect()
        _print([result for result in (_timed_page(case) for case in cases) if result is not None])
        if connection.vendor == "postgresql":
            _race()
        else:
            print("  parallel sign-ups: PostgreSQL only (SQLite serialises every write anyway)")
    finally:
        teardown_databases(databases, verbosity=0)


def _rows_made() -> tuple[list, list, list]:
    """The forums, events, people, places and memberships, bulk-inserted; returns forums, events, people."""
    from grundlag.networks.models import Audience, Event, Forum, Membership, Place, PlaceStatus
    from grundlag.organisation.models import Person

    started = time.perf_counter()
    now = timezone.now()
    forums = Forum.objects.bulk_create(
        Forum(slug=f"forum-{n}", theme=f"Lederforum {n}", audience=Audience.EVERYONE) for n in range(FORUMS)
    )
    events = Event.objects.bulk_create(
        Event(
            forum=forum,
            title=f"{forum.theme}: møde {n}",
            starts=now + datetime.timedelta(days=n * 7 - EVENTS_PER_FORUM * 7 // 2, hours=1),
            ends=now + datetime.timedelta(days=n * 7 - EVENTS_PER_FORUM * 7 // 2, hours=7),
            signup_deadline=now + datetime.timedelta(days=n * 7 - EVENTS_PER_FORUM * 7 // 2 - 7),
            town="Kolding",
            capacity=60,
        )
        for forum in forums
        for n in range(EVENTS_PER_FORUM)
    )
    people = Person.objects.bulk_create(
        Person(key=f"bench-{n}", name=f"Leder {n}", email=f"leder{n}@example.dk") for n in range(PEOPLE)
    )
    places = [
        Place(
            event=events[(person_index * 37 + k * 199) % len(events)],
            person=person,
            status=PlaceStatus.SIGNED_UP,
        )
        for person_index, person in enumerate(people)
        for k in range(PLACES_EACH)
    ]
    Place.objects.bulk_create(places, batch_size=5_000, ignore_conflicts=True)
    Membership.objects.bulk_create(
        (
            Membership(forum=forums[(i * 13 + k) % FORUMS], person=person)
            for i, person in enumerate(people)
            for k in range(5)
        ),
        batch_size=5_000,
        ignore_conflicts=True,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"  made {Forum.objects.count()} forums, {Event.objects.count()} events, "
        f"{Place.objects.count()} places in {time.perf_counter() - started:.1f} s"
    )
    return forums, events, people


def _networks_made() -> list[tuple]:
    """The rows, and the pages to time."""
    from grundlag.networks.events.services import calendar_feed_renew
    from grundlag.networks.models import Event, Place

    forums, events, people = _rows_made()
    now = timezone.now()
    member = people[0]
    member.user = _user("bench-member")
    member.save(update_fields=["user"])
    client = Client()
    client.force_login(member.user)
    admin = Client()
    admin.force_login(_user("bench-admin", staff=True))
    token = calendar_feed_renew(person=member, by=member.user)
    busy = max(
        events, key=lambda event: Place.objects.filter(event=event).count() if event.pk % 97 == 0 else 0
    )
    upcoming = Event.objects.filter(forum=forums[0], starts__gt=now).order_by("starts").first()
    return [
        ("/healthz (baseline)", client, "/healthz", False),
        ("forum list (200 forums)", client, ("networks:forums", {}), False),
        ("a forum (50 events)", client, ("networks:forum", {"slug": forums[0].slug}), False),
        ("an event", client, ("networks:event", {"pk": upcoming.pk}), False),
        ("the organisers' list of an event", admin, ("networks:event_places", {"pk": busy.pk}), False),
        ("an event's calendar file", client, ("networks:event_ics", {"pk": upcoming.pk}), False),
        (
            "a person's calendar feed (50 events)",
            Client(),
            ("networks:calendar_feed", {"token": token}),
            False,
        ),
        ("API: events open to me (first 100)", client, "/api/v1/events", False),
        ("start page of a person with places", client, ("core:home", {}), False),
    ]


def _race() -> None:
    """200 people sign up for 50 places through the sign-up page, 80 sessions at once."""
    from grundlag.networks.models import Event, Forum, Place, PlaceStatus
    from grundlag.organisation.models import Person

    now = timezone.now()
    event = Event.objects.create(
        forum=Forum.objects.first(),
        title="Det sidste møde",
        starts=now + datetime.timedelta(days=30),
        ends=now + datetime.timedelta(days=30, hours=6),
        signup_deadline=now + datetime.timedelta(days=20),
        town="Ballerup",
        capacity=RACE_PLACES,
    )
    people = []
    for n in range(RACE_PEOPLE):
        person = Person.objects.create(key=f"race-{n}", name=f"Deltager {n}", email=f"race{n}@example.dk")
        person.user = _user(f"race-{n}")
        person.save(update_fields=["user"])
        people.append(person)
    url = f"/networks/events/{event.pk}/signup/"

    def sign_up(person) -> int:
        try:
            client = Client()
            client.force_login(person.user)
            return client.post(url).status_code
        finally:
            connections.close_all()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=RACE_AT_ONCE) as pool:
        statuses = list(pool.map(sign_up, people))
    took = time.perf_counter() - started
    places = list(Place.objects.filter(event=event).order_by("pk"))
    signed_up = sum(place.status == PlaceStatus.SIGNED_UP for place in places)
    waiting = [place.queued for place in places if place.status == PlaceStatus.WAITING]
    errors = sum(status != 302 for status in statuses)
    in_order = waiting == sorted(waiting) and len(set(waiting)) == len(waiting)
    print(
        f"  parallel sign-ups: {RACE_PEOPLE} people for {RACE_PLACES} places, {RACE_AT_ONCE} at once, "
        f"in {took:.1f} s: {signed_up} signed up, {len(waiting)} on the waiting list "
        f"({'one order' if in_order else 'ORDER BROKEN'}), {errors} errors"
    )
    assert signed_up == RACE_PLACES and len(waiting) == RACE_PEOPLE - RACE_PLACES and errors == 0 and in_order


if __name__ == "__main__":
    main()

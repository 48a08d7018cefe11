import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from grundlag.networks.events import services
from grundlag.networks.models import Audience, Event, Place, PlaceStatus
from grundlag.networks.tests.factories import EventFactory, ForumFactory

pytestmark = pytest.mark.django_db


def client_of(person):
    client = Client()
    client.force_login(person.user)
    return client


def test_a_leader_finds_the_forum_joins_it_and_signs_up_for_an_event(org, event):
    lis = org["people"]["lis"]
    client = client_of(lis)
    page = client.get(reverse("networks:forums")).content.decode()
    assert event.forum.theme in page
    client.post(reverse("networks:forum_join", args=[event.forum.slug]))
    page = client.get(reverse("networks:forum", args=[event.forum.slug])).content.decode()
    assert "Forlad forummet" in page and event.title in page
    response = client.post(reverse("networks:event_signup", args=[event.pk]), follow=True)
    assert "Du er tilmeldt" in response.content.decode()
    assert Place.objects.get(event=event, person=lis).status == PlaceStatus.SIGNED_UP
    # the start page shows the event
    assert event.title in client.get(reverse("core:home")).content.decode()


def test_a_full_event_puts_the_next_on_the_waiting_list_and_offers_a_freed_place(org, event):
    people = [org["people"][key] for key in ("lis", "bo", "dorte")]
    for person in people:
        client_of(person).post(reverse("networks:event_signup", args=[event.pk]))
    dorte = client_of(people[2])
    assert "nummer 1 på ventelisten" in dorte.get(reverse("networks:event", args=[event.pk])).content.decode()
    client_of(people[0]).post(reverse("networks:place_cancel", args=[event.pk]))
    page = dorte.get(reverse("networks:event", args=[event.pk])).content.decode()
    assert "Tag imod pladsen" in page
    assert "Du er tilbudt en plads" in dorte.get(reverse("core:home")).content.decode()
    response = dorte.post(reverse("networks:offer_answer", args=[event.pk]), {"accept": "1"}, follow=True)
    assert "Pladsen er din" in response.content.decode()
    assert Place.objects.get(event=event, person=people[2], status=PlaceStatus.SIGNED_UP)


def test_a_forum_not_open_to_a_person_is_not_there_for_them(org):
    of_leaders = ForumFactory(audience=Audience.LEADERS_OF_LEADERS)
    event = EventFactory(forum=of_leaders)
    for key in ("lis", "ulla", "tom"):
        client = client_of(org["people"][key])
        assert client.get(reverse("networks:forum", args=[of_leaders.slug])).status_code == 404
        assert client.get(reverse("networks:event", args=[event.pk])).status_code == 404
        assert client.post(reverse("networks:event_signup", args=[event.pk])).status_code == 404
        assert of_leaders.theme not in client.get(reverse("networks:forums")).content.decode()
    assert not Place.objects.exists()
    assert (
        client_of(org["people"]["carl"]).get(reverse("networks:forum", args=[of_leaders.slug])).status_code
        == 200
    )


def test_only_organisers_see_the_list_and_move_people(org, event, administrator):
    lis, bo = org["people"]["lis"], org["people"]["bo"]
    services.place_signup(event=event, person=lis, by=lis.user)
    place = Place.objects.get(event=event, person=lis)
    bo_client = client_of(bo)
    assert bo_client.get(reverse("networks:event_places", args=[event.pk])).status_code == 403
    move = reverse("networks:place_move", args=[event.pk, place.pk])
    assert bo_client.post(move, {"to": "remove", "reason": "x"}).status_code == 403
    dorte = client_of(org["people"]["dorte"])  # the forum's organiser
    page = dorte.get(reverse("networks:event_places", args=[event.pk])).content.decode()
    assert lis.name in page
    response = dorte.post(move, {"to": "remove", "reason": ""}, follow=True)
    assert "begrundelsen" in response.content.decode()
    dorte.post(move, {"to": "remove", "reason": "Dobbeltbooket"})
    place.refresh_from_db()
    assert place.status == PlaceStatus.REMOVED
    assert "Dobbeltbooket" in dorte.get(reverse("networks:event_places", args=[event.pk])).content.decode()


def test_an_event_form_with_its_end_before_its_start_says_so_and_keeps_what_was_typed(org, forum):
    dorte = client_of(org["people"]["dorte"])
    response = dorte.post(
        reverse("networks:event_create", args=[forum.slug]),
        {
            "title": "Lederforum i Ballerup",
            "starts": "2031-11-13T09:00",
            "ends": "2031-11-13T08:00",
            "town": "Ballerup",
            "capacity": "30",
            "signup_deadline": "2031-11-06T12:00",
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Arrangementet skal slutte, efter det begynder." in page and "Lederforum i Ballerup" in page
    assert not Event.objects.filter(title="Lederforum i Ballerup").exists()


def test_capacity_below_those_signed_up_is_refused_on_the_form(org, event):
    for key in ("lis", "bo"):
        person = org["people"][key]
        services.place_signup(event=event, person=person, by=person.user)
    dorte = client_of(org["people"]["dorte"])
    local = timezone.localtime
    response = dorte.post(
        reverse("networks:event_edit", args=[event.pk]),
        {
            "title": event.title,
            "starts": local(event.starts).strftime("%Y-%m-%dT%H:%M"),
            "ends": local(event.ends).strftime("%Y-%m-%dT%H:%M"),
            "town": event.town,
            "capacity": "1",
            "signup_deadline": local(event.signup_deadline).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 422
    assert "2 pladser er taget" in response.content.decode()
    event.refresh_from_db()
    assert event.capacity == 2


def test_the_event_calendar_file_names_only_the_person_and_the_organisers_file_everyone(org, event):
    lis, bo = org["people"]["lis"], org["people"]["bo"]
    for person in (lis, bo):
        services.place_signup(event=event, person=person, by=person.user)
    url = reverse("networks:event_ics", args=[event.pk])
    mine = Calendar.from_ical(client_of(lis).get(url).content)
    attendees = mine.walk("VEVENT")[0].get("ATTENDEE")
    assert str(attendees) == f"mailto:{lis.email}"
    everyone = Calendar.from_ical(client_of(org["people"]["dorte"]).get(url).content)
    assert sorted(str(a) for a in everyone.walk("VEVENT")[0]["ATTENDEE"]) == sorted(
        [f"mailto:{lis.email}", f"mailto:{bo.email}"]
    )


def test_the_personal_feed_lists_my_events_until_revoked(org, event, forum):
    lis = org["people"]["lis"]
    services.place_signup(event=event, person=lis, by=lis.user)
    other = EventFactory(forum=forum)  # not signed up
    client = client_of(lis)
    page = client.post(reverse("networks:calendar"), {"action": "renew"}).content.decode()
    token = re.search(r"/networks/calendar/([A-Za-z0-9_-]+)\.ics", page).group(1)
    feed = Client().get(reverse("networks:calendar_feed", args=[token]))
    assert feed["Content-Type"].startswith("text/calendar")
    uids = [str(component["UID"]) for component in Calendar.from_ical(feed.content).walk("VEVENT")]
    assert uids == [f"{event.uid}@grundlag"] and f"{other.uid}@grundlag" not in uids
    client.post(reverse("networks:calendar"), {"action": "revoke"})
    assert Client().get(reverse("networks:calendar_feed", args=[token])).status_code == 404


def test_after_the_deadline_the_page_says_sign_up_is_closed_and_a_post_is_refused(org, event):
    Event.objects.filter(pk=event.pk).update(signup_deadline=timezone.now() - datetime.timedelta(hours=1))
    lis = client_of(org["people"]["lis"])
    assert "Tilmeldingen lukkede" in lis.get(reverse("networks:event", args=[event.pk])).content.decode()
    response = lis.post(reverse("networks:event_signup", args=[event.pk]), follow=True)
    assert "Tilmeldingen lukkede" in response.content.decode()
    assert not Place.objects.exists()


def test_a_place_that_ended_opens_no_event_of_a_forum_no_longer_open(org, administrator):
    tom = org["people"]["tom"]
    named = ForumFactory(audience=Audience.NAMED)
    named.invited.set([tom])
    event = EventFactory(forum=named)
    services.place_signup(event=event, person=tom, by=tom.user)
    named.invited.set([])
    client = client_of(tom)
    assert client.get(reverse("networks:event", args=[event.pk])).status_code == 200  # still on its list
    place = Place.objects.get(event=event, person=tom)
    services.place_move(place=place, to=services.Move.REMOVE, reason="Ikke i målgruppen", by=administrator)
    services.forum_leave(forum=named, person=tom, by=tom.user)
    assert client.get(reverse("networks:event", args=[event.pk])).status_code == 404
    assert client.post(reverse("networks:event_signup", args=[event.pk])).status_code == 404
    assert not Place.objects.filter(event=event, person=tom, status=PlaceStatus.SIGNED_UP).exists()


def test_a_date_in_year_one_or_an_endless_description_is_refused_on_the_form(org, forum):
    dorte = client_of(org["people"]["dorte"])
    response = dorte.post(
        reverse("networks:event_create", args=[forum.slug]),
        {
            "title": "Skrivefejl",
            "description": "x" * 10_001,
            "starts": "0001-01-01T09:00",
            "ends": "0001-01-01T15:00",
            "town": "Kolding",
            "capacity": "10",
            "signup_deadline": "0001-01-01T08:00",
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "mellem årene 2000 og 2100" in page and "højst have 10000 tegn" in page
    assert not Event.objects.filter(title="Skrivefejl").exists()


def test_the_calendar_link_is_offered_only_to_a_login_that_is_a_person(org, event, admin_client):
    calendar = reverse("networks:calendar")
    assert calendar in client_of(org["people"]["lis"]).get(reverse("networks:forums")).content.decode()
    # The administrator's login has no person behind it: the calendar would refuse it, so no link to it.
    page = admin_client.get(reverse("networks:forums"))
    assert page.status_code == 200
    assert calendar not in page.content.decode()

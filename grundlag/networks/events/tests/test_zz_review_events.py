"""Hostile review: events (throwaway)."""

import datetime
import json

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from grundlag.networks.events import services
from grundlag.networks.models import Audience, Place, PlaceStatus
from grundlag.networks.tests.factories import EventFactory, ForumFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _full_with_offer(org, event):
    people = org["people"]
    services.place_signup(event=event, person=people["lis"], by=people["lis"].user)
    services.place_signup(event=event, person=people["bo"], by=people["bo"].user)
    services.place_signup(event=event, person=people["carl"], by=people["carl"].user)  # waiting
    place = Place.objects.get(event=event, person=people["bo"], status=PlaceStatus.SIGNED_UP)
    services.place_cancel(place=place, by=people["bo"].user)
    return Place.objects.get(event=event, person=people["carl"], status=PlaceStatus.OFFERED)


def test_offer_accepted_after_event_cancelled(org, event, django_capture_on_commit_callbacks):
    people = org["people"]
    offered = _full_with_offer(org, event)
    services.event_cancel(event=event, reason="Sygdom", by=people["dorte"].user)
    with django_capture_on_commit_callbacks(execute=True):
        r = _client(people["carl"].user).post(reverse("networks:offer_answer", args=[event.pk]), {"accept": "1"}, follow=True)
    offered.refresh_from_db()
    print([m.subject for m in mail.outbox])
    assert offered.status != PlaceStatus.SIGNED_UP, "accepted a place on a cancelled event"


def test_api_offer_accepted_after_event_cancelled(org, event):
    people = org["people"]
    offered = _full_with_offer(org, event)
    services.event_cancel(event=event, reason="Sygdom", by=people["dorte"].user)
    r = _client(people["carl"].user).post(f"/api/v1/events/{event.pk}/offer")
    offered.refresh_from_db()
    assert r.status_code == 409 and offered.status != PlaceStatus.SIGNED_UP, (r.status_code, offered.status)


def test_organiser_gives_place_on_cancelled_event(org, event):
    people = org["people"]
    services.place_signup(event=event, person=people["lis"], by=people["lis"].user)
    services.place_signup(event=event, person=people["bo"], by=people["bo"].user)
    services.place_signup(event=event, person=people["carl"], by=people["carl"].user)  # waiting
    services.event_cancel(event=event, reason="x", by=people["dorte"].user)
    lis = Place.objects.get(event=event, person=people["lis"])
    with pytest.raises(Exception):
        services.place_move(place=lis, to=services.Move.REMOVE, reason="y", by=people["dorte"].user)


def test_event_year_one_is_500(org, forum):
    dorte = _client(org["people"]["dorte"].user)
    r = dorte.post(
        reverse("networks:event_create", args=[forum.slug]),
        {
            "title": "X",
            "starts": "0001-01-01T00:00",
            "ends": "0001-01-01T05:00",
            "signup_deadline": "0001-01-01T00:00",
            "town": "Kolding",
            "capacity": 3,
        },
    )
    assert r.status_code == 422, r.status_code


def test_event_far_future_ok(org, forum):
    dorte = _client(org["people"]["dorte"].user)
    r = dorte.post(
        reverse("networks:event_create", args=[forum.slug]),
        {
            "title": "X",
            "starts": "9999-12-31T20:00",
            "ends": "9999-12-31T23:59",
            "signup_deadline": "9999-12-31T20:00",
            "town": "Kolding",
            "capacity": 3,
        },
    )
    assert r.status_code in (302, 422), r.status_code
    if r.status_code == 302:
        url = r["Location"]
        assert dorte.get(url).status_code == 200
        ics = dorte.get(url + "event.ics")
        assert ics.status_code == 200
        icalendar.Calendar.from_ical(ics.content)
        assert dorte.get("/api/v1/events").status_code == 200


def test_event_bad_inputs(org, forum):
    dorte = _client(org["people"]["dorte"].user)
    base = {
        "title": "X",
        "starts": "2030-01-01T10:00",
        "ends": "2030-01-01T12:00",
        "signup_deadline": "2029-12-31T10:00",
        "town": "Kolding",
        "capacity": 3,
    }
    cases = [
        {},
        {"title": "x" * 100_000},
        {"description": "x" * 100_000},
        {"capacity": -1},
        {"capacity": "abc"},
        {"capacity": 10**30},
        {"ends": "2029-01-01T10:00"},
        {"signup_deadline": "2031-01-01T10:00"},
        {"starts": "garbage"},
        {"town": "", "video_url": ""},
        {"video_url": "javascript:alert(1)", "town": ""},
        {"organisers": "nobody@example.com"},
        {"organisers": "a@b.dk\n" * 15000},
        {"title": "a\x00b"},
        {"starts": "2030-03-31T02:30", "ends": "2030-03-31T05:00", "signup_deadline": "2030-03-30T10:00"},
    ]
    bad = []
    for case in cases:
        data = {**base, **case} if case else {}
        r = dorte.post(reverse("networks:event_create", args=[forum.slug]), data)
        if r.status_code != 422:
            bad.append((list(case)[:2], r.status_code))
    assert bad == []


def test_forum_bad_inputs(org, admin_client):
    base = {"theme": "T", "slug": "t", "audience": "everyone"}
    cases = [
        {},
        {"theme": "x" * 100_000},
        {"description": "x" * 100_000},
        {"audience": "nope"},
        {"unit": "abc"},
        {"unit": "999999999999999999999"},
        {"slug": "../x"},
        {"invited": ",".join(f"p{i}@x.dk" for i in range(12000))},
        {"theme": "a\x00b"},
    ]
    bad = []
    for case in cases:
        r = admin_client.post(reverse("networks:forum_create"), {**base, **case} if case else {})
        if r.status_code != 422:
            bad.append((list(case)[:2], r.status_code))
    assert bad == []


def test_slug_clash_on_create(org, forum, admin_client):
    r = admin_client.post(reverse("networks:forum_create"), {"theme": "T", "slug": forum.slug, "audience": "everyone"})
    assert r.status_code == 422


def test_capacity_below_taken_via_page(org, event):
    people = org["people"]
    services.place_signup(event=event, person=people["lis"], by=people["lis"].user)
    services.place_signup(event=event, person=people["bo"], by=people["bo"].user)
    dorte = _client(people["dorte"].user)
    r = dorte.post(
        reverse("networks:event_edit", args=[event.pk]),
        {
            "title": event.title,
            "starts": timezone.localtime(event.starts).strftime("%Y-%m-%dT%H:%M"),
            "ends": timezone.localtime(event.ends).strftime("%Y-%m-%dT%H:%M"),
            "signup_deadline": timezone.localtime(event.signup_deadline).strftime("%Y-%m-%dT%H:%M"),
            "town": "Kolding",
            "capacity": 1,
        },
    )
    assert r.status_code == 422
    event.refresh_from_db()
    assert event.capacity == 2


def test_move_place_with_mismatched_ids(org, forum):
    people = org["people"]
    mine = EventFactory(forum=forum, capacity=1)
    other_forum = ForumFactory(audience=Audience.LEADERS)
    other_forum.organisers.set([people["bo"]])
    other = EventFactory(forum=other_forum, capacity=1)
    services.place_signup(event=mine, person=people["lis"], by=people["lis"].user)
    place = Place.objects.get(event=mine)
    bo = _client(people["bo"].user)
    r = bo.post(reverse("networks:place_move", args=[other.pk, place.pk]), {"to": "remove", "reason": "x"})
    place.refresh_from_db()
    assert r.status_code == 404 and place.status == PlaceStatus.SIGNED_UP


def test_event_of_named_forum_by_id_guessing(org):
    people = org["people"]
    secret = ForumFactory(audience=Audience.NAMED, theme="Hemmeligt")
    secret.invited.set([people["dorte"]])
    ev = EventFactory(forum=secret, title="HEMMELIG EVENT")
    for name in ("lis", "ulla", "tom", "bo"):
        c = _client(people[name].user)
        for url in (
            reverse("networks:event", args=[ev.pk]),
            reverse("networks:event_ics", args=[ev.pk]),
            reverse("networks:event_places", args=[ev.pk]),
            f"/api/v1/events/{ev.pk}",
        ):
            assert c.get(url).status_code == 404, (name, url)
        assert c.post(reverse("networks:event_signup", args=[ev.pk])).status_code == 404
        assert c.post(f"/api/v1/events/{ev.pk}/place").status_code == 404
        assert "HEMMELIG" not in c.get("/api/v1/events").content.decode()
        assert "HEMMELIG" not in c.get(reverse("networks:forums")).content.decode()


def test_removed_person_keeps_access_and_re_signs(org):
    """Access by an ended place: someone removed from an event of a forum no longer open to them."""
    people = org["people"]
    f = ForumFactory(audience=Audience.NAMED)
    f.invited.set([people["tom"]])
    f.organisers.set([people["dorte"]])
    ev = EventFactory(forum=f, capacity=5)
    tom = _client(people["tom"].user)
    tom.post(reverse("networks:event_signup", args=[ev.pk]))
    tom.post(reverse("networks:forum_leave", args=[f.slug]))
    f.invited.set([])
    p = Place.objects.get(event=ev, person=people["tom"])
    services.place_move(place=p, to=services.Move.REMOVE, reason="not invited", by=people["dorte"].user)
    r = tom.post(reverse("networks:event_signup", args=[ev.pk]))
    assert not Place.objects.filter(event=ev, person=people["tom"], status__in=["signed_up", "waiting"]).exists()


def test_ics_parses_and_names_only_me(org, event):
    people = org["people"]
    services.place_signup(event=event, person=people["lis"], by=people["lis"].user)
    services.place_signup(event=event, person=people["bo"], by=people["bo"].user)
    body = _client(people["lis"].user).get(reverse("networks:event_ics", args=[event.pk])).content
    cal = icalendar.Calendar.from_ical(body)
    attendees = [str(a) for c in cal.walk("VEVENT") for a in (c.get("attendee") if isinstance(c.get("attendee"), list) else [c.get("attendee")]) if a]
    assert attendees == ["mailto:lis@fiktiv.example.dk"], attendees
    org_body = _client(people["dorte"].user).get(reverse("networks:event_ics", args=[event.pk])).content
    cal = icalendar.Calendar.from_ical(org_body)
    ev = cal.walk("VEVENT")[0]
    assert len(ev.get("attendee")) == 2


def test_ics_injection_in_title(org, forum):
    people = org["people"]
    ev = EventFactory(forum=forum, title="A\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil", description="x\nATTENDEE:mailto:evil@x")
    services.place_signup(event=ev, person=people["lis"], by=people["lis"].user)
    body = _client(people["lis"].user).get(reverse("networks:event_ics", args=[ev.pk])).content
    cal = icalendar.Calendar.from_ical(body)
    assert len(cal.walk("VEVENT")) == 1


def test_feed_revoked_and_renewed(org, event):
    people = org["people"]
    lis = _client(people["lis"].user)
    services.place_signup(event=event, person=people["lis"], by=people["lis"].user)
    t1 = services.calendar_feed_renew(person=people["lis"], by=people["lis"].user)
    anon = Client()
    assert anon.get(reverse("networks:calendar_feed", args=[t1])).status_code == 200
    t2 = services.calendar_feed_renew(person=people["lis"], by=people["lis"].user)
    assert anon.get(reverse("networks:calendar_feed", args=[t1])).status_code == 404
    feed = anon.get(reverse("networks:calendar_feed", args=[t2]))
    assert feed.status_code == 200
    icalendar.Calendar.from_ical(feed.content)
    lis.post(reverse("networks:calendar"), {"action": "revoke"})
    assert anon.get(reverse("networks:calendar_feed", args=[t2])).status_code == 404


def test_api_double_signup_and_deadline(org, forum):
    people = org["people"]
    ev = EventFactory(forum=forum, capacity=5)
    lis = _client(people["lis"].user)
    assert lis.post(f"/api/v1/events/{ev.pk}/place").status_code == 200
    assert lis.post(f"/api/v1/events/{ev.pk}/place").status_code == 409
    lis.post(reverse("networks:event_signup", args=[ev.pk]))
    assert Place.objects.filter(event=ev, person=people["lis"]).count() == 1
    late = EventFactory(forum=forum, signup_deadline=timezone.now() - datetime.timedelta(hours=1))
    r = lis.post(f"/api/v1/events/{late.pk}/place")
    assert r.status_code == 409, r.status_code
    cancelled = EventFactory(forum=forum)
    services.event_cancel(event=cancelled, reason="x", by=people["dorte"].user)
    assert lis.post(f"/api/v1/events/{cancelled.pk}/place").status_code == 409


def test_api_session_write_needs_csrf(org, forum):
    people = org["people"]
    ev = EventFactory(forum=forum, capacity=5)
    c = Client(enforce_csrf_checks=True)
    c.force_login(people["lis"].user)
    r = c.post(f"/api/v1/events/{ev.pk}/place")
    assert r.status_code in (401, 403), r.status_code


def test_expired_offer_answer(org, event):
    people = org["people"]
    offered = _full_with_offer(org, event)
    Place.objects.filter(pk=offered.pk).update(offer_expires_at=timezone.now() - datetime.timedelta(minutes=1))
    r = _client(people["carl"].user).post(f"/api/v1/events/{event.pk}/offer")
    offered.refresh_from_db()
    assert r.status_code == 409 and offered.status == PlaceStatus.EXPIRED, (r.status_code, offered.status)


def test_waiting_list_order_and_top(org, forum):
    people = org["people"]
    ev = EventFactory(forum=forum, capacity=1)
    order = ["lis", "bo", "carl", "dorte"]
    for n in order:
        services.place_signup(event=ev, person=people[n], by=people[n].user)
    waiting = list(Place.objects.filter(event=ev, status="waiting").order_by("queued").values_list("person__key", flat=True))
    assert waiting == ["bo", "carl", "dorte"]
    d = Place.objects.get(event=ev, person=people["dorte"])
    services.place_move(place=d, to=services.Move.TOP, reason="x", by=people["dorte"].user)
    lisp = Place.objects.get(event=ev, person=people["lis"])
    services.place_cancel(place=lisp, by=people["lis"].user)
    assert Place.objects.get(event=ev, status="offered").person.key == "dorte"


def test_event_page_html_escaped(org, forum):
    people = org["people"]
    forum.description = "<script>alert('f')</script>"
    forum.save()
    ev = EventFactory(forum=forum, title="<script>alert('t')</script>", description="<img src=x onerror=alert(1)>", town="<b>K</b>")
    lis = _client(people["lis"].user)
    for url in (reverse("networks:event", args=[ev.pk]), reverse("networks:forum", args=[forum.slug]), reverse("networks:forums"), "/"):
        body = lis.get(url).content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body and "<b>K</b>" not in body, url
    services.place_signup(event=ev, person=people["lis"], by=people["lis"].user)
    body = lis.get("/").content.decode()
    assert "<script>alert" not in body


def test_event_year_one_pg_ics(org, forum):
    dorte = _client(org["people"]["dorte"].user)
    r = dorte.post(
        reverse("networks:event_create", args=[forum.slug]),
        {"title": "X", "starts": "0001-01-01T00:00", "ends": "0001-01-01T05:00",
         "signup_deadline": "0001-01-01T00:00", "town": "Kolding", "capacity": 3},
    )
    print("create", r.status_code)
    if r.status_code == 302:
        for url in (r["Location"], r["Location"] + "event.ics", "/api/v1/events", reverse("networks:forum", args=[forum.slug])):
            print(url, dorte.get(url).status_code)

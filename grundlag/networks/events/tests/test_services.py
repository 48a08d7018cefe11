import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from grundlag.audit.models import AuditEvent
from grundlag.development.models import Plan
from grundlag.development.plans.services import goal_create, plan_own_get
from grundlag.networks.events import services
from grundlag.networks.events.selectors import event_state_for_user, forum_access
from grundlag.networks.events.services import EventInput, Move, OfferOutcome
from grundlag.networks.models import Audience, CalendarFeed, Membership, Place, PlaceChange, PlaceStatus
from grundlag.networks.tests.factories import EventFactory, ForumFactory

pytestmark = pytest.mark.django_db


def signup(event, person):
    return services.place_signup(event=event, person=person, by=person.user)


def status_of(event, person):
    return Place.objects.filter(event=event, person=person).order_by("-pk").first().status


def test_it_gives_places_while_there_are_any_then_the_waiting_list_in_the_order_people_came(
    org, event, django_capture_on_commit_callbacks
):
    lis, bo, dorte, carl = (org["people"][key] for key in ("lis", "bo", "dorte", "carl"))
    with django_capture_on_commit_callbacks(execute=True):
        for person in (lis, bo, dorte, carl):
            signup(event, person)
    assert [status_of(event, p) for p in (lis, bo, dorte, carl)] == [
        "signed_up",
        "signed_up",
        "waiting",
        "waiting",
    ]
    assert event_state_for_user(user=carl.user, event=event).position == 2
    assert event_state_for_user(user=dorte.user, event=event).position == 1
    # the two with a place got a confirmation with the calendar file; the waiting got none
    assert sorted(message.to[0] for message in mail.outbox) == [bo.email, lis.email]
    assert mail.outbox[0].attachments[0][0] == "event.ics"
    # signing up made them members of the forum
    assert Membership.objects.filter(forum=event.forum).count() == 4


def test_it_refuses_a_second_sign_up_and_one_after_the_deadline(org, event):
    lis, bo = org["people"]["lis"], org["people"]["bo"]
    signup(event, lis)
    with pytest.raises(ValidationError, match="allerede"):
        signup(event, lis)
    event.signup_deadline = timezone.now() - datetime.timedelta(minutes=1)
    event.save()
    with pytest.raises(ValidationError, match="Tilmeldingen lukkede"):
        signup(event, bo)
    assert Place.objects.filter(event=event).count() == 1


def test_a_freed_place_is_offered_to_the_first_waiting_who_can_accept_it(
    org, event, django_capture_on_commit_callbacks
):
    lis, bo, dorte, carl = (org["people"][key] for key in ("lis", "bo", "dorte", "carl"))
    for person in (lis, bo, dorte, carl):
        signup(event, person)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.place_cancel(place=Place.objects.get(event=event, person=lis), by=lis.user)
    offered = Place.objects.get(event=event, person=dorte, status=PlaceStatus.OFFERED)
    assert offered.offer_expires_at > timezone.now() + datetime.timedelta(hours=47)
    assert [message.to for message in mail.outbox] == [[dorte.email]]
    assert "ledig" in mail.outbox[0].subject
    # the offered place is held: carl is still waiting, and a newcomer waits behind him
    assert status_of(event, carl) == "waiting"
    assert services.offer_answer(place=offered, accept=True, by=dorte.user) == OfferOutcome.ACCEPTED
    assert status_of(event, dorte) == "signed_up"
    assert [change.status for change in PlaceChange.objects.filter(place=offered)] == [
        "waiting",
        "offered",
        "signed_up",
    ]


def test_a_declined_offer_passes_to_the_next(org, event):
    lis, bo, dorte, carl = (org["people"][key] for key in ("lis", "bo", "dorte", "carl"))
    for person in (lis, bo, dorte, carl):
        signup(event, person)
    services.place_cancel(place=Place.objects.get(event=event, person=bo), by=bo.user)
    offer = Place.objects.get(event=event, person=dorte, status=PlaceStatus.OFFERED)
    assert services.offer_answer(place=offer, accept=False, by=dorte.user) == OfferOutcome.DECLINED
    assert status_of(event, dorte) == "declined"
    assert status_of(event, carl) == "offered"


def test_an_expired_offer_passes_on_and_answering_it_says_so_without_undoing_the_expiry(org, event):
    lis, bo, dorte, carl = (org["people"][key] for key in ("lis", "bo", "dorte", "carl"))
    for person in (lis, bo, dorte, carl):
        signup(event, person)
    services.place_cancel(place=Place.objects.get(event=event, person=lis), by=lis.user)
    offer = Place.objects.get(event=event, person=dorte, status=PlaceStatus.OFFERED)
    Place.objects.filter(pk=offer.pk).update(offer_expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert services.offer_answer(place=offer, accept=True, by=dorte.user) == OfferOutcome.EXPIRED
    assert status_of(event, dorte) == "expired"
    assert status_of(event, carl) == "offered"
    # the command lets every expired offer pass on
    Place.objects.filter(event=event, person=carl).update(offer_expires_at=timezone.now())
    assert services.offers_expire() == 1
    assert status_of(event, carl) == "expired"


def test_the_offer_never_holds_past_the_event_start(org, event, settings):
    settings.NETWORKS_OFFER_HOURS = 24 * 365
    lis, bo, dorte = (org["people"][key] for key in ("lis", "bo", "dorte"))
    for person in (lis, bo, dorte):
        signup(event, person)
    services.place_cancel(place=Place.objects.get(event=event, person=lis), by=lis.user)
    assert Place.objects.get(event=event, person=dorte).offer_expires_at == event.starts


def _input(event, **changes):
    values = {
        "title": event.title,
        "starts": event.starts,
        "ends": event.ends,
        "capacity": event.capacity,
        "signup_deadline": event.signup_deadline,
        "town": event.town,
        "address": event.address,
    }
    return EventInput(**{**values, **changes})


def test_an_event_ending_before_it_starts_or_closing_sign_up_after_it_starts_is_refused(
    org, forum, administrator
):
    starts = timezone.now() + datetime.timedelta(days=10)
    data = EventInput(
        title="Lederforum",
        starts=starts,
        ends=starts - datetime.timedelta(hours=1),
        capacity=10,
        signup_deadline=starts + datetime.timedelta(hours=1),
        town="",
    )
    with pytest.raises(ValidationError) as refused:
        services.event_create(forum=forum, data=data, organisers=[], by=administrator)
    assert set(refused.value.message_dict) == {"ends", "signup_deadline", "town"}
    assert not forum.events.exists()


def test_capacity_cannot_go_below_the_places_taken_and_more_places_go_to_the_waiting_list(
    org, event, administrator
):
    lis, bo, dorte, carl = (org["people"][key] for key in ("lis", "bo", "dorte", "carl"))
    for person in (lis, bo, dorte, carl):
        signup(event, person)
    with pytest.raises(ValidationError, match="2 pladser er taget"):
        services.event_update(event=event, data=_input(event, capacity=1), organisers=[], by=administrator)
    services.event_update(event=event, data=_input(event, capacity=4), organisers=[], by=administrator)
    assert {status_of(event, p) for p in (dorte, carl)} == {"offered"}


def test_a_new_time_raises_the_calendar_sequence_and_tells_those_signed_up(
    org, event, administrator, django_capture_on_commit_callbacks
):
    lis = org["people"]["lis"]
    signup(event, lis)
    mail.outbox.clear()
    later = event.starts + datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=event, data=_input(event, starts=later), organisers=[], by=administrator)
    event.refresh_from_db()
    assert event.sequence == 1
    assert [message.to for message in mail.outbox] == [[lis.email]]
    calendar = Calendar.from_ical(mail.outbox[0].attachments[0][1])
    component = calendar.walk("VEVENT")[0]
    assert component["SEQUENCE"] == 1 and component["UID"] == f"{event.uid}@grundlag"
    assert component.decoded("DTSTART") == later


def test_an_organiser_moves_people_with_a_reason_kept_in_the_history(org, event, administrator):
    lis, bo, dorte, carl = (org["people"][key] for key in ("lis", "bo", "dorte", "carl"))
    for person in (lis, bo, dorte, carl):
        signup(event, person)
    carl_place = Place.objects.get(event=event, person=carl)
    with pytest.raises(ValidationError, match="begrundelse"):
        services.place_move(place=carl_place, to=Move.TOP, reason=" ", by=administrator)
    with pytest.raises(ValidationError, match="Alle pladser er taget"):
        services.place_move(place=carl_place, to=Move.SIGN_UP, reason="Oplægsholder", by=administrator)
    services.place_move(place=carl_place, to=Move.TOP, reason="Skal præsentere", by=administrator)
    lis_place = Place.objects.get(event=event, person=lis)
    services.place_move(place=lis_place, to=Move.REMOVE, reason="Dobbeltbooket", by=administrator)
    # the freed place went to Carl, now first on the list, not to Dorte
    assert status_of(event, carl) == "offered"
    assert status_of(event, dorte) == "waiting"
    change = PlaceChange.objects.get(place=lis_place, status=PlaceStatus.REMOVED)
    assert (change.reason, change.by) == ("Dobbeltbooket", administrator)


def test_cancelling_an_event_tells_everyone_on_its_list_with_a_cancellation_for_their_calendar(
    org, event, administrator, django_capture_on_commit_callbacks
):
    people = [org["people"][key] for key in ("lis", "bo", "dorte")]
    for person in people:
        signup(event, person)
    mail.outbox.clear()
    with pytest.raises(ValidationError):
        services.event_cancel(event=event, reason="", by=administrator)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, reason="For få tilmeldte", by=administrator)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(person.email for person in people)
    assert all("For få tilmeldte" in message.body for message in mail.outbox)
    calendar = Calendar.from_ical(mail.outbox[0].attachments[0][1])
    assert calendar["METHOD"] == "CANCEL"
    assert calendar.walk("VEVENT")[0]["STATUS"] == "CANCELLED"
    assert calendar.walk("VEVENT")[0]["SEQUENCE"] == 1
    with pytest.raises(ValidationError, match="aflyst"):
        signup(event, org["people"]["carl"])


def test_reminders_go_once_to_those_signed_up_for_an_event_soon(org, forum, settings):
    settings.NETWORKS_REMINDER_DAYS = 2
    soon = EventFactory(
        forum=forum,
        starts=timezone.now() + datetime.timedelta(days=1),
        ends=timezone.now() + datetime.timedelta(days=1, hours=3),
        signup_deadline=timezone.now() + datetime.timedelta(hours=1),
    )
    later = EventFactory(forum=forum)
    lis = org["people"]["lis"]
    signup(soon, lis)
    signup(later, lis)
    mail.outbox.clear()
    assert services.event_reminders_send() == 1
    assert mail.outbox[0].to == [lis.email] and soon.title in mail.outbox[0].subject
    assert services.event_reminders_send() == 0


def test_the_audience_decides_who_may_see_a_forum(org):
    people = org["people"]
    of_leaders = ForumFactory(audience=Audience.LEADERS_OF_LEADERS)
    of_leaders.invited.set([people["ulla"]])
    assert forum_access(user=people["carl"].user, forum=of_leaders).open  # leads Lis and Bo
    assert forum_access(user=people["dorte"].user, forum=of_leaders).open
    assert not forum_access(user=people["lis"].user, forum=of_leaders).open  # leads teachers only
    assert not forum_access(user=people["tom"].user, forum=of_leaders).open
    assert forum_access(user=people["ulla"].user, forum=of_leaders).open  # invited besides
    within_birk = ForumFactory(audience=Audience.LEADERS, unit=org["units"]["birk"])
    assert forum_access(user=people["bo"].user, forum=within_birk).open
    assert not forum_access(user=people["lis"].user, forum=within_birk).open


def test_an_attended_event_becomes_a_done_action_of_a_goal(org, forum):
    lis = org["people"]["lis"]
    event = EventFactory(forum=forum)
    signup(event, lis)
    plan = plan_own_get(leader=lis)
    goal = goal_create(plan=plan, title="Datainformeret ledelse", by=lis.user)
    place = Place.objects.get(event=event, person=lis)
    with pytest.raises(ValidationError, match="sluttet"):
        services.attendance_to_plan(place=place, goal=goal, by=lis.user)
    past = timezone.now() - datetime.timedelta(days=3)
    type(event).objects.filter(pk=event.pk).update(
        starts=past,
        ends=past + datetime.timedelta(hours=4),
        signup_deadline=past - datetime.timedelta(days=1),
    )
    place.refresh_from_db()
    services.attendance_to_plan(place=place, goal=goal, by=lis.user)
    action = Plan.objects.get(pk=plan.pk).goals.get().actions.get()
    assert event.title in action.text and action.done_on == timezone.localdate(past)


def test_a_calendar_feed_secret_is_kept_only_as_its_hash_and_a_new_one_revokes_the_old(org):
    lis = org["people"]["lis"]
    first = services.calendar_feed_renew(person=lis, by=lis.user)
    second = services.calendar_feed_renew(person=lis, by=lis.user)
    stored = CalendarFeed.objects.get(person=lis).token_hash
    assert first != second and first not in stored and second not in stored
    assert not AuditEvent.objects.filter(detail__contains=second).exists()


def test_a_cancelled_event_takes_no_answer_to_an_offer_and_no_move(org, event, administrator):
    lis, bo, dorte = (org["people"][key] for key in ("lis", "bo", "dorte"))
    for person in (lis, bo, dorte):
        signup(event, person)
    services.place_cancel(place=Place.objects.get(event=event, person=lis), by=lis.user)
    offer = Place.objects.get(event=event, person=dorte, status=PlaceStatus.OFFERED)
    services.event_cancel(event=event, reason="Aflyst", by=administrator)
    with pytest.raises(ValidationError, match="aflyst"):
        services.offer_answer(place=offer, accept=True, by=dorte.user)
    with pytest.raises(ValidationError, match="aflyst"):
        services.place_move(place=offer, to=Move.SIGN_UP, reason="Alligevel", by=administrator)
    assert status_of(event, dorte) == "offered"

"""The pages of forums and events: the forums open to me, a forum, an event with my place on it, the
organiser's list, calendar files and my calendar feed."""

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from grundlag.core.outcomes import refusal_show, service_run
from grundlag.development.plans.selectors import goals_to_pick_for_user

from ..models import PlaceStatus
from ..newsletters.selectors import newsletters_for_forum
from ..reflection.selectors import reflection_sets_for_event, reflection_sets_for_forum
from . import selectors, services
from .calendar import event_ics, feed_ics
from .forms import EventCancelForm, EventForm, ForumForm, GoalPickForm, MoveForm

CALENDAR = "text/calendar; charset=utf-8"


def _saved(form, call: Callable[[], Any]) -> Any:
    """Run one service for a form page: its refusal goes onto the form (by field where it names one)."""
    try:
        return call()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None


@require_GET
@login_required
def forum_list(request):
    return render(
        request,
        "networks/forum_list.html",
        {
            "forums": selectors.forums_for_user(user=request.user),
            "places": selectors.my_places_for_user(user=request.user),
            "may_create": selectors.may_create_forums_for_user(user=request.user),
        },
    )


def _forum_form(request, *, forum=None):
    initial = {}
    if forum is not None:
        initial = {
            "theme": forum.theme,
            "slug": forum.slug,
            "description": forum.description,
            "audience": forum.audience,
            "unit": forum.unit,
            "invited": list(forum.invited.all()),
            "organisers": list(forum.organisers.all()),
        }
    form = ForumForm(request.POST or None, units=selectors.forum_units(), initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = _saved(
            form,
            lambda: services.forum_save(
                data=form.forum_input(source_section_id=forum.source_section_id if forum else None),
                organisers=form.cleaned_data["organisers"],
                invited=form.cleaned_data["invited"],
                forum=forum,
                by=request.user,
            ),
        )
        if saved is not None:
            messages.success(request, _("The forum is saved."))
            return redirect("networks:forum", slug=saved.slug)
    return render(
        request, "networks/forum_form.html", {"form": form, "forum": forum}, status=_status(request)
    )


def _status(request) -> int:
    return 422 if request.method == "POST" else 200


@login_required
def forum_create(request):
    selectors.forum_new_for_user(user=request.user)
    return _forum_form(request)


@login_required
def forum_edit(request, slug):
    return _forum_form(request, forum=selectors.forum_managed_for_user(user=request.user, slug=slug))


@require_GET
@login_required
def forum_detail(request, slug):
    forum, access = selectors.forum_get_for_user(user=request.user, slug=slug)
    upcoming, past = selectors.forum_events(forum=forum)
    membership = selectors.membership_for_user(user=request.user, forum=forum)
    return render(
        request,
        "networks/forum_detail.html",
        {
            "forum": forum,
            "access": access,
            "membership": membership,
            "can_join": membership is None and selectors.is_person_for_user(user=request.user),
            "upcoming": upcoming,
            "past": past,
            "source": selectors.forum_source(forum=forum),
            "reflection_sets": reflection_sets_for_forum(forum=forum, access=access),
            "newsletters": newsletters_for_forum(forum=forum, access=access),
        },
    )


def _as_member(request, slug: str, call: Callable[..., Any], success: str):
    """A person's POST on their own membership of a forum open to them: one service, back to the forum."""
    forum, _access = selectors.forum_get_for_user(user=request.user, slug=slug)
    person = selectors.own_person_for_user(user=request.user)
    service_run(request, lambda: call(forum=forum, person=person, by=request.user), success)
    return redirect("networks:forum", slug=slug)


@require_POST
@login_required
def forum_join(request, slug):
    return _as_member(request, slug, services.forum_join, _("You are a member of the forum."))


@require_POST
@login_required
def forum_leave(request, slug):
    return _as_member(request, slug, services.forum_leave, _("You have left the forum."))


@require_POST
@login_required
def forum_newsletters(request, slug):
    if request.POST.get("receive") == "1":
        return _as_member(
            request,
            slug,
            functools.partial(services.membership_newsletters_set, receive=True),
            _("You receive the forum's newsletter."),
        )
    return _as_member(
        request,
        slug,
        functools.partial(services.membership_newsletters_set, receive=False),
        _("You no longer receive the forum's newsletter."),
    )


def _event_initial(event) -> dict[str, Any]:
    return {
        "title": event.title,
        "description": event.description,
        "starts": event.starts,
        "ends": event.ends,
        "town": event.town,
        "address": event.address,
        "video_url": event.video_url,
        "capacity": event.capacity,
        "signup_deadline": event.signup_deadline,
        "organisers": list(event.organisers.all()),
    }


@login_required
def event_create(request, slug):
    forum = selectors.forum_managed_for_user(user=request.user, slug=slug)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        event = _saved(
            form,
            lambda: services.event_create(
                forum=forum,
                data=form.event_input(),
                organisers=form.cleaned_data["organisers"],
                by=request.user,
            ),
        )
        if event is not None:
            messages.success(request, _("The event is added."))
            return redirect("networks:event", pk=event.pk)
    return render(
        request,
        "networks/event_form.html",
        {"form": form, "forum": forum, "event": None},
        status=_status(request),
    )


@login_required
def event_edit(request, pk):
    event = selectors.event_managed_for_user(user=request.user, pk=pk)
    form = EventForm(request.POST or None, initial=_event_initial(event))
    if request.method == "POST" and form.is_valid():
        saved = _saved(
            form,
            lambda: services.event_update(
                event=event,
                data=form.event_input(),
                organisers=form.cleaned_data["organisers"],
                by=request.user,
            ),
        )
        if saved is not None:
            messages.success(request, _("The event is saved."))
            return redirect("networks:event", pk=event.pk)
    return render(
        request,
        "networks/event_form.html",
        {"form": form, "forum": event.forum, "event": event},
        status=_status(request),
    )


@login_required
def event_cancel(request, pk):
    event = selectors.event_managed_for_user(user=request.user, pk=pk)
    form = EventCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cancelled = _saved(
            form,
            lambda: services.event_cancel(event=event, reason=form.cleaned_data["reason"], by=request.user),
        )
        if cancelled is not None:
            messages.success(request, _("The event is cancelled, and everyone on its list is told."))
            return redirect("networks:event", pk=event.pk)
    return render(
        request, "networks/event_cancel.html", {"form": form, "event": event}, status=_status(request)
    )


@require_GET
@login_required
def event_detail(request, pk):
    event, access, manages = selectors.event_get_for_user(user=request.user, pk=pk)
    state = selectors.event_state_for_user(user=request.user, event=event)
    attended = selectors.attended_place_for_user(user=request.user, event=event)
    return render(
        request,
        "networks/event_detail.html",
        {
            "event": event,
            "access": access,
            "manages": manages,
            "state": state,
            "organisers": selectors.event_organisers(event=event),
            "to_plan": GoalPickForm(goals=goals_to_pick_for_user(user=request.user)) if attended else None,
            "statuses": PlaceStatus,
            "reflection_sets": reflection_sets_for_event(user=request.user, event=event),
        },
    )


@require_POST
@login_required
def event_signup(request, pk):
    event = selectors.event_open_for_user(user=request.user, pk=pk)
    person = selectors.own_person_for_user(user=request.user)
    try:
        place = services.place_signup(event=event, person=person, by=request.user)
    except ValidationError as error:
        refusal_show(request, error)
    else:
        if place.status == PlaceStatus.SIGNED_UP:
            messages.success(request, _("You are signed up. A calendar file is on its way by e-mail."))
        else:
            messages.success(
                request,
                _("The event is full: you are on the waiting list, and are offered a place if one frees up."),
            )
    return redirect("networks:event", pk=pk)


@require_POST
@login_required
def place_cancel(request, pk):
    event, _access, _manages = selectors.event_get_for_user(user=request.user, pk=pk)
    place = selectors.own_place_for_user(user=request.user, event=event)
    service_run(
        request,
        lambda: services.place_cancel(place=place, by=request.user),
        _("You are no longer on the list."),
    )
    return redirect("networks:event", pk=pk)


@require_POST
@login_required
def offer_answer(request, pk):
    event, _access, _manages = selectors.event_get_for_user(user=request.user, pk=pk)
    place = selectors.own_place_for_user(user=request.user, event=event)
    accept = request.POST.get("accept") == "1"
    try:
        outcome = services.offer_answer(place=place, accept=accept, by=request.user)
    except ValidationError as error:
        refusal_show(request, error)
        return redirect("networks:event", pk=pk)
    if outcome == services.OfferOutcome.EXPIRED:
        messages.error(
            request, _("The offer has expired, and the place has passed on to the next on the list.")
        )
    elif outcome == services.OfferOutcome.ACCEPTED:
        messages.success(request, _("The place is yours. A calendar file is on its way by e-mail."))
    else:
        messages.success(request, _("You declined the place; it is offered to the next on the list."))
    return redirect("networks:event", pk=pk)


@require_POST
@login_required
def event_to_plan(request, pk):
    event, _access, _manages = selectors.event_get_for_user(user=request.user, pk=pk)
    place = selectors.attended_place_for_user(user=request.user, event=event)
    form = GoalPickForm(request.POST, goals=goals_to_pick_for_user(user=request.user))
    if place is None or not form.is_valid():
        messages.error(request, _("Choose a goal of your development plan."))
        return redirect("networks:event", pk=pk)
    goal = form.cleaned_data["goal"]
    service_run(
        request,
        lambda: services.attendance_to_plan(place=place, goal=goal, by=request.user),
        _("The event is added to your development plan."),
    )
    return redirect("networks:event", pk=pk)


@require_GET
@login_required
def event_places(request, pk):
    event = selectors.event_managed_for_user(user=request.user, pk=pk)
    return render(
        request,
        "networks/event_places.html",
        {
            "event": event,
            "groups": _groups(selectors.event_list_for_user(user=request.user, event=event)),
            "state": selectors.event_state_for_user(user=request.user, event=event),
            "move_form": MoveForm(),
        },
    )


def _groups(lists: dict[str, list]) -> list[tuple[str, str, list]]:
    titles = {
        "signed_up": _("Signed up"),
        "offered": _("Offered a place"),
        "waiting": _("Waiting list, in order"),
        "ended": _("Cancelled, declined, expired or removed"),
    }
    return [(key, title, lists[key]) for key, title in titles.items()]


@require_POST
@login_required
def place_move(request, pk, place_pk):
    event = selectors.event_managed_for_user(user=request.user, pk=pk)
    place = selectors.place_on_event_for_user(user=request.user, event=event, pk=place_pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Choose where to move %(name)s and give the reason.") % {"name": place.person.name}
        )
    else:
        to = services.Move(form.cleaned_data["to"])
        service_run(
            request,
            lambda: services.place_move(
                place=place, to=to, reason=form.cleaned_data["reason"], by=request.user
            ),
            _("%(name)s is moved.") % {"name": place.person.name},
        )
    return redirect("networks:event_places", pk=pk)


@require_GET
@login_required
def event_calendar(request, pk):
    event, _access, _manages = selectors.event_get_for_user(user=request.user, pk=pk)
    body = event_ics(
        event=event,
        attendees=selectors.event_attendees_for_user(user=request.user, event=event),
        organisers=selectors.event_organisers(event=event),
    )
    response = HttpResponse(body, content_type=CALENDAR)
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


@never_cache
@login_required
def calendar(request):
    person = selectors.own_person_for_user(user=request.user)
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.calendar_feed_revoke(person=person, by=request.user)
            messages.success(request, _("The address of your calendar feed no longer works."))
            return redirect("networks:calendar")
        token = services.calendar_feed_renew(person=person, by=request.user)
    return render(
        request,
        "networks/calendar.html",
        {
            "token": token,
            "has_feed": selectors.calendar_feed_exists(person=person),
            "places": selectors.my_places_for_user(user=request.user),
        },
    )


@require_GET
@never_cache
def calendar_feed(request, token):
    person = selectors.feed_person(token=token)
    body = feed_ics(events=selectors.feed_events(person=person), person=person, name=_("Grundlag: my events"))
    return HttpResponse(body, content_type=CALENDAR)

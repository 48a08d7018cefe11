"""The paths of forums, events and calendars (joined into the `networks` namespace by the app's urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.forum_list, name="forums"),
    path("forums/new/", views.forum_create, name="forum_create"),
    path("forums/<slug:slug>/", views.forum_detail, name="forum"),
    path("forums/<slug:slug>/edit/", views.forum_edit, name="forum_edit"),
    path("forums/<slug:slug>/join/", views.forum_join, name="forum_join"),
    path("forums/<slug:slug>/leave/", views.forum_leave, name="forum_leave"),
    path("forums/<slug:slug>/newsletters/", views.forum_newsletters, name="forum_newsletters"),
    path("forums/<slug:slug>/events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/cancel/", views.event_cancel, name="event_cancel"),
    path("events/<int:pk>/signup/", views.event_signup, name="event_signup"),
    path("events/<int:pk>/withdraw/", views.place_cancel, name="place_cancel"),
    path("events/<int:pk>/offer/", views.offer_answer, name="offer_answer"),
    path("events/<int:pk>/to-plan/", views.event_to_plan, name="event_to_plan"),
    path("events/<int:pk>/places/", views.event_places, name="event_places"),
    path("events/<int:pk>/places/<int:place_pk>/move/", views.place_move, name="place_move"),
    path("events/<int:pk>/event.ics", views.event_calendar, name="event_ics"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]

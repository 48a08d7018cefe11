from django.urls import path

from . import views

urlpatterns = [
    path("documents/<int:pk>/meeting/template/", views.meeting_template, name="meeting_template"),
    path("documents/<int:pk>/meeting/next/", views.meeting_next, name="meeting_next"),
    path("documents/<int:pk>/meeting/calendar/", views.meeting_calendar, name="meeting_calendar"),
]

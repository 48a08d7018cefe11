"""The paths of the 5F process (joined into the `actionplans` namespace by the app's urls.py)."""

from django.urls import path

from . import views

_PROCESS = "5f/<int:pk>/"

urlpatterns = [
    path("5f/", views.process_list, name="process_list"),
    path("5f/new/", views.process_start, name="process_start"),
    path(_PROCESS, views.process_detail, name="process"),
    path(_PROCESS + "team/", views.process_team, name="process_team"),
    path(_PROCESS + "move/", views.process_move, name="process_move"),
    path(_PROCESS + "plan/", views.process_plan_create, name="process_plan_create"),
    path(_PROCESS + "steps/<slug:step>/", views.process_step, name="process_step"),
    path(_PROCESS + "steps/<slug:step>/contributions/", views.process_entry_add, name="process_entry_add"),
    path(_PROCESS + "contributions/<int:entry_pk>/", views.process_entry_edit, name="process_entry_edit"),
    path(
        _PROCESS + "contributions/<int:entry_pk>/delete/",
        views.process_entry_delete,
        name="process_entry_delete",
    ),
]

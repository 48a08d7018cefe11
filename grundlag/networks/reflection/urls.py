"""The paths of reflection questions (joined into the `networks` namespace by the app's urls.py)."""

from django.urls import path

from . import views

_SET = "forums/<slug:slug>/reflection/<int:pk>/"

urlpatterns = [
    path("forums/<slug:slug>/reflection/new/", views.reflection_create, name="reflection_create"),
    path(
        "forums/<slug:slug>/reflection/from-foundation/",
        views.reflection_from_section,
        name="reflection_from_section",
    ),
    path(_SET, views.reflection_set, name="reflection_set"),
    path(_SET + "print/", views.reflection_print, name="reflection_print"),
    path(_SET + "edit/", views.reflection_set_edit, name="reflection_set_edit"),
    path(_SET + "delete/", views.reflection_set_delete, name="reflection_set_delete"),
    path(_SET + "questions/", views.reflection_question_add, name="reflection_question_add"),
    path(
        _SET + "questions/<int:question_pk>/", views.reflection_question_edit, name="reflection_question_edit"
    ),
    path(
        _SET + "questions/<int:question_pk>/remove/",
        views.reflection_question_remove,
        name="reflection_question_remove",
    ),
    path(_SET + "questions/<int:question_pk>/notes/", views.reflection_note_add, name="reflection_note_add"),
    path(_SET + "notes/<int:note_pk>/", views.reflection_note_edit, name="reflection_note_edit"),
    path(_SET + "notes/<int:note_pk>/delete/", views.reflection_note_delete, name="reflection_note_delete"),
]

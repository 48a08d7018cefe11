"""The paths of a unit's notes and of comments on its figures (joined into the `indicators` namespace by the
app's urls.py). They start with `notes/` and `comments/`, apart from the figures' own paths."""

from django.urls import path

from . import views

urlpatterns = [
    path("notes/unit/<int:unit_pk>/", views.unit_notes, name="unit_notes"),
    path("notes/unit/<int:unit_pk>/new/", views.unit_note_create, name="unit_note_create"),
    path("notes/<int:pk>/", views.unit_note_edit, name="unit_note_edit"),
    path("notes/<int:pk>/delete/", views.unit_note_delete, name="unit_note_delete"),
    path(
        "comments/unit/<int:unit_pk>/<slug:indicator_key>/new/",
        views.figure_comment_create,
        name="figure_comment_create",
    ),
    path("comments/<int:pk>/", views.figure_comment_edit, name="figure_comment_edit"),
    path("comments/<int:pk>/delete/", views.figure_comment_delete, name="figure_comment_delete"),
]

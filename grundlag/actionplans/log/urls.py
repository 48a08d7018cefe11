"""The paths of the evaluation log (joined into the `actionplans` namespace by the app's urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("log/", views.log_units, name="log_units"),
    path("log/units/<int:unit_pk>/", views.log, name="log"),
    path("log/units/<int:unit_pk>/new/", views.log_create, name="log_create"),
    path("log/entries/<int:pk>/", views.log_edit, name="log_edit"),
]

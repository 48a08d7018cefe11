"""The upload page's routes, joined into the indicators namespace by grundlag/indicators/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("import/", views.upload_start, name="upload_start"),
    path("import/<str:token>/", views.upload_page, name="upload"),
    path("import/<str:token>/problems.csv", views.upload_report, name="upload_report"),
    path("import/<str:token>/apply/", views.upload_apply, name="upload_apply"),
    path("import/<str:token>/discard/", views.upload_discard_view, name="upload_discard"),
]

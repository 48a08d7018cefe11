from django.urls import path

from . import views

app_name = "organisation_import"
urlpatterns = [
    path("", views.import_start, name="start"),
    path("<str:token>/", views.import_preview, name="preview"),
    path("<str:token>/apply/", views.import_apply, name="apply"),
    path("<str:token>/discard/", views.import_discard, name="discard"),
    path("<str:token>/status/", views.import_status, name="status"),
]

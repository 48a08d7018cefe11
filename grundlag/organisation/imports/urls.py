from django.urls import path

from . import import_views

app_name = "organisation_import"
urlpatterns = [
    path("", import_views.import_start, name="start"),
    path("<str:token>/", import_views.import_preview, name="preview"),
    path("<str:token>/apply/", import_views.import_apply, name="apply"),
    path("<str:token>/discard/", import_views.import_discard, name="discard"),
    path("<str:token>/status/", import_views.import_status, name="status"),
]

from django.urls import path

from . import views
from .notes import urls as notes_urls
from .uploads import urls as uploads_urls

app_name = "indicators"
urlpatterns: list = [
    path("", views.index, name="index"),
    path("units/<int:pk>/", views.unit, name="unit"),
    path("units/<int:pk>/<slug:key>/", views.indicator, name="indicator"),
    *notes_urls.urlpatterns,
    *uploads_urls.urlpatterns,
]

"""The confidential advice's paths, joined into the networks' namespace by grundlag/networks/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("advice/", views.advice_mine, name="advice_mine"),
    path("advice/mine.json", views.advice_export, name="advice_export"),
    path("advice/requests/", views.advice_requests, name="advice_requests"),
    path("advice/<int:pk>/", views.advice_request, name="advice_request"),
    path("advice/<int:pk>/handled/", views.advice_handle, name="advice_handle"),
    path("advice/<int:pk>/reopen/", views.advice_reopen, name="advice_reopen"),
]

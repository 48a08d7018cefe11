"""The paths of newsletters (joined into the `networks` namespace by the app's urls.py). A member's choice to
receive them is made on the forum's page (`networks:forum_newsletters`)."""

from django.urls import path

from . import views

_ISSUE = "forums/<slug:slug>/newsletter/<int:pk>/"

urlpatterns = [
    path("forums/<slug:slug>/newsletter/", views.newsletter_list, name="newsletter_list"),
    path("forums/<slug:slug>/newsletter/new/", views.newsletter_create, name="newsletter_create"),
    path(_ISSUE, views.newsletter_detail, name="newsletter_detail"),
    path(_ISSUE + "edit/", views.newsletter_edit, name="newsletter_edit"),
    path(_ISSUE + "send/", views.newsletter_send, name="newsletter_send"),
    path(_ISSUE + "delete/", views.newsletter_delete, name="newsletter_delete"),
]

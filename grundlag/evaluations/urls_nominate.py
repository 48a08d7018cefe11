"""URLs of the leadership evaluations: the leader nominates raters, the superior decides."""

from django.urls import path

from . import views_nominate as views

urlpatterns: list = [
    path("nominations/pending/", views.nominations_pending, name="nominations_pending"),
    path("nominations/<int:evaluee_id>/", views.nominate, name="nominate"),
    path("nominations/<int:evaluee_id>/search/", views.nominate_search, name="nominate_search"),
    path(
        "nominations/proposals/<int:invitation_id>/approve/",
        views.nomination_approve,
        name="nomination_approve",
    ),
    path(
        "nominations/proposals/<int:invitation_id>/decline/",
        views.nomination_decline,
        name="nomination_decline",
    ),
]

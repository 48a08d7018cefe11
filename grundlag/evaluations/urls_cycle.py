"""URLs of the leadership evaluations: cycle pages."""

from django.urls import path

from . import views_cycle as views

urlpatterns: list = [
    path("cycles/", views.cycle_list, name="cycle_list"),
    path("cycles/new/", views.cycle_create, name="cycle_create"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("cycles/<int:pk>/settings/", views.cycle_settings, name="cycle_settings"),
    path("cycles/<int:pk>/sections/", views.cycle_sections, name="cycle_sections"),
    path("cycles/<int:pk>/questions/", views.cycle_question_add, name="cycle_question_add"),
    path(
        "cycles/<int:pk>/questions/<int:question_pk>/remove/",
        views.cycle_question_remove,
        name="cycle_question_remove",
    ),
    path("cycles/<int:pk>/leaders/", views.cycle_evaluees_add, name="cycle_evaluees_add"),
    path("cycles/<int:pk>/leaders/search/", views.cycle_leader_search, name="cycle_leader_search"),
    path(
        "cycles/<int:pk>/leaders/<int:evaluee_pk>/remove/",
        views.cycle_evaluee_remove,
        name="cycle_evaluee_remove",
    ),
    path("cycles/<int:pk>/preview/", views.cycle_preview, name="cycle_preview"),
    path("cycles/<int:pk>/launch/", views.cycle_launch, name="cycle_launch"),
    path("cycles/<int:pk>/close/", views.cycle_close, name="cycle_close"),
    path("cycles/<int:pk>/leaders/<int:evaluee_pk>/raters/", views.cycle_raters, name="cycle_raters"),
    path(
        "cycles/<int:pk>/leaders/<int:evaluee_pk>/raters/search/",
        views.cycle_rater_search,
        name="cycle_rater_search",
    ),
    path(
        "cycles/<int:pk>/leaders/<int:evaluee_pk>/raters/<int:invitation_pk>/remove/",
        views.cycle_rater_remove,
        name="cycle_rater_remove",
    ),
    path("cycles/<int:pk>/reminders/", views.cycle_reminders, name="cycle_reminders"),
    path("cycles/<int:pk>/rates/", views.cycle_rates, name="cycle_rates"),
]

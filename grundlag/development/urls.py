from django.urls import path

from . import views

app_name = "development"
urlpatterns = [
    path("", views.dialogue_list, name="dialogues"),
    path("schedule/", views.dialogue_schedule, name="schedule"),
    path("rounds/", views.round_list, name="rounds"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
]

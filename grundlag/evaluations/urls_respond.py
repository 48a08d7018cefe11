"""URLs of the leadership evaluations: answering by link (no login; the link is the access)."""

from django.urls import path

from . import views_respond

urlpatterns: list = [
    path("answer/", views_respond.answer, name="answer"),
    path("answer/save/", views_respond.answer_save, name="answer_save"),
    path("answer/submit/", views_respond.answer_submit, name="answer_submit"),
    path("answer/thanks/", views_respond.answer_done, name="answer_done"),
    path("answer/<str:token>/", views_respond.answer_start, name="answer_start"),
]

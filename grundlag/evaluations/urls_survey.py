"""URLs of the leadership evaluations: the survey reports (conditions, effect picture)."""

from django.urls import path

from . import views_survey

urlpatterns: list = [
    path("survey-reports/<int:cycle_id>/", views_survey.survey_report_page, name="survey_report"),
]

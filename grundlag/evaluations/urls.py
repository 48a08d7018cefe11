"""The evaluation pages: cycles (administrators), nominations, answering (respondents by link) and reports."""

from django.urls import path

from .cycles import views as cycles
from .nominations import views as nominations
from .reports import views as reports
from .responding import views as responding

app_name = "evaluations"
urlpatterns = [
    # Cycles: set up, launch, raters, reminders, close (administrators).
    path("cycles/", cycles.cycle_list, name="cycle_list"),
    path("cycles/new/", cycles.cycle_create, name="cycle_create"),
    path("cycles/<int:pk>/", cycles.cycle_detail, name="cycle_detail"),
    path("cycles/<int:pk>/settings/", cycles.cycle_settings, name="cycle_settings"),
    path("cycles/<int:pk>/sections/", cycles.cycle_sections, name="cycle_sections"),
    path("cycles/<int:pk>/questions/", cycles.cycle_question_add, name="cycle_question_add"),
    path(
        "cycles/<int:pk>/questions/<int:question_pk>/remove/",
        cycles.cycle_question_remove,
        name="cycle_question_remove",
    ),
    path("cycles/<int:pk>/leaders/", cycles.cycle_evaluees_add, name="cycle_evaluees_add"),
    path("cycles/<int:pk>/leaders/search/", cycles.cycle_leader_search, name="cycle_leader_search"),
    path(
        "cycles/<int:pk>/leaders/<int:evaluee_pk>/remove/",
        cycles.cycle_evaluee_remove,
        name="cycle_evaluee_remove",
    ),
    path("cycles/<int:pk>/preview/", cycles.cycle_preview, name="cycle_preview"),
    path("cycles/<int:pk>/groups/", cycles.cycle_groups, name="cycle_groups"),
    path("cycles/<int:pk>/launch/", cycles.cycle_launch, name="cycle_launch"),
    path("cycles/<int:pk>/close/", cycles.cycle_close, name="cycle_close"),
    path("cycles/<int:pk>/leaders/<int:evaluee_pk>/raters/", cycles.cycle_raters, name="cycle_raters"),
    path(
        "cycles/<int:pk>/leaders/<int:evaluee_pk>/raters/search/",
        cycles.cycle_rater_search,
        name="cycle_rater_search",
    ),
    path(
        "cycles/<int:pk>/leaders/<int:evaluee_pk>/raters/<int:invitation_pk>/remove/",
        cycles.cycle_rater_remove,
        name="cycle_rater_remove",
    ),
    path("cycles/<int:pk>/reminders/", cycles.cycle_reminders, name="cycle_reminders"),
    path("cycles/<int:pk>/rates/", cycles.cycle_rates, name="cycle_rates"),
    # Answering by link: no login, the link is the access.
    path("answer/", responding.answer, name="answer"),
    path("answer/save/", responding.answer_save, name="answer_save"),
    path("answer/submit/", responding.answer_submit, name="answer_submit"),
    path("answer/thanks/", responding.answer_done, name="answer_done"),
    path("answer/<str:token>/", responding.answer_start, name="answer_start"),
    # The same page opened from the start page by the invited person, signed in.
    path("invitations/<int:pk>/answer/", responding.answer_mine, name="answer_mine"),
    # A leader's reports.
    path("reports/", reports.my_reports, name="my_reports"),
    path("reports/<int:evaluee_id>/", reports.report, name="report"),
    path("reports/<int:evaluee_id>/pdf/", reports.report_pdf, name="report_pdf"),
    # Nominations: the leader proposes raters, the superior decides.
    path("nominations/pending/", nominations.nominations_pending, name="nominations_pending"),
    path("nominations/<int:evaluee_id>/", nominations.nominate, name="nominate"),
    path("nominations/<int:evaluee_id>/search/", nominations.nominate_search, name="nominate_search"),
    path(
        "nominations/proposals/<int:invitation_id>/approve/",
        nominations.nomination_approve,
        name="nomination_approve",
    ),
    path(
        "nominations/proposals/<int:invitation_id>/decline/",
        nominations.nomination_decline,
        name="nomination_decline",
    ),
    # The organisation report (heatmap) and the survey reports.
    path("org-reports/", reports.org_report_list, name="org_report_list"),
    path("org-reports/<int:cycle_id>/", reports.org_report, name="org_report"),
    path("survey-reports/<int:cycle_id>/", reports.survey_report_page, name="survey_report"),
]

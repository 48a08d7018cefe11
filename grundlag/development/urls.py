from django.urls import path

from .dialogues import views
from .insight import views as insight_views
from .plans import views as plan_views
from .sparring import views as sparring_views

app_name = "development"
urlpatterns = [
    path("", views.dialogue_list, name="dialogues"),
    path("schedule/", views.dialogue_schedule, name="schedule"),
    path("overview/", views.overview, name="overview"),
    path("<int:pk>/", views.dialogue_detail, name="dialogue"),
    path("<int:pk>/open/", views.dialogue_open, name="open"),
    path("<int:pk>/share/", views.report_share, name="share"),
    path("<int:pk>/ratings/", views.dialogue_ratings, name="ratings"),
    path("<int:pk>/conversation/", views.dialogue_conversation, name="conversation"),
    path("<int:pk>/items/<int:item_pk>/", views.agenda_item_save, name="item"),
    path("<int:pk>/items/<int:item_pk>/private/", views.private_note_save, name="private_note"),
    path("<int:pk>/held/", views.dialogue_hold, name="held"),
    path("<int:pk>/agreement/", views.dialogue_agreement, name="agreement"),
    path("<int:pk>/agreement/goals/", views.agreement_goal_add, name="agreement_goal_add"),
    path(
        "<int:pk>/agreement/goals/<int:goal_pk>/remove/",
        views.agreement_goal_remove,
        name="agreement_goal_remove",
    ),
    path("<int:pk>/agreement.pdf", views.agreement_pdf, name="agreement_pdf"),
    path("<int:pk>/agreement.docx", views.agreement_docx, name="agreement_docx"),
    path("<int:pk>/agreement/approve/", views.agreement_approve, name="agreement_approve"),
    path("<int:pk>/agreement/revise/", views.agreement_revise, name="agreement_revise"),
    path("<int:pk>/follow-ups/", views.follow_ups_set, name="follow_ups"),
    path("<int:pk>/impact/", insight_views.impact_answer, name="impact_answer"),
    path("insight/", insight_views.insight, name="insight"),
    path("<int:pk>/follow-ups/<int:follow_up_pk>/", views.follow_up_record, name="follow_up"),
    path("rounds/", views.round_list, name="rounds"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("plan/", plan_views.plan, name="plan"),
    path("plan/teams/new/", plan_views.plan_team_create, name="plan_team_create"),
    path("plans/<int:plan_pk>/", plan_views.plan_detail, name="plan_detail"),
    path("plans/<int:plan_pk>/goals/", plan_views.goal_create, name="goal_create"),
    path("plans/<int:plan_pk>/goals/<int:goal_pk>/", plan_views.goal_update, name="goal_update"),
    path("plans/<int:plan_pk>/goals/<int:goal_pk>/share/", plan_views.goal_share, name="goal_share"),
    path("plans/<int:plan_pk>/goals/<int:goal_pk>/actions/", plan_views.action_add, name="action_add"),
    path("plans/<int:plan_pk>/actions/<int:action_pk>/", plan_views.action_update, name="action_update"),
    path("sparring/", sparring_views.sparring, name="sparring"),
    path("sparring/<int:pk>/", sparring_views.sparring_detail, name="sparring_detail"),
    path(
        "sparring/<int:pk>/steps/<int:step_pk>/plan/",
        sparring_views.sparring_step_to_plan,
        name="sparring_step_to_plan",
    ),
    path("sparring/<int:pk>/delete/", sparring_views.sparring_delete, name="sparring_delete"),
]

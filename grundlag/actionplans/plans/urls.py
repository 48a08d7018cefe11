"""The paths of the action plans (joined into the `actionplans` namespace by the app's urls.py)."""

from django.urls import path

from . import views

_PLAN = "plans/<int:pk>/"

urlpatterns = [
    path("", views.plan_list, name="plans"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path(_PLAN, views.plan_detail, name="plan"),
    path(_PLAN + "edit/", views.plan_edit, name="plan_edit"),
    path(_PLAN + "status/", views.plan_status, name="plan_status"),
    path(_PLAN + "share/", views.plan_share, name="plan_share"),
    path(_PLAN + "history/", views.plan_history, name="plan_history"),
    path(_PLAN + "actions/", views.action_add, name="action_add"),
    path(_PLAN + "actions/<int:action_pk>/", views.action_edit, name="action_edit"),
    path(_PLAN + "actions/<int:action_pk>/done/", views.action_done, name="action_done"),
    path(_PLAN + "follow-ups/", views.follow_up_add, name="follow_up_add"),
    path(_PLAN + "expectations/", views.plan_expectations, name="plan_expectations"),
    path(_PLAN + "indicators/", views.indicator_attach, name="indicator_attach"),
    path(_PLAN + "indicators/<int:indicator_pk>/remove/", views.indicator_detach, name="indicator_detach"),
    path(_PLAN + "pdf/", views.plan_pdf, name="plan_pdf"),
    path(_PLAN + "docx/", views.plan_docx, name="plan_docx"),
]

"""URLs of the leadership evaluations: the organisation report (heatmap)."""

from django.urls import path

from . import views_org_report

urlpatterns: list = [
    path("org-reports/", views_org_report.org_report_list, name="org_report_list"),
    path("org-reports/<int:cycle_id>/", views_org_report.org_report, name="org_report"),
]

"""URLs of the leadership evaluations: report pages."""

from django.urls import path

from . import views_report

urlpatterns: list = [
    path("reports/", views_report.my_reports, name="my_reports"),
    path("reports/<int:evaluee_id>/", views_report.report, name="report"),
    path("reports/<int:evaluee_id>/pdf/", views_report.report_pdf, name="report_pdf"),
]

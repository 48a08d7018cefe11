"""The evaluation pages: cycles (administrators), answering (respondents by link) and reports."""

from . import urls_cycle, urls_nominate, urls_org_report, urls_report, urls_respond, urls_survey

app_name = "evaluations"
urlpatterns = [
    *urls_cycle.urlpatterns,
    *urls_respond.urlpatterns,
    *urls_report.urlpatterns,
    *urls_nominate.urlpatterns,
    *urls_org_report.urlpatterns,
    *urls_survey.urlpatterns,
]

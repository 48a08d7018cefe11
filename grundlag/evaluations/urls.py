"""The evaluation pages: cycles (administrators), answering (respondents by link) and reports."""

from . import urls_cycle, urls_report, urls_respond

app_name = "evaluations"
urlpatterns = [*urls_cycle.urlpatterns, *urls_respond.urlpatterns, *urls_report.urlpatterns]

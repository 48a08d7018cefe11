from django.urls import path

from . import views

app_name = "organisation"
urlpatterns = [
    path("", views.chart, name="chart"),
    path("units/<int:pk>/", views.unit_detail, name="unit"),
    path("units/<int:pk>/children/", views.chart_children, name="chart_children"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/leaders/", views.leaders_below, name="leaders_below"),
    path("span-of-control/", views.span_of_control, name="span_of_control"),
    path("me/", views.my_page, name="my_page"),
]

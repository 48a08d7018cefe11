from django.urls import path

from . import views

app_name = "talent"
urlpatterns = [
    path("", views.home, name="home"),
    path("nominate/", views.nominate, name="nominate"),
    path("sign-up/", views.sign_up, name="sign_up"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/consent/", views.consent, name="consent"),
    path("<int:pk>/decline/", views.decline, name="decline"),
    path("<int:pk>/reflection/", views.reflection, name="reflection"),
    path("<int:pk>/conversation/", views.conversation, name="conversation"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/assignments/<int:assignment_pk>/", views.assess, name="assess"),
    path("<int:pk>/enrol/", views.enrol, name="enrol"),
    path("overview/", views.overview, name="overview"),
    path("programmes/", views.programmes, name="programmes"),
    path("programmes/<int:pk>/", views.programme, name="programme"),
    path("programmes/<int:pk>/cohorts/", views.cohort_create, name="cohort_create"),
    path("programmes/<int:pk>/assignments/", views.assignment_add, name="assignment_add"),
    path("cohorts/<int:pk>/", views.cohort, name="cohort"),
    path("cohorts/<int:pk>/activities/", views.activity_add, name="activity_add"),
]

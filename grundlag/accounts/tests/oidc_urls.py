"""The site's addresses plus single sign-on, as config/urls.py has them when OIDC_RP_CLIENT_ID is set."""

from django.urls import include, path

from config.urls import urlpatterns as site

urlpatterns = [*site, path("oidc/", include("mozilla_django_oidc.urls"))]

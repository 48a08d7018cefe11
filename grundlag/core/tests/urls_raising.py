"""The site's addresses and one that fails, for the 500 page's test."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from config.urls import handler500, urlpatterns


def boom(request):
    raise RuntimeError("a failing page")


urlpatterns = [*i18n_patterns(path("boom/", boom), prefix_default_language=False), *urlpatterns]
__all__ = ["handler500", "urlpatterns"]

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path

from grundlag.core.views import accessibility_short_address, language_set, ready

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/setlang/", language_set, name="set_language"),
    # Digitaliseringsstyrelsen asks every public site to lead <site>/was to its accessibility statement.
    path("was", accessibility_short_address, name="was"),
    path("healthz", include("grundlag.core.health_urls")),
    # The database and the task workers, for monitoring (docs/deployment.md, "Health checks and task workers")
    path("readyz", ready, name="ready"),
    path("api/v1/", include("grundlag.api.v1_urls")),
]
urlpatterns += i18n_patterns(
    path("", include("grundlag.core.urls")),
    path("", include("grundlag.accounts.auth_urls")),
    path("", include("grundlag.accounts.urls")),
    path("", include("grundlag.audit.urls")),
    path("frameworks/", include("grundlag.frameworks.urls")),
    path("api-tokens/", include("grundlag.api.urls")),
    path("organisation/import/", include("grundlag.organisation.imports.urls")),
    path("organisation/", include("grundlag.organisation.urls")),
    path("evaluations/", include("grundlag.evaluations.urls")),
    path("development/", include("grundlag.development.urls")),
    path("networks/", include("grundlag.networks.urls")),
    path("talent/", include("grundlag.talent.urls")),
    path("tools/", include("grundlag.tools.urls")),
    path("indicators/", include("grundlag.indicators.urls")),
    path("actionplans/", include("grundlag.actionplans.urls")),
    prefix_default_language=False,
)
if settings.OIDC_ENABLED:
    # The provider calls back at one fixed address, so single sign-on sits outside the language prefix.
    urlpatterns += [path("oidc/", include("mozilla_django_oidc.urls"))]

handler500 = "grundlag.core.views.server_error"

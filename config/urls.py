from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", include("grundlag.core.health_urls")),
]
urlpatterns += i18n_patterns(
    path("", include("grundlag.core.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("frameworks/", include("grundlag.frameworks.urls")),
    prefix_default_language=False,
)

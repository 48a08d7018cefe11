from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrameworksConfig(AppConfig):
    name = "grundlag.frameworks"
    verbose_name = _("Leadership foundations")

    def ready(self) -> None:
        from . import start  # noqa: F401  (puts the drafts on their authors' start page)

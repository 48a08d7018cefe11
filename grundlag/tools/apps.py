from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolsConfig(AppConfig):
    name = "grundlag.tools"
    verbose_name = _("Leadership tools")

    def ready(self) -> None:
        from . import gdpr, start  # noqa: F401  (the GDPR export's part and the start page's)

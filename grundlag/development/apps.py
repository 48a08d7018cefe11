from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevelopmentConfig(AppConfig):
    name = "grundlag.development"
    verbose_name = _("Development")

    def ready(self) -> None:
        from . import gdpr, start  # noqa: F401  (the GDPR export's part and the start page's)
        from .plans import start as plans_start  # noqa: F401  (the plans' next actions on the start page)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "grundlag.networks"
    verbose_name = _("Leader networks")

    def ready(self) -> None:
        from . import gdpr, start  # noqa: F401  (the GDPR export's part and the start page's)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplansConfig(AppConfig):
    name = "grundlag.actionplans"
    verbose_name = _("Action plans")

    def ready(self) -> None:
        from . import gdpr, pack, start  # noqa: F401  (the GDPR export's, the dialogue pack's, the start page's part)

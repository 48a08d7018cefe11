from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentConfig(AppConfig):
    name = "grundlag.talent"
    verbose_name = _("Talent pipeline")

    def ready(self) -> None:
        # The GDPR export's and erasure's parts, the start page's, and the talent's part of a plan's page.
        from . import gdpr, plan, start  # noqa: F401

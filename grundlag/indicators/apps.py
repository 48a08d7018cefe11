from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "grundlag.indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from . import pack, start  # noqa: F401  (the dialogue pack's part, the start page's key figures)
        from .notes import gdpr  # noqa: F401  (the notes' part of the GDPR export and erasure)

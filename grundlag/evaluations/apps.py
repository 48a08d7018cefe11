from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "grundlag.evaluations"
    verbose_name = _("Leadership evaluations")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deployment checks)

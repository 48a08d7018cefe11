from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "grundlag.organisation"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from . import start  # noqa: F401  (puts the organisation's part on the start page)

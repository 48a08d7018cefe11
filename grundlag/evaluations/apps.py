from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "grundlag.evaluations"
    verbose_name = _("Leadership evaluations")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from grundlag.organisation.models import Person

        # The deployment checks, and the evaluations' part of the start page.
        from . import checks, start  # noqa: F401
        from .reports.signals import on_person_saved

        # An erased person's kept report PDFs carry their name: dropped with the erasure (accounts).
        post_save.connect(on_person_saved, sender=Person, dispatch_uid="evaluations_report_pdfs_erased")

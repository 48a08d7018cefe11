"""Signal receivers of the reports, connected in `EvaluationsConfig.ready`."""

from typing import Any

from grundlag.organisation.models import Person

from .services import report_pdfs_of_erased_person_drop


def on_person_saved(sender: type[Person], instance: Person, **kwargs: Any) -> None:
    """A person just erased (`accounts.services.person_erase`) loses their kept report PDFs."""
    if instance.erased_at is not None and "erased_at" in (kwargs.get("update_fields") or ["erased_at"]):
        report_pdfs_of_erased_person_drop(person_id=instance.pk)

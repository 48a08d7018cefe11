from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running an installation: backups and restores of everything it holds (docs/backups.md)."""

    name = "grundlag.operations"
    verbose_name = "Operations"

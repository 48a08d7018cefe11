from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "grundlag.core"
    verbose_name = "Grundlag"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "grundlag.core"
    verbose_name = "Grundlag"

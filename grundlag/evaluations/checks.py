"""Deployment checks of the evaluations (`python manage.py check --deploy`)."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.security, deploy=True)
def seal_keys_are_set(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    """Production seals answers under keys of its own, so a new SECRET_KEY does not lose open cycles."""
    if settings.DEBUG or any(key.strip() for key in settings.EVALUATIONS_SEAL_KEYS):
        return []
    return [
        Warning(
            "EVALUATIONS_SEAL_KEYS is not set: the answers of open evaluations are sealed under a key "
            "derived from SECRET_KEY, and a new SECRET_KEY would leave them sealed for good.",
            hint="Set EVALUATIONS_SEAL_KEYS (see .env.example and docs/evaluations.md, "
            '"Anonymity against the database").',
            id="grundlag.W001",
        )
    ]

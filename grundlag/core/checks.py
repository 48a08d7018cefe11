"""Deployment checks (`python manage.py check --deploy`): a production site that would leak or fail.

Run by `check --deploy`, which fails on any of them: production settings (DEBUG unset) with an e-mail
backend that writes answer links and password-reset links into the worker's output instead of sending
them, and a site whose static files were never collected.
"""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.files.storage import storages

# Back-ends that keep the message in the process (output, memory, a file) instead of delivering it.
NOT_DELIVERING = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}


@register(Tags.security, deploy=True)
def email_is_delivered(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    """Invitations and password resets are sent, not printed into a log, outside development."""
    if settings.DEBUG:
        return []
    if settings.EMAIL_BACKEND in NOT_DELIVERING:
        return [
            Error(
                f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}: answer links and password-reset links would "
                "be written to the output instead of sent.",
                hint="Set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST "
                "(see .env.example).",
                id="grundlag.E001",
            )
        ]
    if settings.EMAIL_BACKEND.endswith("smtp.EmailBackend") and not settings.EMAIL_HOST:
        return [
            Error(
                "EMAIL_HOST is not set: invitations and password-reset e-mails cannot be sent.",
                hint="Set EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS).",
                id="grundlag.E002",
            )
        ]
    return []


@register("grundlag", deploy=True)
def static_files_are_collected(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    """The stylesheets and scripts have been collected into STATIC_ROOT, with the manifest pages look up."""
    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin) or storage.exists(storage.manifest_name):
        return []
    return [
        Error(
            f"The static files are not collected: {settings.STATIC_ROOT} holds no {storage.manifest_name}, "
            "so pages have no stylesheets or scripts.",
            hint="Run `python manage.py collectstatic --noinput` after every install or upgrade.",
            id="grundlag.E003",
        )
    ]

"""The static files storage of production: hashed, compressed names from collectstatic's manifest."""

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage  # type: ignore[import-untyped]

logger = logging.getLogger(__name__)


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's storage, except that a file missing from the manifest does not fail the page.

    Before `collectstatic` has run (or after an upgrade added a file) the parent raises on every
    `{% static %}`, so every page answered 500. The page is now served with the file's plain name and
    the error is logged; `manage.py check --deploy` names the cause (grundlag.E003).
    """

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:
            logger.error("Static file %s is not collected: run `python manage.py collectstatic`.", name)
            return name

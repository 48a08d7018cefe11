"""The static files storage of production: hashed, compressed names from collectstatic's manifest."""

import logging

from django.contrib.staticfiles import finders
from whitenoise.storage import CompressedManifestStaticFilesStorage  # type: ignore[import-untyped]

logger = logging.getLogger(__name__)


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's storage, except that a file missing from the manifest does not fail the page.

    Before `collectstatic` has run (or after an upgrade added a file) the parent raises on every
    `{% static %}`, so every page answered 500. The page is now served with the file's plain name and
    the error is logged; `manage.py check --deploy` names the cause (grundlag.E003).

    Only a file that exists to be collected is logged: WhiteNoise asks, at every worker's start, for names
    that are no file at all (`charts.js.txt` for `charts.js.LICENSE.txt`, to tell whether a name is hashed),
    and each of those logged a false "not collected" error.
    """

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:
            if finders.find(name):
                logger.error("Static file %s is not collected: run `python manage.py collectstatic`.", name)
            return name

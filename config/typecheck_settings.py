"""The settings mypy's Django plugin loads: the development settings, so that type checking needs no
production secret and `mypy` runs as it is, with no environment set."""

import os

os.environ.setdefault("DEBUG", "true")

from .settings import *  # noqa: E402, F403

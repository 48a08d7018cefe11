"""What the networks put on the start page: each sub-package's part, imported so that it registers."""

from .advice import start as advice_start  # noqa: F401
from .events import start as events_start  # noqa: F401

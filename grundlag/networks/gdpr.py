"""The networks' part of a person's GDPR export: each sub-package's part, imported so that it registers."""

from .advice import gdpr as advice_gdpr  # noqa: F401
from .events import gdpr as events_gdpr  # noqa: F401
from .newsletters import gdpr as newsletters_gdpr  # noqa: F401
from .reflection import gdpr as reflection_gdpr  # noqa: F401

"""The networks' pages; each sub-package keeps its own list of paths, joined here under one namespace."""

from .advice import urls as advice_urls
from .events import urls as events_urls
from .newsletters import urls as newsletters_urls
from .reflection import urls as reflection_urls

app_name = "networks"
urlpatterns = [
    *events_urls.urlpatterns,
    *advice_urls.urlpatterns,
    *reflection_urls.urlpatterns,
    *newsletters_urls.urlpatterns,
]

"""The toolbox's pages; each sub-package keeps its own list of paths, joined here under one namespace, the
paths of a tool by its key last."""

from .authoring import urls as authoring_urls
from .documents import urls as documents_urls
from .library import urls as library_urls
from .meetings import urls as meetings_urls

app_name = "tools"
urlpatterns = [
    *documents_urls.urlpatterns,
    *authoring_urls.urlpatterns,
    *meetings_urls.urlpatterns,
    *library_urls.urlpatterns,
    *documents_urls.tool_urlpatterns,
]

"""The toolbox's pages; each sub-package keeps its own list of paths, joined here under one namespace, the
paths of a tool by its key last."""

from .documents import urls as documents_urls

app_name = "tools"
urlpatterns = [
    *documents_urls.urlpatterns,
    *documents_urls.tool_urlpatterns,
]

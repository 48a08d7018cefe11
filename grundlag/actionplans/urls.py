"""The action plans' pages; each sub-package keeps its own list of paths, joined here under one namespace."""

from .log import urls as log_urls
from .plans import urls as plans_urls
from .process import urls as process_urls

app_name = "actionplans"
urlpatterns: list = [*plans_urls.urlpatterns, *log_urls.urlpatterns, *process_urls.urlpatterns]

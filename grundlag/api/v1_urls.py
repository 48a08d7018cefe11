"""The API's routes, mounted at /api/v1/ outside the language prefixes."""

from .api import api

urlpatterns, _app, app_name = api.urls

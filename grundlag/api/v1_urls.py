"""The API's routes, mounted at /api/v1/ outside the language prefixes."""

import functools

from django.utils import translation

from .api import api


def _in_the_callers_language(view):
    """Answer in the language of the Accept-Language header (or language cookie), Danish by default.

    LocaleMiddleware gives every address outside the language prefixes the default language, because
    the site's own prefix-free addresses are Danish; an integration says which language it wants instead.
    """

    @functools.wraps(view)
    def in_language(request, *args, **kwargs):
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()
        return view(request, *args, **kwargs)

    return in_language


urlpatterns, _app, app_name = api.urls
for pattern in urlpatterns:
    pattern.callback = _in_the_callers_language(pattern.callback)

from django.conf import settings
from django.utils.cache import patch_cache_control

# Everything comes from our own origin; no inline scripts or styles.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if not settings.DEBUG:
            response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class PrivateNoStoreMiddleware:
    """Nothing private is kept by a browser (a shared PC's cache, back/forward) or a proxy after logout.

    A response to a signed-in user, to an API call with an `Authorization` header, or one that sets or clears
    the session cookie gets `Cache-Control: private, no-store`, unless the view chose its own Cache-Control.
    Anonymous public pages stay as they are; static files never get here (WhiteNoise answers them first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and _is_private(request, response):
            patch_cache_control(response, private=True, no_store=True)
        return response


def _is_private(request, response) -> bool:
    if "Authorization" in request.headers or settings.SESSION_COOKIE_NAME in response.cookies:
        return True
    user = getattr(request, "user", None)  # absent when a middleware before authentication answered
    return user is not None and user.is_authenticated

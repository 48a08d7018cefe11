"""The address a login comes from, as the login throttle (django-axes) counts it."""

from django.conf import settings
from django.http import HttpRequest
from ipware.ip import get_client_ip


def client_address(request: HttpRequest) -> str | None:
    """The peer's address; behind N proxies (AXES_IPWARE_PROXY_COUNT), the Nth from the right of the chain.

    The chain is X-Forwarded-For: each proxy appends the address it was reached from, so only the last N
    entries are vouched for. Anything before them is text the client sent and is never used, and without a
    proxy count the header is ignored altogether: a forged header cannot move an attacker out of a pause.
    """
    peer = request.META.get("REMOTE_ADDR")
    proxies = settings.AXES_IPWARE_PROXY_COUNT
    if not proxies:
        return peer
    # ipware counts the proxies named in the header: one fewer than those in front, as the nearest one is
    # the peer. Not strict, so that entries the client put in front are passed over rather than refused.
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    # Too few entries: the request did not come through the proxies, so its peer is the client.
    return address or peer

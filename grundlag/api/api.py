"""The JSON API, version 1: read-only, authenticated, paginated, under the pages' access rules."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.parser import Parser

from . import (
    actionplans,
    development,
    evaluations,
    frameworks,
    indicators,
    networks,
    organisation,
    plans,
    surveys,
)
from .auth import ApiTokenAuth, SignedInSession

DESCRIPTION = """Access to Grundlag's organisation (units, people, posts), leadership
foundations, 360° evaluation results and surveys (every figure through the report pages' anonymity
gates), a leader's development dialogues (to their two parties only), indicators (a unit's figures through
the publication gate; observations written in bulk, all or nothing) and action plans. Authenticate with
`Authorization: Bearer <token>` (an administrator makes tokens at /api-tokens/) or, from a browser, by
being signed in. A token acts as its user: it sees exactly what that user sees on the pages. Lists take
`limit` (at most 500) and `offset`. See docs/api.md."""


class SingleValueParser(Parser):
    """A parameter given twice reaches validation as a list and is refused; the last one does not win."""

    def parse_querydict(self, data, list_fields, request):
        return {
            key: data.getlist(key) if key in list_fields or len(data.getlist(key)) > 1 else data[key]
            for key in data
        }


api = NinjaAPI(
    title="Grundlag API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    # The Swagger page loads scripts from a CDN and inline, which the CSP forbids; the OpenAPI file is enough.
    docs_url=None,
    auth=[ApiTokenAuth(), SignedInSession()],
    parser=SingleValueParser(),
)
api.add_router("", organisation.router)
api.add_router("", frameworks.router)
api.add_router("", evaluations.router)
api.add_router("", surveys.router)
api.add_router("", development.router)
api.add_router("", plans.router)
api.add_router("", networks.router)
api.add_router("", indicators.router)
api.add_router("", actionplans.router)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    response = api.create_response(
        request,
        {"detail": _("Authentication required: give a valid token or sign in.")},
        status=401,
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": _("You do not have access to this.")}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc):
    # One body for "does not exist" and "not yours to see", so that existence is never revealed.
    return api.create_response(request, {"detail": _("Not found.")}, status=404)

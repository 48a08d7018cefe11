from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .selectors import readiness
from .start import start_sections_for_user


@require_GET
def home(request):
    """The start page: what each domain has for the person signed in; the foundations for anyone else."""
    if not request.user.is_authenticated:
        return redirect("frameworks:list")
    return render(request, "core/start.html", {"sections": start_sections_for_user(user=request.user)})


@require_GET
def accessibility_statement(request):
    """The accessibility statement with the fields of Digitaliseringsstyrelsen's template, from settings."""
    context = {
        "organisation": settings.ACCESSIBILITY_ORGANISATION,
        "site_url": settings.ACCESSIBILITY_SITE_URL or request.build_absolute_uri("/"),
        "compliance": settings.ACCESSIBILITY_COMPLIANCE,
        "method": settings.ACCESSIBILITY_METHOD,
        "method_description": settings.ACCESSIBILITY_METHOD_DESCRIPTION,
        "prepared": settings.ACCESSIBILITY_PREPARED,
        "reviewed": settings.ACCESSIBILITY_REVIEWED,
        "email": settings.ACCESSIBILITY_CONTACT_EMAIL,
        "phone": settings.ACCESSIBILITY_CONTACT_PHONE,
        "statement_url": settings.ACCESSIBILITY_STATEMENT_URL,
        "complaint_url": settings.ACCESSIBILITY_COMPLAINT_URL,
    }
    return render(request, "core/accessibility.html", context)


@require_GET
def accessibility_short_address(request):
    """<site>/was: the statement in the WAS-Tool where the installation has one, else this site's own."""
    return redirect(settings.ACCESSIBILITY_STATEMENT_URL or reverse("core:accessibility"))


def health(request):
    """A bare endpoint: the baseline the benchmarks measure pages against."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_GET
def ready(request):
    """Whether this installation can do its work: the database answers and a task worker was seen lately.

    For monitoring; `?workers=0` asks only for the database, for a load balancer that should not take a web
    process out because the workers stopped. 503 names what is wrong, never a host or a worker.
    """
    within = settings.READINESS_WORKER_SECONDS
    found = readiness(within_seconds=within, workers=request.GET.get("workers") != "0")
    body = {"status": "ready" if found.ready else "not ready", **found.report}
    return JsonResponse(body, status=200 if found.ready else 503)


@require_GET
@login_required
@permission_required("core.view_administration", raise_exception=True)
def administration(request):
    """The administrators' tools in one place."""
    return render(request, "core/administration.html")


@require_POST
def language_set(request):
    """Django's language switch, reading the page to return to in that page's own language.

    Django resolves `next` in the language the request is in, which comes from the cookie or the
    browser: from an English page (/en/…) reached without the cookie, in a Danish browser, the address
    did not resolve and "Dansk" led back to the English page.
    """
    page_language = translation.get_language_from_path(request.POST.get("next", "")) or settings.LANGUAGE_CODE
    with translation.override(page_language):
        return i18n.set_language(request)


def server_error(request):
    """The 500 page in the site's look and the request's language; a plain one if even that fails."""
    try:
        return render(request, "500.html", status=500)
    except Exception:  # noqa: BLE001 - the page of last resort must not fail in turn
        return HttpResponseServerError("<h1>Server Error (500)</h1>", content_type="text/html")


def csrf_failure(request, reason: str = ""):
    """A form refused for its missing or stale CSRF token: what happened and what to do, not Django's page."""
    return render(request, "403_csrf.html", status=403)

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from .rules import is_administrator


def home(request):
    return redirect("frameworks:list")


def accessibility_statement(request):
    return render(request, "core/accessibility.html")


def health(request):
    """A bare endpoint: the baseline the benchmarks measure pages against."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
@login_required
def administration(request):
    """The administrators' tools in one place."""
    if not is_administrator(request.user):
        raise PermissionDenied
    return render(request, "core/administration.html")

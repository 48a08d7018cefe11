from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET


@require_GET
def home(request):
    return redirect("frameworks:list")


@require_GET
def accessibility_statement(request):
    return render(request, "core/accessibility.html")


def health(request):
    """A bare endpoint: the baseline the benchmarks measure pages against."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
@login_required
@permission_required("core.view_administration", raise_exception=True)
def administration(request):
    """The administrators' tools in one place."""
    return render(request, "core/administration.html")

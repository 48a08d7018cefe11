from django.http import HttpResponse
from django.shortcuts import redirect, render


def home(request):
    return redirect("frameworks:list")


def accessibility_statement(request):
    return render(request, "core/accessibility.html")


def health(request):
    """A bare endpoint: the baseline the benchmarks measure pages against."""
    return HttpResponse("ok", content_type="text/plain")

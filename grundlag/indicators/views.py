"""The indicators pages: thin, a selector, a form, one service.

The figures pages read everything through the selectors, which read the figures through the publication
gate's kept decisions: a withheld figure reaches the template as its reason alone."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from grundlag.core.replica import replica_reads

from . import perception, selectors
from .charts import distribution_spec, series_spec
from .forms import UnitSearchForm


@require_GET
@login_required
@replica_reads
def index(request: HttpRequest) -> HttpResponse:
    form = UnitSearchForm(request.GET or None)
    query = form.cleaned_data.get("q", "") if form.is_valid() else ""
    units = selectors.units_for_user(user=request.user, query=query)
    return render(request, "indicators/index.html", {"index": units, "form": form})


@require_GET
@login_required
@replica_reads
def unit(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.unit_get_for_user(user=request.user, pk=pk)
    figures = selectors.unit_indicators_for_user(user=request.user, unit=found)
    surveys = perception.unit_survey_figures_for_user(user=request.user, unit=found)
    return render(
        request, "indicators/unit.html", {"unit": found, "figures": figures, "survey_figures": surveys}
    )


@require_GET
@login_required
@replica_reads
def indicator(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    found = selectors.unit_get_for_user(user=request.user, pk=pk)
    series = selectors.indicator_series_for_user(
        user=request.user, unit=found, indicator=selectors.indicator_get(key=key)
    )
    chart = series_spec(series)
    spread = distribution_spec(series) if series.distribution else None
    return render(
        request,
        "indicators/indicator.html",
        {
            "unit": found,
            "series": series,
            "chart": chart if any(row["value"] is not None for row in chart["data"]["values"]) else None,
            "distribution_chart": spread if spread and spread["data"]["values"] else None,
        },
    )

"""The administrator's insight page, and the leader's answer to "did it help?"."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from grundlag.core.outcomes import refusal_show
from grundlag.evaluations.models import SCALE

from ..dialogues import selectors as dialogue_selectors
from ..dialogues.forms import DONT_KNOW, ImpactForm
from . import selectors, services


@require_GET
@login_required
def insight(request):
    years = selectors.insight_years_for_user(user=request.user)
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and int(asked) in years else years[0]
    published = selectors.insight_year_for_user(user=request.user, year=year)
    return render(
        request,
        "development/insight.html",
        {
            "years": years,
            "year": year,
            "published": published,
            "sections": published.sections if published else None,
            "impact": published.impact if published else None,
            "k": settings.DEVELOPMENT_INSIGHT_THRESHOLD,
            "scale": SCALE,
        },
    )


@require_POST
@login_required
def impact_answer(request, pk):
    view = dialogue_selectors.dialogue_view_for_user(user=request.user, pk=pk)
    form = ImpactForm(request.POST)
    if form.is_valid():
        value = form.cleaned_data["value"]
        try:
            services.impact_answer(
                dialogue=view.dialogue, value=None if value == DONT_KNOW else int(value), by=request.user
            )
        except ValidationError as error:
            refusal_show(request, error)
        else:
            messages.success(request, _("Thank you. Your answer is counted without your name."))
    else:
        messages.error(request, _("Choose one of the answers on the scale, or don't know."))
    return redirect("development:agreement", pk=pk)

"""The evaluation log's pages: the units whose log I keep, a unit's log, writing an entry and changing one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import selectors, services
from .forms import EntryForm


@require_GET
@login_required
def log_units(request):
    units = selectors.log_units_for_user(user=request.user)
    if len(units) == 1:
        return redirect("actionplans:log", unit_pk=units[0].pk)
    return render(request, "actionplans/log/log_units.html", {"units": units})


@require_GET
@login_required
def log(request, unit_pk):
    unit = selectors.log_unit_for_user(user=request.user, pk=unit_pk)
    return render(
        request,
        "actionplans/log/log.html",
        {
            "unit": unit,
            "entries": selectors.log_entries_for_user(user=request.user, unit=unit),
            "may_write": selectors.log_writable_for_user(user=request.user, unit=unit),
        },
    )


def _form(request, unit, **kwargs):
    return EntryForm(
        request.POST or None,
        indicators=selectors.log_indicator_choices(),
        plans=selectors.log_plan_choices_for_user(user=request.user, unit=unit),
        **kwargs,
    )


@login_required
def log_create(request, unit_pk):
    unit = selectors.log_unit_for_user(user=request.user, pk=unit_pk, write=True)
    form = _form(request, unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_create(unit=unit, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The evaluation was written in the log."))
            return redirect("actionplans:log", unit_pk=unit.pk)
    return render(
        request,
        "actionplans/log/entry_form.html",
        {"unit": unit, "form": form, "entry": None},
        status=422 if request.method == "POST" else 200,
    )


@login_required
def log_edit(request, pk):
    entry = selectors.log_entry_get_for_user(user=request.user, pk=pk)
    fields = ("evaluated_on", "subject", "data_used", "conclusion", "decision", "look_again_on", "plan")
    initial = {name: getattr(entry, name) for name in fields} | {"indicators": list(entry.indicators.all())}
    form = _form(request, entry.unit, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_update(entry=entry, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The entry was saved."))
            return redirect("actionplans:log", unit_pk=entry.unit_id)
    return render(
        request,
        "actionplans/log/entry_form.html",
        {"unit": entry.unit, "form": form, "entry": entry},
        status=422 if request.method == "POST" else 200,
    )

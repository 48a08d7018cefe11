"""The development pages: my dialogues, scheduling one, and the administrator's LUS rounds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import selectors, services
from .forms import RoundForm, ScheduleForm
from .models import DialogueStatus


@require_GET
@login_required
def dialogue_list(request):
    mine, held = selectors.dialogues_by_role_for_user(user=request.user)
    return render(
        request,
        "development/dialogue_list.html",
        {
            "mine": mine,
            "held": held,
            "may_schedule": selectors.leaders_to_schedule_for_user(user=request.user).exists(),
        },
    )


@login_required
def dialogue_schedule(request):
    leaders = selectors.leaders_to_schedule_for_user(user=request.user)
    form = ScheduleForm(request.POST or None, leaders=leaders, initial={"leader": request.GET.get("leader")})
    if request.method == "POST" and form.is_valid():
        try:
            services.dialogue_schedule(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)  # a dict of errors names its own fields
        else:
            messages.success(request, _("The development dialogue was scheduled."))
            return redirect("development:dialogues")
    return render(
        request,
        "development/dialogue_schedule.html",
        {"form": form, "leads_no_one": not leaders.exists()},
        status=422 if request.method == "POST" else 200,
    )


@require_GET
@login_required
@permission_required("development.view_rounds", raise_exception=True)
def round_list(request):
    return render(
        request, "development/round_list.html", {"rounds": selectors.rounds_for_user(user=request.user)}
    )


@login_required
@permission_required("development.open_round", raise_exception=True)
def round_create(request):
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opened = services.round_open(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The round was opened: %(planned)s dialogues planned.") % {"planned": opened.planned},
            )
            return redirect("development:round_detail", pk=opened.round.pk)
    return render(
        request,
        "development/round_create.html",
        {"form": form},
        status=422 if request.method == "POST" else 200,
    )


@require_GET
@login_required
def round_detail(request, pk):
    round_ = selectors.round_get_for_user(user=request.user, pk=pk)
    unit_pk = request.GET.get("unit", "")
    unit = selectors.round_unit_get_for_user(
        user=request.user, round_=round_, pk=int(unit_pk) if unit_pk.isdigit() else None
    )
    rows = selectors.round_overview_for_user(user=request.user, round_=round_, unit=unit)
    return render(
        request,
        "development/round_detail.html",
        {"round": round_, "unit": unit, "rows": rows, "phases": DialogueStatus.choices},
    )

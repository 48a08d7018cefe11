"""The sparring log pages: my sessions and logging one, one session with its next steps, each added to the
development plan with one button."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from grundlag.core.outcomes import refusal_show

from ..plans.selectors import goals_to_pick_for_user, plan_leader_for_user
from . import selectors, services
from .forms import SparringForm, StepToPlanForm


@login_required
def sparring(request):
    sessions = selectors.sparring_sessions_for_user(user=request.user)
    form = SparringForm(
        request.POST or None,
        themes=selectors.sparring_themes_for_user(user=request.user),
        initial={"held_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.sparring_session_log(
                leader=plan_leader_for_user(user=request.user),
                kind=data["kind"],
                partner=data["partner"],
                held_on=data["held_on"],
                section_ids=data["sections"],
                notes=data["notes"],
                steps=form.step_lines(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The sparring session was logged."))
            return redirect("development:sparring_detail", pk=session.pk)
    return render(
        request,
        "development/sparring_list.html",
        {"sessions": sessions, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@require_GET
@login_required
def sparring_detail(request, pk):
    session = selectors.sparring_session_get_for_user(user=request.user, pk=pk)
    goals = goals_to_pick_for_user(user=request.user)
    steps = selectors.sparring_steps_for_user(user=request.user, session=session)
    return render(
        request,
        "development/sparring_detail.html",
        {
            "session": session,
            "steps": [
                (
                    step,
                    None if hasattr(step, "action") else StepToPlanForm(prefix=f"step{step.pk}", goals=goals),
                )
                for step in steps
            ],
        },
    )


@require_POST
@login_required
def sparring_step_to_plan(request, pk, step_pk):
    session = selectors.sparring_session_get_for_user(user=request.user, pk=pk)
    step = selectors.sparring_step_get_for_user(user=request.user, session=session, pk=step_pk)
    form = StepToPlanForm(
        request.POST, prefix=f"step{step.pk}", goals=goals_to_pick_for_user(user=request.user)
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("development:sparring_detail", pk=session.pk)
    try:
        action = services.sparring_step_to_plan(step=step, goal=form.cleaned_data["goal"], by=request.user)
    except ValidationError as error:
        refusal_show(request, error)
    else:
        messages.success(
            request,
            _("The next step is now an action of your development plan, under »%(goal)s«.")
            % {"goal": action.goal.title},
        )
    return redirect("development:sparring_detail", pk=session.pk)


@require_POST
@login_required
def sparring_delete(request, pk):
    session = selectors.sparring_session_get_for_user(user=request.user, pk=pk)
    try:
        services.sparring_session_delete(session=session, by=request.user)
    except ValidationError as error:
        refusal_show(request, error)
        return redirect("development:sparring_detail", pk=session.pk)
    messages.success(request, _("The sparring session was deleted; the actions it gave stay in your plan."))
    return redirect("development:sparring")

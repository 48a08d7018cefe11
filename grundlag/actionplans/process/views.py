"""The 5F process's pages: my processes, starting one, its overview, one step at a time (the step's words from
the toolbox, everyone's contributions, one's own to add, change or delete, the previous and next step), its
team, and making the action plan of the Frigør step."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from grundlag.core.outcomes import form_errors_show, refusal_show, service_run

from ..plans.selectors import team_member_candidates
from . import selectors, services
from .forms import MoveForm, StartForm, TeamForm, entry_form


def _posted(request):
    """The posted data for a POST (empty too: no box ticked is a choice), None for a GET."""
    return request.POST if request.method == "POST" else None


def _step_url(process, step: str, anchor: str = "") -> str:
    url = reverse("actionplans:process_step", kwargs={"pk": process.pk, "step": step})
    return f"{url}#{anchor}" if anchor else url


@require_GET
@login_required
def process_list(request):
    return render(
        request,
        "actionplans/process/list.html",
        {"processes": selectors.processes_for_user(user=request.user)},
    )


@login_required
def process_start(request):
    owner, units = selectors.process_units_to_start_for_user(user=request.user)
    form = StartForm(
        _posted(request),
        units=units,
        candidates=team_member_candidates(owner=owner),
        initial={"unit": units.first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            process = services.process_start(
                unit=form.cleaned_data["unit"],
                owner=owner,
                title=form.cleaned_data["title"],
                team_members=form.cleaned_data["team_members"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The 5F process was started."))
            return redirect(_step_url(process, process.step))
    return render(
        request,
        "actionplans/process/start.html",
        {"form": form, "version": selectors.fivef_version_current()},
        status=422 if request.method == "POST" else 200,
    )


@require_GET
@login_required
def process_detail(request, pk):
    access = selectors.process_get_for_user(user=request.user, pk=pk)
    counts = selectors.process_entry_counts(process=access.process)
    steps = [(step, counts[step.key]) for step in selectors.process_steps(process=access.process)]
    return render(
        request,
        "actionplans/process/process.html",
        {
            "access": access,
            "process": access.process,
            "steps": steps,
            "content": access.process.tool_version.content,
        },
    )


def _step_page(request, access, step_key, form=None, status=200):
    process = access.process
    steps = selectors.process_steps(process=process)
    step = selectors.process_step_get(process=process, key=step_key)
    index = [s.key for s in steps].index(step.key)
    if form is None and process.plan_id is None:
        form = entry_form(step=step.key)
    return render(
        request,
        "actionplans/process/step.html",
        {
            "access": access,
            "process": process,
            "step": step,
            "steps": steps,
            "team_step": next(s for s in steps if s.key == process.step),
            "previous": steps[index - 1] if index > 0 else None,
            "next": steps[index + 1] if index + 1 < len(steps) else None,
            "entries": selectors.process_entries(process=process, step=step.key),
            "form": form if process.plan_id is None else None,
            "is_frigoer": step.key == "frigoer",
        },
        status=status,
    )


@require_GET
@login_required
def process_step(request, pk, step):
    access = selectors.process_get_for_user(user=request.user, pk=pk)
    return _step_page(request, access, step)


@require_POST
@login_required
def process_entry_add(request, pk, step):
    access = selectors.process_get_for_user(user=request.user, pk=pk)
    step = selectors.process_step_get(process=access.process, key=step).key
    form = entry_form(step=step, data=request.POST)
    if form.is_valid():
        try:
            entry = services.process_entry_add(
                process=access.process, step=step, text=form.cleaned_data["text"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your contribution was added."))
            return redirect(_step_url(access.process, step, f"entry-{entry.pk}"))
    return _step_page(request, access, step, form=form, status=422)


@login_required
def process_entry_edit(request, pk, entry_pk):
    access = selectors.process_get_for_user(user=request.user, pk=pk)
    entry = selectors.process_entry_get_for_user(user=request.user, process=access.process, pk=entry_pk)
    form = entry_form(step=entry.step, data=_posted(request), initial={"text": entry.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.process_entry_update(entry=entry, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your contribution was changed."))
            return redirect(_step_url(access.process, entry.step, f"entry-{entry.pk}"))
    return render(
        request,
        "actionplans/process/entry_edit.html",
        {
            "process": access.process,
            "entry": entry,
            "step": selectors.process_step_get(process=access.process, key=entry.step),
            "form": form,
        },
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def process_entry_delete(request, pk, entry_pk):
    access = selectors.process_get_for_user(user=request.user, pk=pk)
    entry = selectors.process_entry_get_for_user(user=request.user, process=access.process, pk=entry_pk)
    step = entry.step
    service_run(
        request,
        lambda: services.process_entry_delete(entry=entry, by=request.user),
        _("Your contribution was deleted."),
    )
    return redirect(_step_url(access.process, step))


@require_POST
@login_required
def process_move(request, pk):
    access = selectors.process_get_for_user(user=request.user, pk=pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        form_errors_show(request, form)
        return redirect("actionplans:process", pk=pk)
    step = form.cleaned_data["step"]
    moved = service_run(
        request,
        lambda: services.process_step_move(process=access.process, step=step, by=request.user),
        _("The team is now at this step."),
    )
    return redirect(_step_url(access.process, step if moved else access.process.step))


@require_POST
@login_required
def process_plan_create(request, pk):
    access = selectors.process_get_for_user(user=request.user, pk=pk)
    try:
        plan = services.process_plan_create(process=access.process, by=request.user)
    except ValidationError as error:
        refusal_show(request, error)
        return redirect(_step_url(access.process, "frigoer"))
    messages.success(request, _("The action plan was made from the process's decisions."))
    return redirect("actionplans:plan", pk=plan.pk)


@login_required
def process_team(request, pk):
    process = selectors.process_owned_for_user(user=request.user, pk=pk)
    form = TeamForm(
        _posted(request),
        candidates=team_member_candidates(owner=process.owner),
        initial={"team_members": list(process.team_members.all())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.process_team_set(
                process=process, team_members=form.cleaned_data["team_members"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The team was saved."))
            return redirect("actionplans:process", pk=pk)
    return render(
        request,
        "actionplans/process/team.html",
        {"process": process, "form": form},
        status=422 if request.method == "POST" else 200,
    )

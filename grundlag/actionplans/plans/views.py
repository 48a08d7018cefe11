"""The action plans' pages: my plans, starting one, a plan (its parts in the template's words, its baseline
and trend, actions, follow-ups), editing its parts (refused when someone saved after it was opened), its
status, sharing, its history, the expectations and indicators it is tied to, and its PDF and Word files."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from grundlag.core.outcomes import form_errors_show, service_run

from ..models import PlanStatus
from . import exports, selectors, services
from .forms import (
    ActionForm,
    ExpectationsForm,
    FollowUpForm,
    IndicatorForm,
    PlanCreateForm,
    PlanForm,
    ShareForm,
    StatusForm,
)
from .page import plan_page
from .template import plan_template


@require_GET
@login_required
def plan_list(request):
    lists = selectors.plan_lists_for_user(user=request.user)
    sections = [
        (_("My plans"), lists.own, _("You have no action plan of your own yet.")),
        (_("With my leadership team"), lists.team, _("No one has taken you into a plan's leadership team.")),
        (_("Shared with me"), lists.shared, _("No leader you lead shares a plan with you.")),
    ]
    return render(request, "actionplans/plans/plan_list.html", {"sections": sections})


@login_required
def plan_create(request):
    owner, _unit = selectors.plan_creator_for_user(user=request.user)
    template = plan_template()
    form = PlanCreateForm(
        request.POST or None,
        units=selectors.plan_units_for_user(user=request.user),
        team=selectors.team_member_candidates(owner=owner),
        template=template,
    )
    if request.method == "POST" and form.is_valid():
        _owner, unit = selectors.plan_creator_for_user(
            user=request.user, unit_pk=form.cleaned_data["unit"].pk
        )
        try:
            plan = services.plan_create(
                unit=unit,
                owner=owner,
                title=form.cleaned_data["title"],
                goal=form.cleaned_data["goal"],
                team_members=form.cleaned_data["team_members"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The action plan was started."))
            return redirect("actionplans:plan", pk=plan.pk)
    return render(
        request,
        "actionplans/plans/plan_create.html",
        {"form": form, "template": template},
        status=422 if request.method == "POST" else 200,
    )


@require_GET
@login_required
def plan_detail(request, pk):
    access = selectors.plan_get_for_user(user=request.user, pk=pk)
    page = plan_page(plan=access.plan, user=request.user)
    context = {"access": access, "plan": access.plan, "page": page}
    if access.can_edit:
        plan = access.plan
        context |= {
            "status_form": StatusForm(initial={"status": plan.status, "revision": plan.revision}),
            "action_form": ActionForm(template=page.template),
            "follow_up_form": FollowUpForm(),
            "indicator_form": None
            if page.figures_hidden
            else IndicatorForm(
                indicators=selectors.indicator_choices().exclude(
                    pk__in=[i.indicator.pk for i in page.indicators]
                )
            ),
            "expectation_sections": selectors.expectation_sections(plan=plan),
            "tied": {expectation.pk for expectation in page.expectations},
        }
    return render(request, "actionplans/plans/plan_detail.html", context)


def _conflict_form(request, plan, template):
    """The form again with what was typed, at the revision now saved (so saving again keeps it)."""
    current = selectors.plan_get_for_user(user=request.user, pk=plan.pk, edit=True).plan
    posted = request.POST.copy()
    posted["revision"] = str(current.revision)
    form = PlanForm(posted, template=template)
    form.is_valid()
    return form, current


@login_required
def plan_edit(request, pk):
    access = selectors.plan_get_for_user(user=request.user, pk=pk, edit=True)
    plan, template, theirs = access.plan, plan_template(), None
    initial = {
        name: getattr(plan, name) for name in ("title", "goal", "baseline", "evaluation", "evaluate_on")
    }
    form = PlanForm(request.POST or None, template=template, initial={**initial, "revision": plan.revision})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_save(
                plan=plan,
                expected_revision=data["revision"],
                by=request.user,
                **{name: data[name] for name in initial},
            )
        except ValidationError as error:
            if error.code == "conflict":
                form, theirs = _conflict_form(request, plan, template)
            form.add_error(None, error)
        else:
            messages.success(request, _("The action plan was saved."))
            return redirect("actionplans:plan", pk=pk)
    return render(
        request,
        "actionplans/plans/plan_edit.html",
        {"plan": plan, "form": form, "theirs": theirs, "template": template},
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def plan_status(request, pk):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk, edit=True).plan
    form = StatusForm(request.POST)
    if form.is_valid():
        service_run(
            request,
            lambda: services.plan_status_set(
                plan=plan,
                status=form.cleaned_data["status"],
                expected_revision=form.cleaned_data["revision"],
                by=request.user,
            ),
            _("The plan's status was saved."),
        )
    else:
        form_errors_show(request, form)
    return redirect("actionplans:plan", pk=pk)


@login_required
def plan_share(request, pk):
    plan = selectors.plan_owned_for_user(user=request.user, pk=pk)
    form = ShareForm(
        request.POST or None,
        team=selectors.team_member_candidates(owner=plan.owner),
        initial={
            "team_members": list(plan.team_members.all()),
            "shared_with_superior": plan.shared_with_superior,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_share(
                plan=plan,
                team_members=form.cleaned_data["team_members"],
                shared_with_superior=form.cleaned_data["shared_with_superior"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Who the plan is shared with was saved."))
            return redirect("actionplans:plan", pk=pk)
    return render(
        request,
        "actionplans/plans/plan_share.html",
        {"plan": plan, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@require_GET
@login_required
def plan_history(request, pk):
    access, revisions = selectors.plan_revisions_for_user(user=request.user, pk=pk)
    statuses = dict(PlanStatus.choices)
    rows = [(revision, str(statuses.get(revision.data.get("status"), ""))) for revision in revisions]
    return render(request, "actionplans/plans/plan_history.html", {"plan": access.plan, "rows": rows})


@require_POST
@login_required
def action_add(request, pk):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk, edit=True).plan
    form = ActionForm(request.POST, template=plan_template())
    if form.is_valid():
        service_run(
            request,
            lambda: services.plan_action_add(plan=plan, by=request.user, **form.cleaned_data),
            _("The action was added."),
        )
    else:
        form_errors_show(request, form)
    return redirect(f"{reverse('actionplans:plan', args=[pk])}#actions")


@login_required
def action_edit(request, pk, action_pk):
    action = selectors.plan_action_get_for_user(user=request.user, plan_pk=pk, pk=action_pk)
    fields = ("what", "who", "when", "due", "episode", "signs")
    initial = {name: getattr(action, name) for name in fields} | {"done": action.done_on is not None}
    form = ActionForm(request.POST or None, template=plan_template(), with_done=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_action_update(action=action, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The action was saved."))
            return redirect(f"{reverse('actionplans:plan', args=[pk])}#actions")
    return render(
        request,
        "actionplans/plans/action_edit.html",
        {"plan": action.plan, "action": action, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def action_done(request, pk, action_pk):
    action = selectors.plan_action_get_for_user(user=request.user, plan_pk=pk, pk=action_pk)
    done = request.POST.get("done") == "1"
    service_run(
        request,
        lambda: services.plan_action_done(action=action, done=done, by=request.user),
        _("The action was marked done.") if done else _("The action was marked not done."),
    )
    return redirect(f"{reverse('actionplans:plan', args=[pk])}#actions")


@require_POST
@login_required
def follow_up_add(request, pk):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk, edit=True).plan
    form = FollowUpForm(request.POST)
    if form.is_valid():
        service_run(
            request,
            lambda: services.plan_follow_up_add(plan=plan, by=request.user, **form.cleaned_data),
            _("The follow-up was recorded."),
        )
    else:
        form_errors_show(request, form)
    return redirect(f"{reverse('actionplans:plan', args=[pk])}#follow-ups")


@require_POST
@login_required
def plan_expectations(request, pk):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk, edit=True).plan
    form = ExpectationsForm(request.POST, sections=selectors.expectation_sections(plan=plan))
    if form.is_valid():
        service_run(
            request,
            lambda: services.plan_expectations_set(plan=plan, expectations=form.chosen(), by=request.user),
            _("The expectations of the foundation were saved."),
        )
    else:
        form_errors_show(request, form)
    return redirect(f"{reverse('actionplans:plan', args=[pk])}#expectations")


@require_POST
@login_required
def indicator_attach(request, pk):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk, edit=True).plan
    form = IndicatorForm(request.POST, indicators=selectors.indicator_choices())
    if form.is_valid():
        service_run(
            request,
            lambda: services.plan_indicator_attach(
                plan=plan, indicator=form.cleaned_data["indicator"], by=request.user
            ),
            _("The indicator was tied to the plan and its figures copied into the baseline."),
        )
    else:
        form_errors_show(request, form)
    return redirect(f"{reverse('actionplans:plan', args=[pk])}#baseline")


@require_POST
@login_required
def indicator_detach(request, pk, indicator_pk):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk, edit=True).plan
    indicator = selectors.plan_indicator_get(plan=plan, pk=indicator_pk)
    service_run(
        request,
        lambda: services.plan_indicator_detach(plan=plan, indicator=indicator, by=request.user),
        _("The indicator was untied from the plan, with its baseline figures."),
    )
    return redirect(f"{reverse('actionplans:plan', args=[pk])}#baseline")


def _export(request, pk, kind):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk).plan
    return FileResponse(
        io.BytesIO(services.plan_export(plan=plan, kind=kind, by=request.user)),
        as_attachment=True,
        filename=exports.plan_filename(plan=plan, extension=kind),
        content_type=exports.CONTENT_TYPES[kind],
    )


@require_GET
@login_required
def plan_pdf(request, pk):
    return _export(request, pk, "pdf")


@require_GET
@login_required
def plan_docx(request, pk):
    return _export(request, pk, "docx")

"""The development plan pages: my plan, a team plan or a plan shared with me, a goal and an action to edit,
and starting a plan with a leadership team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from grundlag.core.outcomes import refusal_show

from ..models import Plan
from . import selectors, services
from .extras import plan_extras_for
from .forms import ActionForm, ActionUpdateForm, GoalForm, GoalUpdateForm, TeamPlanForm


def _plan_url(plan: Plan, anchor: str = "") -> str:
    """Where the plan's people read it: my plan for a leader's own, the plan's page for a team's."""
    url = (
        reverse("development:plan")
        if plan.team_name == ""
        else reverse("development:plan_detail", args=[plan.pk])
    )
    return f"{url}#{anchor}" if anchor else url


def _goal_form(request, plan: Plan, data=None) -> GoalForm:
    return GoalForm(
        data,
        prefix="goal",
        sections=selectors.goal_choices(plan=plan),
        statements=selectors.report_statements_for_user(user=request.user, plan=plan),
    )


def _plan_page(request, view: selectors.PlanView, *, goal_form=None, action_forms=None, status=200):
    """A plan as the person asking sees it, with the forms of its people; a bound form that was refused is
    shown with its errors (422)."""
    action_forms = action_forms or {}
    own_page = view.is_own and view.role == selectors.LEADER
    return render(
        request,
        "development/plan_detail.html",
        {
            "view": view,
            "own_page": own_page,
            "today": timezone.localdate(),
            "goal_form": (goal_form or _goal_form(request, view.plan)) if view.writable else None,
            "goals": [
                (goal, action_forms.get(goal.pk) or ActionForm(prefix=f"action{goal.pk}"))
                for goal in view.goals
            ],
            "team_plans": selectors.team_plans_for_user(user=request.user) if own_page else [],
            "shared_with_me": selectors.plans_shared_with_user(user=request.user) if own_page else [],
            "extras": plan_extras_for(plan=view.plan, user=request.user),
        },
        status=status,
    )


@require_GET
@login_required
def plan(request):
    leader = selectors.plan_leader_for_user(user=request.user)
    own = services.plan_own_get(leader=leader)
    return _plan_page(request, selectors.plan_get_for_user(user=request.user, pk=own.pk))


@require_GET
@login_required
def plan_detail(request, plan_pk):
    view = selectors.plan_get_for_user(user=request.user, pk=plan_pk)
    if view.is_own and view.role == selectors.LEADER:
        return redirect("development:plan")
    return _plan_page(request, view)


@login_required
def plan_team_create(request):
    candidates = selectors.team_member_choices_for_user(user=request.user)
    form = TeamPlanForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.team_plan_create(
                leader=selectors.plan_leader_for_user(user=request.user),
                team_name=form.cleaned_data["team_name"],
                members=list(form.cleaned_data["members"]),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The team plan was started."))
            return redirect("development:plan_detail", plan_pk=plan.pk)
    return render(
        request,
        "development/plan_team_create.html",
        {"form": form},
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def goal_create(request, plan_pk):
    plan = selectors.plan_writable_get_for_user(user=request.user, pk=plan_pk)
    form = _goal_form(request, plan, request.POST)
    if form.is_valid():
        section_id, expectation = form.tie()
        try:
            goal = services.goal_create(
                plan=plan,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                section_id=section_id,
                expectation=expectation,
                report_statement=form.cleaned_data.get("report_statement") or "",
                shared=form.cleaned_data["shared"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The goal »%(goal)s« was added to the plan.") % {"goal": goal.title})
            return redirect(_plan_url(plan, f"goal-{goal.pk}"))
    view = selectors.plan_get_for_user(user=request.user, pk=plan.pk)
    return _plan_page(request, view, goal_form=form, status=422)


@login_required
def goal_update(request, plan_pk, goal_pk):
    plan = selectors.plan_writable_get_for_user(user=request.user, pk=plan_pk)
    goal = selectors.goal_get_for_user(user=request.user, plan=plan, pk=goal_pk)
    initial = {
        "title": goal.title,
        "description": goal.description,
        "status": goal.status,
        "shared": goal.shared,
    }
    form = GoalUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(goal=goal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The goal »%(goal)s« was saved.") % {"goal": goal.title})
            return redirect(_plan_url(plan, f"goal-{goal.pk}"))
    return render(
        request,
        "development/plan_goal.html",
        {"plan": plan, "goal": goal, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def goal_share(request, plan_pk, goal_pk):
    plan = selectors.plan_writable_get_for_user(user=request.user, pk=plan_pk)
    goal = selectors.goal_get_for_user(user=request.user, plan=plan, pk=goal_pk)
    shared = request.POST.get("shared") == "1"
    try:
        services.goal_update(
            goal=goal,
            title=goal.title,
            description=goal.description,
            status=goal.status,
            shared=shared,
            by=request.user,
        )
    except ValidationError as error:
        refusal_show(request, error)
    else:
        if not shared:
            done = _("The goal »%(goal)s« is private again.")
        elif plan.team_name:
            done = _("The superiors of the team's leader can now read the goal »%(goal)s«.")
        else:
            done = _("Your superior can now read the goal »%(goal)s«.")
        messages.success(request, done % {"goal": goal.title})
    return redirect(_plan_url(plan, f"goal-{goal.pk}"))


@require_POST
@login_required
def action_add(request, plan_pk, goal_pk):
    plan = selectors.plan_writable_get_for_user(user=request.user, pk=plan_pk)
    goal = selectors.goal_get_for_user(user=request.user, plan=plan, pk=goal_pk)
    form = ActionForm(request.POST, prefix=f"action{goal.pk}")
    if form.is_valid():
        try:
            services.action_add(goal=goal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The action was added to »%(goal)s«.") % {"goal": goal.title})
            return redirect(_plan_url(plan, f"goal-{goal.pk}"))
    view = selectors.plan_get_for_user(user=request.user, pk=plan.pk)
    return _plan_page(request, view, action_forms={goal.pk: form}, status=422)


@login_required
def action_update(request, plan_pk, action_pk):
    plan = selectors.plan_writable_get_for_user(user=request.user, pk=plan_pk)
    action = selectors.action_get_for_user(user=request.user, plan=plan, pk=action_pk)
    initial = {
        "text": action.text,
        "owner": action.owner,
        "due": action.due,
        "done": action.done_on is not None,
        "evidence": action.evidence,
        "reflection": action.reflection,
    }
    form = ActionUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(action=action, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The action was saved."))
            return redirect(_plan_url(plan, f"goal-{action.goal_id}"))
    return render(
        request,
        "development/plan_action.html",
        {"plan": plan, "action": action, "form": form},
        status=422 if request.method == "POST" else 200,
    )

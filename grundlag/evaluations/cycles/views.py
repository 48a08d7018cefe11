"""The pages administrators run evaluation cycles on: set up, preview, launch, raters, reminders, rates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from grundlag.core.outcomes import refusal_show

from ..models import Cycle, LocalQuestion, QuestionKind
from . import selectors, services
from .asked import GROUPS, group_labels, group_sections
from .forms import (
    CycleForm,
    CycleSettingsForm,
    EvalueesAddForm,
    EvalueesByLevelForm,
    GroupsForm,
    LeaderSearchForm,
    LocalQuestionForm,
    NameSearchForm,
    PreviewLevelForm,
    RaterAddForm,
    SectionsForm,
    rater_group_choices,
)
from .questionnaire import LOCAL_SECTION_KEY, questionnaire_preview

CYCLES_PER_PAGE = 50


def _cycle(request, pk: int) -> Cycle:
    return selectors.cycle_get_for_user(user=request.user, pk=pk)


def _perform(request, action, *, success):
    """Run a service: its refusal or the success message (text, or a function of the service's result)
    is shown on the next page. Returns the result."""
    try:
        result = action()
    except ValidationError as error:
        refusal_show(request, error)
        return None
    messages.success(request, success(result) if callable(success) else success)
    return result


@require_GET
@login_required
def cycle_list(request):
    cycles = selectors.cycles_for_user(user=request.user)
    page = Paginator(cycles, CYCLES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "evaluations/cycle_list.html", {"page": page})


@login_required
def cycle_create(request):
    form = CycleForm(request.POST or None, instance=selectors.cycle_new_for_user(user=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The cycle was created as a draft."))
            return redirect("evaluations:cycle_detail", pk=cycle.pk)
    return render(
        request,
        "evaluations/cycle_create.html",
        {"form": form},
        status=422 if request.method == "POST" else 200,
    )


def _detail_context(cycle: Cycle, **forms) -> dict:
    return {
        "cycle": cycle,
        "evaluees": selectors.cycle_evaluees(cycle=cycle),
        "local_questions": selectors.cycle_local_questions(cycle=cycle),
        "sections_form": forms.get("sections_form") or SectionsForm(cycle=cycle),
        "question_form": forms.get("question_form") or LocalQuestionForm(),
        "evaluees_form": forms.get("evaluees_form"),
        "settings_form": forms.get("settings_form") or CycleSettingsForm(instance=cycle),
        "by_level_form": EvalueesByLevelForm(cycle=cycle),
        "search_form": forms.get("search_form") or LeaderSearchForm(cycle=cycle),
        "found": forms.get("found"),
        "not_asked_counts": [(label, len(cycle.not_asked.get(group, []))) for group, label in group_labels()],
    }


@require_GET
@login_required
def cycle_detail(request, pk):
    cycle = _cycle(request, pk)
    return render(request, "evaluations/cycle_detail.html", _detail_context(cycle))


@login_required
@require_POST
def cycle_settings(request, pk):
    """Rename the cycle or move its deadline (until it is closed)."""
    cycle = _cycle(request, pk)
    form = CycleSettingsForm(request.POST, instance=cycle)
    if form.is_valid():
        _perform(
            request,
            lambda: services.cycle_update(
                cycle=cycle,
                by=request.user,
                name=form.cleaned_data["name"],
                deadline=form.cleaned_data["deadline"],
            ),
            success=_("The name and the deadline were saved."),
        )
        return redirect("evaluations:cycle_detail", pk=cycle.pk)
    cycle.refresh_from_db()
    return render(
        request, "evaluations/cycle_detail.html", _detail_context(cycle, settings_form=form), status=422
    )


@login_required
@require_POST
def cycle_sections(request, pk):
    cycle = _cycle(request, pk)
    form = SectionsForm(request.POST, cycle=cycle)
    if form.is_valid():
        _perform(
            request,
            lambda: services.cycle_update(
                cycle=cycle, by=request.user, section_keys=form.cleaned_data["sections"]
            ),
            success=_("The sections were saved."),
        )
        return redirect("evaluations:cycle_detail", pk=cycle.pk)
    return render(
        request, "evaluations/cycle_detail.html", _detail_context(cycle, sections_form=form), status=422
    )


@login_required
@require_POST
def cycle_question_add(request, pk):
    cycle = _cycle(request, pk)
    form = LocalQuestionForm(request.POST)
    if form.is_valid():
        _perform(
            request,
            lambda: services.local_question_add(cycle=cycle, by=request.user, **form.cleaned_data),
            success=_("The question was added."),
        )
        return redirect("evaluations:cycle_detail", pk=cycle.pk)
    return render(
        request, "evaluations/cycle_detail.html", _detail_context(cycle, question_form=form), status=422
    )


@login_required
@require_POST
def cycle_question_remove(request, pk, question_pk):
    cycle = _cycle(request, pk)
    question = selectors.local_question_get(cycle=cycle, pk=question_pk)
    _perform(
        request,
        lambda: services.local_question_remove(question=question, by=request.user),
        success=_("The question was removed."),
    )
    return redirect("evaluations:cycle_detail", pk=cycle.pk)


@login_required
@require_POST
def cycle_evaluees_add(request, pk):
    cycle = _cycle(request, pk)
    form = EvalueesAddForm(request.POST, cycle=cycle)
    if form.is_valid():
        data = form.cleaned_data
        _perform(
            request,
            lambda: services.evaluees_add(
                cycle=cycle,
                by=request.user,
                unit=data["unit"],
                level_key=data["level"],
                people=data["people"],
            ),
            success=lambda added: (
                ngettext("%(n)s leader was added.", "%(n)s leaders were added.", len(added))
                % {"n": len(added)}
            ),
        )
        return redirect("evaluations:cycle_detail", pk=cycle.pk)
    return render(
        request, "evaluations/cycle_detail.html", _detail_context(cycle, evaluees_form=form), status=422
    )


@login_required
@require_POST
def cycle_leader_search(request, pk):
    """Units and leaders by name, to add to the cycle; by POST so that no name is in an address or a log."""
    cycle = _cycle(request, pk)
    form = LeaderSearchForm(request.POST, cycle=cycle)
    found = (
        selectors.evaluee_candidates_search(cycle=cycle, query=form.cleaned_data["q"])
        if form.is_valid()
        else None
    )
    status = 200 if form.is_valid() else 422
    if request.htmx:  # the results alone, without the rest of the page's reads
        context = {"cycle": cycle, "search_form": form, "found": found}
        return render(request, "evaluations/_cycle_leader_results.html", context, status=status)
    context = _detail_context(cycle, search_form=form, found=found)
    return render(request, "evaluations/cycle_detail.html", context, status=status)


@login_required
@require_POST
def cycle_evaluee_remove(request, pk, evaluee_pk):
    cycle = _cycle(request, pk)
    evaluee = selectors.evaluee_get(cycle=cycle, pk=evaluee_pk)
    _perform(
        request,
        lambda: services.evaluee_remove(evaluee=evaluee, by=request.user),
        success=_("The leader was removed from the cycle."),
    )
    return redirect("evaluations:cycle_detail", pk=cycle.pk)


@require_GET
@login_required
def cycle_preview(request, pk):
    cycle = _cycle(request, pk)
    form = PreviewLevelForm(request.GET or None, cycle=cycle)
    level_key = form.cleaned_data["level"] if form.is_bound and form.is_valid() else ""
    level = selectors.cycle_level(cycle=cycle, level_key=level_key)
    if cycle.is_frozen:
        sections = selectors.frozen_questionnaire(cycle=cycle, level_key=level_key)
    else:
        sections = questionnaire_preview(cycle=cycle, level=level)
    return render(
        request,
        "evaluations/cycle_preview.html",
        {"cycle": cycle, "form": form, "level": level, "sections": sections},
    )


def _local_scale_questions(cycle: Cycle) -> list[LocalQuestion]:
    """The local questions the page lists beside the statements (open questions are asked of everyone)."""
    return [q for q in selectors.cycle_local_questions(cycle=cycle) if q.kind == QuestionKind.SCALE]


def _groups_page(request, cycle: Cycle, *, status: int = 200):
    """Per rater group, the statements of the chosen level and the local questions that group is asked
    (frozen after launch)."""
    form = PreviewLevelForm(request.GET or request.POST or None, cycle=cycle)
    level_key = form.cleaned_data["level"] if form.is_bound and form.is_valid() else ""
    level = selectors.cycle_level(cycle=cycle, level_key=level_key)
    if cycle.is_frozen:
        frozen = selectors.frozen_questionnaire(cycle=cycle, level_key=level_key)
        sections = group_sections(
            sections=frozen,
            not_asked_of=lambda question: question.not_asked_of,
            local=[
                (q.pk, q.rater_text, q.not_asked_of)
                for section in frozen
                if section.key == LOCAL_SECTION_KEY
                for q in section.questions
                if q.expectation_id is None
            ],
        )
    else:
        not_asked = {group: set(ids) for group, ids in cycle.not_asked.items()}
        sections = group_sections(
            sections=questionnaire_preview(cycle=cycle, level=level),
            not_asked_of=lambda q: [g for g in GROUPS if q.expectation_id in not_asked.get(g, ())],
            local=[(q.pk, q.text, q.not_asked_of) for q in _local_scale_questions(cycle)],
        )
    rows = [row for section in sections for row in section.rows]
    context = {
        "cycle": cycle,
        "form": form,
        "level": level,
        "sections": sections,
        "groups": group_labels(),
        "ids": [row.expectation_id for row in rows if row.local_id is None],
        "local_ids": [row.local_id for row in rows if row.local_id is not None],
    }
    return render(request, "evaluations/cycle_groups.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def cycle_groups(request, pk):
    cycle = _cycle(request, pk)
    if request.method != "POST":
        return _groups_page(request, cycle)
    level_form = PreviewLevelForm(request.POST, cycle=cycle)
    level_key = level_form.cleaned_data["level"] if level_form.is_valid() else ""
    level = selectors.cycle_level(cycle=cycle, level_key=level_key)
    ids = [
        q.expectation_id
        for section in questionnaire_preview(cycle=cycle, level=level)
        for q in section.questions
        if q.expectation_id is not None
    ]
    local_ids = [q.pk for q in _local_scale_questions(cycle)]
    form = GroupsForm(request.POST, ids=ids, groups=GROUPS, local_ids=local_ids)
    if not form.is_valid():
        messages.error(request, _("The choice could not be saved: reload the page and try again."))
        return _groups_page(request, cycle, status=422)
    _perform(
        request,
        lambda: services.cycle_groups_set(
            cycle=cycle,
            asked=form.asked(GROUPS),
            shown=form.cleaned_data["shown"],
            local_asked=form.asked(GROUPS, prefix="local_"),
            local_shown=form.cleaned_data["local_shown"],
            by=request.user,
        ),
        success=_("Which statements each rater group is asked was saved."),
    )
    url = reverse("evaluations:cycle_groups", args=[cycle.pk])
    return redirect(f"{url}?level={level_key}" if level_key else url)


@login_required
@require_POST
def cycle_launch(request, pk):
    cycle = _cycle(request, pk)
    _perform(
        request,
        lambda: services.cycle_launch(cycle=cycle, by=request.user),
        success=_("The cycle was launched: the questionnaire is frozen and the invitations are being sent."),
    )
    return redirect("evaluations:cycle_detail", pk=cycle.pk)


@login_required
@require_POST
def cycle_close(request, pk):
    cycle = _cycle(request, pk)
    _perform(
        request,
        lambda: services.cycle_close(cycle=cycle, by=request.user),
        success=_("The cycle was closed: answering has ended and the reports are open."),
    )
    return redirect("evaluations:cycle_detail", pk=cycle.pk)


def _raters_page(request, cycle, evaluee, *, search_form=None, found=None, status=200, results_only=False):
    """The raters page, or with `results_only` just the search results (for htmx)."""
    context = {
        "cycle": cycle,
        "evaluee": evaluee,
        "search_form": search_form or NameSearchForm(),
        "found": found,
        "group_choices": rater_group_choices(cycle),
    }
    if results_only:
        return render(request, "evaluations/_cycle_rater_results.html", context, status=status)
    context["groups"] = selectors.evaluee_raters(evaluee=evaluee)
    return render(request, "evaluations/cycle_raters.html", context, status=status)


@login_required
def cycle_raters(request, pk, evaluee_pk):
    """The leader's raters by group, and (POST) one more rater chosen from a name search."""
    cycle = _cycle(request, pk)
    evaluee = selectors.evaluee_get(cycle=cycle, pk=evaluee_pk)
    if request.method != "POST":
        return _raters_page(request, cycle, evaluee)
    form = RaterAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a person from the search results and a rater group."))
        return _raters_page(request, cycle, evaluee, status=422)
    added = _perform(
        request,
        lambda: services.rater_add(evaluee=evaluee, by=request.user, **form.cleaned_data),
        success=_("The rater was added."),
    )
    if added is None:
        return _raters_page(request, cycle, evaluee, status=422)
    return redirect("evaluations:cycle_raters", pk=cycle.pk, evaluee_pk=evaluee.pk)


@login_required
@require_POST
def cycle_rater_search(request, pk, evaluee_pk):
    """People by name, to add as raters; by POST so that no name is in an address or a log."""
    cycle = _cycle(request, pk)
    evaluee = selectors.evaluee_get(cycle=cycle, pk=evaluee_pk)
    form = NameSearchForm(request.POST)
    found = (
        selectors.rater_candidates_search(evaluee=evaluee, query=form.cleaned_data["q"])
        if form.is_valid()
        else None
    )
    return _raters_page(
        request,
        cycle,
        evaluee,
        search_form=form,
        found=found,
        status=200 if form.is_valid() else 422,
        results_only=bool(request.htmx),
    )


@login_required
@require_POST
def cycle_rater_remove(request, pk, evaluee_pk, invitation_pk):
    cycle = _cycle(request, pk)
    evaluee = selectors.evaluee_get(cycle=cycle, pk=evaluee_pk)
    invitation = selectors.invitation_get(evaluee=evaluee, pk=invitation_pk)
    _perform(
        request,
        lambda: services.rater_remove(invitation=invitation, by=request.user),
        success=_("The invitation was withdrawn."),
    )
    return redirect("evaluations:cycle_raters", pk=cycle.pk, evaluee_pk=evaluee.pk)


@login_required
@require_POST
def cycle_reminders(request, pk):
    cycle = _cycle(request, pk)
    _perform(
        request,
        lambda: services.reminders_send(cycle=cycle, by=request.user),
        success=lambda count: _("Reminders are being sent to %(n)s raters.") % {"n": count},
    )
    return redirect("evaluations:cycle_rates", pk=cycle.pk)


@require_GET
@login_required
def cycle_rates(request, pk):
    cycle = _cycle(request, pk)
    return render(
        request,
        "evaluations/cycle_rates.html",
        {
            "cycle": cycle,
            "rates": selectors.cycle_response_rates(cycle=cycle),
            "reminders_due": selectors.reminders_due(cycle=cycle).count()
            if cycle.status == Cycle.Status.LAUNCHED
            else 0,
        },
    )

"""The development pages: my dialogues, scheduling one, one dialogue (its data pack, the ratings, the
conversation), and the administrator's LUS rounds."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from grundlag.core.outcomes import form_errors_show, service_run

from ..models import DialogueStatus, Party
from ..plans.selectors import is_plan_leader_for_user
from . import charts, documents, selectors, services
from .forms import (
    AgendaNotesForm,
    FollowUpRecordForm,
    FollowUpsForm,
    GoalForm,
    ImpactForm,
    PrivateNoteForm,
    RatingsForm,
    RoundForm,
    ScheduleForm,
    SummaryForm,
    TopicForm,
)


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
            "may_schedule": selectors.may_schedule_for_user(user=request.user),
            "keeps_plan": is_plan_leader_for_user(user=request.user),
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


# --- One dialogue: its pack, the ratings, the conversation ---------------------------------------------


@require_GET
@login_required
def dialogue_detail(request, pk):
    view = selectors.dialogue_view_for_user(user=request.user, pk=pk)
    return render(
        request,
        "development/dialogue_detail.html",
        {"view": view, "expectations": selectors.dialogue_expectations(view=view)},
    )


@require_POST
@login_required
def dialogue_open(request, pk):
    view = selectors.dialogue_view_for_user(user=request.user, pk=pk)
    service_run(
        request,
        lambda: services.dialogue_open(dialogue=view.dialogue, by=request.user),
        _("The preparation is open: the data pack is ready, and you can rate."),
    )
    return redirect("development:dialogue", pk=pk)


@require_POST
@login_required
def report_share(request, pk):
    view = selectors.dialogue_view_for_user(user=request.user, pk=pk)
    shared = request.POST.get("shared") == "1"
    service_run(
        request,
        lambda: services.report_share(dialogue=view.dialogue, shared=shared, by=request.user),
        _("Your superior can now read the summary of your report.")
        if shared
        else _("Your superior can no longer read the summary of your report."),
    )
    return redirect("development:dialogue", pk=pk)


@login_required
def dialogue_ratings(request, pk):
    view = selectors.dialogue_view_for_user(user=request.user, pk=pk)
    if view.pack is None:
        return redirect("development:dialogue", pk=pk)
    form = RatingsForm(request.POST or None, sections=view.pack["sections"], current=view.my_ratings)
    if request.method == "POST" and form.is_valid():
        hand_in = "hand_in" in request.POST
        try:
            services.ratings_save(
                dialogue=view.dialogue, ratings=form.ratings(), hand_in=hand_in, by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Your ratings were handed in.") if hand_in else _("Your ratings were saved.")
            )
            return redirect("development:ratings", pk=pk)
    comparison = view.comparison
    return render(
        request,
        "development/dialogue_ratings.html",
        {
            "view": view,
            "form": form,
            "spind": charts.spind_spec(
                [charts.SpindRow(r.title, r.leader_value, r.superior_value) for r in comparison],
                leader_label=str(Party.LEADER.label),
                superior_label=str(Party.SUPERIOR.label),
            )
            if comparison
            else None,
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
def dialogue_conversation(request, pk):
    view = selectors.dialogue_view_for_user(user=request.user, pk=pk)
    if view.pack is None:
        return redirect("development:dialogue", pk=pk)
    topic_form = TopicForm(request.POST or None, prefix="topic")
    if request.method == "POST" and topic_form.is_valid():
        try:
            services.agenda_topic_add(
                dialogue=view.dialogue, title=topic_form.cleaned_data["title"], by=request.user
            )
        except ValidationError as error:
            topic_form.add_error(None, error)
        else:
            messages.success(request, _("The topic was added to the agenda."))
            return redirect("development:conversation", pk=pk)
    rows = selectors.agenda_for_user(user=request.user, dialogue=view.dialogue)
    return render(
        request,
        "development/dialogue_conversation.html",
        {
            "view": view,
            "topic_form": topic_form,
            "writable": view.dialogue.status in services.WRITABLE,
            "rows": [
                (
                    row,
                    AgendaNotesForm(
                        prefix=f"item{row.item.pk}", initial={"notes": row.item.notes, "done": row.item.done}
                    ),
                    PrivateNoteForm(prefix=f"private{row.item.pk}", initial={"text": row.private_note}),
                )
                for row in rows
            ],
        },
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def agenda_item_save(request, pk, item_pk):
    view = selectors.dialogue_view_for_user(user=request.user, pk=pk)
    item = selectors.agenda_item_get_for_user(user=request.user, dialogue=view.dialogue, pk=item_pk)
    form = AgendaNotesForm(request.POST, prefix=f"item{item.pk}")
    if form.is_valid():
        service_run(
            request,
            lambda: services.agenda_item_save(item=item, by=request.user, **form.cleaned_data),
            _("The shared notes on »%(item)s« were saved.") % {"item": item.title},
        )
    else:
        form_errors_show(request, form)
    return redirect(f"{reverse('development:conversation', args=[pk])}#item-{item.pk}")


@require_POST
@login_required
def private_note_save(request, pk, item_pk):
    view = selectors.dialogue_view_for_user(user=request.user, pk=pk)
    item = selectors.agenda_item_get_for_user(user=request.user, dialogue=view.dialogue, pk=item_pk)
    form = PrivateNoteForm(request.POST, prefix=f"private{item.pk}")
    if form.is_valid():
        service_run(
            request,
            lambda: services.private_note_save(item=item, text=form.cleaned_data["text"], by=request.user),
            _("Your private note on »%(item)s« was saved.") % {"item": item.title},
        )
    else:
        form_errors_show(request, form)
    return redirect(f"{reverse('development:conversation', args=[pk])}#item-{item.pk}")


@require_POST
@login_required
def dialogue_hold(request, pk):
    view = selectors.dialogue_view_for_user(user=request.user, pk=pk)
    service_run(
        request,
        lambda: services.dialogue_hold(dialogue=view.dialogue, by=request.user),
        _("The dialogue is recorded as held."),
    )
    return redirect("development:conversation", pk=pk)


# --- Agreement and follow-up ---------------------------------------------------------------------------


def _report_statements(view) -> list[str]:
    report = view.report or {}
    return [s["text"] for s in [*report.get("blind_spots", []), *report.get("hidden_strengths", [])]]


@login_required
def dialogue_agreement(request, pk):
    view = selectors.dialogue_view_for_user(user=request.user, pk=pk)
    if view.pack is None:
        return redirect("development:dialogue", pk=pk)
    agreement = selectors.agreement_for_user(user=request.user, view=view)
    summary_form = SummaryForm(
        request.POST or None,
        prefix="summary",
        initial={"summary": agreement.current.summary if agreement.current else ""},
    )
    if request.method == "POST" and summary_form.is_valid():
        try:
            services.agreement_summary_save(
                dialogue=view.dialogue, summary=summary_form.cleaned_data["summary"], by=request.user
            )
        except ValidationError as error:
            summary_form.add_error(None, error)
        else:
            messages.success(request, _("The summary was saved."))
            return redirect("development:agreement", pk=pk)
    goal_form = GoalForm(
        prefix="goal",
        expectations=selectors.goal_choices(view=view),
        statements=_report_statements(view),
    )
    return _agreement_page(request, view, agreement, summary_form=summary_form, goal_form=goal_form)


def _agreement_page(request, view, agreement, **forms):
    return render(
        request,
        "development/dialogue_agreement.html",
        {
            "view": view,
            "agreement": agreement,
            "follow_ups_form": FollowUpsForm(prefix="follow"),
            "impact_form": ImpactForm()
            if view.is_leader
            and view.dialogue.status == DialogueStatus.FOLLOWED_UP
            and not view.dialogue.impact_answered
            else None,
            "record_forms": [
                (follow_up, FollowUpRecordForm(prefix=f"record{follow_up.pk}"))
                for follow_up in agreement.follow_ups
            ],
            **forms,
        },
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def agreement_goal_add(request, pk):
    view = selectors.dialogue_view_for_user(user=request.user, pk=pk)
    agreement = selectors.agreement_for_user(user=request.user, view=view)
    goal_form = GoalForm(
        request.POST,
        prefix="goal",
        expectations=selectors.goal_choices(view=view),
        statements=_report_statements(view),
    )
    if goal_form.is_valid():
        data = goal_form.cleaned_data
        try:
            services.agreement_goal_add(
                dialogue=view.dialogue,
                title=data["title"],
                description=data["description"],
                expectation=selectors.expectation_for_goal(view=view, pk=data["expectation"]),
                report_statement=data["report_statement"],
                by=request.user,
            )
        except ValidationError as error:
            goal_form.add_error(None, error)
        else:
            messages.success(request, _("The goal was added to the agreement and to the leader's plan."))
            return redirect("development:agreement", pk=pk)
    summary_form = SummaryForm(
        prefix="summary", initial={"summary": agreement.current.summary if agreement.current else ""}
    )
    return _agreement_page(request, view, agreement, summary_form=summary_form, goal_form=goal_form)


@require_POST
@login_required
def agreement_goal_remove(request, pk, goal_pk):
    view = selectors.dialogue_view_for_user(user=request.user, pk=pk)
    goal = selectors.agreement_goal_get_for_user(user=request.user, dialogue=view.dialogue, pk=goal_pk)
    service_run(
        request,
        lambda: services.agreement_goal_remove(goal=goal, by=request.user),
        _("The goal was taken out of the agreement."),
    )
    return redirect("development:agreement", pk=pk)


@require_POST
@login_required
def agreement_approve(request, pk):
    view = selectors.dialogue_view_for_user(user=request.user, pk=pk)
    service_run(
        request,
        lambda: services.agreement_approve(
            dialogue=view.dialogue, seen=request.POST.get("seen") or None, by=request.user
        ),
        lambda agreement: (
            _("Both of you have approved the agreement; it is now read-only.")
            if agreement.approved
            else _("You approved the agreement; it waits for the other party's approval.")
        ),
    )
    return redirect("development:agreement", pk=pk)


@require_POST
@login_required
def agreement_revise(request, pk):
    view = selectors.dialogue_view_for_user(user=request.user, pk=pk)
    service_run(
        request,
        lambda: services.agreement_revise(dialogue=view.dialogue, by=request.user),
        lambda revised: (
            _("Version %(version)s of the agreement is open for changes; both of you approve it again.")
            % {"version": revised.version}
        ),
    )
    return redirect("development:agreement", pk=pk)


@require_POST
@login_required
def follow_ups_set(request, pk):
    view = selectors.dialogue_view_for_user(user=request.user, pk=pk)
    form = FollowUpsForm(request.POST, prefix="follow")
    if form.is_valid():
        service_run(
            request,
            lambda: services.follow_ups_set(dialogue=view.dialogue, dates=form.dates(), by=request.user),
            _("The follow-ups were set; you will both be reminded by e-mail."),
        )
    else:
        form_errors_show(request, form)
    return redirect(f"{reverse('development:agreement', args=[pk])}#follow-ups")


@require_POST
@login_required
def follow_up_record(request, pk, follow_up_pk):
    view = selectors.dialogue_view_for_user(user=request.user, pk=pk)
    follow_up = selectors.follow_up_get_for_user(user=request.user, dialogue=view.dialogue, pk=follow_up_pk)
    form = FollowUpRecordForm(request.POST, prefix=f"record{follow_up.pk}")
    if form.is_valid():
        service_run(
            request,
            lambda: services.follow_up_record(
                follow_up=follow_up, notes=form.cleaned_data["notes"], by=request.user
            ),
            _("The follow-up was recorded."),
        )
    else:
        form_errors_show(request, form)
    return redirect(f"{reverse('development:agreement', args=[pk])}#follow-ups")


@require_GET
@login_required
def agreement_pdf(request, pk):
    view = selectors.dialogue_view_for_user(user=request.user, pk=pk)
    agreement = selectors.agreement_approved_get_for_user(user=request.user, view=view)
    return FileResponse(
        io.BytesIO(documents.agreement_pdf(agreement=agreement)),
        as_attachment=True,
        filename=documents.agreement_filename(agreement=agreement, extension="pdf"),
        content_type="application/pdf",
    )


@require_GET
@login_required
def agreement_docx(request, pk):
    view = selectors.dialogue_view_for_user(user=request.user, pk=pk)
    agreement = selectors.agreement_approved_get_for_user(user=request.user, view=view)
    return FileResponse(
        io.BytesIO(services.agreement_docx(agreement=agreement)),
        as_attachment=True,
        filename=documents.agreement_filename(agreement=agreement, extension="docx"),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@require_GET
@login_required
def overview(request):
    return render(
        request,
        "development/overview.html",
        {"overview": selectors.overview_for_user(user=request.user, page=request.GET.get("page", 1))},
    )

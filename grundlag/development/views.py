"""The development pages: my dialogues, scheduling one, one dialogue (its data pack, the ratings, the
conversation), and the administrator's LUS rounds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import charts, selectors, services
from .forms import AgendaNotesForm, PrivateNoteForm, RatingsForm, RoundForm, ScheduleForm, TopicForm
from .models import DialogueStatus, Party


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


# --- One dialogue: its pack, the ratings, the conversation ---------------------------------------------


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


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
    try:
        services.dialogue_open(dialogue=view.dialogue, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The preparation is open: the data pack is ready, and you can rate."))
    return redirect("development:dialogue", pk=pk)


@require_POST
@login_required
def report_share(request, pk):
    view = selectors.dialogue_view_for_user(user=request.user, pk=pk)
    shared = request.POST.get("shared") == "1"
    try:
        services.report_share(dialogue=view.dialogue, shared=shared, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
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
        try:
            services.agenda_item_save(item=item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("The shared notes on »%(item)s« were saved.") % {"item": item.title})
    else:
        _refused(request, ValidationError(list(form.errors.values())))
    return redirect(f"{reverse('development:conversation', args=[pk])}#item-{item.pk}")


@require_POST
@login_required
def private_note_save(request, pk, item_pk):
    view = selectors.dialogue_view_for_user(user=request.user, pk=pk)
    item = selectors.agenda_item_get_for_user(user=request.user, dialogue=view.dialogue, pk=item_pk)
    form = PrivateNoteForm(request.POST, prefix=f"private{item.pk}")
    if form.is_valid():
        try:
            services.private_note_save(item=item, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Your private note on »%(item)s« was saved.") % {"item": item.title})
    else:
        _refused(request, ValidationError(list(form.errors.values())))
    return redirect(f"{reverse('development:conversation', args=[pk])}#item-{item.pk}")


@require_POST
@login_required
def dialogue_hold(request, pk):
    view = selectors.dialogue_view_for_user(user=request.user, pk=pk)
    try:
        services.dialogue_hold(dialogue=view.dialogue, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The dialogue is recorded as held."))
    return redirect("development:conversation", pk=pk)

"""The pages of a unit's notes and of the comments on its figures: the unit's notes (by data type, with the
broad data concept as guidance), a note written, changed or deleted by its author, and a comment on the
figures of one indicator written, changed or deleted by its author."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from grundlag.core.outcomes import service_run

from . import selectors, services
from .forms import CommentForm, NoteForm, NotesFilterForm

NOTES_PER_PAGE = 20


def _notes_url(unit_pk: int, anchor: str = "") -> str:
    url = reverse("indicators:unit_notes", args=[unit_pk])
    return f"{url}#{anchor}" if anchor else url


def _next_or(request, fallback: str) -> str:
    """Back to the page the comment was written from (the unit's indicator page), if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and safe else fallback


@require_GET
@login_required
def unit_notes(request, unit_pk):
    access = selectors.notes_unit_get_for_user(user=request.user, pk=unit_pk)
    filter_form = NotesFilterForm(request.GET or None)
    data_type = filter_form.cleaned_data["type"] if filter_form.is_valid() else ""
    notes = selectors.unit_notes_for_user(user=request.user, unit=access.unit, data_type=data_type)
    return render(
        request,
        "indicators/notes/unit_notes.html",
        {
            "unit": access.unit,
            "can_write": access.can_write,
            "me": selectors.notes_author_for_user(user=request.user),
            "filter_form": filter_form,
            "data_type": data_type,
            "page": Paginator(notes, NOTES_PER_PAGE).get_page(request.GET.get("page")),
            "comments": selectors.figure_comments_for_user(user=request.user, unit=access.unit),
            "guidance": selectors.data_types_guidance(),
        },
    )


def _note_page(request, *, unit, form, note=None):
    return render(
        request,
        "indicators/notes/note_form.html",
        {"unit": unit, "form": form, "note": note, "guidance": selectors.data_types_guidance()},
        status=422 if request.method == "POST" else 200,
    )


@login_required
def unit_note_create(request, unit_pk):
    unit = selectors.notes_unit_to_write_get_for_user(user=request.user, pk=unit_pk)
    form = NoteForm(request.POST or None, initial=NoteForm.initial_new(today=timezone.localdate()))
    if request.method == "POST" and form.is_valid():
        try:
            note = services.unit_note_create(unit=unit, **form.note_data(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The note was saved."))
            return redirect(_notes_url(unit.pk, f"note-{note.pk}"))
    return _note_page(request, unit=unit, form=form)


@login_required
def unit_note_edit(request, pk):
    note = selectors.unit_note_get_for_user(user=request.user, pk=pk)
    form = NoteForm(request.POST or None, initial=NoteForm.initial_of(note))
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_note_update(note=note, **form.note_data(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The note was saved."))
            return redirect(_notes_url(note.unit_id, f"note-{note.pk}"))
    return _note_page(request, unit=note.unit, form=form, note=note)


@require_POST
@login_required
def unit_note_delete(request, pk):
    note = selectors.unit_note_get_for_user(user=request.user, pk=pk)
    unit_pk = note.unit_id
    service_run(
        request, lambda: services.unit_note_delete(note=note, by=request.user), _("The note was deleted.")
    )
    return redirect(_notes_url(unit_pk))


def _comment_page(request, *, unit, indicator, form, comment=None):
    return render(
        request,
        "indicators/notes/comment_form.html",
        {
            "unit": unit,
            "indicator": indicator,
            "form": form,
            "comment": comment,
            "next": _next_or(request, ""),
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
def figure_comment_create(request, unit_pk, indicator_key):
    unit, indicator, periods = selectors.comment_indicator_get_for_user(
        user=request.user, unit_pk=unit_pk, indicator_key=indicator_key
    )
    form = CommentForm(request.POST or None, periods=periods, initial={"period": periods[0].value})
    if request.method == "POST" and form.is_valid():
        try:
            comment = services.figure_comment_create(
                unit=unit,
                indicator=indicator,
                period=form.cleaned_data["period"],
                text=form.cleaned_data["text"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The comment was saved."))
            return redirect(_next_or(request, _notes_url(unit.pk, f"comment-{comment.pk}")))
    return _comment_page(request, unit=unit, indicator=indicator, form=form)


@login_required
def figure_comment_edit(request, pk):
    comment = selectors.figure_comment_get_for_user(user=request.user, pk=pk)
    periods = selectors.comment_periods(unit=comment.unit, indicator=comment.indicator)
    form = CommentForm(request.POST or None, periods=periods, initial=CommentForm.initial_of(comment))
    if request.method == "POST" and form.is_valid():
        try:
            services.figure_comment_update(
                comment=comment,
                period=form.cleaned_data["period"],
                text=form.cleaned_data["text"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The comment was saved."))
            return redirect(_next_or(request, _notes_url(comment.unit_id, f"comment-{comment.pk}")))
    return _comment_page(request, unit=comment.unit, indicator=comment.indicator, form=form, comment=comment)


@require_POST
@login_required
def figure_comment_delete(request, pk):
    comment = selectors.figure_comment_get_for_user(user=request.user, pk=pk)
    unit_pk = comment.unit_id
    service_run(
        request,
        lambda: services.figure_comment_delete(comment=comment, by=request.user),
        _("The comment was deleted."),
    )
    return redirect(_next_or(request, _notes_url(unit_pk, "comments")))

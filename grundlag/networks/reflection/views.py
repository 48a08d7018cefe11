"""The reflection pages: making a set (from the foundation or by hand), one set with its questions and the
group's notes, editing a set and its questions, one's own note, and the page printed for the meeting."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from grundlag.core.outcomes import form_errors_show, refusal_show, service_run

from . import selectors, services
from .forms import FromSectionForm, NoteForm, QuestionForm, SetForm, TitleForm


def _set_url(reflection_set, anchor: str = "") -> str:
    url = reverse("networks:reflection_set", args=[reflection_set.forum.slug, reflection_set.pk])
    return f"{url}#{anchor}" if anchor else url


@login_required
def reflection_create(request, slug):
    forum, events = selectors.reflection_forum_get_for_user(user=request.user, slug=slug)
    form = SetForm(request.POST or None, events=events)
    if request.method == "POST" and form.is_valid():
        try:
            reflection_set = services.reflection_set_create(
                forum=forum,
                event=form.cleaned_data.get("event"),
                title=form.cleaned_data["title"],
                questions=form.question_lines(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The reflection questions were made."))
            return redirect(_set_url(reflection_set))
    return render(
        request,
        "networks/reflection_create.html",
        {
            "forum": forum,
            "form": form,
            "from_section": FromSectionForm(events=events, sections=selectors.reflection_sections()),
        },
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def reflection_from_section(request, slug):
    forum, events = selectors.reflection_forum_get_for_user(user=request.user, slug=slug)
    form = FromSectionForm(request.POST, events=events, sections=selectors.reflection_sections())
    if not form.is_valid():
        form_errors_show(request, form)
        return redirect("networks:reflection_create", slug=forum.slug)
    try:
        reflection_set = services.reflection_set_from_section(
            forum=forum,
            event=form.cleaned_data.get("event"),
            section=form.cleaned_data["section"],
            by=request.user,
        )
    except ValidationError as error:
        refusal_show(request, error)
        return redirect("networks:reflection_create", slug=forum.slug)
    messages.success(request, _("The reflection questions were copied from the leadership foundation."))
    return redirect(_set_url(reflection_set))


def _questions_with_forms(reflection_set, note_form=None, note_question=None) -> list[tuple[Any, NoteForm]]:
    return [
        (
            question,
            note_form
            if note_question is not None and question.pk == note_question.pk
            else NoteForm(prefix=f"q{question.pk}"),
        )
        for question in reflection_set.questions.all()
    ]


@require_GET
@login_required
def reflection_set(request, slug, pk):
    reflection_set, group = selectors.reflection_set_get_for_user(user=request.user, slug=slug, pk=pk)
    return render(
        request,
        "networks/reflection_set.html",
        {"set": reflection_set, "group": group, "questions": _questions_with_forms(reflection_set)},
    )


@require_GET
@login_required
def reflection_print(request, slug, pk):
    reflection_set, _group = selectors.reflection_set_get_for_user(user=request.user, slug=slug, pk=pk)
    return render(request, "networks/reflection_print.html", {"set": reflection_set, "lines": range(6)})


@require_POST
@login_required
def reflection_note_add(request, slug, pk, question_pk):
    reflection_set, group = selectors.reflection_set_get_for_user(user=request.user, slug=slug, pk=pk)
    question = selectors.reflection_question_get_for_user(
        user=request.user, reflection_set=reflection_set, pk=question_pk
    )
    form = NoteForm(request.POST, prefix=f"q{question.pk}")
    if form.is_valid():
        try:
            services.reflection_note_add(question=question, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your note was added."))
            return redirect(_set_url(reflection_set, f"question-{question.pk}"))
    return render(
        request,
        "networks/reflection_set.html",
        {
            "set": reflection_set,
            "group": group,
            "questions": _questions_with_forms(reflection_set, form, question),
        },
        status=422,
    )


@login_required
def reflection_note_edit(request, slug, pk, note_pk):
    reflection_set, _group = selectors.reflection_set_get_for_user(user=request.user, slug=slug, pk=pk)
    note = selectors.reflection_note_get_for_user(
        user=request.user, reflection_set=reflection_set, pk=note_pk
    )
    form = NoteForm(request.POST or None, initial={"text": note.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.reflection_note_update(note=note, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your note was changed."))
            return redirect(_set_url(reflection_set, f"note-{note.pk}"))
    return render(
        request,
        "networks/reflection_note.html",
        {"set": reflection_set, "note": note, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def reflection_note_delete(request, slug, pk, note_pk):
    reflection_set, _group = selectors.reflection_set_get_for_user(user=request.user, slug=slug, pk=pk)
    note = selectors.reflection_note_get_for_user(
        user=request.user, reflection_set=reflection_set, pk=note_pk
    )
    anchor = f"question-{note.question_id}"
    service_run(
        request,
        lambda: services.reflection_note_delete(note=note, by=request.user),
        _("Your note was deleted."),
    )
    return redirect(_set_url(reflection_set, anchor))


# --- Organising a set ---------------------------------------------------------------------------------


@login_required
def reflection_set_edit(request, slug, pk):
    reflection_set = selectors.reflection_set_to_organise_get_for_user(user=request.user, slug=slug, pk=pk)
    form = TitleForm(request.POST or None, initial={"title": reflection_set.title})
    if request.method == "POST" and form.is_valid():
        try:
            services.reflection_set_update(
                reflection_set=reflection_set, title=form.cleaned_data["title"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The title was saved."))
            return redirect("networks:reflection_set_edit", slug=slug, pk=pk)
    return render(
        request,
        "networks/reflection_edit.html",
        {
            "set": reflection_set,
            "form": form,
            "questions": [
                (question, QuestionForm(prefix=f"q{question.pk}", initial={"text": question.text}))
                for question in reflection_set.questions.all()
            ],
            "new_question": QuestionForm(prefix="new"),
        },
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def reflection_set_delete(request, slug, pk):
    reflection_set = selectors.reflection_set_to_organise_get_for_user(user=request.user, slug=slug, pk=pk)
    forum_slug = reflection_set.forum.slug
    if service_run(
        request,
        lambda: services.reflection_set_delete(reflection_set=reflection_set, by=request.user),
        _("The reflection questions were deleted."),
    ):
        return redirect("networks:forum", slug=forum_slug)
    return redirect("networks:reflection_set_edit", slug=slug, pk=pk)


@require_POST
@login_required
def reflection_question_add(request, slug, pk):
    reflection_set = selectors.reflection_set_to_organise_get_for_user(user=request.user, slug=slug, pk=pk)
    form = QuestionForm(request.POST, prefix="new")
    if not form.is_valid():
        form_errors_show(request, form)
    else:
        service_run(
            request,
            lambda: services.reflection_question_add(
                reflection_set=reflection_set, text=form.cleaned_data["text"], by=request.user
            ),
            _("The question was added."),
        )
    return redirect("networks:reflection_set_edit", slug=slug, pk=pk)


@require_POST
@login_required
def reflection_question_edit(request, slug, pk, question_pk):
    reflection_set = selectors.reflection_set_to_organise_get_for_user(user=request.user, slug=slug, pk=pk)
    question = selectors.reflection_question_get_for_user(
        user=request.user, reflection_set=reflection_set, pk=question_pk
    )
    form = QuestionForm(request.POST, prefix=f"q{question.pk}")
    if not form.is_valid():
        form_errors_show(request, form)
    else:
        service_run(
            request,
            lambda: services.reflection_question_update(
                question=question, text=form.cleaned_data["text"], by=request.user
            ),
            _("The question was saved."),
        )
    return redirect(reverse("networks:reflection_set_edit", args=[slug, pk]) + f"#question-{question.pk}")


@require_POST
@login_required
def reflection_question_remove(request, slug, pk, question_pk):
    reflection_set = selectors.reflection_set_to_organise_get_for_user(user=request.user, slug=slug, pk=pk)
    question = selectors.reflection_question_get_for_user(
        user=request.user, reflection_set=reflection_set, pk=question_pk
    )
    service_run(
        request,
        lambda: services.reflection_question_remove(question=question, by=request.user),
        _("The question was removed."),
    )
    return redirect("networks:reflection_set_edit", slug=slug, pk=pk)

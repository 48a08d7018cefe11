from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from . import diff, jobdescription, selectors, services
from .forms import ExpectationForm, FrameworkUploadForm, LevelForm, SectionForm, SectionTextForm
from .interchange import InvalidFrameworkFile, dump, read_documents, schema
from .models import Expectation, FrameworkVersion, Level, Section, SectionKind, SectionText


def _version(request, slug, number=None) -> FrameworkVersion:
    return selectors.version_get_for_user(user=request.user, slug=slug, number=number)


@require_GET
def framework_list(request):
    latest = selectors.frameworks_for_user(user=request.user)
    counts = selectors.version_counts(versions=[version for _framework, version in latest])
    rows = [(framework, version, counts[version.pk]) for framework, version in latest]
    return render(request, "frameworks/list.html", {"rows": rows, "upload_form": FrameworkUploadForm()})


@require_GET
def framework_schema(request):
    return JsonResponse(schema(), json_dumps_params={"ensure_ascii": False, "indent": 2})


@require_GET
def version_detail(request, slug, number=None):
    version = _version(request, slug, number)
    context = {
        "version": version,
        "lineage": selectors.version_lineage(version=version),
        "common": selectors.version_common_part(version=version),
        "content": selectors.version_content(version=version),
        "levels": list(version.levels.select_related("group")),
        "versions": version.framework.versions.order_by("-number"),
    }
    return render(request, "frameworks/version_detail.html", context)


@require_GET
def level_detail(request, slug, number, key):
    version = _version(request, slug, number)
    level = selectors.level_get(version=version, key=key)
    # The introductions are the foundation's background, shown on its own page.
    sections = [
        s
        for s in selectors.expected_at_level(version=version, level=level)
        if s.section.kind != SectionKind.INTRODUCTION
    ]
    return render(
        request,
        "frameworks/level_detail.html",
        {"version": version, "level": level, "sections": sections, "levels": version.levels.all()},
    )


@require_GET
def levels_compare(request, slug, number):
    version = _version(request, slug, number)
    keys = request.GET.getlist("level") or [level.key for level in version.levels.all()[:2]]
    levels = [selectors.level_get(version=version, key=key) for key in dict.fromkeys(keys)]
    rows = selectors.levels_compare(version=version, levels=levels)
    return render(
        request,
        "frameworks/levels_compare.html",
        {"version": version, "levels": levels, "rows": rows, "all_levels": version.levels.all()},
    )


@require_GET
def frameworks_compare(request):
    choices, versions = selectors.versions_to_compare(picked=request.GET.getlist("version"))
    rows = selectors.frameworks_compare(versions=versions) if versions else []
    return render(
        request,
        "frameworks/frameworks_compare.html",
        {
            "versions": versions,
            "rows": rows,
            "choices": choices,
            "slots": range(max(2, len(versions))),
        },
    )


@require_GET
def version_history(request, slug):
    framework, versions, history = selectors.version_history_for_user(user=request.user, slug=slug)
    numbers = [v.number for v in versions]
    a = (
        int(request.GET["a"])
        if request.GET.get("a", "").isdigit()
        else (numbers[1] if len(numbers) > 1 else None)
    )
    b = int(request.GET["b"]) if request.GET.get("b", "").isdigit() else (numbers[0] if numbers else None)
    changes = None
    if a and b:
        changes = diff.versions_diff(old=_version(request, slug, a), new=_version(request, slug, b))
    return render(
        request,
        "frameworks/history.html",
        {
            "framework": framework,
            "versions": versions,
            "history": history,
            "a": a,
            "b": b,
            "diff": changes,
        },
    )


@require_GET
def search(request):
    query = request.GET.get("q", "")[:200]
    hits = selectors.frameworks_search(query=query) if query.strip() else []
    return render(request, "frameworks/search.html", {"query": query, "hits": hits})


@require_GET
def version_export(request, slug, number, fmt):
    version = _version(request, slug, number)
    text = dump(services.version_to_document(version=version), fmt=fmt)
    content_type = "application/json" if fmt == "json" else "application/yaml"
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-v{number}.{fmt}"'
    return response


# --- Job descriptions -------------------------------------------------------------------------


def _job_description(request, slug, number, key):
    version = _version(request, slug, number)
    level = selectors.level_get(version=version, key=key)
    form = jobdescription.JobDescriptionForm(request.GET or None)
    details = form.cleaned_data if form.is_valid() else {"title": "", "unit": ""}
    return jobdescription.job_description_build(
        version=version, level=level, post_title=details["title"], unit=details["unit"]
    ), form


@require_GET
def job_description(request, slug, number, key):
    description, form = _job_description(request, slug, number, key)
    return render(request, "frameworks/job_description.html", {"jd": description, "form": form})


@require_GET
def job_description_pdf(request, slug, number, key):
    description, _form = _job_description(request, slug, number, key)
    return FileResponse(
        jobdescription.job_description_pdf(description),
        as_attachment=True,
        filename=f"{description.file_stem}.pdf",
        content_type="application/pdf",
    )


@require_GET
def job_description_docx(request, slug, number, key):
    description, _form = _job_description(request, slug, number, key)
    return FileResponse(
        services.job_description_docx(description=description),
        as_attachment=True,
        filename=f"{description.file_stem}.docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


# --- Authoring --------------------------------------------------------------------------------


IMPORT_OUTCOMES = {
    "created": gettext_lazy("created"),
    "replaced": gettext_lazy("draft replaced"),
    "unchanged": gettext_lazy("unchanged, already imported"),
}


@require_POST
def framework_upload(request):
    selectors.authoring_for_user(user=request.user)
    form = FrameworkUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("file", []):
            messages.error(request, error)
        return redirect("frameworks:list")
    upload = form.cleaned_data["file"]
    try:
        text = upload.read().decode("utf-8")
        documents = read_documents(text, name=upload.name)
        results = services.frameworks_import(
            documents=documents, name=upload.name, by=request.user, text=text
        )
    except UnicodeDecodeError:
        messages.error(request, _("%(file)s is not UTF-8 text.") % {"file": upload.name})
    except InvalidFrameworkFile as error:
        for problem in error.problems[:20]:
            messages.error(request, str(problem))
    else:
        for version, outcome in results:
            messages.success(
                request,
                _("%(framework)s version %(number)s: %(outcome)s.")
                % {
                    "framework": version.framework.name,
                    "number": version.number,
                    "outcome": _(outcome),
                },
            )
    return redirect("frameworks:list")


@require_POST
def draft_create(request, slug):
    framework = selectors.framework_to_author_get_for_user(user=request.user, slug=slug)
    try:
        draft = services.draft_create(framework=framework, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("frameworks:history", slug=slug)
    messages.success(request, _("A new draft was started from the latest version."))
    return redirect("frameworks:edit", slug=slug, number=draft.number)


def _draft(request, slug, number) -> FrameworkVersion:
    return selectors.draft_get_for_user(user=request.user, slug=slug, number=number)


def _edit_context(version):
    return {
        "version": version,
        "content": selectors.version_content(version=version),
        "levels": list(version.levels.select_related("group")),
        "section_form": SectionForm(prefix="new-section"),
        "level_form": LevelForm(prefix="new-level", version=version),
        "changes": version.changes.select_related("by")[:30],
    }


@require_GET
def version_edit(request, slug, number):
    version = _draft(request, slug, number)
    return render(request, "frameworks/edit.html", _edit_context(version))


def _render_editor(request, version, status=200):
    """After an htmx edit: the editor body; without htmx: back to the page."""
    if request.htmx:
        return render(request, "frameworks/_editor.html", _edit_context(version), status=status)
    return redirect("frameworks:edit", slug=version.framework.slug, number=version.number)


def _render_item_form(request, version, form, *, title):
    """The form that adds or edits one item: a partial for htmx, else a page; 422 if it has errors."""
    return render(
        request,
        "frameworks/_item_form.html" if request.htmx else "frameworks/item_form.html",
        {"version": version, "form": form, "title": title, "action": request.path},
        status=422 if request.method == "POST" else 200,
    )


def _get_item(version, model, pk):
    return selectors.draft_item_get(version=version, model=model, pk=pk)


@require_POST
def section_add(request, slug, number):
    version = _draft(request, slug, number)
    form = SectionForm(request.POST, prefix="new-section")
    if form.is_valid():
        services.section_save(version=version, by=request.user, **form.cleaned_data)
        return _render_editor(request, version)
    context = _edit_context(version) | {"section_form": form}
    return render(
        request,
        "frameworks/_editor.html" if request.htmx else "frameworks/edit.html",
        context,
        status=422,
    )


@require_POST
def level_add(request, slug, number):
    version = _draft(request, slug, number)
    form = LevelForm(request.POST, prefix="new-level", version=version)
    if form.is_valid():
        services.level_save(version=version, by=request.user, **form.cleaned_data)
        return _render_editor(request, version)
    context = _edit_context(version) | {"level_form": form}
    return render(
        request,
        "frameworks/_editor.html" if request.htmx else "frameworks/edit.html",
        context,
        status=422,
    )


def expectation_form(request, slug, number, section_id, pk=None):
    """GET: the form to add or edit a statement; POST: save it."""
    version = _draft(request, slug, number)
    section = _get_item(version, Section, section_id)
    expectation = _get_item(version, Expectation, pk) if pk else None
    form = ExpectationForm(request.POST or None, instance=expectation, version=version)
    if request.method == "POST" and form.is_valid():
        services.expectation_save(
            version=version,
            by=request.user,
            expectation=expectation,
            section=section,
            **form.cleaned_data,
        )
        return _render_editor(request, version)
    return _render_item_form(request, version, form, title=section.title)


def section_form(request, slug, number, pk):
    version = _draft(request, slug, number)
    section = _get_item(version, Section, pk)
    form = SectionForm(request.POST or None, instance=section, prefix=f"section-{pk}")
    if request.method == "POST" and form.is_valid():
        services.section_save(version=version, by=request.user, section=section, **form.cleaned_data)
        return _render_editor(request, version)
    return _render_item_form(request, version, form, title=section.title)


def section_text_form(request, slug, number, section_id, pk=None):
    """GET: the form to add or edit a text of a section (e.g. its ambition); POST: save it."""
    version = _draft(request, slug, number)
    section = _get_item(version, Section, section_id)
    section_text = _get_item(version, SectionText, pk) if pk else None
    form = SectionTextForm(
        request.POST or None, instance=section_text, prefix=f"text-{section_id}-{pk or 'new'}"
    )
    if request.method == "POST" and form.is_valid():
        services.section_text_save(
            version=version, by=request.user, section_text=section_text, section=section, **form.cleaned_data
        )
        return _render_editor(request, version)
    return _render_item_form(request, version, form, title=section.title)


def level_form(request, slug, number, pk):
    version = _draft(request, slug, number)
    level = _get_item(version, Level, pk)
    form = LevelForm(request.POST or None, instance=level, version=version, prefix=f"level-{pk}")
    if request.method == "POST" and form.is_valid():
        services.level_save(version=version, by=request.user, level=level, **form.cleaned_data)
        return _render_editor(request, version)
    return _render_item_form(request, version, form, title=level.name)


_MODELS = {"section": Section, "level": Level, "expectation": Expectation, "text": SectionText}


@require_POST
def item_delete(request, slug, number, kind, pk):
    version = _draft(request, slug, number)
    item = _get_item(version, _MODELS[kind], pk)
    services.item_delete(version=version, by=request.user, item=item)
    return _render_editor(request, version)


@require_POST
def item_move(request, slug, number, kind, pk, direction):
    version = _draft(request, slug, number)
    item = _get_item(version, _MODELS[kind], pk)
    services.item_move(version=version, by=request.user, item=item, offset=-1 if direction == "up" else 1)
    return _render_editor(request, version)


@require_POST
def version_publish(request, slug, number):
    version = _draft(request, slug, number)
    try:
        services.version_publish(version=version, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("frameworks:edit", slug=slug, number=number)
    messages.success(request, _("Version %(number)s is published.") % {"number": number})
    return redirect(reverse("frameworks:version", kwargs={"slug": slug, "number": number}))


@require_POST
def draft_discard(request, slug, number):
    version = _draft(request, slug, number)
    try:
        services.draft_discard(version=version, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("frameworks:edit", slug=slug, number=number)
    messages.success(request, _("The draft was discarded."))
    return redirect("frameworks:history", slug=slug)

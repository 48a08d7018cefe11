"""The toolbox pages: every tool's content to read, starting a document of a tool with a workflow, my
documents, one document (filled in by its owner and team members, read by a superior it is shared with),
sharing it, its history, linking it to sections of the foundation, downloading it as PDF or Word, and
deleting it."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from grundlag.core.outcomes import form_errors_show, refusal_show, service_run

from . import exports, selectors, services
from .forms import (
    FoundationLinkForm,
    ShareForm,
    StartForm,
    document_extra_template,
    document_form,
    document_read,
    document_sections,
)
from .workflows import workflow_for
from .workflows.base import Table


@require_GET
@login_required
def toolbox(request):
    versions = selectors.toolbox_for_user(user=request.user)
    tools = [(version, workflow_for(tool=version.tool) is not None) for version in versions]
    return render(request, "tools/toolbox.html", {"tools": tools})


@require_GET
@login_required
def tool(request, key):
    version = selectors.tool_version_for_user(user=request.user, key=key)
    return render(
        request,
        "tools/tool.html",
        {
            "version": version,
            "content": version.content,
            "quadrants": selectors.tool_quadrants(version=version),
            "has_workflow": workflow_for(tool=version.tool) is not None,
        },
    )


@require_POST
@login_required
def tool_start(request, key):
    tool_, owner = selectors.tool_to_start_for_user(user=request.user, key=key)
    form = StartForm(request.POST)
    title = form.cleaned_data["title"] if form.is_valid() else ""
    try:
        document = services.document_create(tool=tool_, owner=owner, title=title, by=request.user)
    except ValidationError as error:
        refusal_show(request, error)
        return redirect("tools:tool", key=key)
    return redirect("tools:document", pk=document.pk)


@require_GET
@login_required
def documents(request):
    return render(
        request,
        "tools/documents.html",
        {"documents": selectors.tool_documents_for_user(user=request.user)},
    )


def _save(request, access):
    """Save the posted form; on a conflict, the form again with what was typed and the other version beside
    it, at the revision now saved (so saving again keeps what was typed)."""
    document = access.document
    form = document_form(document=document, data=request.POST)
    if not form.is_valid():
        return form, None
    try:
        services.document_save(
            document=document,
            data=form.document_data(),
            title=form.cleaned_data["title"],
            expected_revision=form.cleaned_data["revision"],
            by=request.user,
        )
    except ValidationError as error:
        if error.code != "conflict":
            form.add_error(None, error)
            return form, None
        current = selectors.tool_document_get_for_user(user=request.user, pk=document.pk, edit=True).document
        posted = request.POST.copy()
        posted["revision"] = str(current.revision)
        form = document_form(document=current, data=posted)
        form.is_valid()
        form.add_error(None, error)
        theirs = {section.name: section for section in document_sections(document=current)}
        theirs["title"] = current.title
        return form, theirs
    return None, None


def _text(section):
    """The text of another's version of a field, for the conflict view (None when there is no conflict)."""
    if section is None or isinstance(section, Table):
        return None
    return section if isinstance(section, str) else section.text


@login_required
def document(request, pk):
    access = selectors.tool_document_get_for_user(user=request.user, pk=pk, edit=request.method == "POST")
    form, theirs = None, None
    if request.method == "POST":
        form, theirs = _save(request, access)
        if form is None:
            messages.success(request, _("The document was saved."))
            return redirect("tools:document", pk=pk)
    elif access.can_edit:
        form = document_form(document=access.document)
    theirs = theirs or {}
    fields = [(field, _text(theirs.get(field.name))) for field in form.content_fields()] if form else []
    parts = (
        [(part, formset, theirs.get(name)) for name, (part, formset) in form.formsets.items()] if form else []
    )
    sections, diagram = document_read(document=access.document)
    return render(
        request,
        "tools/document.html",
        {
            "access": access,
            "document": access.document,
            "form": form,
            "fields": fields,
            "parts": parts,
            "other_title": theirs.get("title") if theirs else None,
            "sections": sections,
            "diagram": diagram,
            "extra_template": document_extra_template(document=access.document),
            "foundation": selectors.tool_document_linked_sections(document=access.document),
            "foundation_form": _foundation_form(access.document) if access.can_edit else None,
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
def document_share(request, pk):
    document = selectors.tool_document_owned_for_user(user=request.user, pk=pk)
    form = ShareForm(
        request.POST or None,
        initial={
            "team_members": list(document.team_members.all()),
            "shared_with_superior": document.shared_with_superior,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.document_share(
                document=document,
                team_members=form.cleaned_data["team_members"],
                shared_with_superior=form.cleaned_data["shared_with_superior"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Who the document is shared with was saved."))
            return redirect("tools:document", pk=pk)
    return render(
        request,
        "tools/document_share.html",
        {"document": document, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@require_GET
@login_required
def document_history(request, pk):
    access = selectors.tool_document_get_for_user(user=request.user, pk=pk)
    revisions = selectors.tool_document_revisions_for_user(user=request.user, pk=pk)
    return render(
        request, "tools/document_history.html", {"document": access.document, "revisions": revisions}
    )


@require_POST
@login_required
def document_delete(request, pk):
    document = selectors.tool_document_owned_for_user(user=request.user, pk=pk)
    try:
        services.document_delete(document=document, by=request.user)
    except ValidationError as error:
        refusal_show(request, error)
        return redirect("tools:document", pk=pk)
    messages.success(request, _("The document was deleted."))
    return redirect("tools:documents")


def _foundation_form(document, data=None):
    return FoundationLinkForm(
        data,
        linked=selectors.tool_document_linked_sections(document=document),
        available=selectors.foundation_sections_to_link(),
    )


@require_POST
@login_required
def document_foundation(request, pk):
    access = selectors.tool_document_get_for_user(user=request.user, pk=pk, edit=True)
    form = _foundation_form(access.document, request.POST)
    if form.is_valid():
        service_run(
            request,
            lambda: services.document_sections_link(
                document=access.document, sections=form.sections(), by=request.user
            ),
            _("The sections of the foundation were saved."),
        )
    else:
        form_errors_show(request, form)
    return redirect(f"{reverse('tools:document', args=[pk])}#foundation")


def _export(request, pk, kind):
    document = selectors.tool_document_get_for_user(user=request.user, pk=pk).document
    return FileResponse(
        io.BytesIO(services.document_export(document=document, kind=kind, by=request.user)),
        as_attachment=True,
        filename=exports.document_filename(document=document, extension=kind),
        content_type=exports.CONTENT_TYPES[kind],
    )


@require_GET
@login_required
def document_pdf(request, pk):
    return _export(request, pk, "pdf")


@require_GET
@login_required
def document_docx(request, pk):
    return _export(request, pk, "docx")

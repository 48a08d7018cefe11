"""The administrator's pages of local tools: the list, a new tool from a file or pasted text, a new variant of
a built-in tool, a draft edited as text, its preview as leaders will see it, publishing it, starting the next
draft of a published tool and deleting a draft."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from grundlag.core.outcomes import refusal_show

from ..definitions import InvalidToolFile
from ..documents.selectors import tool_quadrants
from . import selectors, services
from .forms import DraftForm, LocalToolForm, VariantChoiceForm, VariantForm, definition_yaml

PROBLEMS_SHOWN = 20


def _posted(request) -> tuple:
    """The posted data and files for a bound form, or nothing for an unbound one."""
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _problems(error: InvalidToolFile) -> dict:
    return {
        "problems": error.problems[:PROBLEMS_SHOWN],
        "problems_more": len(error.problems) - PROBLEMS_SHOWN,
    }


def _problems_on_field(form, error: InvalidToolFile, field: str) -> None:
    form.add_error(
        field,
        _("The definition was not saved: %(count)s problems, listed above.") % {"count": len(error.problems)}
        if len(error.problems) > 1
        else _("The definition was not saved: the problem is shown above."),
    )


@require_GET
@login_required
def authoring(request):
    rows = selectors.local_tools_for_user(user=request.user)
    builtins = selectors.builtin_tools_for_user(user=request.user)
    return render(
        request,
        "tools/authoring/list.html",
        {"rows": rows, "choice_form": VariantChoiceForm(builtins=builtins)},
    )


@login_required
def authoring_new(request):
    selectors.authoring_for_user(user=request.user)
    form = LocalToolForm(*_posted(request))
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        text, name = form.definition_text()
        try:
            version = services.tool_local_create(text=text, name=name, by=request.user)
        except InvalidToolFile as error:
            context |= _problems(error) | {"problems_source": name}
            _problems_on_field(form, error, "file" if form.cleaned_data.get("file") else "text")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("»%(name)s« was saved as a draft. Preview it, then publish it.") % {"name": version.name},
            )
            return redirect("tools:authoring_edit", key=version.tool.key, number=version.number)
    return render(
        request, "tools/authoring/new.html", context, status=422 if request.method == "POST" else 200
    )


@login_required
def authoring_variant(request):
    start = selectors.variant_start_for_user(user=request.user, of=request.GET.get("of", ""))
    if start is None:
        builtins = selectors.builtin_tools_for_user(user=request.user)
        return render(
            request, "tools/authoring/variant.html", {"choice_form": VariantChoiceForm(builtins=builtins)}
        )
    form = VariantForm(_posted(request)[0], initial={"key": start.key, "name": start.name})
    if request.method == "POST" and form.is_valid():
        try:
            version = services.tool_variant_create(
                builtin=start.builtin.tool,
                key=form.cleaned_data["key"],
                name=form.cleaned_data["name"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "»%(name)s« was made as a draft, a copy of the built-in tool. Change its texts, preview "
                    "it, then publish it."
                )
                % {"name": version.name},
            )
            return redirect("tools:authoring_edit", key=version.tool.key, number=version.number)
    return render(
        request,
        "tools/authoring/variant.html",
        {"start": start, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@login_required
def authoring_edit(request, key, number):
    version = selectors.tool_draft_get_for_user(user=request.user, key=key, number=number)
    form = DraftForm(_posted(request)[0], initial={"text": definition_yaml(version=version)})
    context = {"version": version, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            services.tool_draft_save(version=version, text=form.cleaned_data["text"], by=request.user)
        except InvalidToolFile as error:
            context |= _problems(error) | {"problems_source": f"{key}.yaml"}
            _problems_on_field(form, error, "text")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("tools:authoring_edit", key=key, number=number)
    return render(
        request, "tools/authoring/edit.html", context, status=422 if request.method == "POST" else 200
    )


@require_GET
@login_required
def authoring_preview(request, key, number):
    version = selectors.tool_draft_get_for_user(user=request.user, key=key, number=number)
    return render(
        request,
        "tools/authoring/preview.html",
        {"version": version, "content": version.content, "quadrants": tool_quadrants(version=version)},
    )


@require_POST
@login_required
def authoring_draft_create(request, key):
    tool = selectors.local_tool_get_for_user(user=request.user, key=key)
    try:
        draft = services.tool_draft_create(tool=tool, by=request.user)
    except ValidationError as error:
        refusal_show(request, error)
        return redirect("tools:authoring")
    messages.success(
        request,
        _(
            "Version %(number)s was started as a draft, a copy of the published one, which leaders keep "
            "seeing until you publish the draft."
        )
        % {"number": draft.number},
    )
    return redirect("tools:authoring_edit", key=key, number=draft.number)


@require_POST
@login_required
def authoring_publish(request, key, number):
    version = selectors.tool_draft_get_for_user(user=request.user, key=key, number=number)
    try:
        services.tool_draft_publish(version=version, by=request.user)
    except ValidationError as error:
        refusal_show(request, error)
        return redirect("tools:authoring_edit", key=key, number=number)
    messages.success(
        request,
        _("Version %(number)s of »%(name)s« is published: leaders find it in the toolbox.")
        % {"number": number, "name": version.name},
    )
    return redirect("tools:tool", key=key)


@require_POST
@login_required
def authoring_delete(request, key, number):
    version = selectors.tool_draft_get_for_user(user=request.user, key=key, number=number)
    try:
        services.tool_draft_delete(version=version, by=request.user)
    except ValidationError as error:
        refusal_show(request, error)
        return redirect("tools:authoring_edit", key=key, number=number)
    messages.success(request, _("The draft was deleted."))
    return redirect("tools:authoring")

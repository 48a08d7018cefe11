"""The organisation import pages: upload, preview, apply in the background, and the result."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .forms import ImportApplyForm, OrganisationUploadForm
from .planning import KINDS
from .selectors import SESSION_KEY, upload_get_for_user, upload_plan, upload_status_read, uploads_for_user
from .services.background import upload_apply_start
from .services.uploads import upload_discard, upload_store, uploads_clean

CATEGORIES = {"new": _("New"), "changed": _("Changed"), "ended": _("Ended"), "unchanged": _("Unchanged")}
KIND_LABELS = {"units": _("Units"), "people": _("People"), "posts": _("Posts")}
FIELD_LABELS = {
    "name": _("name"),
    "kind": _("kind"),
    "parent": _("parent unit"),
    "start_date": _("start date"),
    "end_date": _("end date"),
    "email": _("e-mail"),
    "title": _("title"),
    "level": _("level"),
    "manager": _("manager"),
}


def _pending(request, token: str) -> dict:
    """The upload the token names, if this session made it (else 404), for a user who may import."""
    return upload_get_for_user(user=request.user, session=request.session, token=token)


def _forget(request, token: str) -> None:
    imports = request.session.get(SESSION_KEY, {})
    imports.pop(token, None)
    request.session[SESSION_KEY] = imports


def _counts_context(outcome: dict | None) -> dict:
    """The counts table: a row per category, a count per kind, labelled."""
    if outcome is None:
        return {}
    return {
        "outcome": outcome,
        "kinds": [KIND_LABELS[kind] for kind in KINDS],
        "summary": [
            {"label": label, "counts": [outcome[category][kind] for kind in KINDS]}
            for category, label in CATEGORIES.items()
        ],
    }


def _outcome_context(outcome: dict) -> dict:
    """The counts table, examples and problems, labelled (the preview; never stored)."""
    return {
        **_counts_context(outcome),
        "examples": [
            {
                "category": CATEGORIES[e["category"]],
                "kind": KIND_LABELS[e["kind"]],
                "label": e["label"],
                "fields": [FIELD_LABELS.get(name, name) for name in e["fields"]],
            }
            for e in outcome["examples"]
        ],
        "errors": [p for p in outcome["problems"] if not p["warning"]],
        "warnings": [p for p in outcome["problems"] if p["warning"]],
    }


@require_http_methods(["GET", "POST"])
@login_required
def import_start(request):
    imports = uploads_for_user(user=request.user, session=request.session)
    uploads_clean()
    form = OrganisationUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        pending = {
            "filename": upload.name,
            "format": form.cleaned_data["format"] or None,
            "mapping": form.cleaned_data.get("mapping_dict"),
        }
        token = upload_store(data=upload.read(), **pending)
        imports[token] = pending
        request.session[SESSION_KEY] = imports
        return redirect("organisation_import:preview", token=token)
    return render(request, "organisation/import_start.html", {"form": form})


@require_GET
@login_required
def import_preview(request, token):
    pending = _pending(request, token)
    plan = upload_plan(token=token, pending=pending)
    if plan is None:
        _forget(request, token)
        raise Http404("The upload is gone.")
    return render(
        request,
        "organisation/import_preview.html",
        {
            "token": token,
            "filename": pending["filename"],
            "has_changes": plan.outcome.has_changes,
            "leaving": plan.outcome.leaving,
            "active": plan.outcome.active,
            "ends_too_much": plan.outcome.ends_too_much,
            "limit": settings.ORGANISATION_IMPORT_MAX_ENDED_PERCENT,
            **_outcome_context(plan.outcome.as_dict()),
        },
    )


@require_POST
@login_required
def import_apply(request, token):
    pending = _pending(request, token)
    if pending.get("applying") and (upload_status_read(token=token) or {}).get("state") != "interrupted":
        return redirect("organisation_import:status", token=token)  # a second click applies nothing twice
    form = ImportApplyForm(request.POST)
    form.is_valid()  # a box, ticked or not: always valid
    pending["applying"] = True
    request.session.modified = True
    upload_apply_start(
        token=token,
        pending=pending,
        by=request.user,
        language=translation.get_language(),
        confirm_ending=form.cleaned_data.get("confirm_ending", False),
    )
    return redirect("organisation_import:status", token=token)


@require_POST
@login_required
def import_discard(request, token):
    _pending(request, token)
    upload_discard(token=token)
    _forget(request, token)
    return redirect("organisation_import:start")


@require_GET
@login_required
def import_status(request, token):
    pending = _pending(request, token)
    status = pending.get("result") or upload_status_read(token=token) or {"state": "queued"}
    if status["state"] in ("done", "failed") and "result" not in pending:
        # Finished: keep the outcome with the session and tidy the storage.
        pending["result"] = status
        request.session.modified = True
        upload_discard(token=token)
    context = {
        "token": token,
        "filename": pending["filename"],
        "status": status,
        "percent": 100 * status.get("done", 0) // max(status.get("total", 1), 1),
        **_counts_context(status.get("outcome")),
    }
    template = "organisation/_import_status.html" if request.htmx else "organisation/import_status.html"
    return render(request, template, context)

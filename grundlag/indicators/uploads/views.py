"""The indicator upload pages: choose a file, its dry run's report (with progress), apply, the result."""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .forms import IndicatorUploadForm
from .selectors import (
    APPLY,
    CHECK,
    SESSION_KEY,
    upload_get_for_user,
    upload_may_apply,
    upload_report_read,
    upload_status_read,
    uploads_for_user,
)
from .services.background import upload_apply_start, upload_submit
from .services.uploads import upload_discard, uploads_clean

CATEGORIES = {"new": _("New"), "changed": _("Changed"), "unchanged": _("Unchanged")}
KINDS = {"indicators": _("Indicators"), "observations": _("Observations")}
FORMATS = {"wide": _("a wide file"), "long": _("a long file"), "json": _("an export (JSON)")}
# Problems shown on the page of each kind; the rest are in the report's CSV file.
SHOWN = 500


def _pending(request, token: str) -> dict:
    return upload_get_for_user(user=request.user, session=request.session, token=token)


def _forget(request, token: str) -> None:
    uploads = request.session.get(SESSION_KEY, {})
    uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads


@require_http_methods(["GET", "POST"])
@login_required
def upload_start(request):
    uploads = uploads_for_user(user=request.user, session=request.session)
    uploads_clean()
    form = IndicatorUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload, mapping = form.cleaned_data["file"], form.cleaned_data["mapping_file"]
        token = upload_submit(
            data=upload.read(),
            mapping=form.mapping_bytes,
            filename=upload.name,
            by=request.user,
            language=translation.get_language(),
        )
        uploads[token] = {"filename": upload.name, "mapping_name": mapping.name if mapping else ""}
        request.session[SESSION_KEY] = uploads
        return redirect("indicators:upload", token=token)
    return render(request, "indicators/uploads/start.html", {"form": form})


def _counts_context(outcome: dict | None) -> dict:
    if not outcome:
        return {}
    return {
        "outcome": outcome,
        "format_label": FORMATS.get(outcome["format"], outcome["format"]),
        "kinds": list(KINDS.values()),
        "summary": [
            {"label": label, "counts": [outcome[category][kind] for kind in KINDS]}
            for category, label in CATEGORIES.items()
        ],
    }


def _problems_context(token: str, status: dict) -> dict:
    if status.get("state") != "done":
        return {}
    problems = upload_report_read(token=token)
    errors = [p for p in problems if not p.get("warning")]
    warnings = [p for p in problems if p.get("warning")]
    return {"errors": errors[:SHOWN], "warnings": warnings[:SHOWN], "shown": SHOWN, "problems": len(problems)}


@require_GET
@login_required
def upload_page(request, token):
    pending = _pending(request, token)
    status = pending.get("result") or upload_status_read(token=token) or {"step": CHECK, "state": "queued"}
    if status.get("step") == APPLY and status["state"] in ("done", "failed") and "result" not in pending:
        pending["result"] = status  # counts only: the session keeps the outcome of the import
        request.session.modified = True
    context = {
        "token": token,
        "pending": pending,
        "status": status,
        "applying": status.get("step") == APPLY,
        "may_apply": upload_may_apply(status=status),
        "percent": 100 * status.get("done", 0) // max(status.get("total", 1), 1),
        **_counts_context(status.get("outcome")),
        **_problems_context(token, status),
    }
    template = "indicators/uploads/_status.html" if request.htmx else "indicators/uploads/upload.html"
    return render(request, template, context)


@require_GET
@login_required
def upload_report(request, token):
    """Every problem of the last run as a CSV file (the page shows the first few hundred of each kind)."""
    pending = _pending(request, token)
    problems = upload_report_read(token=token)
    if not problems:
        raise Http404("No report.")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_("File"), _("Row"), _("Column"), _("Kind"), _("Problem")])
    for p in problems:
        kind = _("Warning") if p.get("warning") else _("Error")
        writer.writerow([p.get("file"), p.get("row") or "", p.get("column"), kind, p.get("message")])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    name = pending["filename"].rsplit(".", 1)[0] or "import"
    response["Content-Disposition"] = f'attachment; filename="{_ascii(name)}-problems.csv"'
    return response


def _ascii(name: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "_" for c in name)[:80]


@require_POST
@login_required
def upload_apply(request, token):
    pending = _pending(request, token)
    # Refused (nothing started) before a clean dry run, and on a second click: the page says where it is.
    upload_apply_start(token=token, pending=pending, by=request.user, language=translation.get_language())
    return redirect("indicators:upload", token=token)


@require_POST
@login_required
def upload_discard_view(request, token):
    _pending(request, token)
    if not upload_discard(token=token):
        return redirect("indicators:upload", token=token)  # its import runs: it cannot be taken back
    _forget(request, token)
    return redirect("indicators:upload_start")

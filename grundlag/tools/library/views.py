"""The knowledge-sharing library's pages: a leader searches the documents they may read (or sees the latest),
and the owner of a knowledge-sharing document puts it in the library or takes it out. The search words are
sent as the foundations' search sends them (`?q=`); no code here writes them anywhere."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import selectors, services
from .forms import PlaceForm


@require_GET
@login_required
def library(request):
    query = request.GET.get("q", "")[: selectors.QUERY_MAX_LENGTH]
    if query.strip():
        hits, latest = selectors.library_search_for_user(user=request.user, query=query), []
    else:
        hits, latest = [], selectors.library_latest_for_user(user=request.user)
    return render(request, "tools/library/library.html", {"query": query, "hits": hits, "latest": latest})


@login_required
def place(request, pk):
    document, units = selectors.library_document_owned_for_user(user=request.user, pk=pk)
    form = PlaceForm(
        request.POST or None,
        units=units,
        initial={"audience": document.library_audience}
        | ({"unit": str(document.library_unit_id)} if document.library_unit_id else {}),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.library_place(
                document=document,
                audience=form.cleaned_data["audience"],
                unit=form.chosen_unit(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if document.library_audience:
                messages.success(request, _("The document is in the library."))
            else:
                messages.success(request, _("The document is not in the library."))
            return redirect("tools:document", pk=pk)
    return render(
        request,
        "tools/library/place.html",
        {"document": document, "form": form},
        status=422 if request.method == "POST" else 200,
    )

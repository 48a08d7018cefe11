"""The administrators' page for API tokens: list, create (the plaintext is shown once) and revoke."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .forms import ApiTokenForm
from .selectors import api_token_get_for_user, api_tokens_for_user
from .services import api_token_create, api_token_revoke


def _to_login(request):
    """Anonymous visitors are sent to log in; the selectors refuse users who may not manage tokens."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


@never_cache
@require_http_methods(["GET", "POST"])
def token_list(request):
    if denied := _to_login(request):
        return denied
    tokens = api_tokens_for_user(user=request.user)
    form = ApiTokenForm(request.POST or None, maker=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            token, plaintext = api_token_create(
                user=form.cleaned_data["user"],
                name=form.cleaned_data["name"],
                by=request.user,
                expires=form.expires_at(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Rendered, not redirected: the plaintext exists only in this one response.
            return render(request, "api/token_created.html", {"token": token, "plaintext": plaintext})
    return render(request, "api/tokens.html", {"tokens": tokens, "form": form, "now": timezone.now()})


@require_POST
def token_revoke(request, pk: int):
    if denied := _to_login(request):
        return denied
    token = api_token_get_for_user(user=request.user, pk=pk)
    api_token_revoke(token=token, by=request.user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api:tokens")

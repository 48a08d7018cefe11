"""The administrators' page for API tokens: list, create (the plaintext is shown once) and revoke."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .forms import ApiTokenForm
from .models import ApiToken
from .services import api_token_create, api_token_revoke


def _managers_only(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("api.manage_tokens"):
        raise PermissionDenied
    return None


@never_cache
@require_http_methods(["GET", "POST"])
def token_list(request):
    if denied := _managers_only(request):
        return denied
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, plaintext = api_token_create(
            user=form.cleaned_data["user"],
            name=form.cleaned_data["name"],
            by=request.user,
            expires=form.expires_at(),
        )
        # Rendered, not redirected: the plaintext exists only in this one response.
        return render(request, "api/token_created.html", {"token": token, "plaintext": plaintext})
    tokens = ApiToken.objects.select_related("user")
    return render(request, "api/tokens.html", {"tokens": tokens, "form": form, "now": timezone.now()})


@require_POST
def token_revoke(request, pk: int):
    if denied := _managers_only(request):
        return denied
    token = get_object_or_404(ApiToken, pk=pk)
    api_token_revoke(token=token, by=request.user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api:tokens")

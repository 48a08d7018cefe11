"""Login, password pages, invitations, GDPR and the users page."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from grundlag.audit.services import audit_record

from . import selectors, services
from .forms import (
    ERASE_WORD,
    EraseConfirmForm,
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)

PAGE_SIZE = 50


def _safe_next(request, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else default


# --- Login and passwords -------------------------------------------------------------------------------


class LoginView(auth_views.LoginView):
    form_class = LoginForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "oidc_enabled": settings.OIDC_ENABLED,
            "sso_refused": self.request.GET.get("sso") == "refused",
        }


def locked_out(request, original_response=None, credentials=None):
    """What django-axes answers once the failure limit is reached: when to try again, status 429."""
    cool_off = settings.AXES_COOLOFF_TIME
    context = {
        "minutes": int(cool_off.total_seconds() // 60),
        "until": timezone.localtime() + cool_off,
    }
    return render(request, "registration/locked_out.html", context, status=429)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(user=form.user, action="password.reset", obj=form.user)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(user=form.user, action="password.change", obj=form.user)
        return response


# --- People: invitation and GDPR ------------------------------------------------------------------------


@require_POST
def person_invite(request, pk):
    person = selectors.person_to_invite_get_for_user(user=request.user, pk=pk)
    try:
        services.account_invite(person=person, by=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("The invitation has been sent."))
    return redirect(_safe_next(request))


@require_GET
def person_export(request, pk):
    person = selectors.person_to_export_get_for_user(user=request.user, pk=pk)
    document = services.person_export(person=person, by=request.user)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    return response


@require_http_methods(["GET", "POST"])
def person_erase(request, pk):
    person = selectors.person_to_erase_get_for_user(user=request.user, pk=pk)
    form = EraseConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.person_erase(person=person, by=request.user)
        messages.success(request, _("The person's personal data has been erased."))
        return redirect("accounts:person_erase", pk=person.pk)
    status = 422 if form.is_bound else 200
    return render(
        request,
        "accounts/person_erase.html",
        {"person": person, "form": form, "word": ERASE_WORD},
        status=status,
    )


# --- Administration: users -------------------------------------------------------------------------------


@require_GET
def users_list(request):
    page = Paginator(selectors.users_for_user(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/users.html", {"page": page})


def _user_change(request, pk, change) -> HttpResponse:
    user = selectors.user_get_for_user(user=request.user, pk=pk)
    try:
        change(user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("The account has been updated."))
    return redirect(_safe_next(request, default=reverse("accounts:users")))


@require_POST
def user_role(request, pk):
    administrator = request.POST.get("administrator") == "true"
    return _user_change(
        request,
        pk,
        lambda user: services.user_role_set(user=user, administrator=administrator, by=request.user),
    )


@require_POST
def user_active(request, pk):
    active = request.POST.get("active") == "true"
    return _user_change(
        request, pk, lambda user: services.user_active_set(user=user, active=active, by=request.user)
    )

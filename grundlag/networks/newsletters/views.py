"""The newsletter pages: the forum's archive, writing a newsletter, its preview (a draft) or the archived
issue (a sent one), editing and deleting a draft, and sending it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from grundlag.core.outcomes import refusal_show

from . import selectors, services
from .formatting import format_body
from .forms import NewsletterForm
from .services import background


@require_GET
@login_required
def newsletter_list(request, slug):
    forum, access, newsletters = selectors.newsletters_for_user(user=request.user, slug=slug)
    return render(
        request,
        "networks/newsletter_list.html",
        {"forum": forum, "access": access, "newsletters": newsletters},
    )


@login_required
def newsletter_create(request, slug):
    forum = selectors.newsletter_forum_get_for_user(user=request.user, slug=slug)
    form = NewsletterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            newsletter = services.newsletter_create(forum=forum, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The newsletter was saved as a draft. Read it through before you send it.")
            )
            return redirect("networks:newsletter_detail", slug=slug, pk=newsletter.pk)
    return render(
        request,
        "networks/newsletter_form.html",
        {"forum": forum, "form": form, "newsletter": None},
        status=422 if request.method == "POST" else 200,
    )


@require_GET
@login_required
def newsletter_detail(request, slug, pk):
    newsletter, access = selectors.newsletter_get_for_user(user=request.user, slug=slug, pk=pk)
    draft = newsletter.sent_at is None
    return render(
        request,
        "networks/newsletter_detail.html",
        {
            "forum": newsletter.forum,
            "newsletter": newsletter,
            "access": access,
            "body": format_body(newsletter.body),
            "editable": access.organiser and selectors.newsletter_is_draft(newsletter=newsletter),
            "recipients": selectors.newsletter_recipients(forum=newsletter.forum).count()
            if draft and access.organiser
            else None,
            "undelivered": selectors.newsletter_undelivered(newsletter=newsletter)
            if access.organiser
            else [],
        },
    )


@login_required
def newsletter_edit(request, slug, pk):
    newsletter = selectors.newsletter_to_write_get_for_user(user=request.user, slug=slug, pk=pk)
    if not selectors.newsletter_is_draft(newsletter=newsletter):
        messages.error(
            request, _("The newsletter has been sent: it is kept as it was sent and cannot be changed.")
        )
        return redirect("networks:newsletter_detail", slug=slug, pk=pk)
    form = NewsletterForm(request.POST or None, instance=newsletter)
    if request.method == "POST" and form.is_valid():
        try:
            services.newsletter_update(newsletter=newsletter, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The newsletter was saved."))
            return redirect("networks:newsletter_detail", slug=slug, pk=pk)
    return render(
        request,
        "networks/newsletter_form.html",
        {"forum": newsletter.forum, "form": form, "newsletter": newsletter},
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def newsletter_send(request, slug, pk):
    newsletter = selectors.newsletter_to_write_get_for_user(user=request.user, slug=slug, pk=pk)
    try:
        count = background.newsletter_send(newsletter=newsletter, by=request.user)
    except ValidationError as error:
        refusal_show(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "The newsletter is being sent to %(count)s member.",
                "The newsletter is being sent to %(count)s members.",
                count,
            )
            % {"count": count},
        )
    return redirect("networks:newsletter_detail", slug=slug, pk=pk)


@require_POST
@login_required
def newsletter_delete(request, slug, pk):
    newsletter = selectors.newsletter_to_write_get_for_user(user=request.user, slug=slug, pk=pk)
    try:
        services.newsletter_delete(newsletter=newsletter, by=request.user)
    except ValidationError as error:
        refusal_show(request, error)
        return redirect("networks:newsletter_detail", slug=slug, pk=pk)
    messages.success(request, _("The draft was deleted."))
    return redirect("networks:newsletter_list", slug=slug)

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.sites.shortcuts import get_current_site
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .addresses import client_address
from .services.background import password_reset_enqueue

# The word an administrator types to confirm an erasure, in their language.
ERASE_WORD = pgettext_lazy("the word typed to confirm an erasure", "ERASE")


def design_system(form: forms.BaseForm) -> forms.BaseForm:
    """Give every widget the class Det Fælles Designsystem styles it by."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        elif isinstance(widget, forms.widgets.Input | forms.Textarea) and not isinstance(
            widget, forms.CheckboxInput
        ):
            widget.attrs.setdefault("class", "form-input")
    return form


class DesignSystemMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        design_system(self)


class LoginForm(DesignSystemMixin, auth_forms.AuthenticationForm):
    pass


class PasswordResetForm(DesignSystemMixin, auth_forms.PasswordResetForm):
    """Django's reset form, but the e-mail is sent by a task (see grundlag.accounts.tasks).

    The request does the same work whether or not the address has an account, and whether or not it has
    asked too often (PASSWORD_RESET_EMAILS_PER_ADDRESS): one look-up, one count and one enqueued task (with no
    user ids when there is none to send to), so neither its answer nor its response time tells.
    """

    def save(
        self,
        domain_override=None,
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.txt",
        use_https=False,
        token_generator=None,
        from_email=None,
        request=None,
        html_email_template_name=None,
        extra_email_context=None,
    ):
        # The task always makes its token with the default generator; the view passes no other.
        if domain_override:
            site_name = domain = domain_override
        else:
            site = get_current_site(request)
            site_name, domain = site.name, site.domain
        email = self.cleaned_data["email"]
        password_reset_enqueue(
            email=email,
            client=client_address(request) if request is not None else None,
            users=list(self.get_users(email)),
            domain=domain,
            site_name=site_name,
            use_https=use_https,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            from_email=from_email,
        )


class SetPasswordForm(DesignSystemMixin, auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(DesignSystemMixin, auth_forms.PasswordChangeForm):
    pass


class EraseConfirmForm(DesignSystemMixin, forms.Form):
    confirm = forms.CharField(label=_("Type the word to confirm"), max_length=50)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"].help_text = _("Type %(word)s to erase the person.") % {"word": ERASE_WORD}
        self.fields["confirm"].widget.attrs["autocomplete"] = "off"

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip()
        if value.casefold() != str(ERASE_WORD).casefold():
            raise forms.ValidationError(_("Type %(word)s exactly to confirm.") % {"word": ERASE_WORD})
        return value

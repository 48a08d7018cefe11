from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import selectors
from .services import audit_record

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
    """Django's reset form; the e-mail is labelled with its language and each sending is audited."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(
            subject, body, from_email, [to_email], headers={"Content-Language": translation.get_language()}
        )
        message.send()
        audit_record(user=None, action="password.reset_request", obj=context["user"])


class SetPasswordForm(DesignSystemMixin, auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(DesignSystemMixin, auth_forms.PasswordChangeForm):
    pass


class AuditFilterForm(DesignSystemMixin, forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    user = forms.ModelChoiceField(label=_("User"), required=False, queryset=None, empty_label=_("All users"))
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions"))] + [(a, a) for a in selectors.audit_actions()]
        self.fields["user"].queryset = selectors.audit_users()
        self.fields["user"].label_from_instance = lambda user: user.get_username()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_from"] > cleaned["date_to"]:
            raise forms.ValidationError(_("The start date must be on or before the end date."))
        return cleaned


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

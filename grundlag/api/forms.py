import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        full_name = obj.get_full_name()
        return f"{full_name} ({obj.get_username()})" if full_name else obj.get_username()


class ApiTokenForm(DesignSystemForm, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("What the integration is, e.g. “HR system nightly sync”."),
    )
    user = UserChoiceField(
        label=_("Acts as user"),
        queryset=get_user_model().objects.none(),
        help_text=_(
            "The token sees exactly what this user may see. It may act as yourself or as an integration "
            "account (a user who is not a person), never as another person."
        ),
    )
    expires = forms.DateField(
        label=_("Expires after (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-input"}),
        help_text=_("The token stops working when this day is over."),
    )

    def __init__(self, *args, maker: User, **kwargs):
        super().__init__(*args, **kwargs)
        # The same rule as api_token_create: the maker, or an active user with no person behind it.
        user_field = self.fields["user"]
        assert isinstance(user_field, UserChoiceField)
        user_field.queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(pk=maker.pk) | Q(person__isnull=True))
            .order_by("username")
        )

    def clean_expires(self):
        day = self.cleaned_data["expires"]
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later day."))
        return day

    def expires_at(self) -> datetime.datetime | None:
        """The first moment after the chosen day, in the site's time zone."""
        day = self.cleaned_data["expires"]
        if day is None:
            return None
        return timezone.make_aware(
            datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
        )

"""Forms of forums and events: a forum with its audience and organisers, an event, a move on its list."""

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm
from grundlag.development.models import Goal
from grundlag.organisation.models import Person, Unit

from ..models import Audience
from .services import EventInput, ForumInput, Move

DATETIME = forms.DateTimeInput(
    attrs={"type": "datetime-local", "class": "form-input"}, format="%Y-%m-%dT%H:%M"
)


class PeopleField(forms.CharField):
    """People named by their e-mail addresses, one a line (or separated by commas)."""

    widget = forms.Textarea(attrs={"rows": 2})

    def to_python(self, value: Any) -> list[Person]:  # type: ignore[override]
        text = super().to_python(value) or ""
        addresses = [part.strip().lower() for part in text.replace(",", "\n").splitlines() if part.strip()]
        found = {person.email.lower(): person for person in Person.objects.filter(email__in=addresses)}
        unknown = [address for address in addresses if address not in found]
        if unknown:
            raise ValidationError(
                _("No person has the e-mail address %(addresses)s.") % {"addresses": ", ".join(unknown)}
            )
        return list(dict.fromkeys(found[address] for address in addresses))

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(person.email for person in value if isinstance(person, Person))
        return value


class ForumForm(DesignSystemForm, forms.Form):
    theme = forms.CharField(label=_("Theme"), max_length=300)
    slug = forms.SlugField(
        label=_("Short name in the address"), max_length=100, help_text=_("Letters, digits and hyphens.")
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=10000, widget=forms.Textarea
    )
    audience = forms.ChoiceField(label=_("Open to"), choices=Audience.choices)
    unit = forms.ModelChoiceField(
        label=_("Within the unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("The whole organisation"),
    )
    invited = PeopleField(
        label=_("Also open to (e-mail addresses)"),
        required=False,
        help_text=_("E.g. administration staff whom the forum invites besides its audience; one a line."),
    )
    organisers = PeopleField(label=_("Organisers (e-mail addresses)"), required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def forum_input(self, *, source_section_id: int | None = None) -> ForumInput:
        data = self.cleaned_data
        return ForumInput(
            slug=data["slug"],
            theme=data["theme"],
            description=data["description"],
            audience=data["audience"],
            unit=data["unit"],
            source_section_id=source_section_id,
        )


# The years an event's dates may fall in: a typing slip (year 1, year 9999) is refused, not stored.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _aware(value: datetime.datetime | None) -> datetime.datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


class EventForm(DesignSystemForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=10000, widget=forms.Textarea
    )
    starts = forms.DateTimeField(label=_("Starts"), widget=DATETIME)
    ends = forms.DateTimeField(label=_("Ends"), widget=DATETIME)
    town = forms.CharField(label=_("Town"), max_length=100, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    video_url = forms.URLField(
        assume_scheme="https",
        label=_("Video link"),
        required=False,
        help_text=_("For an event held online, instead of a town."),
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=100000)
    signup_deadline = forms.DateTimeField(label=_("Sign up by"), widget=DATETIME)
    organisers = PeopleField(
        label=_("Organisers (e-mail addresses)"),
        required=False,
        help_text=_("Empty: the forum's organisers."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("starts", "ends", "signup_deadline"):
            value = data.get(name)
            if value is not None and not (FIRST_YEAR <= value.year <= LAST_YEAR):
                self.add_error(
                    name,
                    _("Give a date between the years %(first)s and %(last)s.")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR},
                )
        return data

    def event_input(self) -> EventInput:
        data = self.cleaned_data
        return EventInput(
            title=data["title"],
            description=data["description"],
            starts=_aware(data["starts"]),  # type: ignore[arg-type]
            ends=_aware(data["ends"]),  # type: ignore[arg-type]
            town=data["town"],
            address=data["address"],
            video_url=data["video_url"],
            capacity=data["capacity"],
            signup_deadline=_aware(data["signup_deadline"]),  # type: ignore[arg-type]
        )


class EventCancelForm(DesignSystemForm, forms.Form):
    reason = forms.CharField(
        label=_("Why is the event cancelled?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Everyone signed up, offered a place or on the waiting list receives it by e-mail."),
    )


class MoveForm(DesignSystemForm, forms.Form):
    to = forms.ChoiceField(
        label=_("Move"),
        choices=[
            (Move.SIGN_UP.value, _("Give a place")),
            (Move.TOP.value, _("To the top of the waiting list")),
            (Move.REMOVE.value, _("Remove from the event")),
        ],
    )
    reason = forms.CharField(label=_("Reason"), max_length=500)


class GoalPickForm(DesignSystemForm, forms.Form):
    goal = forms.ModelChoiceField(label=_("Goal of my development plan"), queryset=Goal.objects.none())

    def __init__(self, *args: Any, goals: QuerySet[Goal], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals  # type: ignore[attr-defined]

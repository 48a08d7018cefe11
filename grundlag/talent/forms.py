"""Forms of the talent pipeline: a nomination, a sign-up, the self-reflection, the conversation, the
decision, the administrator's programme, cohort, activity, assignment and enrolment, and an assessment."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm
from grundlag.frameworks.models import Expectation
from grundlag.frameworks.selectors import SectionContent
from grundlag.networks.models import Event
from grundlag.organisation.models import Person

from .models import ActivityKind, Cohort, Decision, Interest, Outcome

DATE = forms.DateInput(attrs={"type": "date", "class": "form-input"}, format="%Y-%m-%d")
NOT_BELOW = _("You can only nominate someone who works below you in the leadership chain.")


def _text(label: Any, *, required: bool = False, rows: int = 3, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=5000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class NominationForm(DesignSystemForm, forms.Form):
    nominee = forms.ChoiceField(
        label=_("Whom do you nominate?"), error_messages={"invalid_choice": NOT_BELOW}
    )
    reason = _text(
        _("Why do you see a possible leader in them?"),
        required=True,
        help_text=_("The nominee reads your reason before they answer. If they decline, it is deleted."),
    )

    def __init__(self, *args: Any, nominees: QuerySet[Person], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.nominees = {str(person.pk): person for person in nominees}
        field = cast(forms.ChoiceField, self.fields["nominee"])
        field.choices = [("", _("Choose a person")), *[(pk, p.name) for pk, p in self.nominees.items()]]

    def person(self) -> Person:
        return self.nominees[self.cleaned_data["nominee"]]


class SignUpForm(DesignSystemForm, forms.Form):
    motivation = _text(
        _("What makes you curious about leadership?"),
        help_text=_("Your nearest leader reads it; the administrator does not."),
    )


class ReflectionForm(DesignSystemForm, forms.Form):
    """The talent's interest in each of the level's own expectations, and their own words."""

    reflection = forms.CharField(
        label=_("My reflection"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What draws you to leadership, and what holds you back? Your nearest leader reads it."),
    )

    def __init__(self, *args: Any, sections: list[SectionContent], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.groups: list[tuple[str, list[str]]] = []
        self.expectations: dict[str, Expectation] = {}
        for content in sections:
            names = []
            for expectation in content.expectations:
                name = f"e{expectation.pk}"
                self.expectations[name] = expectation
                self.fields[name] = forms.ChoiceField(
                    label=expectation.text,
                    choices=Interest.choices,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Choose how this expectation appeals to you.")},
                )
                names.append(name)
            self.groups.append((content.section.title, names))
        self.order_fields([*self.expectations, "reflection"])

    def grouped(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.groups]

    def answers(self) -> dict[int, str]:
        return {e.pk: self.cleaned_data[name] for name, e in self.expectations.items()}


class ConversationForm(DesignSystemForm, forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    notes = forms.CharField(
        label=_("Shared notes"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The talent reads them; the administrator does not."),
    )


class DecisionForm(DesignSystemForm, forms.Form):
    decision = forms.ChoiceField(
        label=_("My decision"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you go on or stop.")},
    )
    note = _text(_("Why (optional, for you and your nearest leader)"), rows=2)


class ProgrammeForm(DesignSystemForm, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = _text(_("Description"))


class CohortForm(DesignSystemForm, forms.Form):
    name = forms.CharField(label=_("Name of the cohort"), max_length=200)
    starts = forms.DateField(label=_("From"), widget=DATE)
    ends = forms.DateField(label=_("To"), widget=DATE)


class ActivityForm(DesignSystemForm, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    event = forms.ModelChoiceField(
        label=_("Event of a leader forum"),
        queryset=Event.objects.none(),
        required=False,
        empty_label=_("None"),
        help_text=_("A network meeting may be an event of a leader forum: its page then links to it."),
    )
    description = _text(_("Description"), rows=2)

    def __init__(self, *args: Any, events: QuerySet[Event], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["event"]).queryset = events


class AssignmentForm(DesignSystemForm, forms.Form):
    title = forms.CharField(label=_("Practice assignment"), max_length=300)
    expectation = forms.ChoiceField(
        label=_("The expectation it trains"),
        error_messages={"required": _("Tie the assignment to an expectation of the level.")},
    )
    description = _text(_("What the talent does"), rows=3)

    def __init__(self, *args: Any, sections: list[SectionContent], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.expectations = {str(e.pk): e for content in sections for e in content.expectations}
        cast(forms.ChoiceField, self.fields["expectation"]).choices = [
            ("", _("Choose an expectation")),
            *[
                (content.section.title, [(str(e.pk), e.text) for e in content.expectations])
                for content in sections
            ],
        ]

    def chosen_expectation(self) -> Expectation:
        return self.expectations[self.cleaned_data["expectation"]]


class EnrolForm(DesignSystemForm, forms.Form):
    cohort = forms.ModelChoiceField(label=_("Cohort"), queryset=Cohort.objects.none())
    mentor = forms.ModelChoiceField(
        label=_("Mentor"),
        queryset=Person.objects.none(),
        help_text=_("A leader from another unit than the talent's."),
        error_messages={
            "invalid_choice": _(
                "A mentor is a leader from another unit than the talent's, and not their nearest leader."
            )
        },
    )

    def __init__(self, *args: Any, cohorts: QuerySet[Cohort], mentors: QuerySet[Person], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["cohort"]).queryset = cohorts
        cast(forms.ModelChoiceField, self.fields["mentor"]).queryset = mentors


class AssessmentForm(DesignSystemForm, forms.Form):
    outcome = forms.ChoiceField(
        label=_("My assessment"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your assessment.")},
    )
    note = _text(_("What the assessment rests on"), rows=3)

"""Forms of action plans: starting one, its parts (with the revision it was opened at), its status, sharing,
an action (Tiltag og Tegn), a follow-up, the expectations and the indicators it is tied to.

The labels of the template's parts and their questions come from the toolbox's content (`template.py`), given
to the forms by the views; the field names here are only the fallback."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm, ModelChoices
from grundlag.frameworks.models import Expectation
from grundlag.frameworks.selectors import SectionContent
from grundlag.indicators.models import Indicator
from grundlag.organisation.models import Person, Unit

from ..models import PlanStatus
from . import template as parts
from .template import Template

DATE = forms.DateInput(attrs={"type": "date", "class": "form-input"}, format="%Y-%m-%d")


def _texts(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _label(template: Template, key: str, question: str = "") -> tuple[str, str]:
    """A part's label and one of its questions (or all of them) as a field's label and hint."""
    part = template.part(key)
    hint = part.question(question) if question else " ".join(q.text for q in part.questions)
    return part.label, hint


class PlanCreateForm(DesignSystemForm, forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), empty_label=None)
    title = forms.CharField(label=_("Area of effort"), max_length=300)
    goal = forms.CharField(label=_("Goal"), required=False, max_length=10000, widget=_texts())
    team_members = ModelChoices(
        label=_("Leadership team"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They read and edit the plan with you: leaders you lead or leaders beside you."),
    )

    def __init__(self, *args: Any, units: list[Unit], team: Any, template: Template, **kwargs: Any):
        super().__init__(*args, **kwargs)
        unit_field = cast(forms.ModelChoiceField, self.fields["unit"])
        unit_field.queryset = Unit.objects.filter(pk__in=[unit.pk for unit in units]).order_by("name", "pk")
        unit_field.label = template.part(parts.UNIT).label
        cast(forms.ModelMultipleChoiceField, self.fields["team_members"]).queryset = team
        self.fields["goal"].label, self.fields["goal"].help_text = _label(template, parts.GOAL)


class PlanForm(DesignSystemForm, forms.Form):
    """The plan's own parts in the template's order; the revision it was opened at rides along."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Area of effort"), max_length=300)
    goal = forms.CharField(label=_("Goal"), required=False, max_length=10000, widget=_texts(4))
    baseline = forms.CharField(label=_("Baseline"), required=False, max_length=10000, widget=_texts(4))
    evaluation = forms.CharField(label=_("Evaluation"), required=False, max_length=10000, widget=_texts(4))
    evaluate_on = forms.DateField(label=_("Evaluate on"), required=False, widget=DATE)

    def __init__(self, *args: Any, template: Template, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name, key in (
            ("goal", parts.GOAL),
            ("baseline", parts.BASELINE),
            ("evaluation", parts.EVALUATION),
        ):
            self.fields[name].label, self.fields[name].help_text = _label(template, key)

    def part_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("goal", "baseline", "evaluation")]


class StatusForm(DesignSystemForm, forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=PlanStatus.choices)


class ShareForm(DesignSystemForm, forms.Form):
    team_members = ModelChoices(
        label=_("Leadership team"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They read and edit the plan with you: leaders you lead or leaders beside you."),
    )
    shared_with_superior = forms.BooleanField(
        label=_("Share with my superiors"),
        required=False,
        help_text=_("The leaders above you in the chain read the plan; they cannot change it."),
    )

    def __init__(self, *args: Any, team: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["team_members"]).queryset = team


class ActionForm(DesignSystemForm, forms.Form):
    """A Tiltag with its Tegn, each field with the template's question."""

    what = forms.CharField(label=_("What we will try"), max_length=5000, widget=_texts(2))
    who = forms.CharField(label=_("Who does what"), required=False, max_length=500)
    when = forms.CharField(label=_("When we do it"), required=False, max_length=200)
    due = forms.DateField(label=_("Done by (date)"), required=False, widget=DATE)
    episode = forms.CharField(
        label=_("Episode or situation"), required=False, max_length=5000, widget=_texts(2)
    )
    signs = forms.CharField(label=_("Signs of success"), required=False, max_length=5000, widget=_texts(2))
    done = forms.BooleanField(label=_("Done"), required=False)

    def __init__(self, *args: Any, template: Template, with_done: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["what"].help_text = _label(template, parts.ACTIONS, "tiltag")[1]
        self.fields["who"].help_text = _label(template, parts.ACTIONS, "hvem-hvornaar")[1]
        self.fields["signs"].help_text = _label(template, parts.ACTIONS, "tegn")[1]
        if not with_done:
            del self.fields["done"]


class FollowUpForm(DesignSystemForm, forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    signs_seen = forms.CharField(label=_("Signs seen"), required=False, max_length=10000, widget=_texts())
    note = forms.CharField(
        label=_("What we learned and adjust"), required=False, max_length=10000, widget=_texts()
    )
    next_on = forms.DateField(label=_("Next follow-up"), required=False, widget=DATE)


class ExpectationsForm(DesignSystemForm, forms.Form):
    expectations = forms.MultipleChoiceField(
        label=_("Expectations of the foundation"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The expectations at the owner's level that the plan works on."),
    )

    def __init__(self, *args: Any, sections: list[SectionContent], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.by_pk: dict[str, Expectation] = {}
        groups: list[tuple[str, list[tuple[str, str]]]] = []
        for content in sections:
            options = []
            for expectation in content.expectations:
                self.by_pk[str(expectation.pk)] = expectation
                options.append((str(expectation.pk), expectation.text))
            groups.append((content.section.title, options))
        cast(forms.MultipleChoiceField, self.fields["expectations"]).choices = groups

    def chosen(self) -> list[Expectation]:
        return [self.by_pk[pk] for pk in self.cleaned_data.get("expectations", []) if pk in self.by_pk]


class IndicatorForm(DesignSystemForm, forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("Indicator"),
        queryset=Indicator.objects.none(),
        empty_label=_("Choose an indicator"),
        help_text=_(
            "Its latest figures for the unit, the units above it and the country are copied into the "
            "baseline as they are shown now; later figures are shown as the trend since then."
        ),
        error_messages={"required": _("Choose an indicator to tie to the plan.")},
    )

    def __init__(self, *args: Any, indicators: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["indicator"]).queryset = indicators

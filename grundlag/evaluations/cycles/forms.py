import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm, ModelChoices
from grundlag.frameworks.models import FrameworkVersion, SectionKind
from grundlag.organisation.models import Person, Unit
from grundlag.organisation.selectors import organisation_levels

from ..models import Cycle, Instrument, LocalQuestion, RaterGroup
from .selectors import SEARCH_MIN_LETTERS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "form-input", **(attrs or {})}, format="%Y-%m-%d")


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.framework.name}, {_('version')} {obj.number}"


class CycleForm(DesignSystemForm, forms.ModelForm):
    framework_version = VersionChoiceField(
        label=_("Leadership foundation"),
        queryset=FrameworkVersion.objects.filter(status=FrameworkVersion.Status.PUBLISHED)
        .select_related("framework")
        .order_by("framework__name", "-number"),
    )

    class Meta:
        model = Cycle
        fields = [
            "name",
            "instrument",
            "framework_version",
            "deadline",
            "block_depth",
            "superior_shown",
            "report_to_superior",
            "peers_max",
        ]
        help_texts = {
            "instrument": _(
                "The conditions survey asks leaders about their own conditions for leadership and needs a "
                "foundation that states them (Ledelse-tæt-på); the effect-picture survey asks employees "
                "about the intended effects and needs a foundation that states them (Børne- og "
                "Undervisningsministeriet). Their results are shown per group of units, never per leader."
            ),
        }
        widgets = {
            "block_depth": forms.NumberInput(attrs={"class": "form-input input-width-xs", "min": 1}),
            "deadline": DateInput(),
            "peers_max": forms.NumberInput(attrs={"class": "form-input input-width-xs"}),
            "superior_shown": forms.CheckboxInput(attrs={"class": "form-checkbox"}),
            "report_to_superior": forms.CheckboxInput(attrs={"class": "form-checkbox"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The foundation the organisation is placed on is the usual choice. A new cycle's blank
        # instance puts None in `initial`, which would win over a field's own initial.
        organisation_version = (
            self.fields["framework_version"]
            .queryset.filter(framework__slug=settings.ORGANISATION_FRAMEWORK)
            .order_by("-number")
            .first()
        )
        if organisation_version is not None and not self.initial.get("framework_version"):
            self.initial["framework_version"] = organisation_version.pk
        if not self.initial.get("deadline"):
            self.initial["deadline"] = timezone.localdate() + datetime.timedelta(days=21)
        self.fields["instrument"].required = False  # a form without it asks for a 360° evaluation

    def clean_instrument(self):
        return self.cleaned_data.get("instrument") or Instrument.LEADERSHIP_360


class CycleSettingsForm(DesignSystemForm, forms.ModelForm):
    class Meta:
        model = Cycle
        fields = ["name", "deadline"]
        widgets = {"deadline": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline"].help_text = _(
            "Moving the deadline after launch changes when the links stop working and when the cycle closes."
        )


class SectionsForm(forms.Form):
    sections = forms.MultipleChoiceField(
        label=_("Sections the questionnaire is drawn from"),
        help_text=_("Leave all unchecked to use every section."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        sections = cycle.framework_version.sections.exclude(kind=SectionKind.INTRODUCTION).order_by(
            "position", "id"
        )
        _choice_field(self, "sections").choices = [(s.key, s.title) for s in sections]
        self.fields["sections"].initial = cycle.section_keys


class LocalQuestionForm(DesignSystemForm, forms.ModelForm):
    class Meta:
        model = LocalQuestion
        fields = ["kind", "text", "self_text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "self_text": forms.Textarea(attrs={"rows": 2})}


def _choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's choice field of that name, whose choices depend on the cycle."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


def _level_choices(cycle: Cycle) -> list[tuple[str, str | Promise]]:
    # A survey's foundation may have no levels of its own: the organisation's posts are on these.
    levels = organisation_levels() if cycle.is_survey else cycle.framework_version.levels.order_by("position")
    return [("", _("Any level")), *((lv.key, lv.name) for lv in levels)]


class EvalueesAddForm(forms.Form):
    """Leaders to add: those in a unit's subtree and/or on a level, or the people chosen (from a search)."""

    unit = forms.ModelChoiceField(queryset=Unit.objects.all(), required=False, widget=forms.HiddenInput)
    level = forms.ChoiceField(label=_("Leaders on the level"), required=False)
    people = ModelChoices(
        queryset=Person.objects.filter(erased_at__isnull=True),
        required=False,
        widget=forms.MultipleHiddenInput,
    )

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        _choice_field(self, "level").choices = _level_choices(cycle)

    def clean(self):
        data = super().clean()
        if not data.get("unit") and not data.get("level") and not data.get("people"):
            raise forms.ValidationError(_("Choose a unit, a level or some leaders."))
        return data


class EvalueesByLevelForm(DesignSystemForm, forms.Form):
    level = forms.ChoiceField(label=_("Leaders on the level"))

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        _choice_field(self, "level").choices = _level_choices(cycle)[1:]


class NameSearchForm(DesignSystemForm, forms.Form):
    q = forms.CharField(
        label=_("Name"),
        min_length=SEARCH_MIN_LETTERS,
        max_length=100,
        help_text=_("At least 3 letters of the name."),
    )


class LeaderSearchForm(NameSearchForm):
    prefix = "find"  # beside the form that adds by level, on the same page
    level = forms.ChoiceField(
        label=_("Only leaders on the level"),
        required=False,
        help_text=_("Used when you add the leaders of a unit."),
    )

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].label = _("Name of a unit or a leader")
        _choice_field(self, "level").choices = _level_choices(cycle)


class RaterAddForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=Person.objects.filter(erased_at__isnull=True), widget=forms.HiddenInput
    )
    group = forms.ChoiceField(label=_("Rater group"), choices=RaterGroup.choices)


def rater_group_choices(cycle: Cycle) -> list[tuple[str, str | Promise]]:
    """The groups a rater can be added in: a survey has one."""
    survey_group = cycle.survey_group
    if survey_group is not None:
        return [(survey_group, RaterGroup(survey_group).label)]
    others: list[tuple[str, str | Promise]] = [(RaterGroup.OTHER.value, RaterGroup.OTHER.label)]
    return others + [choice for choice in RaterGroup.choices if choice[0] != RaterGroup.OTHER]


class PreviewLevelForm(DesignSystemForm, forms.Form):
    level = forms.ChoiceField(label=_("Level"), required=False)

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        levels = cycle.framework_version.levels.order_by("position")
        _choice_field(self, "level").choices = [
            ("", _("Common part only")),
            *((lv.key, lv.name) for lv in levels),
        ]


class GroupsForm(forms.Form):
    """Which of the statements shown (expectation ids) each rater group is asked: one field per group;
    likewise the local questions shown (`LocalQuestion` ids), in fields of their own (`local_…`)."""

    shown = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.MultipleHiddenInput)
    local_shown = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.MultipleHiddenInput)

    def __init__(self, *args, ids: list[int], groups, local_ids: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for prefix, pks in (("", ids), ("local_", local_ids or [])):
            choices = [(pk, str(pk)) for pk in pks]
            _choice_field(self, f"{prefix}shown").choices = choices
            for group in groups:
                self.fields[f"{prefix}asked_{group}"] = forms.TypedMultipleChoiceField(
                    coerce=int, required=False, choices=choices, widget=forms.CheckboxSelectMultiple
                )

    def asked(self, groups, *, prefix: str = "") -> dict[str, list[int]]:
        return {str(group): self.cleaned_data.get(f"{prefix}asked_{group}", []) for group in groups}

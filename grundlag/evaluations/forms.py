import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm
from grundlag.frameworks.models import FrameworkVersion, SectionKind
from grundlag.organisation.models import Person, Unit
from grundlag.organisation.selectors import organisation_levels

from .models import Cycle, Instrument, LocalQuestion, RaterGroup


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
        self.fields["sections"].choices = [(s.key, s.title) for s in sections]
        self.fields["sections"].initial = cycle.section_keys


class LocalQuestionForm(DesignSystemForm, forms.ModelForm):
    class Meta:
        model = LocalQuestion
        fields = ["kind", "text", "self_text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "self_text": forms.Textarea(attrs={"rows": 2})}


class LeaderChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class EvalueesAddForm(DesignSystemForm, forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Leaders in the unit and the units under it"),
        queryset=Unit.objects.order_by("path"),
        required=False,
    )
    level = forms.ChoiceField(label=_("Leaders on the level"), required=False)
    people = LeaderChoiceField(
        label=_("Or choose leaders"),
        queryset=Person.objects.filter(posts__level__isnull=False).distinct().order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-input", "size": 6}),
    )

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        # A survey's foundation may have no levels of its own: the organisation's posts are on these.
        levels = (
            organisation_levels() if cycle.is_survey else cycle.framework_version.levels.order_by("position")
        )
        self.fields["level"].choices = [("", _("Any level")), *((lv.key, lv.name) for lv in levels)]

    def clean(self):
        data = super().clean()
        if not data.get("unit") and not data.get("level") and not data.get("people"):
            raise forms.ValidationError(_("Choose a unit, a level or some leaders."))
        return data


class RaterAddForm(DesignSystemForm, forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.order_by("name"))
    group = forms.ChoiceField(label=_("Rater group"), choices=RaterGroup.choices, initial=RaterGroup.OTHER)


class PreviewLevelForm(DesignSystemForm, forms.Form):
    level = forms.ChoiceField(label=_("Level"), required=False)

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        levels = cycle.framework_version.levels.order_by("position")
        self.fields["level"].choices = [("", _("Common part only")), *((lv.key, lv.name) for lv in levels)]

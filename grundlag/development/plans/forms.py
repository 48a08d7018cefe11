"""Forms of development plans: a goal, an action, and a plan kept with a leadership team."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm, ModelChoices
from grundlag.frameworks.models import Expectation
from grundlag.frameworks.selectors import SectionContent
from grundlag.organisation.models import Person

from ..models import GoalStatus

DATE = forms.DateInput(attrs={"type": "date", "class": "form-input"}, format="%Y-%m-%d")
SECTION, EXPECTATION = "s", "e"


class GoalForm(DesignSystemForm, forms.Form):
    """A new goal: what the leader works on (an expectation of their level, or a section as a whole), and if
    they like a statement of their 360° report; private unless they share it."""

    title = forms.CharField(label=_("Goal"), max_length=300)
    works_on = forms.ChoiceField(
        label=_("What in the leadership foundation the goal works on"),
        required=False,
        help_text=_("An expectation at your level, or a section of the foundation as a whole."),
    )
    report_statement = forms.ChoiceField(
        label=_("Statement of the 360° report"),
        required=False,
        help_text=_("A blind spot or hidden strength of your latest report, if the goal builds on it."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    shared = forms.BooleanField(
        label=_("Share the goal with my superior"),
        required=False,
        help_text=_(
            "Your superiors in the chain read a shared goal and its actions; a private goal is yours."
        ),
    )

    def __init__(self, *args: Any, sections: list[SectionContent], statements: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.expectations: dict[str, Expectation] = {}
        groups: list[tuple[str, list[tuple[str, str]]]] = []
        for content in sections:
            options = [(f"{SECTION}{content.section.pk}", str(_("The section as a whole")))]
            for expectation in content.expectations:
                self.expectations[f"{EXPECTATION}{expectation.pk}"] = expectation
                options.append((f"{EXPECTATION}{expectation.pk}", expectation.text))
            groups.append((content.section.title, options))
        works_on = cast(forms.ChoiceField, self.fields["works_on"])
        works_on.choices = [("", _("None in particular")), *groups]
        statement = cast(forms.ChoiceField, self.fields["report_statement"])
        statement.choices = [("", _("None")), *[(text, text) for text in statements]]
        if not statements:
            del self.fields["report_statement"]

    def tie(self) -> tuple[int | None, Expectation | None]:
        """The section id and the expectation the goal is tied to."""
        value = self.cleaned_data.get("works_on") or ""
        if value.startswith(SECTION):
            return int(value[len(SECTION) :]), None
        expectation = self.expectations.get(value)
        return (expectation.section_id, expectation) if expectation else (None, None)


class GoalUpdateForm(DesignSystemForm, forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices, widget=forms.RadioSelect)
    shared = forms.BooleanField(
        label=_("Share the goal with my superior"),
        required=False,
        help_text=_(
            "Your superiors in the chain read a shared goal and its actions; a private goal is yours."
        ),
    )


class ActionForm(DesignSystemForm, forms.Form):
    text = forms.CharField(label=_("Action"), max_length=500)
    owner = forms.CharField(
        label=_("Who"), max_length=200, required=False, help_text=_("Who does it, if not you alone.")
    )
    due = forms.DateField(label=_("By when"), required=False, widget=DATE)


class ActionUpdateForm(ActionForm):
    done = forms.BooleanField(label=_("The action is done"), required=False)
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What shows that it was done, or how far it has come."),
    )
    reflection = forms.CharField(
        label=_("Reflection"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you learned as a leader."),
    )


class TeamPlanForm(DesignSystemForm, forms.Form):
    team_name = forms.CharField(
        label=_("The leadership team's name"),
        max_length=200,
        help_text=_("For example: the school's leadership team."),
    )
    members = ModelChoices(
        label=_("The team's other leaders"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They see the plan and work on it as you do."),
    )

    def __init__(self, *args: Any, candidates: QuerySet[Person], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["members"]).queryset = candidates

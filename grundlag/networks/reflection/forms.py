"""Forms of reflection questions: a set from the foundation or by hand, a title, a question, a note."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm
from grundlag.frameworks.models import Section

from ..models import Event


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({formats.date_format(timezone.localtime(obj.starts), 'DATE_FORMAT')})"


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.version.framework.name})"


class _ForEvent(forms.Form):
    event = EventChoiceField(
        label=_("For an event"),
        queryset=Event.objects.none(),
        required=False,
        empty_label=_("The forum (not one event)"),
        help_text=_("A set for an event is read by its participants too."),
    )

    def __init__(self, *args: Any, events: list[Event], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = cast(EventChoiceField, self.fields["event"])
        field.queryset = Event.objects.filter(pk__in=[event.pk for event in events])
        if not events:
            del self.fields["event"]


class FromSectionForm(DesignSystemForm, _ForEvent):
    section = SectionChoiceField(
        label=_("Questions from the leadership foundation"),
        queryset=Section.objects.none(),
        empty_label=None,
        help_text=_("The section's title and questions are copied word for word."),
    )
    field_order = ["section", "event"]

    def __init__(self, *args: Any, sections: QuerySet[Section], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(SectionChoiceField, self.fields["section"]).queryset = sections


# As ReflectionQuestion.text and the form that changes one question.
QUESTION_MAX = 2000


class SetForm(DesignSystemForm, _ForEvent):
    title = forms.CharField(label=_("Title"), max_length=300)
    questions = forms.CharField(
        label=_("Questions"),
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One question a line."),
    )
    field_order = ["title", "questions", "event"]

    def clean_questions(self) -> str:
        text = self.cleaned_data["questions"]
        for number, line in enumerate(text.splitlines(), start=1):
            if len(line.strip()) > QUESTION_MAX:
                raise forms.ValidationError(
                    _("Question %(number)s is longer than %(max)s characters.")
                    % {"number": number, "max": QUESTION_MAX}
                )
        return text

    def question_lines(self) -> list[str]:
        return (self.cleaned_data.get("questions") or "").splitlines()


class TitleForm(DesignSystemForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)


class QuestionForm(DesignSystemForm, forms.Form):
    text = forms.CharField(label=_("Question"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(DesignSystemForm, forms.Form):
    text = forms.CharField(
        label=_("Your note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The group reads it, with your name."),
    )

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm

from .models import Expectation, ExpectationKind, Level, Section, SectionText


class FrameworkUploadForm(forms.Form):
    file = forms.FileField(label=_("Framework file (YAML or JSON)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.FRAMEWORK_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("%(file)s is %(size)s; the largest file accepted is %(limit)s.")
                % {
                    "file": upload.name,
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(limit),
                }
            )
        if not upload.name.lower().endswith((".yaml", ".yml", ".json")):
            raise forms.ValidationError(_("%(file)s: choose a .yaml or .json file.") % {"file": upload.name})
        return upload


class SectionForm(DesignSystemForm, forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "kind", "key"]
        help_texts = {"key": _("Lower-case letters, digits and hyphens; unique in this version.")}


class LevelForm(DesignSystemForm, forms.ModelForm):
    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = version.level_groups.all()
        self.version = version

    class Meta:
        model = Level
        fields = ["name", "key", "group", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def clean_key(self):
        key = self.cleaned_data["key"]
        if self.version.levels.filter(key=key).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("Another level in this version has the key %(key)s.") % {"key": key}
            )
        return key


class ExpectationForm(DesignSystemForm, forms.ModelForm):
    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = version.levels.all()
        self.fields["level"].empty_label = _("Common part (all levels)")
        self.fields["kind"].initial = ExpectationKind.STATEMENT

    class Meta:
        model = Expectation
        fields = ["text", "kind", "level", "source_ref"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class SectionTextForm(DesignSystemForm, forms.ModelForm):
    class Meta:
        model = SectionText
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

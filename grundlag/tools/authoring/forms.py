"""Forms of the local tools' authoring: a new tool as an uploaded file or pasted text, a variant's key and
name, and a draft's definition as YAML text. Each text is bounded here first (checks.MAX_BYTES); what it says
is validated by the services."""

from typing import Any

import yaml
from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm

from ..definitions import tool_definition
from ..models import ToolVersion
from .checks import MAX_BYTES

KEY_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_TEXT_ATTRS = {
    "rows": 28,
    "class": "form-input grundlag-code",
    "spellcheck": "false",
    "autocapitalize": "off",
}


class _Dumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # A text of several lines (the notes) as a block, as the built-in files write it.
    style = "|" if "\n" in value.strip() and not any(c in value for c in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def definition_yaml(*, version: ToolVersion) -> str:
    """A version's definition as the YAML text a file of it holds."""
    return yaml.dump(
        tool_definition(version=version), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100
    )


def _too_big() -> str:
    return _("The text is larger than %(limit)s, the most a tool definition may be.") % {
        "limit": filesizeformat(MAX_BYTES)
    }


def _bounded_text(value: str) -> str:
    size = len(value.encode("utf-8"))
    if size > MAX_BYTES:
        raise forms.ValidationError(_too_big(), code="too_big")
    return value


class LocalToolForm(DesignSystemForm, forms.Form):
    file = forms.FileField(
        label=_("A file with the definition (YAML)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml,.json"}),
    )
    text = forms.CharField(
        label=_("Or paste the definition (YAML)"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs=_TEXT_ATTRS),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("A .yaml, .yml or .json file of at most %(limit)s.") % {
            "limit": filesizeformat(MAX_BYTES)
        }
        self.uploaded_text = ""

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_too_big(), code="too_big")
        if not upload.name.lower().endswith((".yaml", ".yml", ".json")):
            raise forms.ValidationError(_("Choose a .yaml, .yml or .json file."), code="file_type")
        try:
            self.uploaded_text = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text."), code="encoding") from None
        return upload

    def clean_text(self) -> str:
        return _bounded_text(self.cleaned_data.get("text") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        if data.get("file") and data.get("text", "").strip():
            raise forms.ValidationError(_("Upload a file or paste the text, not both."), code="both")
        if not data.get("file") and not data.get("text", "").strip():
            raise forms.ValidationError(_("Upload a file or paste the text of a definition."), code="none")
        return data

    def definition_text(self) -> tuple[str, str]:
        """The text of the definition and the name its problems are shown under."""
        upload = self.cleaned_data.get("file")
        if upload:
            return self.uploaded_text, upload.name
        return self.cleaned_data["text"], str(_("the pasted text"))


class VariantChoiceForm(DesignSystemForm, forms.Form):
    of = forms.ChoiceField(label=_("Built-in tool"))

    def __init__(self, *args: Any, builtins: list[ToolVersion], **kwargs: Any):
        super().__init__(*args, **kwargs)
        of = self.fields["of"]
        assert isinstance(of, forms.ChoiceField)
        of.choices = [(version.tool.key, version.name) for version in builtins]


class VariantForm(DesignSystemForm, forms.Form):
    key = forms.RegexField(
        label=_("Key"),
        regex=KEY_PATTERN,
        max_length=80,
        help_text=_("Lower-case letters, digits and hyphens; it cannot be changed later."),
        error_messages={"invalid": _("Use lower-case letters, digits and hyphens only.")},
    )
    name = forms.CharField(label=_("Name"), max_length=300)


class DraftForm(DesignSystemForm, forms.Form):
    text = forms.CharField(
        label=_("The tool's definition (YAML)"),
        strip=False,
        help_text=_(
            "In the format grundlag.tool/1 of the built-in tools. The key stays; every text may change. It "
            "is checked when you save, and a problem names its line and field."
        ),
        widget=forms.Textarea(attrs=_TEXT_ATTRS),
    )

    def clean_text(self) -> str:
        return _bounded_text(self.cleaned_data["text"])

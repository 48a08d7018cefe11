from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm

from .readers.mapping import InvalidMapping, mapping_load

FORMAT_CHOICES = [
    ("", _("Detect from the file")),
    ("csv", _("HR export, CSV")),
    ("xlsx", _("HR export, XLSX")),
    ("os2mo", _("OS2mo, JSON")),
    ("os2mo-leaders", _("OS2mo, export of all leaders (CSV)")),
    ("institution-register", _("Institution register (CSV)")),
]


class OrganisationUploadForm(DesignSystemForm, forms.Form):
    file = forms.FileField(label=_("Organisation file (CSV, XLSX or JSON)"))
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, required=False)
    mapping = forms.CharField(
        label=_("Mapping (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One pair a line, as in a mapping file: a default column and the file's column "
            "(unit_id: Afdelingsnummer), or an OS2mo manager level and a framework level."
        ),
    )
    mapping_file = forms.FileField(label=_("…or a mapping file (YAML or JSON)"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.ORGANISATION_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("%(file)s is %(size)s; the largest file accepted is %(limit)s.")
                % {"file": upload.name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        if upload.size == 0:
            raise forms.ValidationError(_("%(file)s is empty.") % {"file": upload.name})
        return upload

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("mapping") or ""
        upload = cleaned.get("mapping_file")
        if upload is not None:
            if upload.size > 100_000:
                self.add_error("mapping_file", _("A mapping file is at most 100 kB."))
                return cleaned
            text = upload.read()
        try:
            cleaned["mapping_dict"] = mapping_load(text) or None
        except InvalidMapping as error:
            self.add_error("mapping_file" if upload is not None else "mapping", str(error))
        return cleaned


class ImportApplyForm(forms.Form):
    """Apply a previewed import; one that ends much of the organisation needs the box ticked."""

    confirm_ending = forms.BooleanField(
        label=_("Yes, the file is complete: end these units, posts and people's posts."), required=False
    )

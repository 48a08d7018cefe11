from pathlib import PurePath

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from grundlag.core.forms import DesignSystemForm

from ..imports.mapping import InvalidMapping, mapping_load
from ..imports.reading import max_bytes

# The files the importer reads, by their name's ending (the content is checked again when it is read).
DATA_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".json")
MAPPING_MAX_BYTES = 100_000


class IndicatorUploadForm(DesignSystemForm, forms.Form):
    mapping_bytes: bytes | None = None  # the mapping file's content, once it is checked
    file = forms.FileField(
        label=_("Data file (CSV, XLSX or JSON)"),
        help_text=_(
            "Long (one row per figure) or wide (one row per unit, one column per indicator), or a JSON "
            "export of indicators_export."
        ),
    )
    mapping_file = forms.FileField(
        label=_("Mapping file (YAML), optional"),
        required=False,
        help_text=_(
            "Which columns hold which indicators, the period and the decimal mark. A wide file needs one; a "
            "JSON export does not."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = max_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _("%(file)s is %(size)s; the largest file accepted is %(limit)s.")
                % {"file": upload.name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        suffix = PurePath(upload.name).suffix.casefold()
        if suffix == ".xls":
            raise forms.ValidationError(
                _("%(file)s is an old Excel workbook (.xls); save it as .xlsx or CSV and upload it again.")
                % {"file": upload.name}
            )
        if suffix not in DATA_SUFFIXES:
            raise forms.ValidationError(
                _("%(file)s is not a CSV, XLSX or JSON file; save the table as CSV or XLSX.")
                % {"file": upload.name}
            )
        return upload

    def clean_mapping_file(self):
        upload = self.cleaned_data.get("mapping_file")
        if upload is None:
            return None
        if upload.size > MAPPING_MAX_BYTES:
            raise forms.ValidationError(
                _("%(file)s is %(size)s; a mapping file is at most %(limit)s.")
                % {
                    "file": upload.name,
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(MAPPING_MAX_BYTES),
                }
            )
        data = upload.read()
        try:
            mapping_load(data)
        except InvalidMapping as error:
            raise forms.ValidationError(f"{upload.name}: {error}") from None
        self.mapping_bytes = data
        return upload

from django import forms

_CLASSES = {
    forms.Select: "form-select",
    forms.Textarea: "form-input",
    forms.TextInput: "form-input",
    forms.FileInput: "form-input",
}


class DesignSystemForm:
    """Give each widget the class Det Fælles Designsystem styles it by."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for widget_type, css_class in _CLASSES.items():
                if isinstance(field.widget, widget_type):
                    field.widget.attrs.setdefault("class", css_class)
                    break


# The largest id a database's integer key holds (PostgreSQL's bigint, SQLite's INTEGER).
_ID_MAX = 2**63 - 1


class ModelChoices(forms.ModelMultipleChoiceField):
    """Several rows chosen by id, as checkboxes labelled by the row's name (or hidden inputs). A value that
    cannot be an id — not a whole number, or beyond the database's integers — is refused as an invalid choice
    before any query, instead of reaching the database (on SQLite such a number is an OverflowError)."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return str(getattr(obj, "name", obj))

    def clean(self, value):
        for pk in value if isinstance(value, (list, tuple)) else ():
            try:
                number = int(str(pk).strip())
            except ValueError:
                number = None
            if number is None or not 0 < number <= _ID_MAX:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super().clean(value)

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

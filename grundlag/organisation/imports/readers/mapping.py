"""Mapping files (YAML or JSON): an HR export's columns, or OS2mo's manager levels, named for the import."""

import yaml
from django.utils.translation import gettext as _


class InvalidMapping(ValueError):
    pass


def mapping_load(text: str | bytes) -> dict[str, str]:
    """A mapping file (YAML or JSON): a flat list of `name: value` pairs, read into a dict."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidMapping(_("The mapping is not UTF-8 text.")) from None
    if not text.strip():
        return {}
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else "?"
        raise InvalidMapping(
            _("The mapping is not valid YAML or JSON (line %(line)s).") % {"line": line}
        ) from None
    if not isinstance(loaded, dict) or not all(
        isinstance(value, (str, int)) and not isinstance(value, bool) for value in loaded.values()
    ):
        raise InvalidMapping(
            _("A mapping is a list of name: value pairs, one a line, such as unit_id: Afdelingsnummer.")
        )
    return {str(key).strip(): str(value).strip() for key, value in loaded.items()}

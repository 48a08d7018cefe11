"""Distributed leadership: the source's four task areas (kerneopgaven, administrative opgaver, opgaver
relateret til langsigtede mål, HR-opgaverne), each with its purpose, tasks and example roles, and who in a
unit holds which role. The document is for one unit its owner leads; each row of its part "roles" is a role in
a task area, held by someone with a post in the unit or below it (picked from the organisation) or by someone
written in. Read, it is the matrix of the unit: one row per person, one column per task area."""

from typing import Any, cast

from django import forms
from django.db.models import Q
from django.forms.utils import ErrorDict
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from grundlag.organisation.models import Person, Post, Unit
from grundlag.organisation.selectors import people_below, today, unit_subtree_q

from ...library.audience import units_led
from ...models import ToolVersion
from .base import DocumentForm, Part, RowForm, Section, Table, Text, text_field

# The people offered to pick from, by name; anyone further is written in.
PEOPLE_MAX = 500
NAME_MAX_LENGTH = 300


def _areas(version: ToolVersion) -> list[dict[str, Any]]:
    return version.content.get("areas", [])


def _posts_in(units: list[Unit]) -> Any:
    """Today's posts in the units and the units below them."""
    if not units:
        return Post.objects.none()
    within = Q()
    for unit in units:
        within |= unit_subtree_q(unit=unit, prefix="unit__")
    return Post.objects.active_on(today()).filter(within)


def _people_choices(owner: Person, units: list[Unit], also: set[str]) -> list[tuple[str, str]]:
    """The owner and the people they lead with a post in the units or below them, by name (at most
    PEOPLE_MAX: only people the organisation shows the owner, never a colleague of the unit who reports to
    someone else), and the people named by `also` (those a document holds already, wherever they are now)."""
    posts = _posts_in(units).values("person_id")
    led = Q(pk__in=people_below(person=owner)) | Q(pk=owner.pk)
    people = list(Person.objects.filter(led, pk__in=posts).order_by("name", "pk")[:PEOPLE_MAX])
    known = {str(person.pk) for person in people}
    wanted = {pk for pk in also if pk.isdigit() and pk not in known}
    people += list(Person.objects.filter(pk__in=wanted).order_by("name", "pk"))
    return [(str(person.pk), person.name) for person in people]


class RoleForm(RowForm):
    """One role. A row left empty is not kept (and not checked); a row with anything in it needs its task area
    and its role, which are therefore marked as needed but not as required by the browser."""

    use_required_attribute = False

    area = forms.ChoiceField(
        label=_("Task area"),
        error_messages={"required": _("Choose the task area of the role.")},
    )
    role = forms.CharField(
        label=_("Role"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("E.g. one of the task area's example roles, listed above."),
        error_messages={"required": _("Write the role, e.g. one of the example roles.")},
    )
    person = forms.ChoiceField(
        label=_("Held by"),
        required=False,
        help_text=_("The people you lead with a post in the unit or the units below it."),
    )
    person_name = forms.CharField(
        label=_("Or write the name"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        help_text=_("For someone not in the list."),
    )
    note = text_field(label=_("Note"), rows=2)

    def __init__(
        self, *args: Any, version: ToolVersion, people: list[tuple[str, str]] | None = None, **kwargs
    ):
        super().__init__(*args, version=version, **kwargs)
        areas = _areas(version)
        area = cast(forms.ChoiceField, self.fields["area"])
        area.choices = [("", _("Choose a task area")), *[(a["key"], a["name"]) for a in areas]]
        cast(forms.ChoiceField, self.fields["person"]).choices = [("", _("No one picked")), *(people or [])]

    def full_clean(self) -> None:
        if self.is_bound and not any(
            str(self.data.get(self.add_prefix(name), "")).strip() for name in self.fields
        ):
            # An empty row (a new one, or one emptied to remove it) is not kept, so nothing in it is needed.
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("person") and str(cleaned.get("person_name") or "").strip():
            self.add_error("person_name", _("Pick the person or write the name, not both."))
        return cleaned


class DistributedForm(DocumentForm):
    extra_template = "tools/distributed/_matrix.html"

    unit = forms.ChoiceField(label=_("The unit"), help_text=_("One of the units you lead."))

    def __init__(self, *args: Any, version: ToolVersion, **kwargs: Any):
        super().__init__(*args, version=version, **kwargs)
        unit = cast(forms.ChoiceField, self.fields["unit"])
        unit.choices = [("", _("Choose the unit")), *[(str(u.pk), u.name) for u in self._units]]
        unit.error_messages["required"] = _("Choose the unit whose roles these are.")
        if len(self._units) == 1:
            unit.initial = str(self._units[0].pk)

    def part_specs(self) -> list[Part]:
        # Called by DocumentForm.__init__ (after the owner is known): the rows offer the people of the units.
        self._units = units_led(person=self.owner) if self.owner is not None else []
        stored = {str(row.get("person") or "") for row in (self.initial or {}).get("roles") or []}
        people = _people_choices(self.owner, self._units, stored) if self.owner is not None else []
        return [
            Part(
                name="roles",
                label=_("Roles"),
                form=RoleForm,
                row_label=_("Role"),
                help_text=_areas_overview(self.version),
                extra=3,
                kwargs={"people": people},
            )
        ]

    def check(self, data: dict[str, Any]) -> None:
        """A person picked in a row holds a post in the chosen unit or below it."""
        unit = next((u for u in self._units if str(u.pk) == data.get("unit")), None)
        picked = {row["person"] for row in data.get("roles") or [] if row.get("person")}
        if unit is None or not picked:
            return
        inside = {str(pk) for pk in _posts_in([unit]).values_list("person_id", flat=True)}
        _part, formset = self.formsets["roles"]
        outside = [
            form
            for form in formset.forms
            if (form.cleaned_data or {}).get("person") not in inside | {"", None}
        ]
        for form in outside:
            form.add_error("person", _("Not one of the people of %(unit)s.") % {"unit": unit.name})
        if outside:
            self.add_error(
                None,
                _(
                    "A person picked for a role has no post in %(unit)s or the units below it: pick someone "
                    "of the unit, or write the name."
                )
                % {"unit": unit.name},
            )

    def sections(self, data: dict[str, Any]) -> list[Section]:
        """The unit, the matrix of who holds which role in each task area, and the roles as written."""
        areas = _areas(self.version)
        area_names = {area["key"]: area["name"] for area in areas}
        unit = Unit.objects.filter(pk=data["unit"]).first() if str(data.get("unit") or "").isdigit() else None
        rows = [row for row in data.get("roles") or [] if isinstance(row, dict)]
        ids = {int(row["person"]) for row in rows if str(row.get("person") or "").isdigit()}
        names = {str(pk): person.name for pk, person in Person.objects.in_bulk(ids).items()}
        holders = [_holder(row, names) for row in rows]
        roles = Table(
            "roles",
            str(_("Roles")),
            [str(_("Task area")), str(_("Role")), str(_("Held by")), str(_("Note"))],
            [
                [
                    str(area_names.get(row.get("area", ""), row.get("area", ""))),
                    row.get("role", ""),
                    name,
                    row.get("note", ""),
                ]
                for row, (_key, name) in zip(rows, holders, strict=True)
            ],
        )
        return [
            Text("unit", str(_("The unit")), unit.name if unit else ""),
            _matrix(areas, rows, holders, unit),
            roles,
        ]


def _areas_overview(version: ToolVersion) -> SafeString:
    """The four task areas in the source's words, shown once above the roles: each with its purpose, its tasks
    and its example roles."""
    items = format_html_join(
        "",
        "<li><strong>{}</strong>: {}. {}. {} {}</li>",
        (
            (
                area["name"],
                area["purpose"],
                area["tasks"],
                _("Example roles:"),
                ", ".join(area["example_roles"]),
            )
            for area in _areas(version)
        ),
    )
    intro = _("One row per role: its task area, the role and who holds it. The task areas:")
    return format_html("<p>{}</p><ul>{}</ul>", intro, items)


def _holder(row: dict[str, Any], names: dict[str, str]) -> tuple[tuple[int, str], str]:
    """Who holds a row's role, as a key that orders and groups the matrix's rows, and a name."""
    picked = str(row.get("person") or "")
    if picked in names:
        return (0, f"person:{picked}"), names[picked]
    written = str(row.get("person_name") or "").strip()
    if written:
        return (0, f"name:{written.casefold()}"), written
    return (1, ""), str(_("Not held by anyone yet"))


def _matrix(
    areas: list[dict[str, Any]],
    rows: list[dict[str, Any]],
    holders: list[tuple[tuple[int, str], str]],
    unit: Unit | None,
) -> Table:
    """One row per person and one column per task area, each cell the roles the person holds in the area."""
    cells: dict[tuple[int, str], dict[str, list[str]]] = {}
    labels: dict[tuple[int, str], str] = {}
    for row, (key, name) in zip(rows, holders, strict=True):
        labels.setdefault(key, name)
        cells.setdefault(key, {}).setdefault(row.get("area", ""), []).append(str(row.get("role", "")))
    order = sorted(cells, key=lambda key: (key[0], labels[key].casefold(), key[1]))
    label = _("Who holds which role in %(unit)s") % {"unit": unit.name} if unit else _("Who holds which role")
    return Table(
        "matrix",
        str(label),
        [str(_("Person")), *[area["name"] for area in areas]],
        [[labels[key], *["\n".join(cells[key].get(area["key"], [])) for area in areas]] for key in order],
    )

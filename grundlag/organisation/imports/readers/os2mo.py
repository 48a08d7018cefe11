"""OS2mo JSON: org_units, employees, engagements and managers, as OS2mo's API gives them.

Each engagement is a post; a manager function without an engagement in its unit is a post there too.
A post's manager is the manager of its unit, or for the unit's own manager, of the nearest unit above.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from .common import LEADERS_TITLE, Problem, ReadResult, Row

# OS2mo's manager levels as municipalities commonly name them, placed on the default framework's levels
# (aarhus-boern-og-unge). A mapping file replaces this for other foundations or other level names.
DEFAULT_MANAGER_LEVELS = {
    "direktion": "direktoer",
    "niveau 1": "direktoer",
    "niveau 2": "boern-og-ungechef",
    "niveau 3": "forvaltningschef",
    "niveau 4": "dagtilbuds-skole-og-fu-leder",
    "niveau 5": "leder-af-medarbejder",
}
LISTS = ["org_units", "employees", "engagements", "managers"]
POST_COLUMNS = {
    "unit_id": "org_unit",
    "person_id": "employee",
    "manager_person_id": "org_unit",
    "start_date": "validity.from",
    "end_date": "validity.to",
}


def read_os2mo(data: bytes, *, filename: str, mapping: dict[str, str] | None, result: ReadResult) -> None:
    document = _document(data, filename=filename, result=result)
    if document is None:
        return
    level_map = DEFAULT_MANAGER_LEVELS | {k.strip().casefold(): v for k, v in (mapping or {}).items()}
    reader = _Os2mo(filename, document, level_map, result)
    reader.read_units()
    reader.employees = {_ref(item.get("uuid")): (index, item) for index, item in reader.items("employees")}
    for index, item in reader.items("managers"):
        reader.managers.setdefault(_ref(item.get("org_unit")), (_ref(item.get("employee")), item, index))
    engaged = reader.read_engagements()
    reader.read_managers_without_engagement(engaged)
    for row in result.rows:
        if row.is_post and row.person_id not in reader.employees:
            result.problems.append(
                row.problem("person_id", _("No employee with uuid %(uuid)s.") % {"uuid": row.person_id})
            )


def _document(data: bytes, *, filename: str, result: ReadResult) -> dict[str, Any] | None:
    """The file's JSON object with OS2mo's lists, or None (and a problem)."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        result.problems.append(Problem(filename, None, "", _("The file is not UTF-8 text.")))
        return None
    except RecursionError:
        message = _("The JSON is nested too deeply to be an OS2mo file (lists within lists without end).")
        result.problems.append(Problem(filename, None, "", message))
        return None
    except json.JSONDecodeError as error:
        result.problems.append(
            Problem(
                filename,
                error.lineno,
                "",
                _("Malformed JSON at line %(line)s, column %(column)s: %(error)s")
                % {"line": error.lineno, "column": error.colno, "error": error.msg},
            )
        )
        return None
    if not isinstance(document, dict) or not all(isinstance(document.get(name, []), list) for name in LISTS):
        result.problems.append(
            Problem(
                filename,
                None,
                "",
                _("An OS2mo file is a JSON object with the lists %(lists)s.") % {"lists": ", ".join(LISTS)},
            )
        )
        return None
    if "org_units" not in document:
        result.problems.append(Problem(filename, None, "org_units", _("The file has no org_units.")))
        return None
    return document


def _ref(value: Any) -> str:
    """An OS2mo reference: a plain uuid or name, or an object with "uuid" (or "name")."""
    if isinstance(value, dict):
        value = value.get("uuid") or value.get("name") or ""
    return "" if value is None else str(value).strip()


def _name(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("name") or value.get("user_key") or ""
    return "" if value is None else str(value).strip()


def _validity(item: dict[str, Any]) -> tuple[str, str]:
    validity = item.get("validity") or {}
    if not isinstance(validity, dict):
        return "", ""
    return (str(validity.get("from") or "").strip(), str(validity.get("to") or "").strip())


def _labels(name: str, **fields: str) -> dict[str, str]:
    return {key: f"{name}.{value}" for key, value in fields.items()}


@dataclass
class _Os2mo:
    """The document being read, with its units' parents, its employees and each unit's manager."""

    filename: str
    document: dict[str, Any]
    level_map: dict[str, str]
    result: ReadResult
    parents: dict[str, str] = field(default_factory=dict)
    employees: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)
    # unit → (employee, the manager function, its index)
    managers: dict[str, tuple[str, dict[str, Any], int]] = field(default_factory=dict)

    def items(self, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
        for index, item in enumerate(self.document.get(name, []), start=1):
            if isinstance(item, dict):
                yield index, item
            else:
                self.result.problems.append(
                    Problem(self.filename, index, name, _("Each entry must be a JSON object."))
                )

    def read_units(self) -> None:
        for index, item in self.items("org_units"):
            start, end = _validity(item)
            uuid = _ref(item.get("uuid"))
            self.result.rows.append(
                Row(
                    file=self.filename,
                    row=index,
                    unit_id=uuid,
                    unit_name=_name(item.get("name")),
                    parent_unit_id=_ref(item.get("parent")),
                    unit_kind=_name(item.get("org_unit_type")) or _name(item.get("org_unit_level")),
                    start_date=start,
                    end_date=end,
                    columns=_labels(
                        "org_units",
                        unit_id="uuid",
                        unit_name="name",
                        parent_unit_id="parent",
                        unit_kind="org_unit_type",
                        start_date="validity.from",
                        end_date="validity.to",
                    ),
                )
            )
            self.parents[uuid] = _ref(item.get("parent"))

    def read_engagements(self) -> set[tuple[str, str]]:
        """A post for each engagement; returns the (employee, unit) pairs engaged."""
        engaged: set[tuple[str, str]] = set()
        manager_of = {
            (employee, unit): (item, index) for unit, (employee, item, index) in self.managers.items()
        }
        for index, item in self.items("engagements"):
            employee, unit = _ref(item.get("employee")), _ref(item.get("org_unit"))
            row = self.post(
                index, item, "engagements", title=_name(item.get("job_function")), title_column="job_function"
            )
            row.level = ""
            if (employee, unit) in manager_of:
                manager, manager_index = manager_of[(employee, unit)]
                self.set_manager_level(row, manager, manager_index)
            self.set_employee_fields(row, employee)
            engaged.add((employee, unit))
            self.result.rows.append(row)
        return engaged

    def read_managers_without_engagement(self, engaged: set[tuple[str, str]]) -> None:
        """A manager function without an engagement in its unit is still a post there."""
        for unit, (employee, item, index) in self.managers.items():
            if (employee, unit) in engaged:
                continue
            title = _name(item.get("manager_type")) or LEADERS_TITLE
            row = self.post(index, item, "managers", title=title, title_column="manager_type")
            self.set_manager_level(row, item, index)
            self.set_employee_fields(row, employee)
            self.result.rows.append(row)

    def post(self, index: int, item: dict[str, Any], list_name: str, *, title: str, title_column: str) -> Row:
        start, end = _validity(item)
        employee, unit = _ref(item.get("employee")), _ref(item.get("org_unit"))
        return Row(
            file=self.filename,
            row=index,
            unit_id=unit,
            person_id=employee,
            title=title,
            manager_person_id=self.manager_above(unit, employee),
            start_date=start,
            end_date=end,
            columns=_labels(list_name, title=title_column, **POST_COLUMNS),
        )

    def manager_above(self, unit: str, employee: str) -> str:
        """The manager of the unit, or for its own manager, of the nearest unit above that has one."""
        seen = set()
        while unit and unit not in seen:
            seen.add(unit)
            found = self.managers.get(unit)
            if found and found[0] != employee:
                return found[0]
            unit = self.parents.get(unit, "")
        return ""

    def set_employee_fields(self, row: Row, uuid: str) -> None:
        index, employee = self.employees.get(uuid, (None, {}))
        if index is None:
            return
        name = _name(employee.get("name")) or " ".join(
            part for part in (_name(employee.get("givenname")), _name(employee.get("surname"))) if part
        )
        row.name, row.email = name, str(employee.get("email") or "").strip()
        row.rows.update(name=index, email=index)
        row.columns.update(name="employees.name", email="employees.email")

    def set_manager_level(self, row: Row, manager: dict[str, Any], index: int) -> None:
        level = _name(manager.get("manager_level"))
        row.level = self.level_map.get(level.casefold(), level)
        row.rows["level"] = index
        row.columns["level"] = "managers.manager_level"

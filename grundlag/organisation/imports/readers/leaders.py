"""OS2mo's export of all leaders ("alle ledere"): each row a leader and the path of names to their unit.

The units are made from the paths (a unit's key is its path of names); a leader reports to the leader of
the nearest unit above that has one.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from .common import (
    LEADERS_TITLE,
    Problem,
    ReadResult,
    Row,
    Table,
    column_indexes,
    key_for_path,
    missing_columns_problem,
    rows_of_header_width,
)

LEADERS_PATH_COLUMNS = ["root", "org", "sub org", "2xsub org", "3xsub org"]
LEADERS_COLUMNS = [*LEADERS_PATH_COLUMNS, "Ansvar", "Navn", "Telefon", "E-mail"]


def read_leaders(
    header: list[str], table: Table, *, filename: str, mapping: dict[str, str] | None, result: ReadResult
) -> None:
    found = column_indexes(header)
    missing = [name for name in LEADERS_COLUMNS if name.casefold() not in found and name != "Telefon"]
    if missing:
        result.problems.append(missing_columns_problem(filename, missing, header))
        return
    levels = {key.strip().casefold(): value for key, value in (mapping or {}).items()}
    unknown = [key for key in levels if key not in {c.casefold() for c in LEADERS_PATH_COLUMNS}]
    if unknown:
        result.problems.append(
            Problem(
                filename,
                None,
                "",
                _("The level mapping names %(unknown)s; for this format it maps the path columns %(known)s.")
                % {"unknown": ", ".join(unknown), "known": ", ".join(LEADERS_PATH_COLUMNS)},
            )
        )
        return
    labels = {name: header[found[name.casefold()]] for name in LEADERS_COLUMNS if name.casefold() in found}
    leaders = _Leaders(filename, found, labels, levels, result)
    for number, values in rows_of_header_width(header, table, filename=filename, result=result):
        leaders.read_row(number, values)
    leaders.link_managers()
    result.rows.extend(leaders.units.values())
    result.rows.extend(row for _path, row in leaders.posts)


@dataclass
class _Leaders:
    """The export being read: the units its paths name, each unit's first leader, and the posts."""

    filename: str
    found: dict[str, int]
    labels: dict[str, str]
    levels: dict[str, str]
    result: ReadResult
    units: dict[str, Row] = field(default_factory=dict)
    managers: dict[str, tuple[str, Row]] = field(default_factory=dict)  # unit key → (person key, the row)
    posts: list[tuple[list[str], Row]] = field(default_factory=list)

    def value(self, values: list[Any], name: str) -> str:
        return str(values[self.found[name.casefold()]]).strip()

    def read_row(self, number: int, values: list[Any]) -> None:
        path = self.path(number, values)
        if path is None:
            return
        self.add_units(number, path)
        person_name, email = self.value(values, "Navn"), self.value(values, "E-mail")
        if not person_name and not email:
            return
        row = self.post(number, path, person_name, email)
        if not email:
            self.result.problems.append(
                row.problem("email", _("A leader without an e-mail address; the e-mail is the person's key."))
            )
            return
        self.managers.setdefault(key_for_path(path), (email.casefold(), row))
        self.posts.append((path, row))

    def path(self, number: int, values: list[Any]) -> list[str] | None:
        """The names from the top to the row's unit; None (and a problem) for none or a gap."""
        names = [self.value(values, name) for name in LEADERS_PATH_COLUMNS]
        depth = max((i for i, part in enumerate(names) if part), default=-1)
        if depth < 0:
            self.result.problems.append(
                Problem(self.filename, number, self.labels["root"], _("The row names no unit."))
            )
            return None
        gap = next((i for i in range(depth) if not names[i]), None)
        if gap is not None:
            self.result.problems.append(
                Problem(
                    self.filename,
                    number,
                    self.labels[LEADERS_PATH_COLUMNS[gap]],
                    _("The unit's path has a gap: this column is empty but a column to its right is not."),
                )
            )
            return None
        return names[: depth + 1]

    def add_units(self, number: int, path: list[str]) -> None:
        """The unit and those above it, each the first time a path names it."""
        for i in range(len(path)):
            key = key_for_path(path[: i + 1])
            if key not in self.units:
                self.units[key] = Row(
                    file=self.filename,
                    row=number,
                    unit_id=key,
                    unit_name=path[i],
                    parent_unit_id=key_for_path(path[:i]) if i else "",
                    columns={
                        "unit_id": self.labels[LEADERS_PATH_COLUMNS[i]],
                        "unit_name": self.labels[LEADERS_PATH_COLUMNS[i]],
                    },
                )

    def post(self, number: int, path: list[str], person_name: str, email: str) -> Row:
        depth = len(path) - 1
        labels = self.labels
        return Row(
            file=self.filename,
            row=number,
            unit_id=key_for_path(path),
            person_id=email.casefold(),
            name=person_name,
            email=email,
            title=LEADERS_TITLE,
            level=self.levels.get(LEADERS_PATH_COLUMNS[depth].casefold(), ""),
            manager_person_id="",
            start_date="",
            end_date="",
            columns={
                "unit_id": labels[LEADERS_PATH_COLUMNS[depth]],
                "person_id": labels["E-mail"],
                "name": labels["Navn"],
                "email": labels["E-mail"],
                "level": labels[LEADERS_PATH_COLUMNS[depth]],
                "manager_person_id": labels["Navn"],
            },
        )

    def link_managers(self) -> None:
        """The unit's manager reports to the manager of the nearest unit above that has one."""
        for path, row in self.posts:
            for i in range(len(path) - 1, 0, -1):
                above = self.managers.get(key_for_path(path[:i]))
                if above and above[0] != row.person_id:
                    row.manager_person_id = above[0]
                    break

"""STIL's institution register: institutions (schools, main schools and their departments) under
their municipalities."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from .common import (
    Problem,
    ReadResult,
    Row,
    Table,
    column_indexes,
    missing_columns_problem,
    rows_of_header_width,
)

REGISTER_COLUMNS = [
    "HOVEDSKOLE_INST",
    "INST_NR",
    "INST_NAVN",
    "ENHEDSART",
    "KOMMUNE_NR",
    "ADM_KOMMUNE_NAVN",
    "BEL_KOMMUNE",
    "BEL_KOMMUNE_NAVN",
]
REGISTER_KINDS = {"institution uden enheder": "school", "hovedskole": "main", "afdeling": "department"}
MUNICIPALITY_KIND = "Kommune"


def read_register(header: list[str], table: Table, *, filename: str, result: ReadResult) -> None:
    found = column_indexes(header)
    missing = [name for name in REGISTER_COLUMNS if name.casefold() not in found]
    if missing:
        result.problems.append(missing_columns_problem(filename, missing, header))
        return
    labels = {name: header[found[name.casefold()]] for name in REGISTER_COLUMNS}
    rows = rows_of_header_width(header, table, filename=filename, result=result)
    register = _Register(filename, found, labels, result)
    register.institutions = {register.value(values, "INST_NR") for _number, values in rows}
    for number, values in rows:
        register.read_row(number, values)


@dataclass
class _Register:
    """The register being read: where its columns are, and the institutions it names."""

    filename: str
    found: dict[str, int]
    labels: dict[str, str]
    result: ReadResult
    institutions: set[str] | None = None

    def value(self, values: list[Any], name: str) -> str:
        return str(values[self.found[name.casefold()]]).strip()

    def problem(self, number: int, column: str, message: str, *, warning: bool = False) -> None:
        self.result.problems.append(
            Problem(self.filename, number, self.labels[column], message, warning=warning)
        )

    def read_row(self, number: int, values: list[Any]) -> None:
        """The row's municipality and then its institution, placed under its main school if it has one."""
        municipality = self.municipality(number, values)
        if municipality is None:
            return
        municipality_key, municipality_name = municipality
        labels = self.labels
        self.result.rows.append(
            Row(
                file=self.filename,
                row=number,
                unit_id=municipality_key,
                unit_name=municipality_name,
                parent_unit_id="",
                unit_kind=MUNICIPALITY_KIND,
                columns={"unit_id": labels["KOMMUNE_NR"], "unit_name": labels["ADM_KOMMUNE_NAVN"]},
            )
        )
        key, name, kind = (
            self.value(values, "INST_NR"),
            self.value(values, "INST_NAVN"),
            self.value(values, "ENHEDSART"),
        )
        role = next(
            (role for prefix, role in REGISTER_KINDS.items() if kind.casefold().startswith(prefix)), None
        )
        if role is None:
            self.problem(
                number,
                "ENHEDSART",
                _("Unknown kind %(kind)s; expected Institution uden enheder, Hovedskole or Afdeling.")
                % {"kind": kind or "-"},
            )
            return
        parent = municipality_key
        if role == "department":
            parent = self.main_school(number, values, municipality_name) or municipality_key
        here = Row(
            file=self.filename, row=number, unit_id=key, unit_name=name, parent_unit_id=parent, unit_kind=kind
        )
        here.columns = {
            "unit_id": labels["INST_NR"],
            "unit_name": labels["INST_NAVN"],
            "parent_unit_id": labels["HOVEDSKOLE_INST"],
            "unit_kind": labels["ENHEDSART"],
        }
        self.result.rows.append(here)

    def municipality(self, number: int, values: list[Any]) -> tuple[str, str] | None:
        """The municipality's key and name: the administering one, else the one the institution lies in."""
        code, name = self.value(values, "KOMMUNE_NR"), self.value(values, "ADM_KOMMUNE_NAVN")
        if not code:
            code, name = self.value(values, "BEL_KOMMUNE"), self.value(values, "BEL_KOMMUNE_NAVN")
            if not code:
                self.problem(
                    number, "KOMMUNE_NR", _("No municipality: KOMMUNE_NR and BEL_KOMMUNE are both empty.")
                )
                return None
            self.problem(
                number,
                "KOMMUNE_NR",
                _(
                    "No administering municipality (a self-governing institution); placed under the "
                    "municipality it lies in, %(municipality)s (BEL_KOMMUNE %(code)s)."
                )
                % {"municipality": name, "code": code},
                warning=True,
            )
        return f"kommune-{code}", name

    def main_school(self, number: int, values: list[Any], municipality: str) -> str | None:
        """A department's main school, if the file has it; else a warning, and None."""
        main = self.value(values, "HOVEDSKOLE_INST")
        if not main:
            self.problem(
                number,
                "HOVEDSKOLE_INST",
                _("A department without a main school; placed directly under its municipality."),
                warning=True,
            )
            return None
        if main not in (self.institutions or set()):
            self.problem(
                number,
                "HOVEDSKOLE_INST",
                _(
                    "The main school %(main)s is not in the file; the department is placed directly "
                    "under its municipality, %(municipality)s."
                )
                % {"main": main, "municipality": municipality},
                warning=True,
            )
            return None
        return main

"""The demo's indicators: five school years of figures of all four data types of the broad data concept
for the demo municipality's schools, generated with a fixed seed as a long-format CSV file and imported
through the real importer (`indicators_import`), as a municipality would bring its own files.

- Perception data: the pupils' general well-being (1–5), with n (pupils who answered) and the standard
  deviation; one small school has too few answers in one year, so the publication gate has something to
  withhold.
- Result data: the 9th-grade exam average (−3 to 12), with the number of grades as n.
- Demographic data: the number of pupils.
- Process data: the share of lessons taught by teachers with subject competence (%).

The schools sit several levels below the municipality (Kommune → Direktionen → Børn og Unge → Skole →
Skoledistrikt → school), so the publication gate ranks them at unit level; the demo's indicators may be shown
at any level. Above the schools the file holds what a municipality publishes too: the school department's
and the municipality's figures (the schools' weighted means, pooled standard deviations and sums) and the
national figure (fictional), so a school leader sees the school beside the department, the municipality and
the country, and the school chief sees the department with the distribution across the schools below.

Made once: a second start finds the indicators' observations and imports nothing.
"""

import csv
import datetime
import io
import math
import random
from collections.abc import Callable

from django.contrib.auth.models import User
from django.utils import timezone

from grundlag.indicators.imports.mapping import NATIONAL, Mapping, mapping_from_dict
from grundlag.indicators.models import Observation
from grundlag.indicators.services import indicators_import
from grundlag.organisation.models import Post, Unit

SEED = 17
CREDIT = "Kilde: Egelund Kommunes fiktive demodata"
WELLBEING_SD = 0.62

_INDICATORS = [
    {
        "key": "demo-generel-trivsel",
        "name": "Generel trivsel",
        "data_type": "perceptionsdata",
        "unit_of_measure": "gennemsnit",
        "scale": [1, 5],
        "decimals": 2,
        "direction": "higher",
        "min_n": 5,
    },
    {
        "key": "demo-karaktergennemsnit-9",
        "name": "Karaktergennemsnit, 9. klasse",
        "data_type": "resultatdata",
        "unit_of_measure": "gennemsnit",
        "scale": [-3, 12],
        "decimals": 1,
        "direction": "higher",
        "min_n": 5,
    },
    {
        "key": "demo-elevtal",
        "name": "Elevtal",
        "data_type": "demografiske-data",
        "unit_of_measure": "elever",
        "decimals": 0,
        "direction": "neutral",
        "min_n": 1,
    },
    {
        "key": "demo-kompetencedaekning",
        "name": "Undervisning med kompetencedækning",
        "data_type": "processuelle-data",
        "unit_of_measure": "%",
        "scale": [0, 100],
        "decimals": 1,
        "direction": "higher",
        "min_n": 1,
    },
]


def demo_school_years(today: datetime.date, count: int = 5) -> list[str]:
    """The last `count` finished school years (a school year runs from August), oldest first ("2021/22" …)."""
    last = today.year - 1 if today.month >= 8 else today.year - 2
    return [f"{year}/{(year + 1) % 100:02d}" for year in range(last - count + 1, last + 1)]


def _school_figures(schools: list[Unit], years: list[str]) -> list[dict]:
    """Each school's figures of each year, drawn with the fixed seed."""
    rng = random.Random(SEED)  # noqa: S311 (fictional demo figures, not security)
    figures = []
    for number, school in enumerate(schools):
        pupils = rng.randint(180, 720)
        wellbeing, grade, competence = rng.uniform(3.6, 4.1), rng.uniform(6.2, 7.8), rng.uniform(78, 92)
        for year_number, year in enumerate(years):
            pupils = max(60, pupils + rng.randint(-25, 25))
            wellbeing = min(4.6, max(3.2, wellbeing + rng.gauss(0, 0.05)))
            grade = min(9.5, max(4.5, grade + rng.gauss(0, 0.25)))
            competence = min(99.0, max(60.0, competence + rng.gauss(0.8, 1.5)))
            answered = (
                int(pupils * 0.55) if number or year_number != 2 else 4
            )  # one year with too few answers
            figures.append(
                {
                    "unit": school.key,
                    "year": year,
                    "wellbeing": round(wellbeing, 3),
                    "answered": answered,
                    "sd": WELLBEING_SD,
                    "grade": round(grade, 2),
                    "grades": pupils // 9,
                    "pupils": pupils,
                    "competence": round(competence, 1),
                }
            )
    return figures


def _rows(figures: list[dict]) -> list[list[str]]:
    rows = []
    for f in figures:
        unit, year, answered, sd = f["unit"], f["year"], str(f["answered"]), f"{f['sd']:.3f}"
        rows += [
            ["demo-generel-trivsel", unit, year, f"{f['wellbeing']:.3f}", answered, sd],
            ["demo-karaktergennemsnit-9", unit, year, f"{f['grade']:.2f}", str(f["grades"]), ""],
            ["demo-elevtal", unit, year, str(f["pupils"]), "", ""],
            ["demo-kompetencedaekning", unit, year, f"{f['competence']:.1f}", "", ""],
        ]
    return rows


def _aggregate_rows(figures: list[dict], *, unit_key: str, years: list[str]) -> list[list[str]]:
    """A unit's figures made of the schools': means weighted by their n (well-being with the pooled standard
    deviation, within and between the schools), the number of pupils summed."""
    rows = []
    for year in years:
        of_year = [f for f in figures if f["year"] == year]
        answered = sum(f["answered"] for f in of_year)
        wellbeing = sum(f["wellbeing"] * f["answered"] for f in of_year) / answered
        pooled = math.sqrt(
            sum(f["answered"] * (f["sd"] ** 2 + (f["wellbeing"] - wellbeing) ** 2) for f in of_year)
            / answered
        )
        grades = sum(f["grades"] for f in of_year)
        pupils = sum(f["pupils"] for f in of_year)
        grade = sum(f["grade"] * f["grades"] for f in of_year) / grades
        competence = sum(f["competence"] * f["pupils"] for f in of_year) / pupils
        rows += [
            ["demo-generel-trivsel", unit_key, year, f"{wellbeing:.3f}", str(answered), f"{pooled:.3f}"],
            ["demo-karaktergennemsnit-9", unit_key, year, f"{grade:.2f}", str(grades), ""],
            ["demo-elevtal", unit_key, year, str(pupils), "", ""],
            ["demo-kompetencedaekning", unit_key, year, f"{competence:.1f}", "", ""],
        ]
    return rows


def _national_rows(years: list[str]) -> list[list[str]]:
    """The country's figures (fictional, as all of the demo's): well-being, the exam average, the share of
    lessons with subject competence; the number of pupils is no comparison for a school, so none."""
    rng = random.Random(SEED + 1)  # noqa: S311 (fictional demo figures, not security)
    rows = []
    wellbeing, grade, competence = 3.86, 7.1, 86.0
    for year in years:
        wellbeing += rng.gauss(0, 0.01)
        grade += rng.gauss(0.05, 0.05)
        competence += rng.gauss(0.4, 0.3)
        rows += [
            ["demo-generel-trivsel", NATIONAL, year, f"{wellbeing:.3f}", "480000", "0.640"],
            ["demo-karaktergennemsnit-9", NATIONAL, year, f"{grade:.2f}", "540000", ""],
            ["demo-kompetencedaekning", NATIONAL, year, f"{competence:.1f}", "", ""],
        ]
    return rows


def _above(schools: list[Unit]) -> list[Unit]:
    """The school department (the nearest unit above every school) and the municipality above it."""
    paths = [[int(part) for part in school.path.strip("/").split("/")][:-1] for school in schools]
    common = [ids[0] for ids in zip(*paths, strict=False) if len(set(ids)) == 1]
    units = Unit.objects.in_bulk(common)
    department = units.get(common[-1]) if common else None
    municipality = next((units[pk] for pk in common if pk in units and units[pk].kind == "Kommune"), None)
    return [unit for unit in (department, municipality) if unit is not None]


def demo_indicator_rows(*, schools: list[Unit], years: list[str]) -> list[list[str]]:
    """The figures of the schools and of the department and municipality above them (long format rows)."""
    figures = _school_figures(schools, years)
    rows = _rows(figures)
    for unit in dict.fromkeys(_above(schools)):
        rows += _aggregate_rows(figures, unit_key=unit.key, years=years)
    return rows


def demo_indicators_csv(*, rows: list[list[str]], years: list[str]) -> bytes:
    """The rows and the country's figures as one long-format CSV file, as `indicators_import` reads it."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["indicator", "unit", "period", "value", "n", "sd"])
    writer.writerows(rows)
    writer.writerows(_national_rows(years))
    return out.getvalue().encode()


def demo_indicators_mapping() -> Mapping:
    """The demo's four indicators, each with the source and its credit line."""
    return mapping_from_dict(
        {
            "format": "long",
            "decimal_mark": ".",
            "indicators": [
                {**spec, "source": "Egelund Kommune (demo)", "credit": CREDIT} for spec in _INDICATORS
            ],
        }
    )


def indicators_demo_create(*, admin: User, report: Callable[[str], object]) -> None:
    """Import the demo municipality's five years of indicators (see the module's docstring)."""
    if Observation.objects.filter(indicator__key="demo-elevtal").exists():
        return
    schools = list(
        Unit.objects.filter(
            pk__in=Post.objects.active_on(timezone.localdate()).filter(title="Skoleleder").values("unit_id")
        ).order_by("key")[:40]
    )
    if not schools:
        return
    years = demo_school_years(timezone.localdate())
    outcome = indicators_import(
        data=demo_indicators_csv(rows=demo_indicator_rows(schools=schools, years=years), years=years),
        filename="egelund-indikatorer.csv",
        mapping=demo_indicators_mapping(),
        by=admin,
    )
    if not outcome.applied:
        raise ValueError(f"the demo's indicators did not import: {[str(p) for p in outcome.errors[:5]]}")
    report(
        f"  indicators: {Observation.objects.count()} observations of {len(schools)} schools, "
        "the units above them and the country"
    )

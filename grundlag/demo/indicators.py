"""The demo's indicators: five school years of figures of all four data types of the broad data concept
for the demo municipality's schools, generated with a fixed seed as a long-format CSV file and imported
through the real importer (`indicators_import`), as a municipality would bring its own files.

- Perception data: the pupils' general well-being (1–5), with n (pupils who answered) and the standard
  deviation; one small school has too few answers in one year, so the publication gate has something to
  withhold.
- Result data: the 9th-grade exam average (−3 to 12), with the number of grades as n.
- Demographic data: the number of pupils.
- Process data: the share of lessons taught by teachers with subject competence (%).

Made once: a second start finds the indicators' observations and imports nothing.
"""

import csv
import datetime
import io
import random
from collections.abc import Callable

from django.contrib.auth.models import User
from django.utils import timezone

from grundlag.indicators.imports.mapping import mapping_from_dict
from grundlag.indicators.models import Observation
from grundlag.indicators.services import indicators_import
from grundlag.organisation.models import Post, Unit

SEED = 17
CREDIT = "Kilde: Egelund Kommunes fiktive demodata"

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


def _school_years(today: datetime.date, count: int = 5) -> list[str]:
    """The last `count` finished school years (a school year runs from August), oldest first ("2021/22" …)."""
    last = today.year - 1 if today.month >= 8 else today.year - 2
    return [f"{year}/{(year + 1) % 100:02d}" for year in range(last - count + 1, last + 1)]


def _rows(schools: list[Unit], years: list[str]) -> list[list[str]]:
    rng = random.Random(SEED)  # noqa: S311 (fictional demo figures, not security)
    rows = []
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
            rows += [
                ["demo-generel-trivsel", school.key, year, f"{wellbeing:.3f}", str(answered), "0.620"],
                ["demo-karaktergennemsnit-9", school.key, year, f"{grade:.2f}", str(pupils // 9), ""],
                ["demo-elevtal", school.key, year, str(pupils), "", ""],
                ["demo-kompetencedaekning", school.key, year, f"{competence:.1f}", "", ""],
            ]
    return rows


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
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["indicator", "unit", "period", "value", "n", "sd"])
    writer.writerows(_rows(schools, _school_years(timezone.localdate())))
    mapping = mapping_from_dict(
        {
            "format": "long",
            "decimal_mark": ".",
            "indicators": [
                {**spec, "source": "Egelund Kommune (demo)", "credit": CREDIT} for spec in _INDICATORS
            ],
        }
    )
    outcome = indicators_import(
        data=out.getvalue().encode(), filename="egelund-indikatorer.csv", mapping=mapping, by=admin
    )
    if not outcome.applied:
        raise ValueError(f"the demo's indicators did not import: {[str(p) for p in outcome.errors[:5]]}")
    report(f"  indicators: {Observation.objects.count()} observations of {len(schools)} schools")

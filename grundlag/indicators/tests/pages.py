"""Figures for the small organisation (the root conftest's `small_organisation`), imported through the real
importer, for the tests of the indicator pages.

Well-being (perception data, n and sd known) over three school years for Ahorn Skole, Birk Skole, the school
department, the municipality and the country. In 2023/24 Birk Skole had three answers: the gate withholds it
(too few) and, as the two schools make one table under the department, Ahorn Skole's figure too (secondary).
Its value, WITHHELD_AHORN, must appear on no page. The number of pupils (demographic data) has no n or sd.
"""

from grundlag.indicators.imports.mapping import mapping_from_dict
from grundlag.indicators.services import indicators_import

CREDIT = "Kilde: Fiktive testdata"
WITHHELD_AHORN = "3.9137"  # Ahorn Skole's well-being in 2023/24, withheld (secondary suppression)
WITHHELD_AHORN_DANISH = "3,91"

ROWS = f"""indicator,unit,period,value,n,sd
trivsel,ahorn,2022/23,3.8811,120,0.6
trivsel,birk,2022/23,3.7022,80,0.6
trivsel,skole,2022/23,3.8100,200,0.6
trivsel,k,2022/23,3.8100,200,0.6
trivsel,national,2022/23,3.8533,100000,0.6
trivsel,ahorn,2023/24,{WITHHELD_AHORN},121,0.6
trivsel,birk,2023/24,3.6044,3,0.6
trivsel,skole,2023/24,3.9000,124,0.6
trivsel,k,2023/24,3.9000,124,0.6
trivsel,national,2023/24,3.8611,100000,0.6
trivsel,ahorn,2024/25,4.1266,118,0.6
trivsel,birk,2024/25,3.7455,85,0.6
trivsel,skole,2024/25,3.9500,203,0.6
trivsel,k,2024/25,3.9500,203,0.6
trivsel,national,2024/25,3.8722,100000,0.6
elevtal,ahorn,2023/24,412,,
elevtal,birk,2023/24,288,,
elevtal,ahorn,2024/25,420,,
elevtal,birk,2024/25,291,,
"""

MAPPING = {
    "format": "long",
    "decimal_mark": ".",
    "indicators": [
        {
            "key": "trivsel",
            "name": "Generel trivsel",
            "data_type": "perceptionsdata",
            "direction": "higher",
            "unit_of_measure": "gennemsnit",
            "scale": [1, 5],
            "decimals": 2,
            "min_n": 5,
            "source": "Testkilde",
            "credit": CREDIT,
        },
        {
            "key": "elevtal",
            "name": "Elevtal",
            "data_type": "demografiske-data",
            "direction": "neutral",
            "unit_of_measure": "elever",
            "decimals": 0,
            "min_n": 1,
            "credit": CREDIT,
        },
    ],
}


def figures_import(rows: str = ROWS) -> None:
    """Import the rows (the figures above unless given) with the mapping above."""
    outcome = indicators_import(data=rows.encode(), filename="test.csv", mapping=mapping_from_dict(MAPPING))
    assert outcome.applied, [str(problem) for problem in outcome.problems]

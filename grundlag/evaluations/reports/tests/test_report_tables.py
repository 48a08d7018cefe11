"""The reports' widest tables, written by template tags: the figures and markup a template would write."""

from types import SimpleNamespace

import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation

from grundlag.evaluations.reports.anonymity import Figure
from grundlag.evaluations.reports.leader import Cell, Column, Statement
from grundlag.evaluations.templatetags.report_tables import distribution_rows, mean_cells


@pytest.mark.parametrize("language", ["da", "en"])
def test_means_are_written_as_floatformat_writes_them_half_up_in_the_language(language):
    columns = [Column(key="employee", label="Medarbejdere", respondents=5)]
    with translation.override(language):
        for count in range(1, 81):
            for total in range(count, 5 * count + 1):
                cell = Cell(column=columns[0], figure=Figure(count=count, total=total))
                assert mean_cells([cell]) == f"<td>{floatformat(total / count, 2)}</td>", (total, count)
    with translation.override("da"):
        assert mean_cells([Cell(column=columns[0], figure=Figure(count=8, total=17))]) == "<td>2,13</td>"
        assert mean_cells([Cell(column=columns[0], figure=None)]) == "<td>–</td>"


def test_distribution_rows_escape_every_text_and_say_why_a_group_is_not_shown():
    employees = Column(key="employee", label="Medarbejdere <b>", respondents=5)
    peers = Column(key="peer", label="Lederkolleger", respondents=2)
    statement = Statement(
        question=SimpleNamespace(rater_text="Lytter & <script>alert(1)</script>"),
        cells=[
            Cell(
                column=employees,
                figure=Figure(count=5, total=20, value_counts=(0, 0, 1, 3, 1)),
                dont_know=0.2,
            ),
            Cell(column=peers, figure=None),
        ],
    )
    with translation.override("da"):
        html = distribution_rows([statement])

    assert "<script>" not in html and "Lytter &amp; &lt;script&gt;" in html
    assert '<th scope="rowgroup" rowspan="2">' in html and "Medarbejdere &lt;b&gt;" in html
    assert "<td>0</td><td>0</td><td>1</td><td>3</td><td>1</td><td>20 %</td>" in html
    assert '<td colspan="5">For få svar til at blive vist</td><td>–</td>' in html

"""A plan is no way round the figures' own audience: a reader of the plan who may not see the unit's figures
(Bo, in Lis's team, leads the school beside hers) sees none of them on the page, in the files or in the API,
and cannot tie an indicator; and a kept baseline figure that the gate withholds today is shown as withheld."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from grundlag.actionplans.plans.selectors import plan_baseline
from grundlag.actionplans.plans.services import plan_export, plan_indicator_attach

from .conftest import client_of


def test_a_team_member_who_may_not_see_the_units_figures_sees_none_of_them(plan, people, units, indicator):
    lis, bo = people["lis"].user, people["bo"].user
    plan_indicator_attach(plan=plan, indicator=indicator, by=lis)
    assert not bo.has_perm("indicators.view_unit_figures", units["ahorn"])

    assert [f.value for f in plan_baseline(plan=plan, user=lis) if f.unit_id == units["ahorn"].pk] == [
        Decimal("3.8")
    ]
    assert plan_baseline(plan=plan, user=bo) == []
    page = client_of(bo).get(reverse("actionplans:plan", args=[plan.pk])).content.decode()
    assert "Social trivsel" in page and "3.8" not in page and "3,8" not in page and "n=120" not in page
    word = Document(io.BytesIO(plan_export(plan=plan, kind="docx", by=bo)))
    cells = " ".join(cell.text for table in word.tables for row in table.rows for cell in row.cells)
    assert "3.8" not in cells and "3,8" not in cells
    with pytest.raises(ValidationError):
        plan_indicator_attach(
            plan=plan,
            indicator=type(indicator).objects.create(
                key="andet", name="Andet", data_type=indicator.data_type, direction=indicator.direction
            ),
            by=bo,
        )


def test_a_kept_figure_the_gate_withholds_today_is_shown_as_withheld(plan, people, units, indicator):
    lis = people["lis"].user
    plan_indicator_attach(plan=plan, indicator=indicator, by=lis)
    indicator.min_n = 200  # as an import of the definitions would raise it: Ahorn's 120 answers are too few
    indicator.save(update_fields=["min_n"])

    ahorn = next(f for f in plan_baseline(plan=plan, user=lis) if f.unit_id == units["ahorn"].pk)
    assert (ahorn.value, ahorn.n, ahorn.withheld) == (None, None, "too_few")
    page = client_of(lis).get(reverse("actionplans:plan", args=[plan.pk])).content.decode()
    assert "n=120" not in page
    assert plan.baseline_figures.get(unit=units["ahorn"]).value is not None, "the copy itself is kept"

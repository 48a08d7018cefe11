"""A plan as a PDF and a Word file: the template's parts in the toolbox's words and order, the baseline as it
was copied (a withheld figure by its reason), the actions and follow-ups; only for those who read the plan."""

import datetime
import io
import subprocess

from django.urls import reverse
from django.utils import translation
from docx import Document

from grundlag.actionplans.plans.exports import plan_filename
from grundlag.actionplans.plans.services import (
    plan_action_add,
    plan_follow_up_add,
    plan_indicator_attach,
    plan_save,
)
from grundlag.audit.models import AuditEvent

from .conftest import client_of


def pdf_text(body: bytes) -> str:
    done = subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True, check=True)
    return " ".join(done.stdout.decode().split())


def _filled(plan, people, indicator):
    lis = people["lis"].user
    plan_save(
        plan=plan,
        expected_revision=1,
        by=lis,
        title=plan.title,
        baseline="Mange elever trives ikke i frikvartererne",
        goal="Flere elever trives",
        evaluation="Vi samler op på lærermøderne",
        evaluate_on=datetime.date(2025, 6, 20),
    )
    plan_action_add(plan=plan, what="Legepatruljer", who="AKT-teamet", signs="Færre konflikter", by=lis)
    plan_follow_up_add(plan=plan, held_on=datetime.date(2025, 3, 1), signs_seen="Roligere gårdvagter", by=lis)
    plan_indicator_attach(plan=plan, indicator=indicator, by=lis)


def test_the_pdf_holds_the_parts_in_the_templates_words_and_order(plan, people, indicator, builtin_tools):
    _filled(plan, people, indicator)
    with translation.override("da"):
        response = client_of(people["lis"].user).get(reverse("actionplans:plan_pdf", args=[plan.pk]))
    text = pdf_text(b"".join(response.streaming_content))
    labels = [field["label"] for field in builtin_tools["handleplansskabelon"].content["fields"]]
    assert [text.index(label) for label in labels] == sorted(text.index(label) for label in labels)
    for needle in (
        "Hvad vil I gerne opnå ved at arbejde med dette indsatsområde?",
        "Flere elever trives",
        "Legepatruljer",
        "Færre konflikter",
        "Roligere gårdvagter",
        "3,8",
        "Kilde: Uddannelsesstatistik.dk",
    ):
        assert needle in text, needle
    assert response["Content-Disposition"].endswith('bedre-trivsel-i-udskolingen.pdf"')
    assert AuditEvent.objects.filter(action="actionplans.plan_export", detail="format=pdf").exists()


def test_the_word_file_opens_and_holds_the_parts(plan, people, indicator, builtin_tools):
    _filled(plan, people, indicator)
    response = client_of(people["bo"].user).get(reverse("actionplans:plan_docx", args=[plan.pk]))
    word = Document(io.BytesIO(b"".join(response.streaming_content)))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:5] == ["Skole", "Mål", "Ståsted", "Tiltag og Tegn", "Evaluering"]
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert "Legepatruljer" in cells and "Roligere gårdvagter" in cells


def test_a_withheld_baseline_figure_is_written_as_its_reason(plan, people, units, builtin_tools):
    from grundlag.actionplans.tests.factories import observe, wellbeing_indicator

    few = wellbeing_indicator(key="faa-svar")
    observe(few, units["ahorn"], 2023, "2023/24", "4.4", n=2)
    plan_indicator_attach(plan=plan, indicator=few, by=people["lis"].user)
    response = client_of(people["lis"].user).get(reverse("actionplans:plan_docx", args=[plan.pk]))
    cells = [
        cell.text
        for table in Document(io.BytesIO(b"".join(response.streaming_content))).tables
        for row in table.rows
        for cell in row.cells
    ]
    assert "Suppressed: too few" in cells
    assert not any("4.4" in cell or "4,4" in cell for cell in cells)


def test_the_files_are_for_those_who_read_the_plan(plan, people, admin_client):
    for kind in ("pdf", "docx"):
        url = reverse(f"actionplans:plan_{kind}", args=[plan.pk])
        assert admin_client.get(url).status_code == 404
        assert client_of(people["dorte"].user).get(url).status_code == 404


def test_the_file_name_spells_out_danish_letters(plan):
    plan.title = "Større trivsel på Ahorn"
    assert plan_filename(plan=plan, extension="pdf") == "stoerre-trivsel-paa-ahorn.pdf"

"""A report's PDF is made when the cycle closes and kept: a click serves the kept one, a change to what
shapes it makes it again, and no one who may not read the report gets it."""

import subprocess

import pytest
from django.urls import reverse

from grundlag.accounts.services import person_erase
from grundlag.evaluations.cycles.services import cycle_close, report_pdfs_enqueue
from grundlag.evaluations.models import Cycle, RaterGroup, ReportPdf
from grundlag.evaluations.reports import services as report_services
from grundlag.evaluations.reports.tests.test_reports import make_evaluee, respond_many

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(small_organisation):
    evaluee, q = make_evaluee(small_organisation)
    respond_many(evaluee, RaterGroup.EMPLOYEE, q, [(4, 2, 5), (4, 3, 5), (5, 2, 4), (3, 3, 5), (4, 2, 5)])
    respond_many(evaluee, RaterGroup.SELF, q, [(5, 2, 3)])
    return evaluee, q, small_organisation


def pdf_text(body: bytes) -> str:
    done = subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True, check=True)
    return done.stdout.decode()


def no_rendering(monkeypatch):
    def refuse(**_kwargs):
        raise AssertionError("the PDF was rendered in the request")

    monkeypatch.setattr(report_services, "report_pdf_render", refuse)


def test_it_makes_each_reports_pdf_when_the_cycle_closes(
    closed, settings, administrator, django_capture_on_commit_callbacks
):
    settings.EVALUATIONS_REPORT_PDFS_AT_CLOSE = True
    evaluee, _q, _org = closed
    Cycle.objects.filter(pk=evaluee.cycle_id).update(status=Cycle.Status.LAUNCHED)

    with django_capture_on_commit_callbacks(execute=True):
        cycle_close(cycle=evaluee.cycle, by=administrator)

    kept = ReportPdf.objects.get(evaluee=evaluee)
    assert kept.language == "da"
    assert "Lis Leder" in pdf_text(bytes(kept.pdf))


def test_it_serves_the_kept_pdf_to_the_leader_without_rendering_it(
    closed, settings, client, monkeypatch, django_capture_on_commit_callbacks
):
    settings.EVALUATIONS_REPORT_PDFS_AT_CLOSE = True
    evaluee, _q, org = closed
    with django_capture_on_commit_callbacks(execute=True):
        report_pdfs_enqueue(cycle_id=evaluee.cycle_id)
    kept = bytes(ReportPdf.objects.get(evaluee=evaluee).pdf)
    no_rendering(monkeypatch)
    client.force_login(org["people"]["lis"].user)

    response = client.get(reverse("evaluations:report_pdf", args=[evaluee.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == kept


def test_it_makes_the_pdf_on_demand_when_none_is_kept_and_keeps_it(closed, client, monkeypatch):
    evaluee, _q, org = closed
    client.force_login(org["people"]["lis"].user)
    url = reverse("evaluations:report_pdf", args=[evaluee.pk])

    first = b"".join(client.get(url).streaming_content)

    assert first.startswith(b"%PDF") and "Lis Leder" in pdf_text(first)
    assert ReportPdf.objects.filter(evaluee=evaluee).count() == 1
    no_rendering(monkeypatch)
    assert b"".join(client.get(url).streaming_content) == first


def test_it_makes_the_pdf_again_when_something_that_shapes_it_changes(closed, client):
    evaluee, q, org = closed
    client.force_login(org["people"]["lis"].user)
    url = reverse("evaluations:report_pdf", args=[evaluee.pk])
    before = b"".join(client.get(url).streaming_content)

    respond_many(evaluee, RaterGroup.PEER, q, [(1, 1, 1), (1, 1, 1), (1, 1, 1)])  # a group appears
    lis = org["people"]["lis"]
    lis.name = "Lis Omdøbt"
    lis.save()
    after = b"".join(client.get(url).streaming_content)

    assert after != before
    assert "Lis Omdøbt" in pdf_text(after) and "Lis Leder" not in pdf_text(after)
    assert ReportPdf.objects.filter(evaluee=evaluee).count() == 2


def test_it_remakes_at_close_only_what_changed_and_drops_the_leaders_stale_pdf(closed):
    evaluee, q, _org = closed
    assert report_services.report_pdfs_make(evaluee_ids=[evaluee.pk]) == 1
    assert report_services.report_pdfs_make(evaluee_ids=[evaluee.pk]) == 0  # nothing changed

    respond_many(evaluee, RaterGroup.PEER, q, [(1, 1, 1), (1, 1, 1), (1, 1, 1)])

    assert report_services.report_pdfs_make(evaluee_ids=[evaluee.pk]) == 1
    assert ReportPdf.objects.filter(evaluee=evaluee).count() == 1


@pytest.mark.parametrize("who", ["ulla", "bo"])
def test_it_refuses_a_kept_pdf_to_anyone_who_may_not_read_the_report(closed, client, who):
    evaluee, _q, org = closed
    report_services.report_pdfs_make(evaluee_ids=[evaluee.pk])
    person = org["people"][who]
    if person.user is None:
        pytest.skip(f"{who} has no account in the small organisation")
    client.force_login(person.user)

    response = client.get(reverse("evaluations:report_pdf", args=[evaluee.pk]))

    assert response.status_code in (403, 404)
    assert not response.get("Content-Type", "").startswith("application/pdf")


def test_it_drops_the_kept_pdfs_of_a_person_who_is_erased(closed, administrator):
    evaluee, _q, org = closed
    report_services.report_pdfs_make(evaluee_ids=[evaluee.pk])
    assert ReportPdf.objects.filter(evaluee=evaluee).exists()

    person_erase(person=org["people"]["lis"], by=administrator)

    assert not ReportPdf.objects.filter(evaluee=evaluee).exists()

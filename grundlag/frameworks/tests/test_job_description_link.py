"""A job description reached from "my page" carries the person's post title and unit."""

import html
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

pytestmark = pytest.mark.django_db


def job_description_link(client) -> str:
    page = client.get(reverse("organisation:my_page")).content.decode()
    [link] = re.findall(r'href="([^"]*/job-description/\?[^"]*)"', page)
    return html.unescape(link)


def test_the_link_from_my_page_fills_in_the_post_title_and_unit(lis_client):
    link = job_description_link(lis_client)

    response = lis_client.get(link)

    text = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert 'name="title" maxlength="200" value="Skoleleder"' in text
    assert 'value="Ahorn Skole"' in text
    assert "<title>" in text and "Skoleleder" in text.split("<title>", 1)[1].split("</title>", 1)[0]


def test_the_word_document_from_my_page_carries_the_post_title(lis_client):
    page = lis_client.get(job_description_link(lis_client)).content.decode()
    [docx] = re.findall(r'href="([^"]*job-description\.docx\?[^"]*)"', page)

    response = lis_client.get(html.unescape(docx))

    assert response.status_code == 200
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)
    assert "Skoleleder" in text
    assert "Ahorn Skole" in text


def test_the_job_description_dates_itself_in_the_pages_language_never_as_an_iso_date(lis_client):
    link = job_description_link(lis_client)
    today = timezone.localdate()
    danish = html.unescape(lis_client.get(link).content.decode())
    english = html.unescape(lis_client.get("/en" + link).content.decode())
    assert f"{today.day}. {MONTHS_DA[today.month - 1]} {today.year}" in danish
    assert today.strftime("%B")[:3] in english and str(today.year) in english
    assert today.isoformat() not in danish and today.isoformat() not in english


MONTHS_DA = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]

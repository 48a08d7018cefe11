"""A job description reached from "my page" carries the person's post title and unit."""

import html
import io
import re

import pytest
from django.urls import reverse
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

"""The approved agreement of a development dialogue as a PDF and a Word file: the frozen text both parties
approved, with the dialogue's facts, in the active language, and nothing of the dialogue's private notes."""

import datetime
import io
import subprocess

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from docx import Document

from grundlag.development.dialogues.documents import (
    agreement_document,
    agreement_filename,
    agreement_pdf,
)
from grundlag.development.dialogues.services import (
    agreement_approve,
    agreement_docx,
    agreement_goal_add,
    agreement_revise,
    agreement_summary_save,
    dialogue_hold,
    dialogue_open,
    dialogue_schedule,
    follow_up_record,
    follow_ups_set,
    private_note_save,
)
from grundlag.development.models import Goal
from grundlag.frameworks.models import Expectation
from grundlag.organisation.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DANISH_MONTHS = [
    *("januar", "februar", "marts", "april", "maj", "juni"),
    *("juli", "august", "september", "oktober", "november", "december"),
]
SUMMARY = "Vi talte om skolens retning og om samarbejdet i ledelsesteamet.\n\nLis vil give mere feedback."
PRIVATE = "Min egen tanke: Lis virker presset"


@pytest.fixture
def people(small_organisation):
    people = small_organisation["people"]
    people["carl"].user = UserFactory(username="carl")
    people["carl"].save(update_fields=["user"])
    return people


@pytest.fixture
def agreement(people):
    """Lis's dialogue with Carl, held and agreed: a summary, two goals on expectations, one follow-up."""
    lis, carl = people["lis"].user, people["carl"].user
    dialogue = dialogue_schedule(
        leader=people["lis"], when=timezone.now() + datetime.timedelta(days=7), by=carl
    )
    dialogue = dialogue_open(dialogue=dialogue, by=lis)
    private_note_save(item=dialogue.agenda.first(), text=PRIVATE, by=carl)
    dialogue_hold(dialogue=dialogue, by=carl)
    agreement_summary_save(dialogue=dialogue, summary=SUMMARY, by=carl)
    rated = [section["id"] for section in dialogue.pack.content["sections"]]
    expectations = list(Expectation.objects.filter(level=dialogue.level, section_id__in=rated)[:2])
    titles = ("Giv feedback hver uge", "Led møderne skarpere")
    for title, expectation in zip(titles, expectations, strict=True):
        agreement_goal_add(
            dialogue=dialogue,
            title=title,
            description="Første skridt: en plan for møderne.",
            expectation=expectation,
            report_statement="Min leder giver mig feedback",
            by=lis,
        )
    agreement_approve(dialogue=dialogue, by=lis)
    approved = agreement_approve(dialogue=dialogue, by=carl)
    follow_ups_set(dialogue=dialogue, dates=[timezone.localdate() + datetime.timedelta(days=90)], by=carl)
    approved.expectations = expectations
    return approved


def pdf_text(body: bytes) -> str:
    done = subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True, check=True)
    return " ".join(done.stdout.decode().split())  # one line: a long text may wrap anywhere


def docx_text(body: bytes) -> str:
    document = Document(io.BytesIO(body))
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(texts).split())


def flat(text: str) -> str:
    return " ".join(text.split())


def danish_date(moment: datetime.datetime | datetime.date) -> str:
    day = timezone.localdate(moment) if isinstance(moment, datetime.datetime) else moment
    return f"{day.day}. {DANISH_MONTHS[day.month - 1]} {day.year}"


def expected_texts(agreement) -> list[str]:
    return [
        "Lis Leder",
        "Carl Chef",
        "Vi talte om skolens retning og om samarbejdet i ledelsesteamet.",
        "Lis vil give mere feedback.",
        "Giv feedback hver uge",
        "Led møderne skarpere",
        *(flat(expectation.text) for expectation in agreement.expectations),
        "Min leder giver mig feedback",
        agreement.dialogue.level.name,
        danish_date(agreement.leader_approved_at),
        danish_date(agreement.dialogue.held_at),
        danish_date(agreement.dialogue.follow_ups.get().due),
    ]


def test_the_pdf_holds_the_approved_agreement_in_danish(agreement):
    with translation.override("da"):
        body = agreement_pdf(agreement=agreement)

    assert body.startswith(b"%PDF")
    text = pdf_text(body)
    for expected in expected_texts(agreement):
        assert expected in text
    labels = ("Lederudviklingssamtale – aftale", "Overordnet leder", "Aftalte udviklingsmål")
    labels += ("Aftalens version", "Godkendt af lederen")
    for label in labels:
        assert label in text
    assert PRIVATE not in text


def test_the_word_file_holds_the_same_text(agreement):
    with translation.override("da"):
        body = agreement_docx(agreement=agreement)

    text = docx_text(body)
    for expected in expected_texts(agreement):
        assert expected in text
    assert "Lederudviklingssamtale – aftale" in text
    assert PRIVATE not in text


def test_it_shows_the_frozen_text_not_the_goals_as_they_read_now(agreement, people):
    Goal.objects.filter(title="Giv feedback hver uge").update(title="Ændret bagefter")
    revised = agreement_revise(dialogue=agreement.dialogue, by=people["lis"].user)
    agreement_summary_save(dialogue=agreement.dialogue, summary="En ny version", by=people["lis"].user)

    with translation.override("da"):
        text = docx_text(agreement_docx(agreement=agreement))

    assert "Giv feedback hver uge" in text and "Ændret bagefter" not in text
    assert "En ny version" not in text and revised.version == 2


def test_in_english_the_labels_are_english_and_the_foundations_text_is_marked_danish(agreement):
    with translation.override("en"):
        pdf = pdf_text(agreement_pdf(agreement=agreement))
        docx = agreement_docx(agreement=agreement)
        html = render_to_string(
            "development/agreement_document.html", {"document": agreement_document(agreement=agreement)}
        )

    for text in (pdf, docx_text(docx)):
        for label in (
            "Development dialogue – agreement",
            "Leader",
            "Superior",
            "Leadership level",
            "Summary of the dialogue",
            "Agreed development goals",
            "Expectation",
            "Follow-up",
        ):
            assert label in text
        assert "Lederudviklingssamtale" not in text and "Overordnet leder" not in text
        assert danish_date(agreement.leader_approved_at) not in text  # an English date, not a Danish one
    assert '<html lang="en">' in html and '<dd lang="da">' in html
    assert b'w:lang w:val="da-DK"' in Document(io.BytesIO(docx)).part.blob


def test_a_held_follow_up_shows_when_it_was_held_and_its_notes(agreement, people):
    today = timezone.localdate()
    dialogue = agreement.dialogue
    dates = [today, today + datetime.timedelta(days=90)]
    follow_ups_set(dialogue=dialogue, dates=dates, by=people["lis"].user)
    follow_up_record(
        follow_up=dialogue.follow_ups.get(due=today), notes="Feedbacken er i gang.", by=people["carl"].user
    )

    with translation.override("da"):
        texts = [pdf_text(agreement_pdf(agreement=agreement)), docx_text(agreement_docx(agreement=agreement))]

    for text in texts:
        assert f"{danish_date(today)}, holdt den {danish_date(today)}" in text
        assert "Feedbacken er i gang." in text


def test_the_file_name_says_what_it_is_and_names_no_one(agreement):
    with translation.override("da"):
        assert agreement_filename(agreement=agreement, extension="pdf") == "lus-aftale-v1.pdf"
    with translation.override("en"):
        assert agreement_filename(agreement=agreement, extension="docx") == "lus-agreement-v1.docx"

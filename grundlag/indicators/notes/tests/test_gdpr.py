import json

from grundlag.accounts.services import person_erase, person_export
from grundlag.indicators.models import FigureComment, UnitNote


def test_lis_own_export_holds_her_shared_and_private_notes_and_her_comments(
    people, shared_note, private_note, comment
):
    document = person_export(person=people["lis"], by=people["lis"].user)
    assert [n["title"] for n in document["indicators_unit_notes"]] == ["Interview med 6.b"]
    assert [n["title"] for n in document["indicators_private_unit_notes"]] == ["Min egen iagttagelse"]
    assert document["indicators_private_unit_notes"][0]["text"] == "PRIVAT-TEKST"
    assert document["indicators_figure_comments"] == [
        {
            "unit": "Ahorn Skole",
            "indicator": "trivsel",
            "period": "2023/24",
            "text": "Ny legepladsordning i foråret.",
            "created_at": comment.created_at.isoformat(),
            "updated_at": comment.updated_at.isoformat(),
        }
    ]


def test_an_export_the_administrator_makes_holds_no_private_note(
    people, administrator, shared_note, private_note
):
    document = person_export(person=people["lis"], by=administrator)
    assert [n["title"] for n in document["indicators_unit_notes"]] == ["Interview med 6.b"]
    assert "indicators_private_unit_notes" not in document
    assert "PRIVAT-TEKST" not in json.dumps(document)


def test_no_one_elses_export_holds_lis_notes(people, shared_note, private_note, comment):
    for who in ("dorte", "tom"):
        document = json.dumps(person_export(person=people[who], by=people[who].user))
        assert "Interview med 6.b" not in document and "PRIVAT-TEKST" not in document
        assert "Ny legepladsordning" not in document


def test_erasing_lis_deletes_her_private_notes_and_keeps_the_rest_without_an_author(
    people, administrator, shared_note, private_note, comment
):
    person_erase(person=people["lis"], by=administrator)
    assert list(UnitNote.objects.values_list("title", "author")) == [("Interview med 6.b", None)]
    assert list(FigureComment.objects.values_list("text", "author")) == [
        ("Ny legepladsordning i foråret.", None)
    ]

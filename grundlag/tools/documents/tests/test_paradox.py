import re
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from grundlag.tools.documents.services import document_create, document_save, document_share
from grundlag.tools.documents.workflows.paradox import ParadoxForm
from grundlag.tools.models import Tool, ToolDocument

from .conftest import client_of

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
GOOD = {
    "title": "Samarbejde og mål",
    "revision": "0",
    "pole_1_quadrant": "fleksibel-indadvendt",
    "pole_1_name": "Samarbejde",
    "pol-1-fordele": "Teamet lærer af hinanden\nTrivsel",
    "pole_2_quadrant": "fokuseret-udadvendt",
    "pole_2_name": "Fokus på mål",
    "pol-2-fordele": "Eleverne rykker sig",
    "spoergsmaal": "Hvordan når vi målene sammen?",
    "mulige-veje": "Fælles planlægning",
    "beslutning": "Vi prøver det i 7. årgang",
}


@pytest.fixture
def paradox(builtin_tools, small_organisation):
    """Lis's paradox document, just started."""
    lis = small_organisation["people"]["lis"]
    return document_create(tool=Tool.objects.get(key="paradoksmodel"), owner=lis, title="", by=lis.user)


def _form(paradox, **changes):
    return ParadoxForm({**GOOD, **changes}, version=paradox.version)


def _quadrants(svg):
    """Each quadrant of the diagram: where its box stands, its outline, its pole marks and all its text."""
    root = ElementTree.fromstring(svg)
    found = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("data-quadrant"):
            box = group.find(f"{SVG}rect")
            found[group.get("data-quadrant")] = {
                "at": (float(box.get("x")), float(box.get("y"))),
                "outline": box.get("stroke-width"),
                "marks": " ".join(t.text for t in group.iter(f"{SVG}text") if t.get("font-weight") == "bold"),
                "text": " ".join(t.text for t in group.iter(f"{SVG}text")),
            }
    return found


def _axis_labels(svg):
    """The axes' labels of the diagram with where they stand: {label: (x, y)}."""
    root = ElementTree.fromstring(svg)
    return {
        text.text: (float(text.get("x")), float(text.get("y")))
        for text in root.iter(f"{SVG}text")
        if text.text in ("FLEKSIBEL", "FOKUSERET", "INDADVENDT", "UDADVENDT")
    }


def test_it_refuses_empty_poles_with_a_message_naming_each_step(paradox):
    form = ParadoxForm({"title": "T", "revision": "0"}, version=paradox.version)

    assert not form.is_valid()
    assert form.errors["pole_1_quadrant"] == ["Pol 1: vælg den kvadrant, polen ligger i."]
    assert form.errors["pole_1_name"] == ["Pol 1: giv polen et navn med dine egne ord."]
    assert form.errors["pole_2_quadrant"] == ["Pol 2: vælg den kvadrant, polen ligger i."]
    assert form.errors["pole_2_name"] == ["Pol 2: giv polen et navn med dine egne ord."]
    assert "spoergsmaal" not in form.errors and "beslutning" not in form.errors


def test_it_refuses_two_poles_in_the_same_quadrant(paradox):
    form = _form(paradox, pole_2_quadrant="fleksibel-indadvendt")

    assert not form.is_valid()
    assert form.errors["pole_2_quadrant"] == [
        "Et paradoks er en spænding mellem to kvadranter: vælg en anden kvadrant til pol 2 end til pol 1."
    ]


def test_its_labels_and_choices_are_the_tools_own_words(paradox):
    form = _form(paradox)
    choices = dict(form.fields["pole_1_quadrant"].choices)

    assert choices["fleksibel-udadvendt"].startswith(
        "FLEKSIBEL – UDADVENDT: Følge med udviklingen i samfundet;"
    )
    assert "Stabilitet og sikker ”drift”" in choices["fokuseret-indadvendt"]
    assert form.fields["pol-2-fordele"].label == "Pol 2: Fordele/positive værdier:"
    assert form.fields["beslutning"].label.endswith("Træf en beslutning (Hvad gør vi/jeg):")
    assert form.fields["spoergsmaal"].label.startswith("Rejs et spørgsmål (som oplæg til en vej at gå)")


def test_a_good_paradox_is_kept_as_the_document_holds_it(paradox, small_organisation):
    form = _form(paradox)
    assert form.is_valid(), form.errors

    document_save(
        document=paradox,
        data=form.document_data(),
        expected_revision=0,
        title=form.cleaned_data["title"],
        by=small_organisation["people"]["lis"].user,
    )

    data = ToolDocument.objects.get(pk=paradox.pk).data
    assert data["pole_1_quadrant"] == "fleksibel-indadvendt" and data["pole_2_name"] == "Fokus på mål"
    assert data["pol-1-fordele"] == "Teamet lærer af hinanden\nTrivsel"
    assert data["beslutning"] == "Vi prøver det i 7. årgang"
    assert "title" not in data and "revision" not in data


def test_its_sections_name_the_chosen_quadrants_by_their_poles(paradox):
    form = ParadoxForm(version=paradox.version)

    sections = {section.name: section for section in form.sections({**GOOD, "pole_1_name": "Samarbejde"})}

    assert sections["pole_1_quadrant"].text == "FLEKSIBEL – INDADVENDT"
    assert sections["pole_2_quadrant"].text == "FOKUSERET – UDADVENDT"
    assert sections["pole_1_name"].label == "Pol 1 med dine egne ord"
    assert sections["pol-1-fordele"].text == "Teamet lærer af hinanden\nTrivsel"


def test_the_diagram_draws_the_framework_with_the_quadrants_on_their_axes(paradox):
    svg = ParadoxForm(version=paradox.version).diagram({})
    labels, quadrants = _axis_labels(svg), _quadrants(svg)

    assert 'role="img"' in svg and 'aria-labelledby="paradox-diagram-title"' in svg and 'width="100%"' in svg
    assert (
        labels["FLEKSIBEL"][1] < labels["FOKUSERET"][1] and labels["INDADVENDT"][0] < labels["UDADVENDT"][0]
    )
    top_left, top_right = quadrants["fleksibel-indadvendt"]["at"], quadrants["fleksibel-udadvendt"]["at"]
    bottom_left, bottom_right = (
        quadrants["fokuseret-indadvendt"]["at"],
        quadrants["fokuseret-udadvendt"]["at"],
    )
    assert top_left[0] == bottom_left[0] < top_right[0] == bottom_right[0]
    assert top_left[1] == top_right[1] < bottom_left[1] == bottom_right[1]
    assert "• Koordineret samarbejde" in quadrants["fleksibel-indadvendt"]["text"]
    assert "• Stabilitet og sikker ”drift”" in quadrants["fokuseret-indadvendt"]["text"]
    assert not any(quadrant["marks"] for quadrant in quadrants.values()) and "ingen poler" in svg


def test_the_diagram_marks_both_poles_and_escapes_their_names(paradox):
    data = {**GOOD, "pole_1_name": "<script>x</script>"}

    svg = ParadoxForm(version=paradox.version).diagram(data)
    quadrants = _quadrants(svg)

    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert quadrants["fleksibel-indadvendt"]["marks"] == "Pol 1: <script>x</script>"
    assert quadrants["fokuseret-udadvendt"]["marks"] == "Pol 2: Fokus på mål"
    assert [quadrant["outline"] for quadrant in quadrants.values()].count("3") == 2
    assert (
        quadrants["fleksibel-udadvendt"]["outline"] == "1" and not quadrants["fleksibel-udadvendt"]["marks"]
    )
    assert svg.count("<line ") == 3  # the two axes and the line between the poles
    title = ElementTree.fromstring(svg).find(f"{SVG}title").text
    assert "pol 1 “<script>x</script>” i FLEKSIBEL – INDADVENDT" in title
    assert "pol 2 “Fokus på mål” i FOKUSERET – UDADVENDT" in title


def test_a_long_pole_name_is_cut_in_the_diagram_but_whole_in_its_title(paradox):
    name = "En meget lang beskrivelse af polen, som fylder langt mere end en kvadrant kan rumme på tre linjer"

    svg = ParadoxForm(version=paradox.version).diagram({**GOOD, "pole_1_name": name})

    assert _quadrants(svg)["fleksibel-indadvendt"]["marks"].endswith("…")
    assert name in ElementTree.fromstring(svg).find(f"{SVG}title").text


def test_the_owner_fills_in_the_paradox_and_reads_it_with_its_diagram(paradox, lis_client):
    url = reverse("tools:document", args=[paradox.pk])
    empty = lis_client.post(url, {"title": "T", "revision": "0"})
    assert empty.status_code == 422
    assert "Pol 1: vælg den kvadrant, polen ligger i." in empty.content.decode()

    saved = lis_client.post(url, {**GOOD, "pole_2_name": "<b>Mål</b>"})
    page = lis_client.get(url).content.decode()

    assert saved.status_code == 302
    assert page.count("<svg") >= 1 and 'id="paradox-diagram-title"' in page
    assert "Pol 2: &lt;b&gt;Mål&lt;/b&gt;" in page and "<b>Mål</b>" not in page
    assert re.search(r'name="pole_2_quadrant" value="fokuseret-udadvendt" checked', page)


def test_a_superior_it_is_shared_with_reads_the_poles_and_the_diagram(paradox, small_organisation):
    lis, dorte = small_organisation["people"]["lis"], small_organisation["people"]["dorte"]
    form = _form(paradox)
    assert form.is_valid()
    document_save(document=paradox, data=form.document_data(), expected_revision=0, by=lis.user)
    document_share(document=paradox, team_members=[], shared_with_superior=True, by=lis.user)

    page = client_of(dorte.user).get(reverse("tools:document", args=[paradox.pk])).content.decode()

    assert 'id="paradox-diagram-title"' in page and "Pol 1: Samarbejde" in page
    assert "<dt>Pol 2: kvadranten, polen ligger i</dt><dd>FOKUSERET – UDADVENDT</dd>" in page
    assert "Teamet lærer af hinanden<br>Trivsel" in page

"""The toolbox of source 002 (Kolding Kommune, "Fælles om Ledelse"), checked item by item.

The expected lists below are the checklist against the source document
(../shared/seeds/002_b1e32f3dd9b7fa37.txt): every text is written out as the source has it, cleaned only
as docs/tools.md says (source_text.CLEANING). Where the source's graphics lost the layout, the tool says
so in a `gap` text and its notes explain the reading order chosen.
"""

from collections.abc import Iterator
from typing import Any

import pytest

from grundlag.frameworks.models import Expectation
from grundlag.frameworks.tests.source_text import source_contains

from .source_text import in_source, normalised, source_002

pytestmark = pytest.mark.django_db

SOURCE = {
    "code": "002",
    "title": "Fælles om Ledelse",
    "publisher": "Kolding Kommune",
    "document": "002_b1e32f3dd9b7fa37.txt",
}

TOOLS = {
    "5f-modellen": ("5F-modellen - Forbedringer gennem anerkende udforskning", []),
    "det-brede-databegreb": (
        "Det brede databegreb",
        ["Ontario Principal Council (OPC). (2009). The principal as Data-Driven Leader"],
    ),
    "distribueret-ledelse": ("Opgaveområder i distribueret ledelse", []),
    "feedbackmodel": (
        "Feedbackmodel med afsæt i observation",
        ["Alrø, Dahl & Schumann. Læringsorienteret, dialogisk feedback. 2017"],
    ),
    "handleplansskabelon": ("Handleplansskabelon", []),
    "konsulentroller": ("Konsulentroller", []),
    "moedeplanlaegning": ("Mødeplanlægning", []),
    "noter": ("Noter", []),
    "paradoksmodel": (
        "Paradoksmodel på Competing Values Framework",
        ["Lüscher, 2012: Inspireret af Competing Values Framework: Cameron, Quinn, Degraff, Thakor"],
    ),
    "relationsanalysen": ("Relationsanalysen", []),
    "videndeling": ("Videndeling", []),
}

# Names the source's text does not carry as a heading (the heading was in the graphics, if any).
DESCRIPTIVE_NAMES = {
    "paradoksmodel",
    "moedeplanlaegning",
    "konsulentroller",
    "distribueret-ledelse",
    "videndeling",
}


def content(builtin_tools, key: str) -> dict[str, Any]:
    return builtin_tools[key].content


def texts(builtin_tools, key: str, kind: str) -> list[str]:
    return [t["text"] for t in content(builtin_tools, key).get("texts", []) if t["kind"] == kind]


# ---------------------------------------------------------------------------------------------
# The toolbox


def test_it_has_every_tool_of_the_toolbox_with_its_name_source_and_credits(builtin_tools):
    assert {key: (v.name, v.credits) for key, v in builtin_tools.items()} == TOOLS
    for version in builtin_tools.values():
        assert version.source == SOURCE
        assert version.tool.origin == "builtin"
        assert (version.number, version.status) == (1, "published")
        assert version.published_at is not None
        assert version.tool.name == version.name


def test_the_names_not_in_the_source_are_marked_and_explained_by_a_gap(builtin_tools):
    assert {key for key, v in builtin_tools.items() if v.name_is_descriptive} == DESCRIPTIVE_NAMES
    for key in DESCRIPTIVE_NAMES:
        assert not in_source(builtin_tools[key].name)
        assert any("titel" in gap for gap in texts(builtin_tools, key, "gap"))


# ---------------------------------------------------------------------------------------------
# Paradox analysis on the Competing Values Framework

QUADRANTS = [
    (
        "fleksibel-udadvendt",
        ["fleksibel", "udadvendt"],
        [
            "Følge med udviklingen i samfundet",
            "Kreativitet /udfordre vanetænkning",
            "Ny forskning – ny praksis",
            "Udvikling af læringsmiljøer",
            "Visioner og fornyelse",
        ],
    ),
    (
        "fokuseret-udadvendt",
        ["fokuseret", "udadvendt"],
        [
            "Fokus på mål",
            "Interessenter",
            "Værdi for elever",
            "Strategier for målopnåelse",
            "Konkurrence",
            "Deadlines",
            "Forventninger",
        ],
    ),
    (
        "fleksibel-indadvendt",
        ["fleksibel", "indadvendt"],
        [
            "Commitment, trivsel",
            "Koordineret samarbejde",
            "Læring, videndeling",
            "Værdier og Kultur",
            "Styrke teamtænkning",
        ],
    ),
    (
        "fokuseret-indadvendt",
        ["fokuseret", "indadvendt"],
        [
            "Stabilitet og sikker ”drift”",
            "Retningslinjer og regler",
            "Kvalitetskontrol",
            "Dokumentation",
            "Systematik",
        ],
    ),
]


def test_the_paradox_model_has_the_two_axes_of_the_competing_values_framework(builtin_tools):
    axes = content(builtin_tools, "paradoksmodel")["axes"]
    assert [(a["key"], [(p["key"], p["label"]) for p in a["poles"]]) for a in axes] == [
        ("fleksibel-fokuseret", [("fleksibel", "FLEKSIBEL"), ("fokuseret", "FOKUSERET")]),
        ("indadvendt-udadvendt", [("indadvendt", "INDADVENDT"), ("udadvendt", "UDADVENDT")]),
    ]


def test_the_paradox_model_has_four_quadrants_with_their_values(builtin_tools):
    quadrants = content(builtin_tools, "paradoksmodel")["quadrants"]
    assert [(q["key"], q["poles"], q["values"]) for q in quadrants] == QUADRANTS


def test_the_quadrants_hold_the_22_values_in_the_order_of_the_source_and_the_foundation(
    builtin_tools, builtin_frameworks
):
    values = [value for _, _, values in QUADRANTS for value in values]
    assert len(values) == 22
    after = source_002().index("UDADVENDT INDADVENDT")
    for value in values:  # each one after the one before: the grouping keeps the text's order
        after = source_002().index(normalised(value), after) + len(value)
    assert values == [
        e.text
        for e in Expectation.objects.filter(
            section__key="paradoksmodel", source_ref__endswith="stikord i diagrammet"
        ).order_by("position")
    ]


def test_the_paradox_worksheet_has_both_poles_the_question_and_the_balanced_way(builtin_tools):
    fields = content(builtin_tools, "paradoksmodel")["fields"]
    assert fields == [
        {"key": "pol-1-fordele", "label": "Fordele/positive værdier:", "list": True},
        {"key": "pol-2-fordele", "label": "Fordele/positive værdier:", "list": True},
        {
            "key": "spoergsmaal",
            "label": "Rejs et spørgsmål (som oplæg til en vej at gå), der inddrager værdier/fordele fra "
            "begge poler i paradokset:",
        },
        {
            "key": "balanceret-vej",
            "label": "En mulig balanceret vej at gå i paradokset",
            "questions": [
                {"key": "mulige-veje", "text": "Undersøge mulige veje at gå"},
                {"key": "beslutning", "text": "Træf en beslutning (Hvad gør vi/jeg):"},
            ],
        },
    ]
    assert texts(builtin_tools, "paradoksmodel", "instruction") == ["ARBEJD NU MODELLEN IGENNEM"]
    assert len(texts(builtin_tools, "paradoksmodel", "gap")) == 2
    assert "kvadrant" in builtin_tools["paradoksmodel"].notes.lower()


# ---------------------------------------------------------------------------------------------
# The broad data concept


def test_the_broad_data_concept_has_four_data_types_with_their_examples(builtin_tools):
    tool = content(builtin_tools, "det-brede-databegreb")
    assert [(d["key"], d["name"], d["explanation"], d["examples"]) for d in tool["data_types"]] == [
        (
            "processuelle-data",
            "Processuelle data",
            "Hvordan og hvor hurtigt udvikler eleverne sig?",
            [
                "Observationer i klassen/på legepladsen",
                "Noter og logbøger om elever",
                "Uddannelsesplaner",
                "Læringsplatforme",
                "Elevprodukter",
                "Læringsmål",
                "Videooptagelser",
                "osv.",
            ],
        ),
        (
            "resultatdata",
            "Resultatdata",
            "Hvilke resultater får eleverne?",
            [
                "Års- og standpunktskarakterer",
                "Gennemførsel",
                "Afgangsprøver",
                "Nationale test",
                "Trivselsmålinger",
                "Test og prøver",
                "osv.",
            ],
        ),
        (
            "demografiske-data",
            "Demografiske data",
            "Hele baggrundsforståelsen",
            [
                "Uddannelsesniveau",
                "Indkomst",
                "Flersprogethed",
                "Nationaliteter",
                "Fritidsinteresser",
                "osv.",
            ],
        ),
        (
            "perceptionsdata",
            "Perceptionsdata",
            "De oplysninger lærere og pædagoger tager med sig fra deres møde med eleverne",
            ["Spørgeskemaer", "Interview", "Fortællinger", "Synsninger og rygter", "osv."],
        ),
    ]
    assert tool["figure"] == ["KVANTITATIVE DATA", "KVALITATIVE DATA"]
    assert len(texts(builtin_tools, "det-brede-databegreb", "gap")) == 1


# ---------------------------------------------------------------------------------------------
# Action plan template and the 5F model


def test_the_action_plan_template_has_its_parts_with_their_questions(builtin_tools):
    fields = content(builtin_tools, "handleplansskabelon")["fields"]
    assert [
        (f["key"], f["label"], [(q["key"], q["text"]) for q in f.get("questions", [])]) for f in fields
    ] == [
        ("skole", "Skole", []),
        ("maal", "Mål", [("maal", "Hvad vil I gerne opnå ved at arbejde med dette indsatsområde?")]),
        (
            "staasted",
            "Ståsted",
            [("staasted", "Hvilket område har I behov for og ønsker at forbedre som ledelsesteam?")],
        ),
        (
            "tiltag-og-tegn",
            "Tiltag og Tegn",
            [
                ("tiltag", "Hvad er det konkret I vil afprøve eller igangsætte?"),
                (
                    "hvem-hvornaar",
                    "Hvem gør hvad og hvornår vil I gøre det? Hvilken episode eller situation kan I "
                    "knytte afprøvningen til?",
                ),
                ("tegn", "Hvilke tegn vil fortælle jer, at I er lykkes med indsatsen?"),
            ],
        ),
        (
            "evaluering",
            "Evaluering",
            [("evaluering", "Hvordan og hvornår vil I samle op på afprøvningen og evt. justere den?")],
        ),
    ]
    assert len(texts(builtin_tools, "handleplansskabelon", "gap")) == 1


def test_the_5f_model_has_five_phases_each_with_its_prompts_and_description(builtin_tools):
    tool = content(builtin_tools, "5f-modellen")
    assert texts(builtin_tools, "5f-modellen", "introduction") == [
        "Anerkendende udforskning bygger på antagelse om, at sprog skaber virkelighed og tager afsæt i "
        "det, der fungerer og drømme om en ny fælles praksis."
    ]
    assert [(s["key"], s["number"], s["name"], s["prompts"], s["description"]) for s in tool["steps"]] == [
        (
            "fokuser",
            1,
            "1. Fokusér",
            ["Hvilken indsats, vil du arbejde med?"],
            "Bliv helt klar på det, du/I vil arbejde med. Hellere henimod – end væk fra.",
        ),
        (
            "forstaa",
            2,
            "2. Forstå",
            ["Hvilke successer og gode erfaringer har du?"],
            "Tænk tilbage på indsatser, du/I allerede har gode erfaringer, har haft succes, og trods "
            "udfordringer er lykkedes.",
        ),
        (
            "forestil",
            3,
            "3. Forestil",
            ["Forestil dig indsatsen som dit drømmescenarie."],
            "Beskriv hvordan drømmescenariet ser ud. Gerne detaljeret.",
        ),
        (
            "fastslaa",
            4,
            "4. Fastslå",
            ["Sæt mål.", "vælg de elementer i indsatsen du vil realisere."],
            "Bliv konkret på det, du/I ønsker at skabe. Sæt mål og find indsatser, der hvor der er mest "
            "energi.",
        ),
        (
            "frigoer",
            5,
            "5. Frigør",
            ["Beslut dig for handlinger, der realiserer indsatserne."],
            "Beslut dig/jer for de handlinger, der skal til for at realisere indsatserne. Beskriv "
            "processen, mest detaljeret på de første skridt.",
        ),
    ]
    assert "Sæt mål." in builtin_tools["5f-modellen"].notes


# ---------------------------------------------------------------------------------------------
# Relationship analysis and feedback model


def test_the_relationship_analysis_has_its_question_two_steps_and_five_reflections(builtin_tools):
    tool = content(builtin_tools, "relationsanalysen")
    assert texts(builtin_tools, "relationsanalysen", "question") == [
        "Hvilke relationer i organisationen skal jeg være særlig opmærksom på, for at handleplanen "
        "lykkes og hvorfor?"
    ]
    assert [(s["number"], s["name"]) for s in tool["steps"]] == [
        (1, "Trin 1: kortlæg disse relationer som vist i eksemplet"),
        (2, "Trin 2: reflektér over følgende spørgsmål"),
    ]
    assert [q["text"] for q in tool["steps"][1]["questions"]] == [
        "Hvad er vigtigt for denne person/team?",
        "Hvilke fortællinger om forbedringen giver det anledning til for dem?",
        "Hvilke bekymringer – og ønsker, håb og drømme ligger der i fortællingerne?",
        "Hvad kan jeg gøre for at styrke relationen?",
        "hvilken betydning har det for mine øvrige relationer – er der nogen, jeg bruger for meget tid på?",
    ]
    assert tool["figure"] == ["Handleplan", "Team", "Person"]
    assert len(texts(builtin_tools, "relationsanalysen", "gap")) == 1


def test_the_feedback_model_has_four_steps_with_their_sentence_starters(builtin_tools):
    tool = content(builtin_tools, "feedbackmodel")
    assert [(s["key"], s["name"], s["description"], s["sentence_starters"]) for s in tool["steps"]] == [
        (
            "iagttagelse",
            "1. Iagttagelse",
            "Ydre sansninger, observationer",
            ["Jeg ser...", "Jeg hører...", "Jeg lægger mærke til..."],
        ),
        (
            "oplevelse",
            "2. Oplevelse",
            "Indre sansninger, personlige tilbagemeldinger",
            ["Jeg bliver...", "Jeg føler mig...", "Min reaktion er, at jeg..."],
        ),
        (
            "fortolkning",
            "3. Fortolkning",
            "Vurderinger, domme",
            ["Du er...", "Det virker, som om du...", "Jeg synes, du virker..."],
        ),
        (
            "forslag",
            "4. Forslag",
            "Råd",
            ["Hvis jeg var dig...", "Du skulle tage at...", "Måske kunne du..."],
        ),
    ]
    assert tool["figure"] == [
        "Feedbackmodtager",
        "Feedbackgiver",
        "Iagttagelser",
        "Oplevelser",
        "Fortolkning",
        "Forslag",
    ]
    assert len(texts(builtin_tools, "feedbackmodel", "gap")) == 1


# ---------------------------------------------------------------------------------------------
# Meeting planner


def test_the_meeting_planner_has_its_questions_in_the_sources_five_groups(builtin_tools):
    questions = content(builtin_tools, "moedeplanlaegning")["questions"]
    assert [(q["group"], q["key"], q["text"]) for q in questions] == [
        (1, "deltagere", "Hvem skal være med på mødet?"),
        (1, "roller", "Hvilke roller skal fordeles før, under og efter mødet"),
        (1, "spilleregler", "Hvilke spilleregler skal opstilles for mødet som helhed og de enkelte punkter?"),
        (2, "dagsorden", "Hvad skal på dagsordenen?"),
        (2, "temaer", "Hvilke temaer skal vi behandle?"),
        (3, "udbytte", "Hvilket udbytte forventer vi konkret at kunne gå fra mødet med?"),
        (3, "udbytte-for-hvem", "Hvad skal vi have ud af mødet: som organisation, gruppe, individ etc.?"),
        (4, "formaal", "Hvad er det overordnede formål med mødet?"),
        (5, "tidspunkt", "Hvornår er et godt tidspunkt?"),
        (5, "tid", "Hvor meget tid skal der realistisk set afsættes til mødet og de enkelte punkter?"),
    ]
    keys = {q["key"] for q in questions}
    assert {"formaal", "udbytte", "deltagere", "roller", "spilleregler", "tidspunkt"} <= keys


def test_the_meeting_planners_agenda_table_has_its_six_columns(builtin_tools):
    table = content(builtin_tools, "moedeplanlaegning")["table"]
    assert [(c["key"], c["question"]) for c in table["columns"]] == [
        ("punkt", "Hvad kalder vi punktet?"),
        ("formaal-og-udbytte", "Hvad er formålet og det ønskede udbytte med punktet?"),
        ("proces", "Hvilken type proces egner sig bedst til at nå frem til det ønskede udbytte?"),
        (
            "roller-og-spilleregler",
            "Hvem har hvilke ansvarsopgaver og roller? Hvilke særlige spilleregler gør sig gældende for "
            "dette punkt?",
        ),
        ("tid", "Hvor lang tid skal vi realistisk set bruge til dette punkt?"),
        (
            "forberedelse",
            "Hvad skal kommunikeres på forhånd? Hvilke materialer skal vi medbringe? Hvem gør hvad?",
        ),
    ]
    assert table["rows"] == ["Programpunkt 1", "Programpunkt 2"]
    assert len(texts(builtin_tools, "moedeplanlaegning", "gap")) == 2


# ---------------------------------------------------------------------------------------------
# Consultant roles, distributed leadership, knowledge sharing, notes


def test_the_four_consultant_roles_each_say_when_and_by_what(builtin_tools):
    roles = content(builtin_tools, "konsulentroller")["roles"]
    assert [(r["key"], r["name"], r["when"], r["by"]) for r in roles] == [
        (
            "understoettende",
            "Jeg arbejder UNDERSTØTTENDE",
            "Når jeg tager udgangspunkt i samarbejdspartneres eksisterende praksis og forsøger at forstå "
            "deres præmisser.",
            "Ved at koble mig på, hjælpe med at opstille mål, anerkende eksisterende praksis, anvende "
            "eksisterende ressourcer, tydeliggøre metoder/praksis, sætte data i anvendelse.",
        ),
        (
            "udfordrende",
            "Jeg arbejder UDFORDRENDE",
            "Når jeg foreslår andre løsningsmuligheder og perspektiver end dem, der har været i spil, "
            "forstyrrer, provokerer og giver modspil på en konstruktiv måde.",
            "Ved at stille kritiske spørgsmål, være vedholdende, udfordre på løsninger og vante mønstre, "
            "bringe nye begreber/metoder i spil.",
        ),
        (
            "retningsgivende",
            "Jeg arbejder RETNINGSGIVENDE",
            "Når jeg bidrager til at anvise retning jf. erkendt og forskningsbaseret eller "
            "forskningsinformeret viden og fælles vedtagne målsætninger.",
            "Ved at rådgive og anbefale på baggrund af data og viden, henvise til mål/strategier, være "
            "faglig ekspert, være vedholdende i min opfølgning på handlingsplaner og målsætninger.",
        ),
        (
            "kvalitetsvurderende",
            "Jeg arbejder KVALITETSVURDERENDE",
            "Når jeg bruger min faglige indsigt inden for et givent område til at vurdere om kvaliteten "
            "kan øges med fokus på målopfyldelse og det enkelte barns progression.",
            "Ved at vurderer på målopfyldelse, progression og tegn, tale ind i kvalitetsaftaler og give "
            "feedback til de ansvarlige, holde fokus på at de formulerede mål nås.",
        ),
    ]


def test_distributed_leadership_has_four_task_areas_with_purpose_tasks_and_example_roles(builtin_tools):
    areas = content(builtin_tools, "distribueret-ledelse")["areas"]
    assert [(a["key"], a["name"], a["purpose"], a["tasks"], a["example_roles"]) for a in areas] == [
        (
            "kerneopgaven",
            "Kerneopgaven",
            "Sikre kvalitet i opgaveløsningen",
            "Faglig vejledning, sparring og koordination",
            ["Fagansvarlige", "vejledere", "fagkoordinatorer", "faglige fyrtårne"],
        ),
        (
            "administrative-opgaver",
            "Administrative opgaver",
            "Sikre overholdes af etablerede regler og effektivt ressourceforbrug",
            "Planlægning, dokumentation, kvalitetssikring",
            ["Vagt-/skemaplanlæggere"],
        ),
        (
            "langsigtede-maal",
            "Opgaver relateret til langsigtede mål",
            "Sikre organisationens løbende nødvendige tilpasning",
            "Opbakning til nye initiativer innovation, forbedre arbejdsgange",
            ["Forandringsagenter", "projektledere"],
        ),
        (
            "hr-opgaverne",
            "HR-opgaverne",
            "Sikre medarbejdernes trivsel og udvikling",
            "Understøtte relationer, arbejdsglæde og kompetenceudvikling",
            ["Onboardingansvarlige", "praktikvejledere"],
        ),
    ]


def test_knowledge_sharing_goes_from_describing_in_context_to_own_context(builtin_tools):
    steps = content(builtin_tools, "videndeling")["steps"]
    assert [(s["key"], s["number"], s["name"]) for s in steps] == [
        ("beskriv", 1, "Beskriv viden og erfaring i kontekst"),
        ("omsaet", 2, "Omsæt til egen kontekst"),
    ]


def test_notes_is_one_free_field(builtin_tools):
    assert content(builtin_tools, "noter") == {"fields": [{"key": "noter", "label": "Noter:"}]}


# ---------------------------------------------------------------------------------------------
# Faithfulness


def source_texts(value: Any, field: str = "") -> Iterator[str]:
    """Every text of a tool's content that is shown as the source's: not keys, kinds, gaps or notes."""
    if isinstance(value, dict):
        if value.get("kind") in ("gap", "note"):
            return
        for name, item in value.items():
            yield from source_texts(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from source_texts(item, field)
    elif isinstance(value, str) and field not in ("key", "kind", "poles"):  # a quadrant's poles are keys
        yield value


def test_every_text_of_every_tool_occurs_word_for_word_in_the_source(builtin_tools):
    missing = []
    for key, version in sorted(builtin_tools.items()):
        shown = list(source_texts(version.content)) + list(version.credits)
        if not version.name_is_descriptive:
            shown.append(version.name)
        missing += [(key, text) for text in shown if not in_source(text)]
    assert missing == []


def test_the_faithfulness_check_sees_every_kind_of_text(builtin_tools):
    # Keeps the walk above honest: it finds the texts of each part of the format.
    shown = {text for version in builtin_tools.values() for text in source_texts(version.content)}
    for text in (
        "FLEKSIBEL",  # an axis' pole
        "Systematik",  # a quadrant's value
        "Jeg lægger mærke til...",  # a sentence starter
        "Hvornår er et godt tidspunkt?",  # a question
        "Programpunkt 2",  # a table's row
        "Vagt-/skemaplanlæggere",  # an area's example role
        "Hele baggrundsforståelsen",  # a data type's explanation
        "Trin 1: kortlæg disse relationer som vist i eksemplet",  # a step
        "ARBEJD NU MODELLEN IGENNEM",  # a text
    ):
        assert text in shown
    assert not any("gengivet" in text for text in shown)  # no gap text is taken for the source's


def test_the_source_check_is_strict_about_punctuation_and_case(builtin_tools):
    assert in_source("Jeg arbejder UNDERSTØTTENDE")
    assert not in_source("Jeg arbejder understøttende")
    assert not in_source("Fordele, positive værdier:")
    assert source_contains("002", "Fordele, positive værdier:")  # the foundation's laxer check would pass


# Texts whose wording differs from the foundation kolding-faelles-om-ledelse, and why (docs/tools.md).
NOT_IN_THE_FOUNDATION = {
    "Programpunkt 1",  # the foundation keeps the line-end hyphen "Program-punkt"
    "Programpunkt 2",
}


def test_the_toolbox_words_its_texts_as_the_foundation_does(builtin_tools, builtin_frameworks):
    foundation = builtin_frameworks["kolding-faelles-om-ledelse"]
    words = [t.text for s in foundation.sections.all() for t in s.texts.all()]
    words += [e.text for e in foundation.expectations.all()]
    joined = " | ".join(normalised(w) for w in words)
    differing = {
        text
        for version in builtin_tools.values()
        for text in source_texts(version.content)
        if normalised(text) not in joined
    }
    assert differing == NOT_IN_THE_FOUNDATION

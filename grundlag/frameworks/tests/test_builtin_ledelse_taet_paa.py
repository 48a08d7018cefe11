"""Built-in content of source 003: Skolelederforeningen's "Ledelse-tæt-på".

The expected lists below are written out from the source document, item by item and in
the source's order: this file is the checklist that the encoded content is complete.
"""

import pytest

from grundlag.frameworks.tests.source_text import source_contains

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(builtin_frameworks):
    return builtin_frameworks["ledelse-taet-paa"]


def section_texts(version, key):
    section = version.sections.get(key=key)
    return [(t.kind, t.text) for t in section.texts.order_by("position", "id")]


def statements(version, key):
    expectations = version.expectations.filter(section__key=key).order_by("position", "id")
    return [(e.kind, e.text) for e in expectations]


# The PDF sets its bullets in two columns, which the extracted text runs together; the
# split between them is explained in version.notes.
BEHAVIOURS = [
    "sætte en klar retning for skolen, sikre fokus og orientere sig mod at skabe forandring "
    "og udvikling og følge op på konkrete indsatser i skolen.",
    "organisere og autorisere samspillet mellem medarbejdere og skolens resursepersoner.",
    "facilitere læreprocesser blandt skolens medarbejdere og udvikle og understøtte en "
    "professionel kultur på skolen.",
    "inddrage, reflektere og anvende medarbejdernes erfaringer og sparre med dem om konkrete "
    "læringssituationer.",
    "drøfte undervisning og læring med de pædagogiske medarbejdere i en række forskellige fora.",
    "fokusere på udviklingen af en kultur, hvor der er plads til hverdagens uformelle "
    "relationer, som for eksempel opstår, når en medarbejder kigger forbi lederens kontor for "
    "at vende en specifik udfordring.",
    "facilitere fælles udvikling i organisationen, for eksempel når en medarbejder deler en "
    "positiv erfaring fra klasseværelset med ledere og kolleger.",
    "understøtte en stærk faglig samarbejdskultur gennem organisering af medarbejdernes "
    "arbejde med det mål at fremme en stærk kultur for samarbejde og videndeling.",
    "opbygge ægte og troværdige relationer i de personlige relationer mellem ledelse og medarbejdere.",
    "skærme medarbejdere.",
    "være optaget af egen udvikling samt ledelsesteamets udvikling som en del af skolens fokus "
    "på løbende at udvikle og kvalificere den pædagogiske praksis.",
    "være nærværende på en kvalificeret måde og understøtte de pædagogiske medarbejdere.",
]

CONDITIONS = [
    "Tilstrækkelig ledelsestid i forhold til opgavens omfang",
    "Tilstrækkelig tid til sparring og kompetenceudvikling",
    "Tydeligt decentralt råderum præget af tillid og med plads til udvikling og innovation",
]

POSSIBILITIES = [
    "skabe sammenhæng imellem forskellige faktorer som forventninger, resurser, "
    "prioriteringer, ledelsesrum, økonomi og drift.",
    "forberede og facilitere møder og processer, der understøtter læreprocesser og skaber en "
    "retning for skolen.",
    "samarbejde med forvaltning og medarbejdere, så der skabes gennemsigtighed og overblik "
    "over opgaver, så lederne kan prioritere de opgaver, der styrker grundlaget for et godt "
    "læringsmiljø.",
    "sætte retning, etablere et samarbejde og, hvis opgaven kræver det, være tæt på læringssituationerne.",
    "løse problemer i hverdagen.",
    "opbygge tidlige og forebyggende indsatser, så skolen får mangfoldige og inkluderende "
    "læringsmiljøer, der er tilpasset elevgruppen på skolen.",
    "have et realistisk antal medarbejdere, man som leder er direkte leder for.",
    "blive understøttet af et stærkt fagligt og tværfagligt samarbejde i forvaltningen.",
    "skabe betingelser for, at de mange lokale processer kan spille sammen og foregå på et "
    "kvalificeret grundlag.",
    "skabe et ledelsesrum, hvor krydspresset ikke er hæmmende for det psykiske arbejdsmiljø.",
    "opbygge en allroundviden om undervisning og læring, som giver legitimitet og "
    "selvforståelse, så lederen kan stille sig i spidsen for et fagligt udviklingsforløb.",
    "forvalte og udvikle egne resurser og ledelse ”ind mod sig selv” med rum til refleksion og "
    "fordybelse og med henblik på at kunne løse de ovennævnte opgaver.",
]


def test_it_names_skolelederforeningens_frame_description_as_its_source(version):
    assert version.framework.name == "Ledelse-tæt-på"
    assert version.framework.owner == "Skolelederforeningen"
    assert version.number == 1
    assert version.status == "published"
    assert version.parent is None
    assert version.source_code == "003"
    assert version.source_title == "Ledelse-tæt-på"
    assert version.source_publisher == "Skolelederforeningen"
    assert version.source_document == "003_40133387b462802d.txt"


def test_it_has_no_levels(version):
    assert not version.levels.exists()
    assert not version.expectations.filter(level__isnull=False).exists()


def test_it_has_introduction_behaviour_condition_and_possibility_sections_in_order(version):
    assert [(s.key, s.kind, s.title) for s in version.sections.order_by("position")] == [
        ("indledning", "introduction", "Ledelse-tæt-på"),
        ("ledelse-taet-paa-kan-vaere-at", "behaviour", "Ledelse-tæt-på kan være at"),
        ("vilkaar-og-forudsaetninger", "condition", "Vilkår og forudsætninger"),
        (
            "vilkaarene-giver-mulighed-for",
            "possibility",
            "Og de vilkår giver lederne mulighed for at",
        ),
    ]


def test_it_carries_every_paragraph_of_the_sidebar_as_introduction(version):
    assert section_texts(version, "indledning") == [
        (
            "introduction",
            "Ledelse-tæt-på handler om at lede medarbejdernes opgaveløsning og udvikling "
            "kvalificeret og positivt til gavn for elevernes læring",
        ),
        (
            "introduction",
            "Dette er en rammebeskrivelse af, hvad Skolelederforeningen forstår ved ledelse-tæt-på.",
        ),
        (
            "introduction",
            "En forudsætning for skoleudvikling er god skoleledelse, der sætter retning, "
            "etablerer et samarbejde og er tæt på undervisningsopgaven",
        ),
        (
            "introduction",
            "Skolelederforeningen er ud fra et vilkårs- og udviklingsperspektiv optaget af, på "
            "hvilken måde lederne kan understøtte kerneopgaven beskrevet i "
            "formålsbestemmelserne i folkeskoleloven, herunder elevernes læring, trivsel, "
            "dannelse og uddannelse.",
        ),
        (
            "introduction",
            "Seneste vilkårsundersøgelse viser, at medlemmerne har et stort ønske om i højere "
            "grad at kunne udøve ledelse-tæt-på, men har vanskeligt ved at få mulighed for det.",
        ),
    ]
    assert statements(version, "indledning") == []


def test_it_carries_every_behaviour_of_what_ledelse_taet_paa_can_be(version):
    assert statements(version, "ledelse-taet-paa-kan-vaere-at") == [
        ("behaviour", text) for text in BEHAVIOURS
    ]


def test_it_carries_the_three_conditions_with_their_explanation(version):
    assert section_texts(version, "vilkaar-og-forudsaetninger") == [
        (
            "body",
            "Vilkår og forudsætninger for ledelse-tæt-på påvirker ledelsens mulighed for "
            "udvikling af kerneopgaven og for at understøtte elevernes udvikling.",
        ),
        ("lead_in", "Det kræver vilkår og forudsætninger for ledelsen at udøve ledelse-tæt-på"),
    ]
    assert statements(version, "vilkaar-og-forudsaetninger") == [("condition", text) for text in CONDITIONS]


def test_it_carries_everything_the_conditions_make_possible(version):
    assert statements(version, "vilkaarene-giver-mulighed-for") == [
        ("enabled_by_conditions", text) for text in POSSIBILITIES
    ]


def test_all_24_bullets_of_the_source_are_carried_once(version):
    bullets = BEHAVIOURS + POSSIBILITIES
    assert len(bullets) == len(set(bullets)) == 24
    assert version.expectations.count() == 24 + 3


def test_the_notes_explain_how_the_flattened_columns_were_split(version):
    notes = " ".join(version.notes.split())
    assert "spalte" in notes
    assert "ovennævnte opgaver" in notes
    assert "realistisk antal medarbejdere" in notes


def test_every_text_occurs_word_for_word_in_the_source(version):
    texts = [s.title for s in version.sections.all()]
    for section in version.sections.all():
        texts += [t.text for t in section.texts.all() if t.kind not in ("gap", "note")]
    texts += [e.text for e in version.expectations.all()]
    assert [text for text in texts if not source_contains("003", text)] == []

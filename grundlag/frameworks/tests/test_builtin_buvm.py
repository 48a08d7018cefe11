"""Built-in content of source 000: the ministry's common foundation (buvm) and STIL's part (stil).

The expected lists below are written out from the source document, item by item and in
the source's order: this file is the checklist that the encoded content is complete.
"""

import pytest

from grundlag.frameworks.selectors import expected_at_level
from grundlag.frameworks.tests.source_text import source_contains

pytestmark = pytest.mark.django_db

STIL_LEVELS = ["direktoer", "vicedirektoer", "kontorchef"]


@pytest.fixture
def buvm(builtin_frameworks):
    return builtin_frameworks["buvm"]


@pytest.fixture
def stil(builtin_frameworks):
    return builtin_frameworks["stil"]


def section_texts(version, key):
    section = version.sections.get(key=key)
    return [(t.kind, t.text) for t in section.texts.order_by("position", "id")]


def statements(version, section_key, level_key=None):
    """(kind, text) of a section's statements: the common part, or one level's own."""
    expectations = version.expectations.filter(section__key=section_key)
    if level_key is None:
        expectations = expectations.filter(level__isnull=True)
    else:
        expectations = expectations.filter(level__key=level_key)
    return [(e.kind, e.text) for e in expectations.order_by("position", "id")]


def all_source_texts(version):
    """Every title, section text and statement that must occur in the source word for word."""
    for section in version.sections.all():
        yield section.title
        for text in section.texts.all():
            if text.kind not in ("gap", "note"):
                yield text.text
    for expectation in version.expectations.all():
        yield expectation.text


# --- The ministry's common foundation ----------------------------------------------------------


def test_the_common_foundation_names_its_source(buvm):
    assert buvm.framework.name == "Børne- og Undervisningsministeriets fælles ledelsesgrundlag"
    assert buvm.number == 1
    assert buvm.status == "published"
    assert buvm.parent is None
    assert buvm.source_code == "000"
    assert buvm.source_title == "Fælles ledelsesgrundlag for Børne- og Undervisningsministeriet"
    assert buvm.source_publisher == "Børne- og Undervisningsministeriet og STIL"
    assert buvm.source_document == "000_2f97d40d52eb3b27.txt"


def test_the_common_foundation_has_its_four_sections_in_the_source_order(buvm):
    assert [(s.key, s.kind, s.title) for s in buvm.sections.order_by("position")] == [
        (
            "hvorfor",
            "introduction",
            "Hvorfor et fælles ledelsesgrundlag for Børne- og Undervisningsministeriet?",
        ),
        ("strukturen", "introduction", "Strukturen i ledelsesgrundlaget"),
        ("det-faelles-ledelsesgrundlag", "principle", "Det fælles ledelsesgrundlag"),
        ("effektbillede", "effect", "Effektbillede"),
    ]


def test_the_common_foundation_has_no_levels(buvm):
    assert not buvm.levels.exists()
    assert not buvm.level_groups.exists()
    assert not buvm.expectations.filter(level__isnull=False).exists()


def test_it_carries_the_whole_introduction_signed_by_the_koncernledelse(buvm):
    assert section_texts(buvm, "hvorfor") == [
        (
            "introduction",
            "I Børne- og Undervisningsministeriet arbejder vi for at skabe fagligt stærke "
            "dagtilbud og uddannelser til alle. Vi er optagede af at sikre god undervisning og "
            "gode rammer og vilkår for undervisere og de børn, unge og voksne, der benytter "
            "sektorens tilbud. Vi har fokus på, at dagtilbud og undervisning foregår på stærke "
            "og veldrevne institutioner.",
        ),
        (
            "introduction",
            "Det er denne opgave, vi er sat i verden for at løse, og det er den, der hver dag "
            "motiverer os til at levere en solid indsats. Vores fælles opgave kræver god "
            "ledelse på tværs af ministeriet. Det kræver, at vi prioriterer ledelse, og at vi "
            "har en vedvarende dialog om, hvordan vi leder.",
        ),
        (
            "introduction",
            "Det fælles ledelsesgrundlag skal være en referenceramme for, hvordan vi gerne vil "
            "lede i ministeriet. Derfor ønsker vi, at det bliver et ledelsesgrundlag, som vi "
            "alle som ledere kan læne os op af, når vi bliver i tvivl, og som er et fælles "
            "fundament for os i arbejdet med at styrke ledelsesopgaver i alle dele af "
            "koncernen.",
        ),
        (
            "introduction",
            "Vi forventer, at det fælles ledelsesgrundlag kan støtte os i årene fremover.",
        ),
        ("note", "Koncernledelsen"),
    ]
    assert statements(buvm, "hvorfor") == []


def test_it_says_the_foundation_has_a_common_part_and_a_part_per_unit(buvm):
    assert section_texts(buvm, "strukturen") == [
        (
            "body",
            "Grundlaget har en fælles del for hele ministeriet og en del tilpasset den enkelte enhed.",
        )
    ]


def test_it_marks_the_five_areas_lost_in_the_graphic_as_a_gap_and_invents_none(buvm):
    texts = section_texts(buvm, "det-faelles-ledelsesgrundlag")
    assert [kind for kind, _text in texts] == ["ambition", "gap", "body"]
    assert texts[0][1] == (
        "Vores ambition for ministerområdet er, at vi som ledere på alle niveauer bliver bedre til:"
    )
    assert "grafik" in texts[1][1]
    assert "ikke gengivet" in texts[1][1]
    assert texts[2][1] == (
        "Vi vil som ledere hver for sig og sammen styrke disse 5 områder af vores ledelsesopgave."
    )
    assert statements(buvm, "det-faelles-ledelsesgrundlag") == []
    assert "grafik" in buvm.notes


def test_it_carries_the_six_intended_effects_of_the_effect_picture(buvm):
    assert section_texts(buvm, "effektbillede") == [
        (
            "body",
            "Ledelsesgrundlaget er et middel til at styrke vores opgaveløsning og leverancer "
            "igennem bedre ledelse.",
        ),
        (
            "lead_in",
            "Målet er, at grundlaget i de kommende år bidrager til, at medarbejdere, ledere og "
            "samarbejdspartnere oplever, at der er:",
        ),
    ]
    assert statements(buvm, "effektbillede") == [
        ("effect", "Tydelig retning i opgaveløsningen for STIL, STUK og departementet"),
        ("effect", "Klar prioritering af hvilke opgaver og projekter, der er de vigtigste"),
        ("effect", "Godt samarbejde og forståelse imellem sektor og ministeriet"),
        ("effect", "Markante ledere, der trives og udvikler sig i deres roller"),
        ("effect", "Klar ambition for indsamling og anvendelse af data"),
        (
            "effect",
            "Engagerede medarbejdere, der trives og oplever klarhed om prioritering af opgaver.",
        ),
    ]


def test_every_text_of_the_common_foundation_occurs_word_for_word_in_the_source(buvm):
    missing = [text for text in all_source_texts(buvm) if not source_contains("000", text)]
    assert missing == []


# --- STIL's part --------------------------------------------------------------------------------


DISCIPLINES = {
    "strategisk-ledelse": {
        "title": "Ledelsesdisciplinen strategisk ledelse",
        "ambition": (
            "STIL’s kommende strategi (STIL 2025) bygger oven på de fremskridt, vi allerede har "
            "opnået via ”STIL på vej mod 2020”. Vi fremmer hurtigere værdiskabelse. Vi får mere "
            "ud af vores data. Vi skaber digital sammenhæng for brugerne samt sikrer høj grad af "
            "sikkerhed i og omkring vores løsninger."
        ),
        "lead_in": "Du kan forvente, at vi prioriterer strategisk ledelse ved, at vi:",
        "levels_lead_in": "Strategisk ledelse på forskellige ledelsesniveauer",
        "you_can_expect": [
            "Følger med i relevante tendenser inden for digitalisering, samfundsudvikling, "
            "undervisning og data for at sikre både udsyn og fremsyn.",
            "Sætter mål og retning for STIL’s og enhedens arbejde.",
            "Fortæller, hvad målet, retningen og meningen er til medarbejderne og vores omverden.",
            "Involverer vores omgivelser proaktivt og systematisk.",
        ],
        "direktoer": [
            "Tager initiativ til udarbejdelse af strategi for STIL og kommunikerer den store fortælling",
            "Har organisatorisk udsyn og er opmærksom på balancen mellem nye strategiske tiltag "
            "og fokus på den løbende drift",
            "Har blik for det tværgående samarbejde i BUVM",
            "Positionerer STIL udadtil og indadtil",
            "Indgår og leder partnerskaber og strategiske samarbejder med andre aktører",
        ],
        "vicedirektoer": [
            "Oversætter STIL’s strategi i organisationen i rammer, initiativer og opgaver",
            "Viser retning; holder fast og minder om – og prioriterer",
            "Har blik for det tværgående samarbejde i BUVM",
            "Plejer netværk indadtil og udadtil for at sikre et velfungerende samarbejde",
            "Sparrer med kontorchefer om tempo og retning i dagligdagen",
        ],
        "kontorchef": [
            "Sikrer, at STIL’s strategi lever i organisationen i opgaver og som udvikling af produktet",
            "Tager initiativ til, at produkter og opgaver løbende vurderes, udvikles og afvikles",
            "Har blik for det tværgående samarbejde i BUVM",
            "Sikrer hvad der skal til for, at medarbejderne kender den strategiske retning og følger den",
        ],
    },
    "driftsledelse": {
        "title": "Ledelsesdisciplinen driftsledelse",
        "ambition": (
            "STIL har fokus på professionel driftsledelse. Det er målet, at STIL altid har "
            "stabil og sikker drift. Der arbejdes efter faste procedurer i henhold til vores "
            "produktmodel, og der er indført agile arbejdsmetoder for at skabe gennemsigtighed, "
            "prioritering og tidlig værdiskabelse."
        ),
        "lead_in": ("Du kan forvente, at vi har fokus på leverancer, der skaber tidlig værdi ved, at vi:"),
        "levels_lead_in": "Driftsledelse på forskellige ledelsesniveauer",
        "you_can_expect": [
            "Har overblik over driften.",
            "Følger op på, om vi når vores mål og leverancer.",
            "Prioriterer opgaver og ressourcer.",
            "Har et effektivt beredskab til at håndtere kriser.",
            "Er en professionel samarbejdspartner.",
        ],
        "direktoer": [
            "Sikrer rammerne og sætter retning",
            "Efterspørger stabil og sikker drift",
            "Prioriterer på tværs",
            "Efterspørger og sikrer en effektiv leveranceorganisation",
            "Skaber tryghed og synlighed om driften i koncernen",
        ],
        "vicedirektoer": [
            "Hjælper og sparrer med kontorchefer om prioritering",
            "Udvikler og støtter leveranceorganisationen/projektmodel/produktmodel",
            "Allokerer/prioriterer ressourcer på tværs af eget område",
            "Løfter blikket – tænker risikobaseret",
            "Følger op og orienterer direktøren om opgaveløsning og fremdrift",
            "Krisehåndterer",
        ],
        "kontorchef": [
            "Sikrer prioritering af daglige opgaver i relation til organisationen og kontorets mål",
            "Implementerer leveranceorganisationen",
            "Håndterer samarbejdspartnere",
            "Følger op og sikrer fremdrift og effektiv opgaveløsning – orienterer vicedirektør",
            "Har overblik og forudser kriser – håndterer hvis de opstår",
            "Koordinerer med Product Owners og teamledere",
        ],
    },
    "faglig-ledelse": {
        "title": "Ledelsesdisciplinen faglig ledelse",
        "ambition": (
            "Vores faglige ledelse er kendetegnet ved, at vi har et dybt kendskab til it, "
            "digitalisering og data, og hvordan det faktisk anvendes og bedre vil kunne anvendes "
            "på børne- og undervisningsområdet. Vi er i tæt kontakt med brugere, leverandører og "
            "interesseorganisationer, som vi udvikler vores løsninger i samarbejde med."
        ),
        "lead_in": "Du kan forvente, at vi er faglige ledere, der:",
        "levels_lead_in": "Faglig ledelse på forskellige ledelsesniveauer",
        "you_can_expect": [
            "Skaber faglige resultater gennem klar ledelse tilpasset til den enkelte medarbejder, "
            "det enkelte team og kontors forudsætninger og opgavens karakter.",
            "Sikrer, at organisationen har de rette faglige kompetencer og fortsat er på forkant "
            "med det faglige domæne it, digitalisering og data på børne- og undervisningsområdet.",
            "Kvalitetssikrer leverancer eller skaber fundamentet for andre, bl.a. ved at stille de "
            "rigtige spørgsmål og sikre, at de rette har bidraget til løsning af opgaven.",
            "Er åbne for faglige input udefra - nationalt og internationalt.",
        ],
        "direktoer": [
            "Holder sig ajour med vigtige trends",
            "Sikrer DC/ministerens opbakning",
            "Formidler fra KCL, DC og ministeren tilbage i organisationen",
            "Interesserer sig for det faglige indhold på områder med aktuelt politisk fokus",
            "Prioriterer den faglige udvikling højt",
        ],
        "vicedirektoer": [
            "Opfanger og formidler trends",
            "Sikrer bedste tværgående løsning",
            "Sikrer, at alle faglige områder er dækket",
            "Har overblik over opgave/kompetenceområdet",
            "Foretager deep dive fagligt og sikrer balance mellem det generelle billede og detaljen",
        ],
        "kontorchef": [
            "Sikrer alsidig/faglig indsigt og bredde",
            "Har et grundlæggende kendskab til BUVM’s område",
            "Inddrager kilder (forskere/interessenter) til viden",
            "Sikrer faglig udvikling",
            "Fastholder den faglige retning",
            "Løser problemer med de rette faglige kompetencer og samarbejder på tværs i STIL og i BUVM",
            "Sikrer høj faglig kvalitet",
        ],
    },
    "personaleledelse-og-udvikling": {
        "title": "Ledelsesdisciplinen personaleledelse og udvikling",
        "ambition": (
            "Vi ønsker at give og modtage feedback og at udvikle vores medarbejdere, ledere og "
            "organisation. Vi har derfor fokus på at udfordre og støtte hinanden. I de kommende "
            "år vil vi videreudvikle disse kompetencer."
        ),
        "lead_in": "Du kan forvente, at vi er aktive personaleledere, der:",
        "levels_lead_in": "Personaleledelse og udvikling på forskellige ledelsesniveauer",
        "you_can_expect": [
            "Siger, hvad vi forventer og støtter den enkelte i at komme derhen.",
            "Håndterer konflikter og gør det på en ordentlig måde.",
            "Sætter det rigtige hold i både rekruttering, udvikling og opgaveløsning - også på "
            "tværs af organisationen.",
            "Styrker personaleledelsen i forbindelse med ressourceplanlægning og teamsamarbejdet.",
            "Giver og modtager feedback ved aktivt at inspirere, udfordre og tilskynde til "
            "udvikling blandt medarbejdere.",
            "Skaber rum for, at medarbejderne kan tage ansvar for egen udvikling.",
        ],
        "direktoer": [
            "Tager initiativ til organisationsudvikling",
            "Søger inspiration uden for egne rammer/egen verden",
            "Støtter i ”hyre og fyre” med sparring",
            "Skaber rammer for både vicedirektører og kontorchefers ledelsesrum samt egen "
            "tilgang til disse ledelsesrum",
        ],
        "vicedirektoer": [
            "Orkestrerer tværgående kompetenceudvikling",
            "Har et tværgående blik på personaleledelse bl.a. gennem interne rokeringer, "
            "kompetencebehov/-profiler",
            "Støtter i ”hyre og fyre” med overvejelser og deltagelse",
            "Skaber rammer for både kontorchefers ledelsesrum og egen tilgang til disse ledelsesrum",
        ],
        "kontorchef": [
            "Skaber rum for, at teams og medarbejdere tager ansvar og udvikler kompetencer",
            "Skaber et trygt rum for udvikling",
            "Sikrer god trivsel",
            "Motiverer og sikrer involverende og dialogbaseret ledelse",
            "Tør håndtere svære og konfliktfyldte forhold",
            "Understøtter mobilitet og rokering på tværs",
        ],
    },
    "udvikling-af-dig-selv-som-leder": {
        "title": "Ledelsesdisciplinen udvikling af dig selv som leder",
        "ambition": (
            "STIL’s ledergruppe arbejder med ledelsesudvikling både som lederteam og som "
            "enkeltindivider. Vi har fokus på at undersøge og udfordre hinandens ledelse og på at "
            "bringe den enkelte leders styrker i spil bedst muligt. Kun derved kan vi skabe "
            "resultater og engagere medarbejdere."
        ),
        "lead_in": "Du kan forvente, at vi:",
        "levels_lead_in": "Udvikling af dig selv som leder på forskellige ledelsesniveauer",
        "you_can_expect": [
            "Giver og modtager feedback fra hinanden, også når det er svært, ved aktivt at "
            "inspirere, udfordre og tilskynde hinanden til udvikling i ledergruppen.",
            "Tænker i helheder og spiller som et fælles lederhold, der er bevidste om hinandens "
            "kompetencer, og bruger dem bedst muligt.",
            "Er bevidste om egne styrker og svagheder, og har modet til at bringe dem i spil, "
            "også når det afslører egen sårbarhed.",
        ],
        "direktoer": [
            "Prioriterer og skaber plads til at ledere og ledergrupper kan arbejde med sig selv",
            "Walk the talk ved at gå foran som et godt eksempel",
            "Udviser åbenhed om egen personlig udvikling og vilje til at arbejde med sig selv",
        ],
        "vicedirektoer": [
            "Prioriterer og skaber plads til at ledere og egen ledergruppe kan arbejde med sig selv",
            "Walk the talk ved at gå foran som et godt eksempel",
            "Udviser åbenhed om egen personlig udvikling og vilje til at arbejde med sig selv",
        ],
        "kontorchef": [
            "Har mod på at udfordre og selv at blive udfordret",
            "Udviser god team spirit/holdånd",
            "Udviser selvindsigt og vilje til at arbejde med sig selv",
            "Bruger sin viden og erfaring til løbende udvikling",
        ],
    },
}


def test_stils_part_extends_the_common_foundation(stil, buvm):
    assert stil.framework.name == (
        "STIL’s del af Børne- og Undervisningsministeriets fælles ledelsesgrundlag"
    )
    assert stil.framework.owner == "Styrelsen for It og Læring (STIL)"
    assert stil.parent == buvm
    assert stil.number == 1
    assert stil.status == "published"
    assert stil.source_code == "000"
    assert stil.source_document == "000_2f97d40d52eb3b27.txt"


def test_stils_part_keeps_the_line_that_introduces_the_five_disciplines(stil):
    assert "De fem ledelsesdiscipliner" in stil.framework.description
    assert "STIL’s fem discipliner i det gode lederskab:" in stil.framework.description


def test_stils_levels_run_from_direktoer_to_kontorchef(stil):
    assert [(level.key, level.name) for level in stil.levels.order_by("position")] == [
        ("direktoer", "Direktør"),
        ("vicedirektoer", "Vicedirektør"),
        ("kontorchef", "Kontorchef"),
    ]


def test_stil_has_the_five_disciplines_in_the_source_order(stil):
    assert [(s.key, s.kind, s.title) for s in stil.sections.order_by("position")] == [
        (key, "discipline", discipline["title"]) for key, discipline in DISCIPLINES.items()
    ]


@pytest.mark.parametrize("key", DISCIPLINES)
def test_each_discipline_carries_its_ambition_and_lead_ins(stil, key):
    discipline = DISCIPLINES[key]
    assert section_texts(stil, key) == [
        ("ambition", discipline["ambition"]),
        ("lead_in", discipline["lead_in"]),
        ("lead_in", discipline["levels_lead_in"]),
    ]


@pytest.mark.parametrize("key", DISCIPLINES)
def test_each_discipline_carries_every_you_can_expect_statement_as_common_content(stil, key):
    assert statements(stil, key) == [("you_can_expect", text) for text in DISCIPLINES[key]["you_can_expect"]]


@pytest.mark.parametrize("level", STIL_LEVELS)
@pytest.mark.parametrize("key", DISCIPLINES)
def test_each_discipline_carries_every_behaviour_of_each_level(stil, key, level):
    assert statements(stil, key, level) == [("behaviour", text) for text in DISCIPLINES[key][level]]


def test_stil_carries_all_22_you_can_expect_statements_and_72_behaviours(stil):
    # The source has 28 U+F0B7 bullets (22 "Du kan forvente" + 6 effects in buvm) and 72 "•".
    assert stil.expectations.filter(kind="you_can_expect", level__isnull=True).count() == 22
    assert stil.expectations.filter(kind="behaviour", level__isnull=False).count() == 72
    assert stil.expectations.count() == 94


def test_every_text_of_stils_part_occurs_word_for_word_in_the_source(stil):
    missing = [text for text in all_source_texts(stil) if not source_contains("000", text)]
    assert missing == []


# --- Common part + unit part ------------------------------------------------------------------


@pytest.mark.parametrize("level_key", STIL_LEVELS)
def test_what_is_expected_of_a_stil_level_includes_the_ministrys_common_part_once(stil, buvm, level_key):
    level = stil.levels.get(key=level_key)
    contents = expected_at_level(version=stil, level=level)

    keys = [(c.section.version_id, c.section.key) for c in contents]
    assert keys == [
        (buvm.id, "hvorfor"),
        (buvm.id, "strukturen"),
        (buvm.id, "det-faelles-ledelsesgrundlag"),
        (buvm.id, "effektbillede"),
        *[(stil.id, key) for key in DISCIPLINES],
    ]
    by_key = {c.section.key: c for c in contents}
    assert all(c.inherited for c in contents if c.section.version_id == buvm.id)
    assert not any(c.inherited for c in contents if c.section.version_id == stil.id)
    assert [e.text for e in by_key["effektbillede"].expectations] == [
        text for _kind, text in statements(buvm, "effektbillede")
    ]
    for key, discipline in DISCIPLINES.items():
        assert [e.text for e in by_key[key].expectations] == (
            discipline["you_can_expect"] + discipline[level_key]
        )


def test_a_level_sees_no_behaviours_of_the_other_levels(stil):
    level = stil.levels.get(key="kontorchef")
    contents = expected_at_level(version=stil, level=level)
    levels_seen = {e.level.key for c in contents for e in c.expectations if e.level_id}
    assert levels_seen == {"kontorchef"}

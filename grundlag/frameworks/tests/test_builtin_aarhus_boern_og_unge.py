"""Source 004: Aarhus Kommune, Børn og Unge, "God ledelse på alle niveauer i Børn og Unge".

The expected lists below are the checklist against the source document
(../shared/seeds/004_475f90f975c62c9a.txt), written out item by item in the source's order.
"""

from collections import Counter

import pytest

from grundlag.frameworks.tests.source_text import source_contains

SLUG = "aarhus-boern-og-unge"
SOURCE = "004"

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(builtin_frameworks):
    return builtin_frameworks[SLUG]


def section(version, key):
    return version.sections.get(key=key)


def texts(version, key):
    return [(t.kind, t.text) for t in section(version, key).texts.order_by("position")]


def statements(version, key, level=None):
    """The section's statements tied to `level` (a level key), or its common ones (None)."""
    tied = {"level__isnull": True} if level is None else {"level__key": level}
    return [e.text for e in section(version, key).expectations.filter(**tied).order_by("position")]


def seen_at(version, key, level):
    """What a leader at `level` reads in the section: the common statements and the level's own."""
    queryset = section(version, key).expectations.order_by("position")
    return [e.text for e in queryset if e.level is None or e.level.key == level]


# ---------------------------------------------------------------------------------------------
# The framework, its source, level groups and levels


def test_it_is_aarhus_boern_og_unges_foundation_from_source_004(version):
    assert version.framework.name == "God ledelse på alle niveauer i Børn og Unge"
    assert version.framework.owner == "Aarhus Kommune, Børn og Unge"
    assert version.number == 1
    assert version.status == "published"
    assert version.parent is None
    assert version.source_code == "004"
    assert version.source_title == "God ledelse på alle niveauer i Børn og Unge"
    assert version.source_publisher == "Aarhus Kommune, Børn og Unge"
    assert version.source_document == "004_475f90f975c62c9a.txt"


def test_it_has_the_three_level_groups_in_order(version):
    assert [(g.key, g.name) for g in version.level_groups.order_by("position")] == [
        ("chefteamet", "Chefteamet"),
        ("leder-af-leder", "Leder af leder"),
        ("leder-af-medarbejder", "Leder af medarbejder"),
    ]


def test_it_has_the_six_levels_from_the_top_of_the_chain_down_each_in_its_group(version):
    assert [(level.key, level.name, level.group.name) for level in version.levels.order_by("position")] == [
        ("direktoer", "Direktør", "Chefteamet"),
        ("boern-og-ungechef", "Børn- og Ungechef", "Chefteamet"),
        ("forvaltningschef", "Forvaltningschef", "Chefteamet"),
        ("dagtilbuds-skole-og-fu-leder", "Dagtilbuds-, skole- og FU-leder", "Leder af leder"),
        ("kontorchef", "Kontorchef", "Leder af leder"),
        ("leder-af-medarbejder", "Leder af medarbejder", "Leder af medarbejder"),
    ]


def test_the_leader_of_employees_is_described_by_the_pages_examples(version):
    descriptions = {level.key: level.description for level in version.levels.all()}
    assert descriptions == {
        "direktoer": "",
        "boern-og-ungechef": "",
        "forvaltningschef": "",
        "dagtilbuds-skole-og-fu-leder": "",
        "kontorchef": "",
        "leder-af-medarbejder": "Fx administrationsleder, sektionsleder",
    }


# ---------------------------------------------------------------------------------------------
# Sections


def test_it_has_the_sections_in_the_source_order(version):
    assert [(s.key, s.kind, s.title) for s in version.sections.order_by("position")] == [
        ("faelles-om-det-gode-boerneliv", "introduction", "Fælles om det gode børneliv"),
        ("god-ledelse-i-boern-og-unge", "introduction", "God ledelse i Børn og Unge"),
        ("principper", "principle", "Fælles for alle ledere i Børn og Unge"),
        ("jeg-skal-lykkes-med", "role", "Jeg skal lykkes med"),
        ("mit-ansvar-og-primaere-opgaver", "role", "Mit ansvar og primære opgaver"),
        ("det-skal-jeg-kunne", "role", "Det skal jeg kunne"),
        ("principper-kort", "principle", "Fælles for alle ledere i Børn og Unge (kort form)"),
    ]


def test_the_introduction_carries_every_paragraph_of_faelles_om_det_gode_boerneliv(version):
    assert texts(version, "faelles-om-det-gode-boerneliv") == [
        (
            "introduction",
            "I Børn og Unge tager vi hver dag hånd om 65.000 børn og unge i dagtilbud, skoler, "
            "fritidstilbud, specialskoler samt sundheds- og tandplejen. Vi er med til at skabe en "
            "god by for alle og bidrager til at skabe værdi for og med borgerne i hele Aarhus "
            "Kommune.",
        ),
        (
            "introduction",
            "Vi er fælles om børnene, de unge og det gode børneliv. Vores samarbejde og "
            "organisering bygger på et konstruktivt samspil mellem den pædagogiske praksis og "
            "forvaltningen. Den pædagogiske praksis med den daglige tætte kontakt med børn, unge "
            "og forældre, og forvaltningen, som yder support og driver udviklingsprojekter for "
            "den pædagogiske praksis. En samarbejdsmodel som udmøntes og udvikles gennem et tæt "
            "og forpligtende samarbejde via ledelseskæden og på tværs af Børn og Unge, fx via de "
            "faglige netværk.",
        ),
        (
            "introduction",
            "Vores fælles mål og fælles opgave er at udleve byrådets visioner i Børne- og "
            "Ungepolitikken - at alle børn og unge i Aarhus Kommune oplever læring, udvikling, "
            "fællesskab, sundhed og trivsel. Det gør vi med afsæt i de fem strategier, herunder "
            "Strategien for bæredygtige og attraktive arbejdspladser samt og Børn og Unges "
            "mentale model ('puslespillet').",
        ),
        (
            "introduction",
            "Både på tværs af Børn og Unge og på de enkelte arbejdspladser er det fælles mindset "
            "og de konkrete arbejdsmetoder i stærkere læringsfællesskaber med til at sikre "
            "progression for alle børn og unge. Vi arbejder datainformeret, deler viden og "
            "erfaringer og forpligter os på de bedste løsninger.",
        ),
    ]
    assert statements(version, "faelles-om-det-gode-boerneliv") == []


def test_the_introduction_on_good_leadership_says_what_the_foundation_is_the_basis_for(version):
    assert texts(version, "god-ledelse-i-boern-og-unge") == [
        (
            "introduction",
            "God ledelse er forudsætningen for at lykkes med vores fælles mål og fælles opgave – "
            "det gode børneliv. Derfor har vi i Børn og Unge et vedholdende og insisterende fokus "
            "på at styrke ledelse og sikre god ledelseskvalitet, ledelsesunderstøttelse og "
            "ledelsesopfølgning.",
        ),
        (
            "introduction",
            "God ledelse på alle niveauer beskriver god ledelse, som den ser ud i praksis i dag i "
            "Børn og Unge. Lederne i Børn og Unge har bidraget med mange input til beskrivelsen, "
            "som udgør et fælles ledelsesgrundlag med vigtige pejlemærker for god ledelse i Børn "
            "og Unge. Både det alle ledere er fælles om og det, der er særlig vigtigt på det "
            "enkelte ledelsesniveau. For hvert ledelsesniveau er den pædagogiske og den "
            "forvaltningsmæssige ledelsespraksis beskrevet. Beskrivelsen omfatter alle ledere i "
            "Børn og Unge med personaleansvar.",
        ),
        (
            "purpose",
            "Ledelsesgrundlaget er grundlag for stillingsbeskrivelser for lederstillinger, for "
            "ledelsesudvikling - både den individuelle (LUS, ledersparringer mv) og den fælles "
            "(fx ledelse af stærkere læringsfællesskaber) – og for ledertalentudvikling (fra "
            "medarbejder til leder og indenfor ledelseskæden). Det er ambitionen, at "
            "kompetenceudviklingen til lederne skal 'matche' de forventninger, lederne bliver "
            "mødt med i God ledelse på alle niveauer.",
        ),
    ]
    assert statements(version, "god-ledelse-i-boern-og-unge") == []


# ---------------------------------------------------------------------------------------------
# The nine shared principles (long form)


def test_the_shared_principles_are_introduced_and_followed_by_the_sources_sentences(version):
    assert texts(version, "principper") == [
        ("lead_in", "Som ledere i Børn og Unge er der meget, vi alle er fælles om:"),
        (
            "body",
            "På de følgende sider kan du se, hvad vi som ledere på forskellige lederniveauer skal "
            "lykkes med og have fokus på i vores ledelsespraksis sammen med det fælles afsæt her.",
        ),
    ]


def test_it_carries_all_nine_shared_principles_for_every_leader_in_order(version):
    assert statements(version, "principper") == [
        "Vi sætter børnene og de unge i centrum for alle vores beslutninger og stræber efter "
        "progression for alle børn og unge.",
        "Vi er ansvarlige ledere for vores egne enheder samtidig med, at vi alle har "
        "fællesskabet og den kollektive forpligtelse som vores førsteprioritet.",
        "Vi leder sammen med og via andre i vores ledelsesteams, og vi arbejder systematisk med "
        "at følge op og dele viden og erfaringer.",
        "Vi sætter tydelig retning og giver professionelt råderum til vores ledere og medarbejdere",
        "Vi går forrest som rollemodeller og kulturbærere, der skaber tillid, følgeskab og "
        "engagement gennem involvering og tydelig kommunikation.",
        "Vi kvalificerer og virkeliggør de politiske og ledelsesmæssige beslutninger gennem "
        "samarbejdet i ledelseskæden og omsætter fælles beslutninger i konkrete handlinger i "
        "egen praksis.",
        "Vi arbejder målrettet og systematisk med vores egen ledelsesudvikling og udvikling af "
        "vores ledere og medarbejdere.",
        "Vi handler rettidigt og proaktivt på data for at sikre god kvalitet og positiv "
        "udvikling, og vi følger op på initiativer og indsatser, så vi sikrer de ønskede "
        "resultater.",
        "Vi tager ansvar for de administrative opgaver og det budgetansvar, der er en del af "
        "ledelsesopgaven, og vi inddrager økonomiske overvejelser i vores beslutninger",
    ]
    principles = section(version, "principper").expectations.all()
    assert {e.kind for e in principles} == {"principle"}
    assert not principles.filter(level__isnull=False).exists()


# ---------------------------------------------------------------------------------------------
# The role pages: "Jeg skal lykkes med", "Mit ansvar og primære opgaver", "Det skal jeg kunne"

MUST_SUCCEED_WITH = {
    "direktoer": [
        "At sætte en tydelig strategisk retning ud fra de politiske visioner og målsætninger i "
        "Børne- og ungepolitikken og Stærkere Fællesskaber",
        "At skabe fælles ambitioner og klare forventninger i ledelseskæden baseret på en stærk "
        "samarbejds- og læringsorienteret kultur",
        "At fremhæve relevante resultater fra den pædagogiske og forvaltningsmæssige praksis på "
        "den politiske dagsorden – og give feedback tilbage til praksis",
        "At stå i spidsen for et stærkt samarbejde i HovedMEDudvalget",
        "At opbygge tillid til og sikre et godt omdømme for Børn og Unge – lokalt, nationalt og "
        "internationalt",
    ],
    "boern-og-ungechef": [
        "At binde ledelses- og styringskæden sammen omkring de politiske visioner og målsætninger "
        "og den strategiske retning for Børn og Unge",
        "At sikre et flow af viden om relevante resultater og fælles udfordringer mellem den "
        "pædagogiske praksis og den strategiske ledelse",
        "At stå i spidsen for koordination og sammenhæng på tværs af hele 0-18 års området – og "
        "på tværs af distrikter",
        "At skabe et forpligtende og samarbejdende ledelsesfællesskab i distriktslederteamet og "
        "det faglige netværk – og være synlig for lederne i distriktet",
    ],
    "forvaltningschef": [
        "At binde ledelses- og styringskæden sammen omkring de politiske visioner og målsætninger "
        "og den strategiske retning for Børn og Unge",
        "At sikre et konstruktivt samspil mellem fællesfunktionerne og de lokale ledere og "
        "arbejdspladser gennem udvikling og support, der udmønter den strategiske retning og "
        "imødekommer lokale ønsker og behov",
        "At stå i spidsen for en faglig og ledelsesmæssig praksis, som er forpligtende, "
        "koordineret og sammenhængende, i egen forvaltning og på tværs i fællesfunktionerne.",
    ],
    "dagtilbuds-skole-og-fu-leder": [
        "At skabe rammer og vilkår for en pædagogiske praksis med et højt fagligt niveau, der "
        "sikrer progression for alle børn og unge",
        "At kommunikere og omsætte de fælles politiske og ledelsesmæssige visioner og "
        "beslutninger, så de giver mening og retning i den lokale kontekst, og stå i spidsen for "
        "at udforme relevante lokale strategier",
        "At bidrage med faglig viden, resultater og udfordringer fra praksis til udviklingen af "
        "Børn og Unges strategiske retning og det tværgående samarbejde i distriktet, i de "
        "faglige netværk mv.",
        "At fremme en attraktiv og bæredygtig arbejdsplads med god trivsel og høj social kapital",
    ],
    "kontorchef": [
        "At skabe rammer og vilkår for et højt fagligt niveau i kontorets opgaveløsning, der "
        "sikrer en sammenhængende support til skoler, dagtilbud og FU, en smidig politisk "
        "betjening og høj kvalitet i både strategiske udviklingsopgaver og udførende opgaver",
        "At kommunikere og omsætte de politiske og ledelsesmæssige visioner og beslutninger, så "
        "de giver mening og retning i den lokale kontekst",
        "At indgå i det forpligtende samskabende samarbejde på tværs af fællesfunktionerne",
        "At fremme en attraktiv og bæredygtig arbejdsplads med god trivsel og høj social kapital",
    ],
    "leder-af-medarbejder": [
        "At kommunikere og omsætte de politiske og ledelsesmæssige visioner og beslutninger, så "
        "de giver mening og sætter retning for den faglige opgaveløsning",
        "At sikre at de valgte arbejdsmetoder og processer er fagligt begrundede og resulterer i "
        "et højt fagligt niveau i opgaveløsning gennem en kvalificeret support, en smidig "
        "politisk betjening og høj kvalitet i strategiske udviklingsopgaver",
        "At skabe faglig udvikling og sikre den bedst mulige anvendelse af ressourcerne gennem "
        "løbende datainformeret evaluering af arbejdsmetoder og resultater",
        "At fremme en attraktiv og bæredygtig arbejdsplads med god trivsel og høj social kapital",
    ],
}

RESPONSIBILITIES = {
    "direktoer": [
        "Jeg sikrer et tæt og fortroligt samarbejde med den politiske ledelse med plads til "
        "konstruktiv modspil og fælles drøftelser",
        "Jeg prioriterer dialogen med praksis tæt på børnene og de unge for at kvalificere "
        "politiske og ledelsesmæssige beslutninger",
        "Jeg har høje forventninger til mine chefer og står i spidsen for en stærk "
        "samarbejdskultur i chefteamet præget af tillid, loyalitet overfor fælles beslutninger og "
        "mod til at gå tæt på hinandens ledelse og praksis",
        "Jeg er medskaber af et fælle Aarhus Kommune og samarbejder med direktørgruppen om "
        "helhedsorienterede indsatser for by, borgere og erhverv",
    ],
    "boern-og-ungechef": [
        "Jeg er en tydelig leder for mit distriktslederteam og mit faglige netværk",
        "Jeg faciliterer et lærings- og udviklingsorienteret samarbejde i mine lederteams, hvor "
        "der er plads til at dele både bøv! og blær",
        "Jeg er tæt på mine dagtilbuds-, skole-, og FU-ledere gennem systematisk sparring og "
        "datainformeret kvalitetsudvikling for at følge op på resultater og understøtte deres "
        "personlige og ledelsesmæssige udvikling",
        "Jeg sætter mig selv i spil både fagligt og personligt i samarbejdet med chefteamet og "
        "indgår i dialogen om fælles og samstemte løsninger og beslutninger for hele Børn og Unge",
    ],
    "forvaltningschef": [
        "Jeg er en tydelig leder for mit ledelsesteam",
        "Jeg faciliterer et lærings- og udviklingsorienteret samarbejde i mine lederteams, hvor "
        "der er fokus på at koordinere og samstemme udvikling og support i egen forvaltning og "
        "på tværs i fællesfunktionerne.",
        "Jeg er tæt på mine kontorchefer gennem systematisk sparring og datainformeret "
        "opfølgning for at følge op på resultater, og jeg understøtter deres personlige og "
        "ledelsesmæssige udvikling",
        "Jeg sætter mig selv i spil både fagligt og personligt i samarbejdet med chefteamet og "
        "indgår i dialogen om fælles og samstemte løsninger og beslutninger for hele Børn og Unge",
    ],
    "dagtilbuds-skole-og-fu-leder": [
        "Jeg skaber rum for udvikling af den pædagogiske praksis gennem klare prioriteringer, "
        "tydelige målsætninger, opgaverelateret organisering og løbende kvalitetsopfølgning",
        "Jeg følger de økonomiske og driftsmæssige data tæt som grundlag for at udføre mit ansvar "
        "for at bruge ressourcerne optimalt",
        "Jeg leder mit ledelsesteam som et læringsfællesskab, hvor vi sammen reflekterer, "
        "prioriterer og beslutter drift og udvikling af arbejdspladsen",
        "Jeg er tæt på mine ledere gennem systematisk sparring og opfølgning, og jeg understøtter "
        "deres personlige og ledelsesmæssige udvikling",
        "Jeg går forrest i distriktslederteamet og tager ansvar for at sikre koordination, "
        "sammenhæng og fælles praksis på tværs af hele 0-18 års området",
        "Jeg faciliterer et konstruktivt samarbejde i MEDudvalg, bestyrelser og med de mange "
        "øvrige samarbejdspartnere",
    ],
    "kontorchef": [
        "Jeg skaber rum for udvikling af den faglige praksis gennem klare prioriteringer, "
        "tydelige målsætninger, opgaverelateret organisering og løbende kvalitetsopfølgning",
        "Jeg følger de økonomiske og driftsmæssige data tæt som grundlag for at udføre mit ansvar "
        "for at bruge ressourcerne optimalt",
        "Jeg leder mine ledere og medarbejdere som et læringsfællesskab med plads til fælles "
        "refleksion og faglige sparring i forhold til opgaveløsning, prioriteringer og "
        "beslutninger",
        "Jeg er tæt på mine ledere og medarbejdere gennem systematisk sparring og opfølgning, og "
        "understøtter deres personlige og faglige udvikling, så kontoret har de nødvendige "
        "faglige og tværfaglige kompetencer",
        "Jeg går forrest i strategigruppen og tager ansvar for det tværfaglige samarbejde og den "
        "fælles forpligtelse til at skabe sammenhæng på tværs",
        "Jeg faciliterer et konstruktivt samarbejde i MEDudvalg",
    ],
    "leder-af-medarbejder": [
        "Jeg kommunikerer klare mål for opgaverne, sikrer god organisering og skaber overblik via "
        "effektiv planlægning og synlig prioritering",
        "Jeg distribuerer ledelse til mine medarbejdere og følger opgaveløsning for løbende at "
        "kunne observere og handle på balancen mellem den indsats, vi yder, de resultater vi "
        "skaber og behovet for udvikling af faglig eller personlige kompetencer",
        "Jeg leder mine medarbejdere gennem teamsamarbejdet som et læringsfællesskab med fokus på "
        "involverende processer, fælles læring og udvikling af opgaven",
        "Jeg er tæt på mine medarbejdere gennem individuel feedback og sparring, hvor jeg også "
        "sikrer en tæt kobling til de politiske og ledelsesmæssige visioner og beslutninger",
        "Jeg går forrest og byder ind med afdelingens viden og support i samarbejdet på tværs af "
        "fællesfunktionerne og med skole, dagtilbud og FU",
        "Jeg udfører og har medansvar for de administrative opgaver, der indgår som del af "
        "lederopgaven, herunder opgaver med økonomiadministration, budget, økonomiopfølgning og "
        "andre økonomirelaterede opgaver",
    ],
}

MUST_BE_ABLE_TO = {
    "direktoer": [
        "Jeg har strategisk, politisk, økonomisk og organisatorisk overblik",
        "Jeg er visionær og har samtidig øje for driftsmæssige og økonomiske konsekvenser",
        "Jeg er dialogorienteret, har stor personlig gennemslagskraft og går forrest, også når "
        "der er usikkerhed og forhindringer",
        "Jeg kommunikerer klart og tydeligt om både bøvl og blær",
    ],
    "boern-og-ungechef": [
        "Jeg har strategisk, politisk, økonomisk og organisatorisk overblik",
        "Jeg er visionær og har samtidig øje for driftsmæssige og økonomiske konsekvenser",
        "Jeg er dialogorienteret, har stor personlig gennemslagskraft og går forrest, også når "
        "der er usikkerhed og forhindringer",
        "Jeg kommunikerer klart og tydeligt om både bøv! og blær",
    ],
    "forvaltningschef": [
        "Jeg har strategisk, politisk, økonomisk og organisatorisk overblik",
        "Jeg er visionær og har samtidig øje for driftsmæssige og økonomiske konsekvenser",
        "Jeg er dialogorienteret, har stor personlig gennemslagskraft og går forrest, også når "
        "der er usikkerhed og forhindringer",
        "Jeg kommunikerer klart og tydeligt om både bøv! og blær",
    ],
    "dagtilbuds-skole-og-fu-leder": [
        "Jeg kommunikerer klart og tydeligt",
        "Jeg har overblik og skaber struktur i en kompleks lederrolle med mange "
        "samarbejdsrelationer og mange 'her og nu'-opgaver",
        "Jeg udvikler løbende min ledelse gennem refleksion over egen ledelsespraksis og feedback "
        "fra BU-chef, lederkolleger og mit ledelsesteam",
    ],
    "kontorchef": [
        "Jeg kommunikerer klart og tydeligt",
        "Jeg har overblik og skaber struktur i en kompleks lederrolle gennem et stærkt blik for "
        "helheden og løbende forhandling af et tydeligt mandat",
        "Jeg udvikler løbende min ledelse gennem refleksion over egen ledelsespraksis og feedback "
        "fra forvaltningschef, lederkollegaer og mine medarbejdere",
    ],
    "leder-af-medarbejder": [
        "Jeg har overblik og navigerer i en hverdag, som er omskiftelig og uforudsigelig",
        "Jeg er tydelig i min kommunikation",
        "Jeg har gode relationelle kompetencer og evner at skabe følgeskab",
        "Jeg forstår at balancere mig selv i samspil med andre – og bede om hjælp, når det er påkrævet",
    ],
}

LEVELS = list(MUST_SUCCEED_WITH)


@pytest.mark.parametrize("level", LEVELS)
def test_it_carries_everything_each_level_must_succeed_with_in_the_source_order(version, level):
    assert statements(version, "jeg-skal-lykkes-med", level) == MUST_SUCCEED_WITH[level]


@pytest.mark.parametrize("level", LEVELS)
def test_it_carries_every_responsibility_and_primary_task_of_each_level(version, level):
    assert statements(version, "mit-ansvar-og-primaere-opgaver", level) == RESPONSIBILITIES[level]


@pytest.mark.parametrize("level", LEVELS)
def test_it_carries_everything_each_level_must_be_able_to(version, level):
    assert statements(version, "det-skal-jeg-kunne", level) == MUST_BE_ABLE_TO[level]


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("jeg-skal-lykkes-med", "must_succeed_with"),
        ("mit-ansvar-og-primaere-opgaver", "responsibility"),
        ("det-skal-jeg-kunne", "must_be_able_to"),
    ],
)
def test_every_role_statement_belongs_to_one_level_and_has_its_sections_kind(version, key, kind):
    role_section = section(version, key)
    assert role_section.texts.count() == 0
    assert statements(version, key) == []
    assert {e.kind for e in role_section.expectations.all()} == {kind}


def test_the_role_sections_list_the_levels_one_after_another_from_the_top_down(version):
    for key in ("jeg-skal-lykkes-med", "mit-ansvar-og-primaere-opgaver", "det-skal-jeg-kunne"):
        order = [e.level.key for e in section(version, key).expectations.order_by("position")]
        assert sorted(set(order), key=order.index) == LEVELS
        assert order == sorted(order, key=LEVELS.index)


# ---------------------------------------------------------------------------------------------
# The short form of the principles, repeated at the foot of every role page

SHORT_FORM = [
    "Vi sætter børnene og de unge i centrum for alle vores beslutninger",
    "Vi har fællesskabet og den kollektive forpligtelse som vores førsteprioritet.",
    "Vi leder sammen i vores ledelsesteams og deler viden og erfaringer",
    "Vi sætter tydelig retning og giver professionelt råderum",
    "Vi går forrest og skaber følgeskab gennem involvering og tydelig kommunikation.",
    "Vi virkeliggør de politiske beslutninger i konkrete handlinger i egen praksis",
    "Vi arbejder målrettet og systematisk med udvikling af ledelse og medarbejdere",
    "Vi handler proaktivt på data for at sikre god kvalitet og de ønskede resultater",
    "Vi tager ansvar for de administrative opgaver og det budgetansvar, der er del af ledelsesopgaven",
]

# The page for Dagtilbuds-, skole- og FU-leder says "ledelsesteam" (singular) in the third item.
SHORT_FORM_ON_THE_DAGTILBUDS_SKOLE_OG_FU_LEDER_PAGE = [
    *SHORT_FORM[:2],
    "Vi leder sammen i vores ledelsesteam og deler viden og erfaringer",
    *SHORT_FORM[3:],
]


@pytest.mark.parametrize("level", LEVELS)
def test_each_level_reads_exactly_the_short_form_of_the_principles_on_its_page(version, level):
    expected = (
        SHORT_FORM_ON_THE_DAGTILBUDS_SKOLE_OG_FU_LEDER_PAGE
        if level == "dagtilbuds-skole-og-fu-leder"
        else SHORT_FORM
    )
    assert seen_at(version, "principper-kort", level) == expected


def test_the_short_form_is_common_except_the_item_whose_wording_differs_between_pages(version):
    assert statements(version, "principper-kort") == SHORT_FORM[:2] + SHORT_FORM[3:]
    third = {level: statements(version, "principper-kort", level) for level in LEVELS}
    assert third == {
        "direktoer": [SHORT_FORM[2]],
        "boern-og-ungechef": [SHORT_FORM[2]],
        "forvaltningschef": [SHORT_FORM[2]],
        "dagtilbuds-skole-og-fu-leder": ["Vi leder sammen i vores ledelsesteam og deler viden og erfaringer"],
        "kontorchef": [SHORT_FORM[2]],
        "leder-af-medarbejder": [SHORT_FORM[2]],
    }
    assert {e.kind for e in section(version, "principper-kort").expectations.all()} == {"principle"}


def test_the_short_form_explains_in_a_note_why_one_item_is_tied_to_the_levels(version):
    assert [kind for kind, _ in texts(version, "principper-kort")] == ["note"]
    assert "ledelsesteam" in version.notes
    assert "Dagtilbuds-, skole- og FU-leder" in version.notes


# ---------------------------------------------------------------------------------------------
# Completeness and faithfulness


def test_it_has_every_statement_of_the_source_and_no_more(version):
    assert version.sections.count() == 7
    assert version.levels.count() == 6
    assert Counter(e.kind for e in version.expectations.all()) == {
        "principle": 9 + 8 + 6,
        "must_succeed_with": 5 + 4 + 3 + 4 + 4 + 4,
        "responsibility": 4 + 4 + 4 + 6 + 6 + 6,
        "must_be_able_to": 4 + 4 + 4 + 3 + 3 + 4,
    }


def test_every_statement_and_text_occurs_word_for_word_in_the_source(version):
    missing = [e.text for e in version.expectations.all() if not source_contains(SOURCE, e.text)]
    missing += [
        t.text
        for s in version.sections.all()
        for t in s.texts.exclude(kind__in=["gap", "note"])
        if not source_contains(SOURCE, t.text)
    ]
    assert missing == []


def test_every_name_and_title_occurs_in_the_source(version):
    names = [version.framework.name, version.source_title]
    names += [g.name for g in version.level_groups.all()]
    names += [level.name for level in version.levels.all()]
    names += [level.description for level in version.levels.all() if level.description]
    # Exception: "(kort form)" is the product's label telling the two forms of the same
    # heading apart; the source's heading is "Fælles for alle ledere i Børn og Unge" on both.
    names += [s.title.removesuffix(" (kort form)") for s in version.sections.all()]
    assert [name for name in names if not source_contains(SOURCE, name)] == []


@pytest.mark.parametrize("level", LEVELS)
def test_a_leader_at_each_level_reads_exactly_their_page_through_expected_at_level(version, level):
    from grundlag.frameworks.selectors import expected_at_level

    short_form = (
        SHORT_FORM_ON_THE_DAGTILBUDS_SKOLE_OG_FU_LEDER_PAGE
        if level == "dagtilbuds-skole-og-fu-leder"
        else SHORT_FORM
    )
    content = expected_at_level(version=version, level=version.levels.get(key=level))
    assert [(c.section.key, [e.text for e in c.expectations]) for c in content] == [
        ("faelles-om-det-gode-boerneliv", []),
        ("god-ledelse-i-boern-og-unge", []),
        ("principper", statements(version, "principper")),
        ("jeg-skal-lykkes-med", MUST_SUCCEED_WITH[level]),
        ("mit-ansvar-og-primaere-opgaver", RESPONSIBILITIES[level]),
        ("det-skal-jeg-kunne", MUST_BE_ABLE_TO[level]),
        ("principper-kort", short_form),
    ]

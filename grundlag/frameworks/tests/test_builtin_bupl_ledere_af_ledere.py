"""Source 001: Lederforeningen i BUPL, "For ledere af ledere".

The expected lists below are the checklist against the source document
(../shared/seeds/001_61ef62df219d5aa9.txt), written out item by item in the source's order.
A named consultant's phone number and e-mail and three named leaders' quotes are left out
on purpose (personal data the product does not need); notes in the content say so.
"""

from collections import Counter

import pytest

from grundlag.frameworks.tests.source_text import source_contains

SLUG = "bupl-ledere-af-ledere"
SOURCE = "001"

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(builtin_frameworks):
    return builtin_frameworks[SLUG]


def section(version, key):
    return version.sections.get(key=key)


def texts(version, key):
    return [(t.kind, t.text) for t in section(version, key).texts.order_by("position", "id")]


def statements(version, key):
    queryset = section(version, key).expectations.order_by("position", "id")
    return [(e.kind, e.text) for e in queryset]


def source_refs(version, key):
    queryset = section(version, key).expectations.order_by("position", "id")
    return [e.source_ref for e in queryset]


# ---------------------------------------------------------------------------------------------
# The framework and its source


def test_it_is_bupls_page_for_leaders_of_leaders_from_source_001(version):
    assert version.framework.slug == SLUG
    assert version.framework.name == "For ledere af ledere"
    assert version.framework.owner == "Lederforeningen i BUPL"
    assert version.number == 1
    assert version.label == "2018"
    assert version.status == "published"
    assert version.parent is None
    assert version.source_code == "001"
    assert version.source_title == "For ledere af ledere"
    assert version.source_publisher == "Lederforeningen i BUPL"
    assert version.source_document == "001_61ef62df219d5aa9.txt"


def test_it_has_no_levels_because_it_addresses_leaders_of_leaders_only(version):
    assert not version.level_groups.exists()
    assert not version.levels.exists()
    assert not version.expectations.filter(level__isnull=False).exists()
    assert "ledere af ledere" in version.framework.description
    assert "ingen ledelsesniveauer" in " ".join(version.framework.description.split())


def test_it_has_every_part_of_the_page_as_a_section_in_order(version):
    assert [(s.key, s.kind, s.title) for s in version.sections.order_by("position")] == [
        ("indledning", "introduction", "For ledere af ledere"),
        ("raadgivning-og-sparring", "service", "Rådgivning og sparring"),
        ("lederfora", "service", "Lederfora"),
        (
            "lederforum-evalueringskultur-og-datainformeret-ledelse",
            "forum",
            "Evalueringskultur og datainformeret ledelse",
        ),
        ("lederforum-ledelse-af-skole-fritidsomraadet", "forum", "Ledelse af skole-fritidsområdet"),
        (
            "lederforum-ledelseskommissionens-anbefalinger",
            "forum",
            "Ledelseskommissionens anbefalinger",
        ),
        ("nyhedsbrev", "service", "Nyhedsbrev"),
        ("rekruttering", "project", "Rekruttering af pædagoger til lederstillinger"),
        ("ledelseskommissionen", "introduction", "Udpluk fra Ledelseskommissionens rapport"),
        (
            "lederne-maa-boeje-sig-mod-hinanden",
            "recommendation",
            "Lederne må bøje sig mod hinanden",
        ),
        ("gaa-i-dialog-om-driften", "recommendation", "Gå i dialog om driften"),
        ("datainformeret-ledelse", "recommendation", "Datainformeret ledelse"),
        (
            "daemp-styringen",
            "recommendation",
            "Dæmp styringen, og giv lederne ansvar og kompetence",
        ),
        (
            "lederen-skal-saette-retningen",
            "recommendation",
            "Lederen skal sætte retningen og skabe dialog",
        ),
        ("mindsk-for-stort-ledelsesspaend", "recommendation", "Mindsk for stort ledelsesspænd"),
        (
            "refleksion",
            "reflection",
            "Spørgsmål til refleksion og drøftelse med lederkollegaer",
        ),
    ]


def test_it_counts_its_statements_by_kind(version):
    assert Counter(e.kind for e in version.expectations.all()) == {
        "statement": 11,
        "question": 6,
        "reflection_question": 6,
    }


# ---------------------------------------------------------------------------------------------
# Introduction and advice


def test_the_introduction_carries_every_paragraph_without_the_consultants_contact_details(
    version,
):
    found = texts(version, "indledning")
    assert [kind for kind, _ in found] == ["introduction", "note", "body", "body", "note"]
    assert found[0][1] == (
        "Som leder af leder og medlem af Lederforeningen i BUPL har du mulighed for at benytte "
        "dig af tiltag, som er for dig der er områdeleder, klyngeleder, distriktsleder mm."
    )
    assert found[1][1] == "Opdateret d. 13. september 2018"
    assert found[2][1] == (
        "Du kan for eksempel få rådgivning og sparring og du kan deltage i netværk særligt for "
        "ledere af ledere, hvor du kan få faglige input og videndele med kollegaer. Du modtager "
        "også et nyhedsbrev ca. hver anden måned, kun for ledere af ledere."
    )
    assert found[3][1] == (
        "Hvis du har spørgsmål, du gerne vil drøfte, eller hvis du i øvrigt har forslag til "
        "tiltag, kan du kontakte:"
    )
    assert "Kontaktoplysningerne står i kilden" in found[4][1]
    assert statements(version, "indledning") == []


def test_the_advice_service_offers_a_confidential_conversation(version):
    found = texts(version, "raadgivning-og-sparring")
    assert [kind for kind, _ in found] == ["body", "note", "body", "note"]
    assert found[0][1] == (
        "Som leder af ledere har du mulighed for at få en fortrolig samtale om faglige og "
        "ledelsesmæssige overvejelser og de specielle vilkår, der gør sig gældende for dit "
        "arbejdsområde."
    )
    assert "Kontaktoplysningerne står i kilden" in found[1][1]
    assert "varetage ledere af lederes behov og interesser" in found[1][1]
    assert found[2][1] == (
        "Som leder af ledere har du naturligvis også altid mulighed for at ringe til den "
        "centrale lederrådgivning eller til din lokale fagforening, hvis du har brug for "
        "rådgivning eller sparring."
    )
    assert "Læs mere om BUPL’s lederrådgivning" in found[3][1]
    assert statements(version, "raadgivning-og-sparring") == []


def test_no_personal_contact_details_are_carried(version):
    everything = [version.notes, version.framework.description]
    for s in version.sections.all():
        everything += [s.title] + [t.text for t in s.texts.all()]
    everything += [e.text for e in version.expectations.all()]
    everything += [e.source_ref for e in version.expectations.all()]
    joined = " ".join(everything)
    for personal in ("Pia", "Dyrby", "pvd@", "61964161", "61 96 41 61"):
        assert personal not in joined
    for quoted in ("Lisbeth", "Borup", "Thorup", "Syberg"):
        assert quoted not in joined


# ---------------------------------------------------------------------------------------------
# Leader forums


def test_the_leader_forums_are_introduced_as_a_service(version):
    assert texts(version, "lederfora") == [
        (
            "introduction",
            "Som leder af leder og medlem af Lederforeningen i BUPL kan du deltage i et "
            "lederforum, hvor du kan få faglige input og videndele med kollegaer.",
        ),
        (
            "body",
            "I efteråret 2018 starter vi lederfora op flere steder i landet. Det er kun for dig, "
            "der er leder af ledere dvs. områdeledere, klyngeledere, distriktsledere mfl. Her "
            "får du mulighed for at drøfte temaer, der er særligt relevante for dig som leder af "
            "ledere og at udveksle erfaringer med kollegaer.",
        ),
    ]
    assert statements(version, "lederfora") == []


def test_the_forum_on_evaluation_culture_has_its_description_and_two_dated_events(version):
    key = "lederforum-evalueringskultur-og-datainformeret-ledelse"
    assert texts(version, key) == [
        (
            "body",
            "Ledere af ledere står både med et ansvar for at etablere en evalueringskultur i "
            "institutionen og skal samtidig håndtere forventninger om at levere data ind i "
            "forvaltningen. Ifølge den nye dagtilbudslov er det lederens ansvar at etablere en "
            "evalueringskultur og samtidig peger ledelseskommissionens anbefalinger på, at der "
            "er behov for at lede på baggrund af data. I dette lederforum sætter vi spot på at "
            "begå sig i et landskab af evaluering og data. Hvad er det eksempelvis for et sprog, "
            "der eksisterer omkring evaluering, og hvilke præmisser og uudtalte antagelser om "
            "hvad der skaber kvalitet i dagtilbud kommer forskellige typer evalueringsredskaber "
            "med?",
        ),
        ("lead_in", "Læs mere om, og tilmeld dig:"),
    ]
    assert statements(version, key) == [
        (
            "statement",
            "Lederforum: Evalueringskultur og datainformeret ledelse i Kolding 5. november",
        ),
        (
            "statement",
            "Lederforum: Evalueringskultur og datainformeret ledelse i Ballerup 13. november",
        ),
    ]
    assert source_refs(version, key) == ["Lederfora: tilmeldingslink, efteråret 2018"] * 2


def test_the_forum_on_school_and_leisure_has_its_description(version):
    key = "lederforum-ledelse-af-skole-fritidsomraadet"
    assert texts(version, key) == [
        (
            "body",
            "Ledere af ledere på skole-fritidsområdet skal både navigere i forhold til en "
            "skolemæssig og en fritids-pædagogisk kontekst og forståelsesramme. Der skal bygges "
            "bro mellem forskellige arenaer, etableres samarbejder på tværs og forskellige "
            "diskurser skal oversættes og omsættes. I dette lederforum sætter vi spot på den "
            "særlige rolle at være ledere af ledere på skole-fritidsområdet.",
        )
    ]
    assert statements(version, key) == []


def test_the_forum_on_the_commissions_recommendations_has_its_description(version):
    key = "lederforum-ledelseskommissionens-anbefalinger"
    assert texts(version, key) == [
        (
            "body",
            "Ledelseskommissionen kom i juni 2018 med 28 anbefalinger til offentlige ledere. I "
            "dette lederforum sætter vi spot på nogle af anbefalingerne, og hvilken betydning de "
            "har for ledere af ledere. Vi inviterer også forvaltningsansatte til sammen med "
            "ledere af ledere at drøfte, hvordan der kan skabes dialog og sammenhæng i "
            "styringskæden.",
        )
    ]
    assert statements(version, key) == []


# ---------------------------------------------------------------------------------------------
# Newsletter


def test_the_newsletter_carries_its_frequency_and_the_item_about_the_chairs_conversation(
    version,
):
    found = texts(version, "nyhedsbrev")
    assert found[:2] == [
        ("body", "Du modtager også et nyhedsbrev ca. hver anden måned, kun for ledere af ledere."),
        (
            "body",
            "Formanden for Lederforeningen i BUPL, Eva Munck Immertreu, taler med børne- og "
            "socialminister Mai Mercado om den styrkede pædagogiske læreplan, behovet for at "
            "styrke hele børneområdet og om fremtidens behov for pædagogfaglige ledere.",
        ),
    ]
    assert [kind for kind, _ in found[2:]] == ["gap"]
    assert statements(version, "nyhedsbrev") == []


# ---------------------------------------------------------------------------------------------
# Recruitment project


PROJECT = [
    ("question", "Hvad skal der ske?"),
    (
        "statement",
        "KL og BUPL har aftalt at parterne frem mod OK-21 iværksætter en fælles indsats, hvor "
        "metoder og initiativer til at spotte, motivere og kvalificere pædagoger til ledelse "
        "skal afprøves.",
    ),
    ("question", "Hvad kan der komme fokus på?"),
    ("statement", "At ledere skal kunne spotte lederspirere blandt personalet"),
    (
        "statement",
        "At gøre det lettere for pædagoger med mulig interesse for ledelse at afklare om "
        "ledelse er noget for dem.",
    ),
    (
        "statement",
        "At tilrettelægge et forløb for pædagoger, så de bliver trænet i ledelse via uddannelse "
        "og afprøvning i praksis.",
    ),
    ("question", "Hvem kan blive involveret?"),
    (
        "statement",
        "Indsatsen skal omfatte pædagoger, ledere og andre i den kommunale organisation, der "
        "arbejder med lederudvikling, herunder MED. Det er endnu ikke besluttet, hvor mange "
        "pædagoger og kommuner der kommer i spil",
    ),
    ("question", "Hvad er projektets succeskriterier?"),
    ("statement", "At få viden om, hvad der motiverer pædagoger til ledelse"),
    (
        "statement",
        "At gennemføre aktiviteter for pædagoger, der ønsker at få indblik i og praksisnær "
        "erfaring med ledelse, så de får et godt grundlag for at tage stilling til, om de ønsker "
        "at gøre karriere som leder.",
    ),
    ("question", "Hvornår går det i gang?"),
    (
        "statement",
        "KL og BUPL holdermøde i projektgruppen i løbet af efteråret 2018. Parterne skal først "
        "og fremmest udarbejde en fælles projektbeskrivelse. Derefter begynder det egentlige "
        "forløb.",
    ),
    ("question", "Hvordan kan du påvirke projektet?"),
    (
        "statement",
        "Vi vil meget gerne høre fra dig som leder af ledere, hvis du har ideer eller særlige "
        "problemstillinger der bør tænkes med i projektet.",
    ),
]


def test_the_recruitment_project_is_introduced_without_the_named_leaders_quotes(version):
    found = texts(version, "rekruttering")
    assert [kind for kind, _ in found] == ["introduction", "note", "body", "lead_in", "note"]
    assert found[0][1] == ("Oplever du udfordringer med at rekruttere daglige ledere? Så er du ikke alene.")
    assert "Citaterne er navngivne personers udsagn" in " ".join(found[1][1].split())
    assert found[2][1] == (
        "Og nu kommer der spot på udfordringen. BUPL og KL har nemlig besluttet at igangsætte "
        "et overenskomstprojekt, der fokuserer på rekruttering af pædagoger til "
        "lederstillinger. Et projekt der skal fremme interessen for ledelse blandt pædagoger. "
        "Projektet igangsættes i efteråret 2018."
    )
    assert found[3][1] == "Om projektet"
    assert "Kontaktoplysningerne står i kilden" in found[4][1]


def test_the_recruitment_project_asks_its_six_questions_each_followed_by_its_answer(version):
    assert statements(version, "rekruttering") == PROJECT


def test_every_answer_points_to_its_numbered_question(version):
    refs = source_refs(version, "rekruttering")
    number = 0
    for (kind, _), ref in zip(PROJECT, refs, strict=True):
        if kind == "question":
            number += 1
            assert ref == f"Om projektet, spørgsmål {number}"
        else:
            assert ref == f"Om projektet, svar på spørgsmål {number}"
    assert number == 6


def test_the_project_names_spotting_motivating_and_qualifying(version):
    first_answer = statements(version, "rekruttering")[1][1]
    assert "spotte, motivere og kvalificere pædagoger til ledelse" in first_answer


# ---------------------------------------------------------------------------------------------
# Ledelseskommissionen's recommendations and reflection questions


def test_the_digest_of_the_commissions_report_is_introduced_and_credited(version):
    found = texts(version, "ledelseskommissionen")
    assert found[:2] == [
        (
            "introduction",
            "Ledelseskommissionen er netop udkommet med 28 anbefalinger til offentlige ledere. "
            "Her kan du læse et udpluk fra Ledelseskommissionens rapport og få inspiration til "
            "at drøfte anbefalinger med andre.",
        ),
        (
            "body",
            "Baseret på Ledelseskommissionens rapport med særligt fokus på s. 39-54. i "
            "publikationen: ”Sæt borgeren først – ledelse i den offentlige sektor med fokus på "
            "udviklingen af driften” (2018)",
        ),
    ]
    assert [kind for kind, _ in found[2:]] == ["note"]
    assert statements(version, "ledelseskommissionen") == []


RECOMMENDATIONS = {
    "lederne-maa-boeje-sig-mod-hinanden": (
        "Ledelseskommissionen ser en bekymrende mangel på ledelsesmæssige relationer imellem "
        "ledelseslagene. Relationerne skal ikke ses som samarbejdsrelationer eller "
        "overvågningsrelationer, men ledelsesrelationer. For at skabe den nødvendige "
        "ledelsesrelation er der brug for, at de fagprofessionelle ledere og forvaltningschefer "
        "bøjer sig mod hinanden. Ledelseskommissionen peger på, at de offentlige "
        "ledelsessystemer ikke hænger godt nok sammen og ikke virker godt nok. Ledelseskæden "
        "’knækker’ et sted halvvejs mellem driften og det politiske niveau. Det betyder fx, at "
        "forvaltningen i kommunerne er kommet på for stor afstand af driften længere ude i "
        "systemet."
    ),
    "gaa-i-dialog-om-driften": (
        "Ledelseskommissionen mener, at ledelsesniveauerne skal blande sig i hinandens liv. De "
        "peger på en kultur, hvor det er mere ’værdsat’ at have blikket rettet opad mod det "
        "politiske lag snarere end mod driften – der hvor værdiskabelsen for borgeren sker. "
        "Ledelseskommissionen peger på, at forvaltningscheferne skal tæt på de enkelte "
        "institutioner. De skal dyrke aktiv og nærværende ledelse i stedet for at forsøge at "
        "styre via proces- og dokumentationskrav. Den nærværende og understøttende ledelse kan "
        "bestå af tættere dialog, kombineret med at institutions- og driftslederne får flere "
        "beføjelser eller i andre tilfælde, at man skal arbejde for at fjerne opgaver fx i form "
        "af administrative byrder."
    ),
    "datainformeret-ledelse": (
        "For at have det bedst mulige grundlag for dialog om drift og resultater til gavn for "
        "borgerne, peger ledelseskommissionen på, at der skal arbejdes systematisk med data om "
        "borgernes oplevelser og ønsker. Ledelseskommissionen peger på, at denne form for "
        "datainformeret ledelse ikke ser ud til at finde sted i særligt stort omfang i dag, men "
        "mener, at alle ledere bør være optaget af at identificere og anvende feedback fra "
        "borgerne. Institutionslederne skal inddrages, når mål og målemetoder udvikles og "
        "fastsættes, og forvaltningen skal have fokus på, at data er meningsfulde og hjælpsomme "
        "for de lokale driftsledere. Ud over feedback fra borgerne er der generelt behov for at "
        "øge brug af data lokalt."
    ),
    "daemp-styringen": (
        "Det er ledelseskommissionens vurdering, at der er behov for mindre detailstyring og "
        "mere lokal driftsledelse med en stærkere stemme fra fagligheden, hvis den offentlige "
        "sektors bidrag til velfærd skal øges. Ledelseskommissionen peger på at det er i "
        "fagligheden tæt på opgaven, at den nødvendige viden om effekt bor – eller bør bo. "
        "Ledelseskommissionen ser en mulighed for både at skabe engagement og bedre resultater "
        "ved at lade ledelse og en stærkere faglighed træde tydeligere frem."
    ),
    "lederen-skal-saette-retningen": (
        "Lederen skal sikre kvalitet til gavn for borgerne. Det kræver bl.a., at lederen kan "
        "sætte visionen og sprede gejst og arbejdsglæde, så medarbejderne udfordres, og det "
        "kræver, at de faglige ledere tæt på medarbejderne er synlige og nærværende. Motiverede "
        "medarbejdere skaber bedre resultater for borgerne, og derfor er det vigtigt, at lederne "
        "understøtter medarbejdernes motivation. Det kan lederne gøre ved at inddrage "
        "medarbejderne i at formulere værdier og visionen. Ledelseskommissionen peger på at "
        "dialog, inddragelse og anerkendelse af arbejdet er ledelsesaktiviteter, som indebærer "
        "et fokus på relationer."
    ),
    "mindsk-for-stort-ledelsesspaend": (
        "Ledelseskommissionen peger på, at man ikke kan lede nogen, man ikke er i kontakt med. "
        "Dialog, anerkendelse og formidling af visionen er betinget af, at man rent faktisk "
        "taler med sine medarbejdere og ikke kun i plenum. Det kan være svært, hvis lederen har "
        "for mange medarbejdere – måske endda på flere matrikler – til at kunne være "
        "nærværende. Ledelseskommissionen peger på, at der ikke er ét rigtigt svar på, hvor "
        "stort ledelsesspændet skal være. Det afhænger af opgaven, af medarbejderne og af "
        "organisationens prioriteter. Men ifølge rapporten er ledelsesspændet mange steder for "
        "stort. Her er det nødvendigt at ansætte flere ledere. Det behøver ikke at betyde, at "
        "der skal være flere ledelseslag, men det kan fx også være i form af ledelsesteams, hvor "
        "flere sideordnede ledere på forskellig vis deler ledelsesansvaret for en "
        "medarbejdergruppe."
    ),
}


@pytest.mark.parametrize("key", list(RECOMMENDATIONS))
def test_each_recommendation_carries_its_paragraph(version, key):
    assert texts(version, key) == [("body", RECOMMENDATIONS[key])]
    assert statements(version, key) == []


def test_the_reflection_questions_for_leader_groups_are_all_there(version):
    assert texts(version, "refleksion") == [
        ("lead_in", "Spørgsmål til refleksion og drøftelse med lederkollegaer:")
    ]
    assert statements(version, "refleksion") == [
        (
            "reflection_question",
            "Hvordan kan vi som leder af ledere arbejde for, at vi får en bedre dialog i "
            "styringskæden mellem – forvaltningschef – ledere af ledere – ledere af medarbejdere "
            "-pædagoger?",
        ),
        (
            "reflection_question",
            "Hvordan kan vi arbejde for at skabe ledelsesmæssige relationer mellem ledelseslagene?",
        ),
        (
            "reflection_question",
            "Hvordan forholder vi os til en dagsorden om datainformeret ledelse? Hvad oplever vi "
            "som meningsfulde data?",
        ),
        (
            "reflection_question",
            "Hvordan kan vi synliggøre, at vores faglighed kan bidrage til at skabe engagement og "
            "bedre resultater?",
        ),
        ("reflection_question", "Hvordan kan vi arbejde med at styrke medarbejdernes motivation?"),
        (
            "reflection_question",
            "Hvordan forholder vi os til ledelsesspændet som ledere af ledere?",
        ),
    ]


# ---------------------------------------------------------------------------------------------
# Faithfulness


def test_the_notes_explain_the_left_out_personal_data_and_the_layout_choices(version):
    notes = " ".join(version.notes.split())
    assert "Personoplysninger" in notes
    assert "citater" in notes
    assert "kind question" in notes


def test_every_title_and_text_occurs_word_for_word_in_the_source(version):
    texts_ = [s.title for s in version.sections.all()]
    for s in version.sections.all():
        texts_ += [t.text for t in s.texts.all() if t.kind not in ("gap", "note")]
    texts_ += [e.text for e in version.expectations.all()]
    assert [text for text in texts_ if not source_contains(SOURCE, text)] == []

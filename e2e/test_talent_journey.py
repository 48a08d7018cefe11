"""The talent pipeline in the browser: Lis nominates Tom, Tom consents in a browser of his own, writes his
self-reflection, Lis records their conversation, Tom decides to go on, the administrator places him in a
cohort with Bo (another school's leader) as mentor, and the trio assesses his practice assignment until he is
ready. axe-core on every page."""

from django.utils import timezone
from playwright.sync_api import expect

from e2e.conftest import SCREENSHOTS, axe_check
from e2e.test_start_page_journey import sign_in
from grundlag.talent.selectors import level_expectations
from grundlag.talent.services import assignment_add, cohort_create, programme_create


def _programme(administrator):
    programme = programme_create(name="Lederspirer 2027", description="Et års forløb.", by=administrator)
    expectation = level_expectations(level=programme.level)[0].expectations[0]
    assignment_add(programme=programme, title="Led et teammøde", expectation=expectation, by=administrator)
    today = timezone.localdate()
    cohort_create(
        programme=programme,
        name="Hold 1",
        starts=today,
        ends=today.replace(year=today.year + 1),
        by=administrator,
    )


def _assess(page, live_server, username, *, name):
    sign_in(page, live_server, username)
    page.get_by_role("link", name="Vurdér Tom Lærers praktikopgave »Led et teammøde«").click()
    axe_check(page, name=name)
    page.get_by_label("Opfyldt: klar på denne forventning").check()
    page.get_by_label("Hvad vurderingen bygger på").fill("Mødet havde klar retning.")
    page.get_by_role("button", name="Giv min vurdering").click()
    expect(page.get_by_text("Din vurdering af »Led et teammøde« er registreret.")).to_be_visible()


def test_a_nomination_is_consented_clarified_and_qualified_to_ready(
    page, browser, live_server, small_organisation, administrator
):
    _programme(administrator)
    main = page.locator("main")
    sign_in(page, live_server, "lis")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Talentudvikling").click()
    axe_check(page, name="talent-01-home-leader")
    main.get_by_role("link", name="Indstil en mulig leder").click()
    page.get_by_label("Hvem indstiller du?").select_option(label="Tom Lærer")
    page.get_by_label("Hvorfor ser du en mulig leder i personen?").fill("Tom samler teamet og tager ansvar.")
    axe_check(page, name="talent-02-nominate")
    main.get_by_role("button", name="Indstil").click()
    expect(page.get_by_text("Tom Lærer er indstillet.")).to_be_visible()
    axe_check(page, name="talent-03-nominated")
    talent_url = page.url

    tom_context = browser.new_context(bypass_csp=True, locale="da-DK")
    tom = tom_context.new_page()
    sign_in(tom, live_server, "tom")
    tom.get_by_role(
        "link", name="Lis Leder har indstillet dig som mulig leder: svar på indstillingen"
    ).click()
    expect(tom.get_by_text("Tom samler teamet og tager ansvar.")).to_be_visible()
    axe_check(tom, name="talent-04-consent")
    tom.get_by_role("button", name="Jeg siger ja").click()
    expect(tom.get_by_text("Tak: din indstilling er aktiv.")).to_be_visible()
    tom.get_by_role("link", name="Skriv min selvrefleksion").click()
    axe_check(tom, name="talent-05-reflection")
    tom.get_by_role("button", name="Gem min selvrefleksion").click()
    expect(tom.get_by_text("Nogle forventninger er ikke besvaret endnu")).to_be_visible()
    for radio in tom.locator("input[type=radio][value=appeals]").all():
        radio.check()
    tom.get_by_label("Min refleksion").fill("Jeg vil gerne prøve kræfter med ledelse.")
    tom.get_by_role("button", name="Gem min selvrefleksion").click()
    expect(tom.get_by_text("Din selvrefleksion blev gemt.")).to_be_visible()
    tom.get_by_label("Jeg vil gå videre mod ledelse").check()
    tom.get_by_role("button", name="Registrér min beslutning").click()
    expect(tom.get_by_text("Beslut dig efter samtalen med din nærmeste leder")).to_be_visible()

    page.goto(talent_url)
    main.get_by_role("link", name="Registrér samtalen").click()
    expect(page.get_by_text("Jeg vil gerne prøve kræfter med ledelse.")).to_be_hidden()  # folded until opened
    axe_check(page, name="talent-06-conversation")
    page.get_by_label("Fælles noter").fill("Vi aftalte et forløb.")
    main.get_by_role("button", name="Registrér samtalen").click()
    expect(page.get_by_text("Samtalen er registreret.")).to_be_visible()

    tom.reload()
    tom.get_by_label("Jeg vil gå videre mod ledelse").check()
    tom.get_by_role("button", name="Registrér min beslutning").click()
    expect(tom.get_by_text("Din beslutning er registreret.")).to_be_visible()
    axe_check(tom, name="talent-07-decided")

    sign_in(page, live_server, "admin", "x-admin-pass-1")
    page.goto(f"{live_server.url}/talent/overview/")
    expect(main.get_by_text("Tom samler teamet")).to_have_count(0)
    axe_check(page, name="talent-08-overview")
    main.get_by_role("link", name="sæt på et hold").click()
    page.get_by_label("Hold").select_option(label="Lederspirer 2027: Hold 1")
    main.get_by_role("button", name="Sæt på holdet").click()
    expect(page.get_by_text("Dette felt er påkrævet.")).to_be_visible()
    expect(page.get_by_label("Mentor").locator("option", has_text="Lis Leder")).to_have_count(0)  # his school
    page.get_by_label("Mentor").select_option(label="Bo Leder")
    axe_check(page, name="talent-09-enrol")
    main.get_by_role("button", name="Sæt på holdet").click()
    expect(page.get_by_text("Tom Lærer er sat på holdet.")).to_be_visible()
    axe_check(page, name="talent-10-admin-talent")

    tom.goto(f"{live_server.url}/")
    tom.get_by_role(
        "link", name="Din næste praktikopgave: »Led et teammøde« – vurdér den selv, når den er løst"
    ).click()
    axe_check(tom, name="talent-11-assess")
    tom.get_by_label("Delvist opfyldt").check()
    tom.get_by_label("Opfyldt: klar på denne forventning").check()
    tom.get_by_role("button", name="Giv min vurdering").click()
    expect(tom.get_by_text("Din vurdering af »Led et teammøde« er registreret.")).to_be_visible()

    _assess(page, live_server, "bo", name="talent-12-mentor-assess")
    _assess(page, live_server, "lis", name="talent-13-leader-assess")
    expect(
        main.get_by_text("Parathed: 1 af 1 praktikopgave er vurderet som opfyldt af alle tre")
    ).to_be_visible()
    expect(main.locator(".badge-success", has_text="Klar").first).to_be_visible()
    axe_check(page, name="talent-14-ready")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "talent-ready.png"), full_page=True)
    tom_context.close()

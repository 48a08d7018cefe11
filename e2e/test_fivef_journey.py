"""Lis works through a 5F process with Bo on its team, one step at a time; its Frigør decisions become an
action plan, on which she records a follow-up. Each step's words are the 5F model's, read from the toolbox's
content."""

import re

from playwright.sync_api import expect

from e2e.conftest import axe_check
from e2e.test_start_page_journey import sign_in
from grundlag.tools.services import tools_builtin_load

# What Lis writes in each step (in Frigør: her two decisions).
WRITTEN = {
    "fokuser": ["Vi vil arbejde med læselyst på mellemtrinnet."],
    "forstaa": ["Læsebåndet i 5. klasse fik eleverne til at låne flere bøger."],
    "forestil": ["Eleverne står i kø ved biblioteket i frikvarteret."],
    "fastslaa": ["Flere elever svarer, at de kan lide at læse."],
    "frigoer": ["Læsebånd hver morgen på 4.-6. årgang.", "Forfatterbesøg i alle 5. klasser."],
}


def _step_words_are_the_tools(page, step: dict) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(step["name"])
    for words in [*step["prompts"], step["description"]]:
        expect(page.get_by_text(words, exact=True).first).to_be_visible()


def test_lis_turns_a_5f_process_into_an_action_plan_and_follows_it_up(page, live_server, small_organisation):
    versions = {version.tool.key: version for version, _outcome in tools_builtin_load()}
    steps = versions["5f-modellen"].content["steps"]
    sign_in(page, live_server, "lis")

    page.goto(f"{live_server.url}/actionplans/5f/")
    expect(page.get_by_role("heading", level=1)).to_have_text("5F-processer")
    axe_check(page, name="fivef-list")
    page.get_by_role("link", name="Start en 5F-proces").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start en 5F-proces")
    axe_check(page, name="fivef-start")
    page.get_by_label("Titel").fill("Mere læselyst")
    expect(page.get_by_label("Enhed")).to_have_value(str(small_organisation["units"]["ahorn"].pk))
    page.get_by_label("Bo Leder").check()
    page.get_by_role("button", name="Start processen").click()
    expect(page.get_by_text("5F-processen er startet.")).to_be_visible()

    for number, step in enumerate(steps):
        _step_words_are_the_tools(page, step)
        for text in WRITTEN[step["key"]]:
            field = "Din beslutning" if step["key"] == "frigoer" else "Dit bidrag"
            page.get_by_label(field).fill(text)
            button = "Tilføj beslutningen" if step["key"] == "frigoer" else "Tilføj dit bidrag"
            page.get_by_role("button", name=button).click()
            expect(page.get_by_text(text, exact=True)).to_be_visible()
        axe_check(page, name=f"fivef-step-{step['key']}")
        if number + 1 < len(steps):
            page.get_by_role("button", name=f"Næste trin: {steps[number + 1]['name']}").click()

    page.get_by_role("link", name="Overblik over de fem trin").click()
    expect(page.get_by_text("Teamet er her")).to_be_visible()
    axe_check(page, name="fivef-overview")
    page.get_by_role("link", name=steps[-1]["name"]).click()

    page.get_by_role("button", name="Lav handleplanen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mere læselyst")
    for decision in WRITTEN["frigoer"]:
        expect(page.locator("#actions").get_by_text(decision, exact=True)).to_be_visible()
    axe_check(page, name="fivef-plan")

    follow_up = page.locator("form[action$='/follow-ups/']")
    page.locator("#follow-ups summary").click()
    follow_up.locator("[name=held_on]").fill("2026-12-01")
    follow_up.locator("[name=signs_seen]").fill("Flere elever låner bøger i frikvarteret.")
    follow_up.get_by_role("button").click()
    signs = page.locator("#follow-ups").get_by_text("Flere elever låner bøger i frikvarteret.")
    expect(signs).to_be_visible()
    axe_check(page, name="fivef-plan-followed-up")

    # Bo, on the team, reads the finished process; it is kept as it was, with the plan linked.
    sign_in(page, live_server, "bo")
    page.goto(f"{live_server.url}/actionplans/5f/")
    page.get_by_role("link", name="Mere læselyst").click()
    expect(page.get_by_text(re.compile("Processen er blevet til en handleplan"))).to_be_visible()
    axe_check(page, name="fivef-finished")

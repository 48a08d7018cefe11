"""A rater answers an evaluation on a phone, by keyboard: leaves, comes back by the link, and sends."""

import re

from playwright.sync_api import expect

from e2e.conftest import axe_check

PHONE = {"width": 375, "height": 740}


def phone_page(browser):
    context = browser.new_context(bypass_csp=True, locale="da-DK", viewport=PHONE)
    return context, context.new_page()


def test_a_rater_answers_by_keyboard_on_a_phone_leaves_comes_back_and_sends(
    browser, live_server, frameworks_loaded
):
    from grundlag.evaluations.models import QuestionKind, SealedDraft, SealedResponse
    from grundlag.evaluations.responding.answering import drafts_for
    from grundlag.evaluations.responding.services import invitation_token_issue
    from grundlag.evaluations.tests.factories import (
        CycleFactory,
        EvalueeFactory,
        InvitationFactory,
        QuestionFactory,
    )

    cycle = CycleFactory()
    evaluee = EvalueeFactory(cycle=cycle, person__name="Lise Leder")
    first, second, third = (QuestionFactory(cycle=cycle, level_key="", position=n) for n in (1, 2, 3))
    open_question = QuestionFactory(
        cycle=cycle,
        level_key="",
        position=4,
        kind=QuestionKind.OPEN,
        rater_text="Hvad skal din leder blive ved med?",
    )
    invitation = InvitationFactory(evaluee=evaluee)
    token = invitation_token_issue(invitation=invitation)
    link = f"{live_server.url}/evaluations/answer/{token}/"

    context, page = phone_page(browser)
    page.goto(link)
    expect(page).to_have_url(re.compile(r"/evaluations/answer/$"))  # the token is gone from the address
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lise Leder")
    progress = page.locator("#answer-progress")
    expect(progress).to_contain_text(re.compile(r"0 (af|of) 3"))
    axe_check(page, name="answer-01-start")

    page.locator(f"#q-{first.pk}-1").focus()
    page.keyboard.press("Space")  # "Strongly disagree" …
    for _ in range(4):
        page.keyboard.press("ArrowDown")  # … up the scale to "Strongly agree"
    expect(page.locator(f"#q-{first.pk}-5")).to_be_checked()
    page.keyboard.press("Tab")  # into the next statement
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    expect(page.locator(f"#q-{second.pk}-4")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowUp")  # from the first answer round to "Don't know"
    expect(page.locator(f"#q-{third.pk}-dont_know")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.locator(f"#q-{open_question.pk}-text")).to_be_focused()
    page.keyboard.type("Lytter og giver retning")
    page.keyboard.press("Tab")  # leaving the field saves it
    expect(progress).to_contain_text(re.compile(r"3 (af|of) 3"))
    expect(progress).to_contain_text(re.compile("Gemt|Saved"))
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    axe_check(page, name="answer-02-answered")
    context.close()  # leave without sending

    assert len(drafts_for(invitation)) == 4  # saved, sealed
    context, page = phone_page(browser)
    page.goto(link)
    expect(page.locator(f"#q-{first.pk}-5")).to_be_checked()
    expect(page.locator(f"#q-{second.pk}-4")).to_be_checked()
    expect(page.locator(f"#q-{third.pk}-dont_know")).to_be_checked()
    expect(page.locator(f"#q-{open_question.pk}-text")).to_have_value("Lytter og giver retning")
    page_progress = page.locator("#answer-progress")
    expect(page_progress).to_contain_text(re.compile(r"3 (af|of) 3"))
    assert (
        page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    )  # nothing runs off the side
    axe_check(page, name="answer-03-resumed")

    send = page.get_by_role("button", name=re.compile("Send svar|Send answers"))
    send.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/evaluations/answer/thanks/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe_check(page, name="answer-04-thanks")
    assert SealedResponse.objects.count() == 1  # sealed until the cycle closes
    assert not SealedDraft.objects.exists()

    page.goto(link)  # the link again, after sending
    expect(page.get_by_role("heading", level=1)).not_to_contain_text("Lise Leder")
    expect(page.get_by_role("radio")).to_have_count(0)  # the "already answered" page, not the form
    axe_check(page, name="answer-05-used-link")
    context.close()

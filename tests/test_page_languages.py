"""Every label in English is English and every label in Danish is Danish.

The main pages of each persona, in both languages, with the test client: no Danish domain word on an
English page, no English one on a Danish page. Text marked with its own language (`lang="da"`: the
foundations' Danish content on English pages) and the language switch are left out.
"""

import re

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from grundlag.evaluations.models import RaterGroup
from grundlag.evaluations.reports.services import aggregates_build
from grundlag.evaluations.reports.tests.test_org_reports import answer, closed_cycle, evaluate
from grundlag.evaluations.responding.services import invitation_token_issue
from grundlag.evaluations.tests.factories import (
    CycleFactory,
    EvalueeFactory,
    InvitationFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db

# The domain's words, each with its twin in the other language.
DANISH = [
    "Ved ikke",
    "Helt enig",
    "Helt uenig",
    "Delvis enig",
    "Delvis uenig",
    "Hverken enig eller uenig",
    "Hent PDF",
    "Gem",
    "Næste",
    "Forrige",
    "Svarprocent",
    "Luk",
    "Afsendt",
    "Log ud",
    "Log ind",
    "Besvarelser",
    "Niveauer",
    "Stillingsbeskrivelse",
    "Min side",
]
ENGLISH = [
    "Don't know",
    "Strongly agree",
    "Strongly disagree",
    "Download PDF",
    "Save",
    "Next",
    "Previous",
    "Response rate",
    "Submitted",
    "Sign out",
    "Sign in",
    "Levels",
    "Job description",
    "My page",
]


def shown_text(content: bytes, language: str) -> str:
    """The page's visible text and labels, without text marked as another language or the language switch."""
    root = lxml.html.fromstring(content)
    for element in root.xpath(f'//script | //style | //template | //*[@lang and @lang != "{language}"]'):
        element.drop_tree()
    for form in root.xpath('//form[contains(@action, "setlang")]'):
        form.drop_tree()
    labels = [
        value
        for element in root.iter()
        if isinstance(element.tag, str)
        for name in ("aria-label", "title", "placeholder", "alt")
        if (value := element.get(name))
    ]
    return re.sub(r"\s+", " ", " ".join([*root.itertext(), *labels])).replace("\u2019", "'")


def foreign_words(text: str, words: list[str]) -> list[str]:
    return [word for word in words if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]


@pytest.fixture
def world(small_organisation, administrator):
    """A closed cycle with reports to read (Lis, Bo, Carl) and a launched one with a link to answer."""
    org = small_organisation
    cycle, questions = closed_cycle()
    lis = evaluate(cycle, org, "lis", "ahorn")
    bo = evaluate(cycle, org, "bo", "birk")
    answer(lis, RaterGroup.EMPLOYEE, questions, [(4, 2, 5), (4, 3, 5), (5, 2, 4), (3, 3, 5), (4, 2, None)])
    answer(lis, RaterGroup.PEER, questions, [(2, 2, 2), (2, 3, 2), (3, 3, None)])
    answer(lis, RaterGroup.SELF, questions, [(4, 4, 4)])
    answer(bo, RaterGroup.EMPLOYEE, questions, [(5, 5, 5)] * 5)
    aggregates_build(cycle=cycle)
    open_cycle = CycleFactory()
    evaluee = EvalueeFactory(cycle=open_cycle, person=org["people"]["bo"], unit=org["units"]["birk"])
    QuestionFactory(cycle=open_cycle, level_key="", position=1)
    invitation = InvitationFactory(evaluee=evaluee, group=RaterGroup.EMPLOYEE)
    return {"cycle": cycle, "open": open_cycle, "lis": lis, "invitation": invitation, "org": org}


def pages_of(world) -> dict[str, list[tuple[str, dict]]]:
    """Each persona's main pages, as (URL name, kwargs)."""
    cycle, lis = world["cycle"], world["lis"]
    level = {"slug": "aarhus-boern-og-unge", "number": 1, "key": "dagtilbuds-skole-og-fu-leder"}
    frameworks = [
        ("frameworks:list", {}),
        ("frameworks:detail", {"slug": "aarhus-boern-og-unge"}),
        ("frameworks:level", level),
        ("frameworks:job_description", level),
    ]
    return {
        "administrator": [
            *frameworks,
            ("core:administration", {}),
            ("evaluations:cycle_list", {}),
            ("evaluations:cycle_detail", {"pk": cycle.pk}),
            ("evaluations:cycle_detail", {"pk": world["open"].pk}),
            ("evaluations:org_report_list", {}),
            ("evaluations:org_report", {"cycle_id": cycle.pk}),
            ("evaluations:report", {"evaluee_id": lis.pk}),
            ("audit:log", {}),
            ("accounts:users", {}),
            ("api:tokens", {}),
        ],
        "lis": [*frameworks, ("organisation:my_page", {}), ("evaluations:my_reports", {})],
        "ulla": [("organisation:my_page", {}), ("frameworks:list", {})],
    }


def visit(client: Client, name: str, kwargs: dict, language: str) -> bytes:
    with translation.override(language):
        url = reverse(name, kwargs=kwargs)
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    return response.content


def answering_page(world, language: str) -> bytes:
    """The answering page, reached by the link of an invitation, in `language`."""
    client = Client()
    with translation.override(language):
        token = invitation_token_issue(invitation=world["invitation"])
        url = reverse("evaluations:answer_start", kwargs={"token": token})
    response = client.get(url, follow=True)
    assert response.status_code == 200
    return response.content


def clients(admin_client, lis_client, ulla_client) -> dict[str, Client]:
    return {"administrator": admin_client, "lis": lis_client, "ulla": ulla_client}


@pytest.mark.parametrize(
    ("language", "words"), [("en", DANISH), ("da", ENGLISH)], ids=["english-pages", "danish-pages"]
)
def test_no_page_shows_a_label_in_the_other_language(
    world, admin_client, lis_client, ulla_client, language, words
):
    found: dict[str, list[str]] = {}
    own: set[str] = set()  # the page language's own words seen: the crawl reads real pages
    for persona, client in clients(admin_client, lis_client, ulla_client).items():
        for name, kwargs in pages_of(world)[persona]:
            text = shown_text(visit(client, name, kwargs, language), language)
            own |= set(foreign_words(text, ENGLISH if words is DANISH else DANISH))
            if wrong := foreign_words(text, words):
                found[f"{persona} {name} {kwargs}"] = wrong
    text = shown_text(answering_page(world, language), language)
    own |= set(foreign_words(text, ENGLISH if words is DANISH else DANISH))
    if wrong := foreign_words(text, words):
        found["respondent evaluations:answer"] = wrong

    assert found == {}
    assert len(own) >= 6, own


def test_the_check_finds_a_foreign_word_and_leaves_out_marked_text_and_the_language_switch():
    page = (
        b'<html lang="en"><body><p>Ved ikke</p><blockquote lang="da">Helt enig</blockquote>'
        b'<form action="/i18n/setlang/"><button>Dansk</button></form>'
        b'<button aria-label="Gem">x</button></body></html>'
    )

    assert foreign_words(shown_text(page, "en"), DANISH) == ["Ved ikke", "Gem"]

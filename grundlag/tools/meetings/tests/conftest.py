"""What the meeting planner's tests share: the built-in toolbox, Lis's meeting (a date, a length, three
items of which one is finished) and the form as a browser posts it."""

import pytest
from django.test import Client

from grundlag.tools.documents.services import document_create, document_save
from grundlag.tools.models import Tool
from grundlag.tools.services import tools_builtin_load

ITEMS = [
    {"punkt": "Budget 2027", "tid": 20, "decision": "", "actions": "", "finished": False},
    {
        "punkt": "Trivselsmåling",
        "tid": 25,
        "decision": "Vi holder fast",
        "actions": "Lis: besked",
        "finished": True,
    },
    {"punkt": "Skolefest", "tid": 10, "forberedelse": "Plakat", "finished": False, "carried_from": ""},
]
MEETING = {
    "date": "2027-03-04",
    "start": "14:00",
    "length": 60,
    "place": "Personalerummet",
    "deltagere": "Ledelsesteamet",
    "roller": "Lis leder mødet",
    "spilleregler": "Telefoner væk",
    "formaal": "Fælles retning",
    "agenda": ITEMS,
}


@pytest.fixture
def builtin_tools(db):
    return {version.tool.key: version for version, _outcome in tools_builtin_load()}


@pytest.fixture
def people(small_organisation):
    return small_organisation["people"]


@pytest.fixture
def meeting(builtin_tools, people):
    """Lis's meeting, saved once (revision 1)."""
    lis = people["lis"]
    document = document_create(
        tool=Tool.objects.get(key="moedeplanlaegning"), owner=lis, title="Ledelsesmøde", by=lis.user
    )
    return document_save(document=document, data=MEETING, expected_revision=0, by=lis.user)


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def posted(*, title: str, revision: int, data: dict) -> dict:
    """The document's form as a browser posts it: the fields, then the agenda's rows as a formset."""
    form = {"title": title, "revision": revision}
    form.update({key: value for key, value in data.items() if key not in ("agenda", "previous")})
    rows = data.get("agenda") or []
    form.update({"agenda-TOTAL_FORMS": len(rows), "agenda-INITIAL_FORMS": 0, "agenda-MIN_NUM_FORMS": 0})
    form["agenda-MAX_NUM_FORMS"] = 100
    for number, row in enumerate(rows):
        for key, value in row.items():
            if key == "finished":
                if value:
                    form[f"agenda-{number}-finished"] = "on"
            else:
                form[f"agenda-{number}-{key}"] = value
    return form

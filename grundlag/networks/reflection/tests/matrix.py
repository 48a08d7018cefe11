"""The reflection questions' rows of the access matrix (grundlag/core/tests/test_access_matrix.py), and the
objects they need.

A forum open to leaders, organised by Dorte (the matrix's manager), with Lis (the leader) as its member and a
set of reflection questions from source 001 with a note of Lis's. The set's group is the forum's members and
organisers: Bo (a leader elsewhere) may join the forum but has not, so its sets are not there for him; Ulla
(the respondent) is a teacher, outside the forum. The administrator organises every forum but is no person
of the organisation: they read and organise the set, and their note is refused with a message (422, let in).
A note is edited and deleted by its author only (Lis): for everyone else it is not there.
"""

from grundlag.core.tests.access import DENIED, HIDDEN, LOGIN, OK, Route, signed_in
from grundlag.frameworks.models import Section
from grundlag.networks.models import Audience, Membership
from grundlag.networks.reflection.services import reflection_note_add, reflection_set_from_section
from grundlag.networks.tests.factories import ForumFactory

GROUP = signed_in(LOGIN, HIDDEN, leader=OK, manager=OK, administrator=OK)
# The forum is open to Bo, so he is refused (403) where Lis is: where the set is asked for, it is not there.
ORGANISERS = signed_in(LOGIN, DENIED, respondent=HIDDEN, manager=OK, administrator=OK)
ORGANISERS_OF_THE_SET = signed_in(
    LOGIN, DENIED, respondent=HIDDEN, leader_elsewhere=HIDDEN, manager=OK, administrator=OK
)
LIS_NOTE = signed_in(LOGIN, HIDDEN, leader=OK)


def reflection_world(o: dict) -> dict:
    """The forum, its set (source 001's six questions) and Lis's note on the first question."""
    people = o["people"]
    forum = ForumFactory(slug="matrix-refleksion", theme="Matrix refleksion", audience=Audience.LEADERS)
    forum.organisers.set([people["dorte"]])
    Membership.objects.create(forum=forum, person=people["lis"])
    section = Section.objects.get(
        key="refleksion", version__framework__slug="bupl-ledere-af-ledere", version__number=1
    )
    reflection_set = reflection_set_from_section(forum=forum, section=section, by=people["dorte"].user)
    question = reflection_set.questions.first()
    note = reflection_note_add(question=question, text="Matrix note", by=people["lis"].user)
    return {"forum": forum, "section": section, "set": reflection_set, "question": question, "note": note}


def _objects(o: dict) -> dict:
    if "reflection" not in o:
        o["reflection"] = reflection_world(o)
    return o["reflection"]


def _forum(o):
    return {"slug": _objects(o)["forum"].slug}


def _set(o):
    return {"slug": _objects(o)["forum"].slug, "pk": _objects(o)["set"].pk}


def _question(o):
    return {**_set(o), "question_pk": _objects(o)["question"].pk}


def _note(o):
    return {**_set(o), "note_pk": _objects(o)["note"].pk}


def _note_data(o):
    return {f"q{_objects(o)['question'].pk}-text": "Matrix"}


ROUTES = [
    Route("networks:reflection_create", _forum, ORGANISERS),
    Route(
        "networks:reflection_create", _forum, ORGANISERS, "post", {"title": "Matrix", "questions": "Hvad?"}
    ),
    Route(
        "networks:reflection_from_section",
        _forum,
        ORGANISERS,
        "post",
        lambda o: {"section": _objects(o)["section"].pk},
    ),
    Route("networks:reflection_set", _set, GROUP),
    Route("networks:reflection_print", _set, GROUP),
    Route("networks:reflection_set_edit", _set, ORGANISERS_OF_THE_SET),
    Route("networks:reflection_set_edit", _set, ORGANISERS_OF_THE_SET, "post", {"title": "Matrix"}),
    Route("networks:reflection_set_delete", _set, ORGANISERS_OF_THE_SET, "post"),
    Route("networks:reflection_question_add", _set, ORGANISERS_OF_THE_SET, "post", {"new-text": "Nyt?"}),
    Route(
        "networks:reflection_question_edit",
        _question,
        ORGANISERS_OF_THE_SET,
        "post",
        lambda o: {f"q{_objects(o)['question'].pk}-text": "Ændret?"},
    ),
    Route("networks:reflection_question_remove", _question, ORGANISERS_OF_THE_SET, "post"),
    Route("networks:reflection_note_add", _question, GROUP, "post", _note_data),
    Route("networks:reflection_note_edit", _note, LIS_NOTE),
    Route("networks:reflection_note_edit", _note, LIS_NOTE, "post", {"text": "Ændret"}),
    Route("networks:reflection_note_delete", _note, LIS_NOTE, "post"),
]

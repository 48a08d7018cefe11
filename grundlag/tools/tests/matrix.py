"""The toolbox's rows of the access matrix (`grundlag/core/tests/test_access_matrix.py`), and the documents
they need: Lis's private feedback document (hers alone: every other role, the administrator included, gets
404) and her notes shared with her superiors (Dorte, above her in the chain, reads them and never edits).
Nothing here names Tom."""

from grundlag.core.tests.access import DENIED, HIDDEN, LOGIN, OK, Route, signed_in

from ..documents.services import document_create, document_save, document_share
from ..models import Tool, ToolDocument
from ..services import tools_builtin_load


def tools_world(o: dict) -> dict:
    """The built-in toolbox, Lis's private document and her document shared with her superiors."""
    tools_builtin_load()
    lis = o["people"]["lis"]
    private = document_create(
        tool=Tool.objects.get(key="feedbackmodel"), owner=lis, title="Matrix privat", by=lis.user
    )
    document_save(
        document=private,
        data={"purpose": "prepare", "iagttagelse": "Matrix iagttagelse"},
        expected_revision=0,
        by=lis.user,
    )
    shared = document_create(tool=Tool.objects.get(key="noter"), owner=lis, title="Matrix delt", by=lis.user)
    document_share(document=shared, team_members=[], shared_with_superior=True, by=lis.user)
    return {"private": private, "shared": shared}


def private(o: dict) -> dict:
    return {"pk": ToolDocument.objects.get(title="Matrix privat").pk}


def shared(o: dict) -> dict:
    return {"pk": ToolDocument.objects.get(title="Matrix delt").pk}


# The toolbox is read by leaders and the administrator; documents are started by leaders who are someone.
TOOLBOX = signed_in(LOGIN, OK, respondent=DENIED)
STARTERS = signed_in(LOGIN, OK, respondent=DENIED, administrator=DENIED)
# "My documents": everyone who is a person (the administrator is no one: 404).
PEOPLE = signed_in(LOGIN, OK, administrator=HIDDEN)
LIS_ONLY = signed_in(LOGIN, HIDDEN, leader=OK)
LIS_AND_SUPERIOR = signed_in(LOGIN, HIDDEN, leader=OK, manager=OK)
LIS_WRITES = signed_in(LOGIN, HIDDEN, leader=OK, manager=DENIED)

ROUTES = [
    Route("tools:toolbox", None, TOOLBOX),
    Route("tools:tool", lambda o: {"key": "paradoksmodel"}, TOOLBOX),
    Route("tools:start", lambda o: {"key": "feedbackmodel"}, STARTERS, "post"),
    Route("tools:documents", None, PEOPLE),
    Route("tools:document", private, LIS_ONLY),
    Route("tools:document", private, LIS_ONLY, "post"),
    Route("tools:document", shared, LIS_AND_SUPERIOR),
    Route("tools:document", shared, LIS_WRITES, "post"),
    Route("tools:history", private, LIS_ONLY),
    Route("tools:history", shared, LIS_AND_SUPERIOR),
    Route("tools:share", private, LIS_ONLY),
    Route("tools:share", private, LIS_ONLY, "post"),
    Route("tools:share", shared, LIS_WRITES),
    Route("tools:share", shared, LIS_WRITES, "post"),
    Route("tools:delete", private, LIS_ONLY, "post"),
    Route("tools:delete", shared, LIS_WRITES, "post"),
]

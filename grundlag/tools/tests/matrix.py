"""The toolbox's rows of the access matrix (`grundlag/core/tests/test_access_matrix.py`), and the documents
they need: Lis's private feedback document (hers alone: every other role, the administrator included, gets
404) and her notes shared with her superiors (Dorte, above her in the chain, reads them and never edits).
Nothing here names Tom."""

from grundlag.core.tests.access import DENIED, HIDDEN, LOGIN, OK, Route, signed_in

from ..authoring.services import tool_draft_publish, tool_local_create
from ..documents.services import document_create, document_save, document_share
from ..library.tests import matrix as library_matrix
from ..models import Tool, ToolDocument, ToolVersion
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
A_TEMPLATE = {"template": "med-udvalg", "revision": 1}
AUTHORS = signed_in(LOGIN, DENIED, administrator=OK)  # local tools: the administrator's alone

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
    # The files of a document are read as the document is; its links to the foundation are edited as it is.
    Route("tools:pdf", private, LIS_ONLY),
    Route("tools:pdf", shared, LIS_AND_SUPERIOR),
    Route("tools:docx", private, LIS_ONLY),
    Route("tools:docx", shared, LIS_AND_SUPERIOR),
    Route("tools:foundation", private, LIS_ONLY, "post"),
    Route("tools:foundation", shared, LIS_WRITES, "post"),
    # The meeting planner's own pages: its calendar file is read as the document is; a template and the next
    # meeting are edits. Lis's two meetings are made on first use (meeting, below).
    Route("tools:meeting_calendar", lambda o: meeting(o, shared=False), LIS_ONLY),
    Route("tools:meeting_calendar", lambda o: meeting(o, shared=True), LIS_AND_SUPERIOR),
    Route("tools:meeting_template", lambda o: meeting(o, shared=False), LIS_ONLY, "post", A_TEMPLATE),
    Route("tools:meeting_template", lambda o: meeting(o, shared=True), LIS_WRITES, "post", A_TEMPLATE),
    Route("tools:meeting_next", lambda o: meeting(o, shared=False), LIS_ONLY, "post"),
    Route("tools:meeting_next", lambda o: meeting(o, shared=True), LIS_WRITES, "post"),
    # Local tools and variants (authoring/): a draft and a published local tool, made on first use.
    Route("tools:authoring", None, AUTHORS),
    Route("tools:authoring_new", None, AUTHORS),
    Route("tools:authoring_new", None, AUTHORS, "post"),
    Route("tools:authoring_variant", None, AUTHORS),
    Route("tools:authoring_variant", None, AUTHORS, "post"),
    Route("tools:authoring_edit", lambda o: local_tool(o, published=False), AUTHORS),
    Route("tools:authoring_edit", lambda o: local_tool(o, published=False), AUTHORS, "post"),
    Route("tools:authoring_preview", lambda o: local_tool(o, published=False), AUTHORS),
    Route("tools:authoring_publish", lambda o: local_tool(o, published=False), AUTHORS, "post"),
    Route("tools:authoring_delete", lambda o: local_tool(o, published=False), AUTHORS, "post"),
    Route("tools:authoring_draft_create", lambda o: local_tool(o, published=True), AUTHORS, "post"),
    # The knowledge-sharing library: its search, and documents in it for every leader or for Lis's unit.
    *library_matrix.ROUTES,
]


def meeting(o: dict, *, shared: bool) -> dict:
    """Lis's meeting (dated, one item), private or shared with her superiors; made the first time it is asked
    for, so that the toolbox's world above stays as it is."""
    title = "Matrix møde delt" if shared else "Matrix møde privat"
    document = ToolDocument.objects.filter(title=title).first()
    if document is None:
        lis = o["people"]["lis"]
        tool = Tool.objects.get(key="moedeplanlaegning")
        document = document_create(tool=tool, owner=lis, title=title, by=lis.user)
        data = {"date": "2027-03-04", "start": "14:00", "length": 60, "agenda": [{"punkt": "M", "tid": 20}]}
        document = document_save(document=document, data=data, expected_revision=0, by=lis.user)
        document_share(document=document, team_members=[], shared_with_superior=shared, by=lis.user)
    return {"pk": document.pk}


def local_tool(o: dict, *, published: bool) -> dict:
    """A local tool with a draft (version 1), or published without a draft; made the first time it is asked
    for."""
    key = "matrix-udgivet" if published else "matrix-kladde"
    version = ToolVersion.objects.filter(tool__key=key).first()
    if version is None:
        text = f"format: grundlag.tool/1\nkey: {key}\nname: M\nsource: {{title: M}}\ncredits: []\n"
        text += "content: {}"
        version = tool_local_create(text=text, name="matrix.yaml", by=o["users"]["administrator"])
        if published:
            tool_draft_publish(version=version, by=o["users"]["administrator"])
    return {"key": key} if published else {"key": key, "number": version.number}

"""The knowledge-sharing library's rows of the access matrix (joined in grundlag/tools/tests/matrix.py), and
the documents they need, made the first time a row asks: Lis's knowledge-sharing document in the library for
every leader (Bo and Dorte read it, never edit it) and one in the library for the leaders of Ahorn Skole
(Lis's alone in this organisation). The administrator and respondents read no entry. Nothing here names
Tom."""

from grundlag.core.tests.access import DENIED, HIDDEN, LOGIN, OK, Route, signed_in

from ...documents.services import document_create, document_save
from ...models import LibraryAudience, Tool, ToolDocument
from ..services import library_place


def _placed(o: dict, title: str, audience: str) -> ToolDocument:
    document = ToolDocument.objects.filter(title=title).first()
    if document is None:
        lis = o["people"]["lis"]
        document = document_create(
            tool=Tool.objects.get(key="videndeling"), owner=lis, title=title, by=lis.user
        )
        document = document_save(
            document=document, data={"beskriv": "Matrix viden"}, expected_revision=0, by=lis.user
        )
        unit = o["units"]["ahorn"] if audience == LibraryAudience.UNIT else None
        library_place(document=document, audience=audience, unit=unit, by=lis.user)
    return document


def for_everyone(o: dict) -> dict:
    return {"pk": _placed(o, "Matrix bibliotek", LibraryAudience.ORGANISATION).pk}


def for_the_unit(o: dict) -> dict:
    return {"pk": _placed(o, "Matrix enhed", LibraryAudience.UNIT).pk}


# The library is searched by leaders who are someone; never by the administrator or a respondent.
READERS = signed_in(LOGIN, OK, respondent=DENIED, administrator=DENIED)
# A document in the library for every leader: Lis owns it, the other leaders read it (403 to write).
LEADERS_READ = signed_in(LOGIN, OK, respondent=HIDDEN, administrator=HIDDEN)
LIS_WRITES = signed_in(LOGIN, DENIED, leader=OK, respondent=HIDDEN, administrator=HIDDEN)
LIS_ONLY = signed_in(LOGIN, HIDDEN, leader=OK)

ROUTES = [
    Route("tools:library", None, READERS),
    Route("tools:document", for_everyone, LEADERS_READ),
    Route("tools:document", for_everyone, LIS_WRITES, "post"),
    # The library's readers read the document as it is now, never its history.
    Route("tools:history", for_everyone, LIS_ONLY),
    Route("tools:share", for_everyone, LIS_WRITES),
    Route("tools:library_place", for_everyone, LIS_WRITES),
    Route("tools:library_place", for_everyone, LIS_WRITES, "post"),
    Route("tools:document", for_the_unit, LIS_ONLY),
    Route("tools:library_place", for_the_unit, LIS_ONLY),
    Route("tools:library_place", for_the_unit, LIS_ONLY, "post"),
]

"""The newsletters' rows of the access matrix (grundlag/core/tests/test_access_matrix.py), and the objects
they need.

A forum open to leaders, organised by Dorte (the matrix's manager), with Lis (the leader) as its member, one
newsletter sent and one draft. Members and organisers read the archive and the sent newsletter; a draft is
the organisers' only. Bo (a leader elsewhere) may join the forum but has not: the newsletters are not there
for him, and writing one is refused (403, as for Lis); Ulla (the respondent) is outside the forum. The
administrator organises every forum.
"""

from grundlag.core.tests.access import DENIED, HIDDEN, LOGIN, OK, Route, signed_in
from grundlag.networks.models import Audience, Membership
from grundlag.networks.newsletters.services import newsletter_create
from grundlag.networks.newsletters.services.background import newsletter_send
from grundlag.networks.tests.factories import ForumFactory

READERS = signed_in(LOGIN, HIDDEN, leader=OK, manager=OK, administrator=OK)
WRITERS = signed_in(LOGIN, DENIED, respondent=HIDDEN, manager=OK, administrator=OK)
DRAFT = signed_in(LOGIN, HIDDEN, manager=OK, administrator=OK)


def newsletters_world(o: dict) -> dict:
    """The forum, a newsletter sent to Lis and a draft."""
    people = o["people"]
    dorte = people["dorte"].user
    forum = ForumFactory(slug="matrix-nyhedsbrev", theme="Matrix nyhedsbrev", audience=Audience.LEADERS)
    forum.organisers.set([people["dorte"]])
    Membership.objects.create(forum=forum, person=people["lis"])
    sent = newsletter_create(forum=forum, subject="Matrix sendt", body="Sendt", by=dorte)
    newsletter_send(newsletter=sent, by=dorte)
    draft = newsletter_create(forum=forum, subject="Matrix kladde", body="Kladde", by=dorte)
    return {"forum": forum, "sent": sent, "draft": draft}


def _objects(o: dict) -> dict:
    if "newsletters" not in o:
        o["newsletters"] = newsletters_world(o)
    return o["newsletters"]


def _forum(o):
    return {"slug": _objects(o)["forum"].slug}


def _sent(o):
    return {"slug": _objects(o)["forum"].slug, "pk": _objects(o)["sent"].pk}


def _draft(o):
    return {"slug": _objects(o)["forum"].slug, "pk": _objects(o)["draft"].pk}


ROUTES = [
    Route("networks:newsletter_list", _forum, READERS),
    Route("networks:newsletter_create", _forum, WRITERS),
    Route("networks:newsletter_create", _forum, WRITERS, "post", {"subject": "Matrix", "body": "Hej"}),
    Route("networks:newsletter_detail", _sent, READERS),
    Route("networks:newsletter_detail", _draft, DRAFT),
    Route("networks:newsletter_edit", _draft, DRAFT),
    Route("networks:newsletter_edit", _draft, DRAFT, "post", {"subject": "Matrix", "body": "Ændret"}),
    Route("networks:newsletter_send", _draft, DRAFT, "post"),
    Route("networks:newsletter_delete", _draft, DRAFT, "post"),
]

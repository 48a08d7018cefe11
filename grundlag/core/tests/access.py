"""The access matrix's vocabulary: the roles, what each may expect, and a route's row. Shared by the matrix
(test_access_matrix.py) and the apps' own rows (e.g. grundlag/networks/events/tests/matrix.py)."""

from collections.abc import Callable
from dataclasses import dataclass

# leader_elsewhere leads another school beside the leader's: a leader, but not in Tom's chain.
ROLES = ["anonymous", "respondent", "leader", "leader_elsewhere", "manager", "administrator"]

# What each role may expect: OK = let in (2xx, or a redirect that is not to the login page);
# LOGIN = sent to the login page; DENIED = 403 or 404; HIDDEN = 404 exactly (existence not revealed);
# UNAUTHENTICATED = 401 (the API).
# REFUSED = any of those (an anonymous visitor may be sent to log in or simply refused).
OK, LOGIN, DENIED, HIDDEN, UNAUTHENTICATED = "ok", "login", "denied", "hidden", "401"
REFUSED = "refused"

# The secret: Tom's details. Tom is a teacher at Ahorn Skole under Lis; no persona except Lis
# (his leader), Dorte (above her) and the administrator may learn anything about him.
SECRETS = ["Tom Lærer", "tom@fiktiv.example.dk"]
# Roles that must not learn anything about Tom on any page, even one they are let into.
STRANGERS_TO_TOM = {"anonymous", "respondent", "leader_elsewhere"}


@dataclass
class Route:
    name: str
    kwargs: object  # a function of the fixture objects giving the URL kwargs, or None
    expect: dict  # role → expectation
    method: str = "get"
    data: dict | Callable[[dict], dict] | None = None  # the form posted, or a function of the objects
    before: Callable | None = None  # (client, objects): a step first, in the same rolled-back transaction


def every(expectation):
    return dict.fromkeys(ROLES, expectation)


def signed_in(anonymous, others, **overrides):
    return {"anonymous": anonymous, **dict.fromkeys(ROLES[1:], others), **overrides}

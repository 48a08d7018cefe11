"""The actionplans rows of the access matrix (core/tests/test_access_matrix.py) and their objects."""

from grundlag.core.tests.access import DENIED, HIDDEN, LOGIN, OK, UNAUTHENTICATED, Route, signed_in  # noqa: F401

from ..log.tests import matrix as log_matrix
from ..plans.tests import matrix as plans_matrix
from ..process.tests import matrix as process_matrix


def actionplans_world(o: dict) -> dict:
    """The objects the rows below need (o: the small organisation with the people and the administrator)."""
    return {
        "process": process_matrix.process_world(o),
        "plans": plans_matrix.plans_world(o),
        "log": log_matrix.log_world(o),
    }


# The API (grundlag/api/actionplans.py), as the plan pages: a list for everyone signed in (empty for most, the
# administrator's too); Lis's private plan hers alone, her shared one Dorte's too; 404 for everyone else.
API_ROUTES = [
    Route("api-v1:action_plan_list", None, signed_in(UNAUTHENTICATED, OK)),
    Route(
        "api-v1:action_plan_detail",
        lambda o: {"plan_id": o["actionplans"]["plans"]["private"].pk},
        signed_in(UNAUTHENTICATED, HIDDEN, leader=OK),
    ),
    Route(
        "api-v1:action_plan_detail",
        lambda o: {"plan_id": o["actionplans"]["plans"]["shared"].pk},
        signed_in(UNAUTHENTICATED, HIDDEN, leader=OK, manager=OK),
    ),
]

ROUTES: list[Route] = [*process_matrix.ROUTES, *plans_matrix.ROUTES, *log_matrix.ROUTES, *API_ROUTES]

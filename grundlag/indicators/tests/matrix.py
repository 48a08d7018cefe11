"""The indicators rows of the access matrix (core/tests/test_access_matrix.py) and their objects."""

from grundlag.core.tests.access import DENIED, HIDDEN, LOGIN, OK, UNAUTHENTICATED, Route, signed_in  # noqa: F401
from grundlag.indicators.notes.tests.matrix import NOTES_ROUTES, notes_world
from grundlag.indicators.tests.pages import figures_import
from grundlag.indicators.uploads.tests.matrix import UPLOAD_ROUTES


def indicators_world(o: dict) -> dict:
    """The objects the rows below need (o: the small organisation with the people and the administrator)."""
    figures_import()  # the figures pages' (Ahorn Skole's, Birk Skole's, their parents' and the country's)
    return {"notes": notes_world(o)}


# The figures pages: the index for whoever leads a unit (and the administrator); a unit's pages for its
# leaders, those above them and the administrator, 404 for everyone else (Lis never learns that Birk's exist).
INDEX = signed_in(LOGIN, DENIED, leader=OK, leader_elsewhere=OK, manager=OK, administrator=OK)
AHORN_FIGURES = signed_in(LOGIN, HIDDEN, leader=OK, manager=OK, administrator=OK)
BIRK_FIGURES = signed_in(LOGIN, HIDDEN, leader_elsewhere=OK, manager=OK, administrator=OK)


def _unit(name: str):
    return lambda o: {"pk": o["units"][name].pk}


def _indicator(name: str):
    return lambda o: {"pk": o["units"][name].pk, "key": "trivsel"}


PAGES_ROUTES = [
    Route("indicators:index", None, INDEX),
    Route("indicators:unit", _unit("ahorn"), AHORN_FIGURES),
    Route("indicators:unit", _unit("birk"), BIRK_FIGURES),
    Route("indicators:indicator", _indicator("ahorn"), AHORN_FIGURES),
    Route("indicators:indicator", _indicator("birk"), BIRK_FIGURES),
]

# The API (grundlag/api/indicators.py): the definitions for whoever leads a unit, a unit's figures for those
# who see its pages (404 for anyone else), the bulk write for the administrator alone (the empty form posted
# is refused as not the schema: 422, let in).
API_ROUTES = [
    Route("api-v1:indicator_list", None, signed_in(UNAUTHENTICATED, OK, respondent=DENIED)),
    Route(
        "api-v1:unit_observations",
        lambda o: {"unit_id": o["units"]["ahorn"].pk},
        signed_in(UNAUTHENTICATED, HIDDEN, leader=OK, manager=OK, administrator=OK),
    ),
    Route(
        "api-v1:unit_observations",
        lambda o: {"unit_id": o["units"]["birk"].pk},
        signed_in(UNAUTHENTICATED, HIDDEN, leader_elsewhere=OK, manager=OK, administrator=OK),
    ),
    Route("api-v1:observations_import", None, signed_in(UNAUTHENTICATED, DENIED, administrator=OK), "post"),
]

ROUTES: list[Route] = [*PAGES_ROUTES, *NOTES_ROUTES, *UPLOAD_ROUTES, *API_ROUTES]

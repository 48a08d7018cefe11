"""The actionplans rows of the access matrix (core/tests/test_access_matrix.py) and their objects."""

from grundlag.core.tests.access import DENIED, HIDDEN, LOGIN, OK, Route, signed_in  # noqa: F401


def actionplans_world(o: dict) -> dict:
    """The objects the rows below need (o: the small organisation with the people and the administrator)."""
    return {}


ROUTES: list[Route] = []

"""The confidential advice's rows of the access matrix (grundlag/core/tests/test_access_matrix.py) and the
request they need: Lis's request for advice, read by her alone among the matrix's roles.

None of the matrix's roles is a leader consultant (settings.NETWORKS_CONSULTANTS names no one there), so the
consultants' list is not there for anyone, the administrator included, and Lis cannot mark her own request
handled (the page refuses with a message: a redirect back to her thread, so OK). The advice page is every
leader's own (Lis, Bo, Dorte); a teacher who never asked and an administrator who is no one find nothing.
"""

from django.test import override_settings

from grundlag.core.tests.access import HIDDEN, LOGIN, OK, Route, signed_in
from grundlag.networks.advice.services import advice_request_create
from grundlag.networks.models import AdviceRequest
from grundlag.organisation.tests.factories import UserFactory

# A consultant's account, named only while Lis asks (a request needs someone to read it); no matrix role.
MATRIX_CONSULTANT = "matrix-konsulent"

OWN_ADVICE = signed_in(LOGIN, OK, respondent=HIDDEN, administrator=HIDDEN)
LIS_ADVICE = signed_in(LOGIN, HIDDEN, leader=OK)
CONSULTANTS_ONLY = signed_in(LOGIN, HIDDEN)


def advice_world(o):
    """Lis's request for advice with its first message; returns it."""
    lis = o["people"]["lis"]
    UserFactory(username=MATRIX_CONSULTANT)
    with override_settings(NETWORKS_CONSULTANTS=[MATRIX_CONSULTANT]):
        return advice_request_create(
            requester=lis, subject="Matrix rådgivning", text="Matrix besked", by=lis.user
        )


def lis_advice(o):
    return {"pk": AdviceRequest.objects.get(requester=o["people"]["lis"]).pk}


ROUTES = [
    Route("networks:advice_mine", None, OWN_ADVICE),
    Route("networks:advice_mine", None, OWN_ADVICE, "post"),
    Route("networks:advice_export", None, OWN_ADVICE),
    Route("networks:advice_requests", None, CONSULTANTS_ONLY),
    Route("networks:advice_request", lis_advice, LIS_ADVICE),
    Route("networks:advice_request", lis_advice, LIS_ADVICE, "post"),
    Route("networks:advice_handle", lis_advice, LIS_ADVICE, "post"),
    Route("networks:advice_reopen", lis_advice, LIS_ADVICE, "post"),
]

"""The talent pipeline's rows of the access matrix (`grundlag/core/tests/test_access_matrix.py`), and the
talent objects they need, made from the matrix's `world` through the talent services.

The world's talents: Ulla (the respondent), nominated by Bo (leader elsewhere: her school leader and so her
nearest leader), has consented, reflected, held the conversation, decided to go on and is in a cohort of a
programme with Lis (the leader) as her mentor; and a nomination of Lis by Dorte (the manager) still awaiting
Lis's consent. So each role meets the pipeline as someone: the talent, her leader, her mentor, a nominee and
a nominating leader, the administrator; Dorte is a stranger to Ulla's records, the administrator to the
nomination awaiting consent. Nothing here names Tom.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from grundlag.core.tests.access import DENIED, HIDDEN, LOGIN, OK, REFUSED, Route, signed_in

from ..models import ActivityKind, Assignment, Cohort, Decision, Interest, Programme, Stage, Talent
from ..selectors import level_expectations
from ..services import (
    activity_add,
    assignment_add,
    cohort_create,
    conversation_record,
    programme_create,
    reflection_save,
    talent_consent,
    talent_decide,
    talent_enrol,
    talent_nominate,
)


def talent_world(o: dict) -> dict:
    """Ulla's way into a programme (mentor Lis) and Dorte's nomination of Lis awaiting consent."""
    people = o["people"]
    # The matrix's world names its users; before it does, the administrator is the fixture's "admin".
    admin = o["users"]["administrator"] if "users" in o else get_user_model().objects.get(username="admin")
    ulla, bo, lis, dorte = people["ulla"], people["bo"], people["lis"], people["dorte"]
    today = timezone.localdate()
    talent = talent_nominate(nominee=ulla, reason="Matrix begrundelse", by=bo.user)
    talent_consent(talent=talent, by=ulla.user)
    expected = [e for content in level_expectations(level=talent.level) for e in content.expectations]
    reflection_save(
        talent=talent,
        answers=dict.fromkeys([e.pk for e in expected], Interest.APPEALS),
        text="Matrix refleksion",
        by=ulla.user,
    )
    conversation_record(talent=talent, held_on=today, notes="Matrix samtale", by=bo.user)
    talent_decide(talent=talent, decision=Decision.GO_ON, note="", by=ulla.user)
    programme = programme_create(name="Matrix forløb", description="", by=admin)
    assignment = assignment_add(programme=programme, title="Matrix opgave", expectation=expected[0], by=admin)
    cohort = cohort_create(
        programme=programme,
        name="Matrix hold",
        starts=today,
        ends=today + datetime.timedelta(days=180),
        by=admin,
    )
    activity_add(cohort=cohort, kind=ActivityKind.COURSE, title="Matrix kursus", held_on=today, by=admin)
    talent = talent_enrol(talent=talent, cohort=cohort, mentor=lis, by=admin)
    pending = talent_nominate(nominee=lis, reason="Matrix lederspire", by=dorte.user)
    return {
        "talent": talent,
        "pending": pending,
        "programme": programme,
        "cohort": cohort,
        "assignment": assignment,
    }


# Read from the database by who they are, so the rows work however the matrix keeps what talent_world returns.
def ulla_talent(o: dict) -> dict:
    return {"pk": Talent.objects.get(person=o["people"]["ulla"], stage=Stage.IN_PROGRAMME).pk}


def lis_nomination(o: dict) -> dict:
    return {"pk": Talent.objects.get(person=o["people"]["lis"], stage=Stage.NOMINATED).pk}


def ulla_assignment(o: dict) -> dict:
    return {**ulla_talent(o), "assignment_pk": Assignment.objects.get(title="Matrix opgave").pk}


def programme(o: dict) -> dict:
    return {"pk": Programme.objects.get(name="Matrix forløb").pk}


def cohort(o: dict) -> dict:
    return {"pk": Cohort.objects.get(name="Matrix hold").pk}


SIGNED_IN = signed_in(LOGIN, OK)
ADMIN_ONLY = signed_in(REFUSED, DENIED, administrator=OK)
# Ulla's records: hers, Bo's (who nominated her and leads her), Lis's (her mentor) and the administrator's.
ULLA_TALENT = signed_in(LOGIN, HIDDEN, respondent=OK, leader_elsewhere=OK, leader=OK, administrator=OK)
ULLA_ONLY = signed_in(LOGIN, HIDDEN, respondent=OK)
ULLA_LEADER = signed_in(LOGIN, HIDDEN, leader_elsewhere=OK)
ULLA_TRIO = signed_in(LOGIN, HIDDEN, respondent=OK, leader_elsewhere=OK, leader=OK)
# A nomination awaiting consent: the nominee's (Lis) and the nominating leader's (Dorte) only.
LIS_NOMINATION = signed_in(LOGIN, HIDDEN, leader=OK, manager=OK)
LIS_NOMINEE = signed_in(LOGIN, HIDDEN, leader=OK)
# Everyone who is a person in the organisation (the administrator here is no one: 404).
PEOPLE = signed_in(LOGIN, OK, administrator=HIDDEN)
# Those who lead someone: Lis, Bo and Dorte.
NOMINATORS = signed_in(LOGIN, OK, respondent=HIDDEN, administrator=HIDDEN)

ROUTES = [
    Route("talent:home", None, SIGNED_IN),
    Route("talent:nominate", None, NOMINATORS),
    Route("talent:nominate", None, NOMINATORS, "post"),
    Route("talent:sign_up", None, PEOPLE),
    Route("talent:sign_up", None, PEOPLE, "post"),
    Route("talent:detail", ulla_talent, ULLA_TALENT),
    Route("talent:detail", lis_nomination, LIS_NOMINATION),
    Route("talent:consent", lis_nomination, LIS_NOMINEE, "post"),
    Route("talent:decline", lis_nomination, LIS_NOMINEE, "post"),
    Route("talent:reflection", ulla_talent, ULLA_ONLY),
    Route("talent:reflection", ulla_talent, ULLA_ONLY, "post"),
    Route("talent:conversation", ulla_talent, ULLA_LEADER),
    Route("talent:conversation", ulla_talent, ULLA_LEADER, "post"),
    Route("talent:decide", ulla_talent, ULLA_ONLY, "post", {"decision": "stop"}),
    Route("talent:assess", ulla_assignment, ULLA_TRIO),
    Route("talent:assess", ulla_assignment, ULLA_TRIO, "post", {"outcome": "met"}),
    Route("talent:enrol", ulla_talent, ADMIN_ONLY),
    Route("talent:enrol", ulla_talent, ADMIN_ONLY, "post"),
    Route("talent:overview", None, ADMIN_ONLY),
    Route("talent:programmes", None, ADMIN_ONLY),
    Route("talent:programmes", None, ADMIN_ONLY, "post"),
    Route("talent:programme", programme, ADMIN_ONLY),
    Route("talent:cohort_create", programme, ADMIN_ONLY, "post"),
    Route("talent:assignment_add", programme, ADMIN_ONLY, "post"),
    Route("talent:cohort", cohort, ADMIN_ONLY),
    Route("talent:activity_add", cohort, ADMIN_ONLY, "post"),
]

import pytest
from django.utils import translation

from grundlag.organisation.imports.services.applying import org_import

COLUMNS = (
    "HOVEDSKOLE_INST,INST_NR,INST_NAVN,ENHEDSART,KOMMUNE_NR,ADM_KOMMUNE_NAVN,BEL_KOMMUNE,BEL_KOMMUNE_NAVN"
)
REGISTER = f"""{COLUMNS}
,849001,Aabybro Skole,Institution uden enheder,849,Jammerbugt Kommune,849,Jammerbugt Kommune
,101001,Bakkeskolen,Institution uden enheder,101,Københavns Kommune,101,Københavns Kommune
,615001,Bakkeskolen,Institution uden enheder,615,Horsens Kommune,615,Horsens Kommune
,400001,Rønne Skole,Institution uden enheder,400,Bornholms Regionskommune,400,Bornholms Regionskommune
"""


@pytest.fixture(autouse=True)
def messages_in_english():
    """The tests read messages word for word in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def schools(db):
    """Four schools in four municipalities (two named Bakkeskolen), imported as the institution register."""
    outcome = org_import(data=REGISTER.encode(), filename="register.csv")
    assert outcome.applied, outcome.problems
    return outcome

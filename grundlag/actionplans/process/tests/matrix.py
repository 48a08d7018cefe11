"""The 5F process's rows of the access matrix (joined through grundlag/actionplans/tests/matrix.py), and the
process they need: Lis's own, with no team, a contribution in Fokusér and a decision in Frigør. It is hers
alone: Bo (a leader beside her), Dorte (above her), Ulla and the administrator all get 404. Nothing here names
Tom."""

from grundlag.core.tests.access import DENIED, HIDDEN, LOGIN, OK, Route, signed_in
from grundlag.tools.services import tools_builtin_load

from ...models import Process, ProcessEntry
from ..services import process_entry_add, process_start

TITLE = "Matrix 5F"


def process_world(o: dict) -> dict:
    """Lis's 5F process for her school, with her contribution and her decision."""
    tools_builtin_load()
    lis = o["people"]["lis"]
    process = process_start(unit=o["units"]["ahorn"], owner=lis, title=TITLE, by=lis.user)
    entry = process_entry_add(process=process, step="fokuser", text="Matrix fokus", by=lis.user)
    process_entry_add(process=process, step="frigoer", text="Matrix beslutning", by=lis.user)
    return {"process": process, "entry": entry}


def lis_process(o: dict) -> dict:
    return {"pk": Process.objects.get(title=TITLE).pk}


def lis_step(o: dict) -> dict:
    return {**lis_process(o), "step": "fokuser"}


def lis_entry(o: dict) -> dict:
    entry = ProcessEntry.objects.get(process__title=TITLE, step="fokuser")
    return {**lis_process(o), "entry_pk": entry.pk}


# "My 5F processes": everyone who is a person (the administrator is no one: 404). A process is started by a
# leader of a unit; Lis's process is hers alone.
PEOPLE = signed_in(LOGIN, OK, administrator=HIDDEN)
STARTERS = signed_in(LOGIN, OK, respondent=DENIED, administrator=DENIED)
LIS_ONLY = signed_in(LOGIN, HIDDEN, leader=OK)

ROUTES = [
    Route("actionplans:process_list", None, PEOPLE),
    Route("actionplans:process_start", None, STARTERS),
    Route("actionplans:process_start", None, STARTERS, "post"),
    Route("actionplans:process", lis_process, LIS_ONLY),
    Route("actionplans:process_step", lis_step, LIS_ONLY),
    Route("actionplans:process_entry_add", lis_step, LIS_ONLY, "post", {"text": "Matrix bidrag"}),
    Route("actionplans:process_entry_edit", lis_entry, LIS_ONLY),
    Route("actionplans:process_entry_edit", lis_entry, LIS_ONLY, "post", {"text": "Matrix rettet"}),
    Route("actionplans:process_entry_delete", lis_entry, LIS_ONLY, "post"),
    Route("actionplans:process_move", lis_process, LIS_ONLY, "post", {"step": "forstaa"}),
    Route("actionplans:process_plan_create", lis_process, LIS_ONLY, "post"),
    Route("actionplans:process_team", lis_process, LIS_ONLY),
    Route("actionplans:process_team", lis_process, LIS_ONLY, "post"),
]

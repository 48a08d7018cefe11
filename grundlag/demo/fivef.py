"""The demo's 5F processes, written through the process's services as the pages write them: the school chief's
process with the school leaders of the department (a leadership team of leaders), worked through all five
steps by the chief and the demo school leader and made into an action plan of its Frigør decisions; and the
demo school leader's process with the school's own leadership team, under way at Forestil.

Made once: a second start finds the two leaders' processes and leaves them alone.
"""

from collections.abc import Callable

from django.utils import timezone

from grundlag.actionplans.models import Process, ProcessStep
from grundlag.actionplans.plans.selectors import team_member_candidates
from grundlag.actionplans.process.services import (
    process_entry_add,
    process_plan_create,
    process_start,
    process_step_move,
)
from grundlag.organisation.models import Person, Post, Unit

# (step, "chief" or "leader": who writes it, text), in the order they are written.
_FINISHED = [
    (
        ProcessStep.FOKUSER,
        "chief",
        "Vi vil arbejde med, at flere elever på mellemtrinnet læser, fordi de har lyst til det – ikke kun "
        "fordi de skal.",
    ),
    (
        ProcessStep.FORSTAA,
        "leader",
        "Da vi gav 5. årgang et fast læsebånd om morgenen og lod eleverne selv vælge bøger, lånte de dobbelt "
        "så mange bøger på biblioteket som året før.",
    ),
    (
        ProcessStep.FORSTAA,
        "chief",
        "Forfatterbesøgene sidste efterår gav en snak om bøger i klasserne, som lærerne stadig taler om.",
    ),
    (
        ProcessStep.FORESTIL,
        "leader",
        "Om to år står eleverne i kø ved skolebiblioteket i frikvarteret, og læsebåndet er den stund på "
        "dagen, de glæder sig til. Lærerne anbefaler bøger til hinanden, og forældrene spørger, hvad der "
        "læses i klassen.",
    ),
    (
        ProcessStep.FASTSLAA,
        "chief",
        "Om et år svarer flere elever i 4.–6. klasse i trivselsmålingen, at de kan lide at læse.",
    ),
    (
        ProcessStep.FASTSLAA,
        "leader",
        "Hver skole har et skolebibliotek, der er åbent i alle frikvarterer.",
    ),
    (
        ProcessStep.FRIGOER,
        "chief",
        "Læsebånd på 20 minutter hver morgen på 4.–6. årgang fra 1. februar; skolelederne aftaler det med "
        "årgangsteamene i januar.",
    ),
    (
        ProcessStep.FRIGOER,
        "leader",
        "Skolebibliotekarerne mødes i et netværk hver anden måned og deler bogkasser mellem skolerne.",
    ),
    (
        ProcessStep.FRIGOER,
        "chief",
        "Vi ser på trivselsmålingens tal om læselyst og på lånetallene på skoleledermøderne i marts og juni.",
    ),
]

_UNDER_WAY = [
    (
        ProcessStep.FOKUSER,
        "Vi vil arbejde med frikvartererne, så alle elever har nogen at være sammen med og noget at lave.",
    ),
    (
        ProcessStep.FORSTAA,
        "Da 3. årgang fik faste legepatruljer sidste forår, faldt antallet af konflikter efter frikvarteret, "
        "og flere elever sagde, at de havde nogen at lege med.",
    ),
    (
        ProcessStep.FORESTIL,
        "Frikvarteret er en tid, alle glæder sig til: der er voksne, man kan gå til, boldbanen deles mellem "
        "årgangene, og de ældste elever hjælper de yngste i gang med lege.",
    ),
]


def _led_unit(person: Person) -> Unit | None:
    post = (
        Post.objects.active_on(timezone.localdate())
        .filter(person=person, level__isnull=False)
        .select_related("unit")
        .order_by("pk")
        .first()
    )
    return post.unit if post is not None else None


def fivef_demo_create(*, people: list[tuple[str, str, Person]], report: Callable[[str], object]) -> None:
    """The school chief's finished process and the school leader's process at Forestil (the docstring)."""
    by_role = {username: person for username, _role, person in people}
    leader, chief = by_role.get("demo-skoleleder"), by_role.get("demo-skolechef")
    if leader is None or chief is None or leader.user is None or chief.user is None:
        return
    if Process.objects.filter(owner__in=[leader, chief]).exists():
        return
    finished = _finished(chief=chief, leader=leader)
    under_way = _under_way(leader=leader)
    made = [process for process in (finished, under_way) if process is not None]
    report(f"  5F: {len(made)} processes, {sum(1 for p in made if p.plan_id)} made into an action plan")


def _finished(*, chief: Person, leader: Person) -> Process | None:
    """The chief's process with the school leaders below them, the demo school leader among them."""
    unit = _led_unit(chief)
    candidates = list(team_member_candidates(owner=chief))
    if unit is None or leader not in candidates:
        return None
    team = [leader, *[person for person in candidates if person != leader][:2]]
    process = process_start(
        unit=unit, owner=chief, title="Læselyst på mellemtrinnet", team_members=team, by=chief.user
    )
    writers = {"chief": chief.user, "leader": leader.user}
    for step, writer, text in _FINISHED:
        if process.step != step:
            process = process_step_move(process=process, step=step, by=writers[writer])
        process_entry_add(process=process, step=step, text=text, by=writers[writer])
    process_plan_create(process=process, by=chief.user)
    process.refresh_from_db()
    return process


def _under_way(*, leader: Person) -> Process | None:
    """The school leader's process with the school's leadership team (the leaders who report to them)."""
    unit = _led_unit(leader)
    if unit is None:
        return None
    deputies = Post.objects.active_on(timezone.localdate()).filter(manager=leader, level__isnull=False)
    allowed = set(team_member_candidates(owner=leader).values_list("pk", flat=True))
    team = [post.person for post in deputies.select_related("person").order_by("person__name", "pk")]
    process = process_start(
        unit=unit,
        owner=leader,
        title="Et godt frikvarter for alle",
        team_members=[person for person in team if person.pk in allowed],
        by=leader.user,
    )
    for step, text in _UNDER_WAY:
        if process.step != step:
            process = process_step_move(process=process, step=step, by=leader.user)
        process_entry_add(process=process, step=step, text=text, by=leader.user)
    return process

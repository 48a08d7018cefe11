"""The demo's leader development: the demo school leader's LUS of last year, prepared, rated by both, held,
with notes and a topic left undone, agreed with two goals and followed up twice; their plan with actions and a
private goal, and a sparring session; and this year's LUS, in an LUS round for the school chief's department,
scheduled for next week and opened, the chief's ratings handed in and the leader's still to come.

Every record is written by the development services. A dialogue can be scheduled only in the future, so last
year's is held now and then dated back (`demo.services.demo_dialogue_date`).
"""

import datetime
from collections.abc import Callable

from django.contrib.auth.models import User
from django.utils import timezone

from grundlag.development.dialogues.services import (
    RatingInput,
    agenda_item_save,
    agenda_topic_add,
    agreement_approve,
    agreement_goal_add,
    agreement_summary_save,
    dialogue_hold,
    dialogue_open,
    dialogue_schedule,
    follow_up_record,
    follow_ups_set,
    private_note_save,
    ratings_save,
    round_open,
)
from grundlag.development.insight.services import impact_answer, insight_years_close
from grundlag.development.models import Dialogue, DialogueRound, Goal, GoalStatus, SparringKind
from grundlag.development.plans.services import (
    action_add,
    action_update,
    goal_create,
    goal_update,
    plan_own_get,
)
from grundlag.development.sparring.services import sparring_session_log, sparring_step_to_plan
from grundlag.frameworks.models import Expectation
from grundlag.organisation.models import Person, Unit

# What each party wrote, by the section's position in the pack (the foundation's order): a value and a reason.
LAST_YEAR_LEADER = [
    (4, "Vi har fået en fælles retning i ledelsesteamet, men den er ikke nået ud til alle teams."),
    (3, "Jeg bruger for lidt tid på at være tæt på undervisningen."),
    (4, "Samarbejdet med forældrebestyrelsen fungerer godt."),
    (5, "Jeg tager ansvar for hele kommunens børn, også når det koster på egen skole."),
    (3, "Jeg følger for sjældent op på de aftaler, vi laver."),
]
LAST_YEAR_CHIEF = [
    (4, "Tydelig retning; skoleplanen er et godt eksempel."),
    (4, "Du er mere synlig i klasserne, end du selv giver udtryk for."),
    (3, "Forældresamarbejdet er godt, men klagesagen i foråret viste et behov for tidligere dialog."),
    (4, "Et godt bidrag i skolelederkredsen."),
    (2, "Opfølgningen på de fælles aftaler halter og skal prioriteres."),
]
THIS_YEAR_CHIEF = [
    (4, "Skoleplanen er nu kendt i alle teams."),
    (4, "Flere klassebesøg og konkret sparring med lærerne."),
    (4, "Bedre dialog med forældre; ingen større sager i år."),
    (4, "Aktiv i det tværgående arbejde om inklusion."),
    (3, "Opfølgningen er blevet bedre, men er ikke fast endnu."),
]


def _ratings(dialogue: Dialogue, values: list[tuple[int, str]]) -> dict[int, RatingInput]:
    """The pack's sections rated in turn with the values (repeated when the level has more sections)."""
    sections = dialogue.pack.content["sections"]
    return {
        section["id"]: RatingInput(value=values[i % len(values)][0], reason=values[i % len(values)][1])
        for i, section in enumerate(sections)
    }


def last_year_hold(*, leader: Person, chief: Person, place: str) -> Dialogue:
    """The LUS of last year, run through every phase up to held; the caller dates it back."""
    assert leader.user is not None and chief.user is not None
    soon = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) + datetime.timedelta(
        days=1
    )
    dialogue = dialogue_schedule(leader=leader, when=soon, place=place, by=chief.user)
    dialogue_open(dialogue=dialogue, by=chief.user)
    ratings_save(
        dialogue=dialogue, ratings=_ratings(dialogue, LAST_YEAR_LEADER), hand_in=True, by=leader.user
    )
    ratings_save(dialogue=dialogue, ratings=_ratings(dialogue, LAST_YEAR_CHIEF), hand_in=True, by=chief.user)
    items = list(dialogue.agenda.all())
    agenda_item_save(
        item=items[0],
        notes="Skoleplanen skal præsenteres på et personalemøde i hvert team inden jul.",
        done=True,
        by=chief.user,
    )
    agenda_item_save(
        item=items[-1],
        notes="Aftalt: en fast opfølgning på hvert ledelsesteammøde.",
        done=True,
        by=leader.user,
    )
    private_note_save(
        item=items[1], text="Husk at nævne, at jeg mangler tid til klassebesøg i udskolingen.", by=leader.user
    )
    agenda_topic_add(dialogue=dialogue, title="Ny læsestrategi for indskolingen", by=leader.user)
    done = agenda_topic_add(dialogue=dialogue, title="Sygefravær i SFO'en", by=chief.user)
    agenda_item_save(item=done, notes="Fraværssamtaler er gennemført.", done=True, by=chief.user)
    dialogue_hold(dialogue=dialogue, by=chief.user)
    last_year_agree(dialogue=dialogue, leader=leader, chief=chief)
    return dialogue


def _expectation_of(dialogue: Dialogue, index: int) -> Expectation | None:
    section = dialogue.pack.content["sections"][index]["id"]
    return Expectation.objects.filter(section_id=section).order_by("position", "pk").first()


def last_year_agree(*, dialogue: Dialogue, leader: Person, chief: Person) -> None:
    """Last year's agreement (two goals in the leader's plan), approved by both, its two follow-ups held, and
    the leader's answer to "did it help?"."""
    assert leader.user is not None and chief.user is not None
    agreement_summary_save(
        dialogue=dialogue,
        summary=(
            "Vi talte om skoleplanen, om tiden tæt på undervisningen og om opfølgningen på fælles aftaler.\n"
            "Kim prioriterer klassebesøg og en fast opfølgning i ledelsesteamet."
        ),
        by=chief.user,
    )
    agreement_goal_add(
        dialogue=dialogue,
        title="Mere tid tæt på undervisningen",
        description="Klassebesøg hver uge med kort feedback til lærerne.",
        expectation=_expectation_of(dialogue, 1),
        by=leader.user,
    )
    agreement_goal_add(
        dialogue=dialogue,
        title="Fast opfølgning på fælles aftaler",
        description="Et fast punkt på hvert ledelsesteammøde.",
        expectation=_expectation_of(dialogue, -1),
        by=leader.user,
    )
    for user in (leader.user, chief.user):
        agreement_approve(dialogue=dialogue, by=user)
    first, second = follow_ups_set(dialogue=dialogue, dates=[timezone.localdate()] * 2, by=chief.user)
    follow_up_record(
        follow_up=first, notes="Klassebesøg i gang i indskolingen; udskolingen mangler.", by=chief.user
    )
    follow_up_record(
        follow_up=second, notes="Begge mål er godt på vej; opfølgningen er nu et fast punkt.", by=leader.user
    )
    impact_answer(dialogue=dialogue, value=4, by=leader.user)


def plan_fill(*, leader: Person) -> None:
    """The demo leader's plan: actions on the two agreed goals (one done, with evidence and a reflection), a
    private goal of their own, and a sparring session whose next step went into the plan."""
    assert leader.user is not None
    user, today = leader.user, timezone.localdate()
    plan = plan_own_get(leader=leader)
    visits, follow_through = Goal.objects.filter(plan=plan, dialogue__isnull=False).order_by("position", "pk")
    done = action_add(goal=visits, text="Faste klassebesøg i indskolingen", owner="Mig", due=today, by=user)
    action_update(
        action=done,
        text=done.text,
        owner=done.owner,
        due=done.due,
        done=True,
        evidence="12 besøg i efteråret; lærerne har fået skriftlig feedback.",
        reflection="Besøgene giver mig et bedre grundlag for at tale med lærerne om undervisningen.",
        by=user,
    )
    action_add(
        goal=visits,
        text="Klassebesøg i udskolingen",
        owner="Mig og viceskolelederen",
        due=today + datetime.timedelta(days=5),
        by=user,
    )
    action_add(
        goal=follow_through,
        text="Opfølgning som fast punkt på ledelsesteammødet",
        owner="Ledelsesteamet",
        due=today + datetime.timedelta(days=30),
        by=user,
    )
    for goal in (visits, follow_through):
        goal_update(
            goal=goal,
            title=goal.title,
            description=goal.description,
            status=GoalStatus.ACTIVE,
            shared=True,
            by=user,
        )
    own = goal_create(
        plan=plan,
        title="Bedre balance mellem drift og pædagogisk ledelse",
        description="Et mål, jeg holder for mig selv indtil videre.",
        by=user,
    )
    action_add(
        goal=own,
        text="Blokér to timer om ugen til pædagogisk ledelse",
        due=today + datetime.timedelta(days=14),
        by=user,
    )
    sparring_fill(leader=leader, goal=visits)


def sparring_fill(*, leader: Person, goal: Goal) -> None:
    """A sparring session with a peer, its first next step added to the plan under `goal`."""
    assert leader.user is not None
    user, today = leader.user, timezone.localdate()
    session = sparring_session_log(
        leader=leader,
        kind=SparringKind.PEER,
        partner="Skolelederen på naboskolen",
        held_on=today - datetime.timedelta(days=10),
        section_ids=[],
        notes="Vi talte om, hvordan man får tid til klassebesøg, når driften presser.",
        steps=["Prøv en fast besøgsdag om ugen", "Del erfaringer i skolelederkredsen"],
        by=user,
    )
    sparring_step_to_plan(step=session.steps.order_by("pk")[0], goal=goal, by=user)


def this_year_open(
    *, unit: Unit, leader: Person, chief: Person, admin: User, place: str
) -> tuple[int, Dialogue]:
    """This year's LUS round for the chief's department; the leader's dialogue scheduled, opened, rated by
    the chief."""
    assert leader.user is not None and chief.user is not None
    today = timezone.localdate()
    opened = round_open(
        name=f"LUS {today.year + 1}",
        unit=unit,
        starts=today,
        ends=today + datetime.timedelta(days=120),
        by=admin,
    )
    next_week = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + datetime.timedelta(
        days=7
    )
    dialogue = dialogue_schedule(leader=leader, when=next_week, place=place, by=chief.user)
    dialogue_open(dialogue=dialogue, by=chief.user)
    ratings_save(dialogue=dialogue, ratings=_ratings(dialogue, THIS_YEAR_CHIEF), hand_in=True, by=chief.user)
    return opened.planned, dialogue


def development_demo_create(
    *,
    leader: Person,
    chief: Person,
    unit: Unit,
    admin: User,
    date_back: Callable[[Dialogue], None],
    report: Callable[[str], object],
) -> None:
    """Make the demo's dialogues once (a second start finds the round and leaves them alone). Last year's is
    dated back (`date_back`) before this year's opens, so this year's pack finds it as the previous one."""
    if DialogueRound.objects.exists():
        return
    place = f"{unit.name}, mødelokale 2"
    date_back(last_year_hold(leader=leader, chief=chief, place=place))
    plan_fill(leader=leader)
    planned, _dialogue = this_year_open(unit=unit, leader=leader, chief=chief, admin=admin, place=place)
    insight_years_close()  # last year's goals, counted for the insight page as the daily command does
    report(f"  development: last year's LUS held, an LUS round with {planned} dialogues, one opened")

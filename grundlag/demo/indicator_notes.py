"""The demo's qualitative data beside the figures: the demo school leader's notes on their school (an
interview with pupils and a story, perception data; an observation of a lesson, process data; and one note
for "only me") and two comments on the school's figures (the latest school year's well-being, and the
subject competence over all the years), written through the notes' services with dates relative to today.

Made once: a second start finds the school's notes and leaves them alone.
"""

import datetime
from collections.abc import Callable

from django.utils import timezone

from grundlag.indicators.models import DataType, Indicator, NoteKind, UnitNote
from grundlag.indicators.notes.selectors import comment_periods
from grundlag.indicators.notes.services import figure_comment_create, unit_note_create
from grundlag.organisation.models import Person, Post

# (days ago, data type, kind, title, text, private)
_NOTES = [
    (
        48,
        DataType.PERCEPTION,
        NoteKind.INTERVIEW,
        "Gruppeinterview med elever fra 5. årgang om frikvartererne",
        "Seks elever fra 5.a og 5.b. De fleste leger godt, men flere fortæller, at de store elever fylder "
        "boldbanen, og at de mindre derfor holder sig inde. To elever savner en voksen, de kan gå til i "
        "frikvarteret. Forslag fra eleverne: faste dage på boldbanen for hver årgang.",
        False,
    ),
    (
        31,
        DataType.PROCESS,
        NoteKind.OBSERVATION,
        "Observation af en matematiklektion i 7.b",
        "Tydelig start med dagens læringsmål på tavlen. Eleverne arbejdede i makkerpar med opgaver på tre "
        "niveauer; læreren nåede rundt til alle par. Ti minutter før tid samlede klassen op på målet. "
        "Til næste gang: hvordan ved vi, hvilke elever der nåede målet?",
        False,
    ),
    (
        12,
        DataType.PERCEPTION,
        NoteKind.STORY,
        "En forælder fortæller om skiftet til ny klasselærer",
        "En mor til en elev i 4.a fortalte på forældremødet, at hendes søn i starten var utryg ved den nye "
        "klasselærer, men at de ugentlige beskeder hjem har gjort en forskel. Hun oplever, at flere forældre "
        "har det på samme måde.",
        False,
    ),
    (
        5,
        DataType.PERCEPTION,
        NoteKind.OTHER,
        "Mine egne tanker før mødet med skolebestyrelsen",
        "Fortæl om interviewet med 5. årgang frem for at tale om trivselstallet alene, og spørg "
        "bestyrelsen, hvad de hører derhjemme.",
        True,
    ),
]

_COMMENTS = [
    (
        "demo-generel-trivsel",
        True,  # about the latest school year
        "Skolen fik ny frikvartersordning i foråret, efter at målingen var lavet: tallet siger endnu intet "
        "om den. Interviewet med 5. årgang peger på boldbanen som det, der fylder.",
    ),
    (
        "demo-kompetencedaekning",
        False,  # about all the years
        "Stigningen skyldes især, at to lærere har taget linjefag i matematik og dansk som "
        "efteruddannelse; tallet dækker ikke vikartimer.",
    ),
]


def _school(leader: Person) -> Post | None:
    return (
        Post.objects.active_on(timezone.localdate())
        .filter(person=leader, level__isnull=False)
        .select_related("unit")
        .order_by("pk")
        .first()
    )


def indicator_notes_demo_create(
    *, people: list[tuple[str, str, Person]], report: Callable[[str], object]
) -> None:
    """The demo school leader's notes on their school and comments on its figures (the module's docstring)."""
    leader = {username: person for username, _role, person in people}.get("demo-skoleleder")
    post = _school(leader) if leader is not None and leader.user is not None else None
    if post is None or leader is None or UnitNote.objects.filter(unit=post.unit).exists():
        return
    today = timezone.localdate()
    for days, data_type, kind, title, text, private in _NOTES:
        unit_note_create(
            unit=post.unit,
            data_type=data_type,
            kind=kind,
            observed_on=today - datetime.timedelta(days=days),
            title=title,
            text=text,
            private=private,
            by=leader.user,
        )
    comments = 0
    for key, latest, text in _COMMENTS:
        indicator = Indicator.objects.filter(key=key).first()
        periods = comment_periods(unit=post.unit, indicator=indicator) if indicator is not None else []
        if indicator is None or not periods:
            continue
        figure_comment_create(
            unit=post.unit,
            indicator=indicator,
            period=periods[0] if latest else None,
            text=text,
            by=leader.user,
        )
        comments += 1
    report(f"  indicator notes: {len(_NOTES)} notes and {comments} comments on {post.unit.name}")

"""The demo's leader networks: source 001's three leader forums with their texts from the built-in foundation
("For ledere af ledere"), open to leaders of leaders (the third also to the administration's staff, as the
source says), organised by the demo's leader consultant; the first forum's two events in Kolding and
Ballerup in November, the one in Ballerup full with a waiting list and a freed place offered to the school
chief; a past event of the second forum the chief took part in; the reflection questions of the source on
the third forum with the group's notes; a newsletter sent to the first forum's members; and, where the demo's
consultant is one of NETWORKS_CONSULTANTS (as scripts/start sets), a request for confidential advice by the
school chief that the consultant has answered.

Every record is written by the networks' services. An event can be made only ahead, so the past one is made
ahead and then dated back (`demo.services.demo_event_date_back`).
"""

import datetime
from collections.abc import Callable

from django.contrib.auth.models import User
from django.utils import timezone

from grundlag.frameworks.models import Section
from grundlag.networks.advice.services import advice_message_add, advice_request_create
from grundlag.networks.events.services import (
    EventInput,
    ForumInput,
    event_create,
    forum_join,
    forum_save,
    place_cancel,
    place_signup,
)
from grundlag.networks.models import Audience, Event, Forum, Place, PlaceStatus
from grundlag.networks.newsletters.services import newsletter_create, newsletter_deliver
from grundlag.networks.reflection.services import reflection_note_add, reflection_set_from_section
from grundlag.organisation.models import Person

SOURCE = "bupl-ledere-af-ledere"


def _forum_sections() -> list[Section]:
    return list(
        Section.objects.filter(version__framework__slug=SOURCE, version__number=1, kind="forum")
        .prefetch_related("texts")
        .order_by("position", "pk")
    )


def _description(section: Section) -> str:
    """The forum's text word for word from the foundation (its body; the link's lead-in is left out)."""
    return "\n\n".join(text.text for text in section.texts.all() if text.kind == "body")


def _slug(section: Section) -> str:
    return section.key.removeprefix("lederforum-")


def _next(month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """The next such day (this year's if it is still ahead, else next year's), at the time given."""
    today = timezone.localdate()
    year = today.year if (month, day) > (today.month, today.day) else today.year + 1
    return timezone.make_aware(
        datetime.datetime.combine(datetime.date(year, month, day), datetime.time(hour, minute))
    )


def _event(forum: Forum, *, town: str, starts: datetime.datetime, capacity: int, by: User) -> Event:
    return event_create(
        forum=forum,
        data=EventInput(
            title=f"Lederforum: {forum.theme} i {town}",
            description=forum.description,
            starts=starts,
            ends=starts + datetime.timedelta(hours=6),
            town=town,
            capacity=capacity,
            signup_deadline=starts - datetime.timedelta(days=7),
        ),
        organisers=[],
        by=by,
    )


def networks_demo_create(
    *,
    chief: Person,
    leaders_of_leaders: list[Person],
    consultant: Person,
    administration: list[Person],
    admin: User,
    advice: bool,
    report: Callable[[str], object],
) -> list[Event]:
    """The forums, events and places (made once); returns the events, the past one last."""
    if Forum.objects.exists():
        return list(Event.objects.order_by("starts"))
    sections = _forum_sections()
    forums = [
        forum_save(
            data=ForumInput(
                slug=_slug(section),
                theme=section.title,
                description=_description(section),
                audience=Audience.LEADERS_OF_LEADERS,
                source_section_id=section.pk,
            ),
            organisers=[consultant],
            invited=administration if index == 2 else [],
            by=admin,
        )
        for index, section in enumerate(sections)
    ]
    kolding = _event(forums[0], town="Kolding", starts=_next(11, 5, 9, 30), capacity=25, by=admin)
    ballerup = _event(forums[0], town="Ballerup", starts=_next(11, 13, 9, 30), capacity=3, by=admin)
    others = [person for person in leaders_of_leaders if person.pk != chief.pk]
    for forum in forums:
        forum_join(forum=forum, person=chief, by=chief.user or admin)
    for person in others[:6]:
        place_signup(event=kolding, person=person, by=admin)
    place_signup(event=kolding, person=chief, by=chief.user or admin)
    for person in others[6:9]:
        place_signup(event=ballerup, person=person, by=admin)
    place_signup(event=ballerup, person=chief, by=chief.user or admin)  # full: the waiting list
    if others[6:9]:
        # One of those with a place cancels: the place is offered to the chief, first on the list.
        first = Place.objects.get(event=ballerup, person=others[6], status=PlaceStatus.SIGNED_UP)
        place_cancel(place=first, by=admin)
    past = _event(forums[1], town="Vejle", starts=_next(11, 20, 9, 30), capacity=20, by=admin)
    for person in [chief, *others[:4]]:
        place_signup(event=past, person=person, by=chief.user if person == chief and chief.user else admin)
    _reflection(forum=forums[2], chief=chief, consultant=consultant)
    _newsletter(forum=forums[0], consultant=consultant)
    if advice and chief.user is not None and consultant.user is not None:
        _advice(chief=chief, consultant=consultant)
    report(f"  networks: {len(forums)} leader forums, 3 events, {Place.objects.count()} places")
    return [kolding, ballerup, past]


NOTES = [
    (0, "Vi aftaler faste dialogmøder hvert kvartal, hvor forvaltningschefen kommer ud i distrikterne."),
    (2, "Trivselsdata giver mening for os, når vi selv har været med til at vælge, hvad vi ser på."),
    (5, "Vores spænd er 14 ledere; vi prøver ledelsesteams i de største dagtilbud."),
]


def _reflection(*, forum: Forum, chief: Person, consultant: Person) -> None:
    """Source 001's six questions on the third forum (Ledelseskommissionens anbefalinger), with notes."""
    section = Section.objects.filter(
        version__framework__slug=SOURCE, version__number=1, key="refleksion"
    ).first()
    if section is None or chief.user is None:
        return
    questions = list(
        reflection_set_from_section(forum=forum, section=section, by=consultant.user).questions.all()
    )
    for index, text in NOTES:
        if index < len(questions):
            reflection_note_add(question=questions[index], text=text, by=chief.user)


NEWSLETTER = (
    "Nyt fra lederforaene",
    "Kære ledere af ledere\n\n"
    "Efteråret byder på to møder i lederforummet om evalueringskultur og datainformeret ledelse:\n"
    "- i Kolding den 5. november\n"
    "- i Ballerup den 13. november\n\n"
    "Tilmeld dig på arrangementets side. Er der fuldt, kommer du på ventelisten og får tilbudt en plads, "
    "hvis en bliver ledig.\n\n"
    "*Med venlig hilsen* lederkonsulenten",
)


def _newsletter(*, forum: Forum, consultant: Person) -> None:
    if consultant.user is None:
        return
    subject, body = NEWSLETTER
    newsletter_deliver(
        newsletter=newsletter_create(forum=forum, subject=subject, body=body, by=consultant.user)
    )


def _advice(*, chief: Person, consultant: Person) -> None:
    """The school chief asks for a confidential conversation; the consultant answers."""
    request = advice_request_create(
        requester=chief,
        subject="Sparring om en svær omstrukturering",
        text="Jeg vil gerne tale fortroligt om, hvordan jeg leder mine skoleledere gennem en sammenlægning.",
        by=chief.user,
    )
    advice_message_add(
        request=request,
        text="Tak for din henvendelse. Jeg ringer dig op i næste uge, så finder vi et tidspunkt.",
        by=consultant.user,
    )

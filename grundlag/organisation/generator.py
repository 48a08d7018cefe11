"""Realistic fictional organisations for the demo, the tests and the benchmarks, from one school to Denmark.

The rows are in the importer's default CSV columns, so generated organisations enter the database through
the same importer as a municipality's HR export. Everything comes from one `random.Random(seed)`: the same
seed gives the same rows. Names of municipalities, places, people and e-mail domains are made up (e-mails
are on `<municipality>.example.dk`); no real municipality's name is used.
"""

import csv
import datetime
import io
import random
from dataclasses import dataclass, field

from .imports.readers.common import COLUMNS

SCALES = ("school", "municipality", "national")

# Keys of the levels in the aarhus-boern-og-unge framework.
DIRECTOR = "direktoer"
CHILDREN_CHIEF = "boern-og-ungechef"
ADMINISTRATION_CHIEF = "forvaltningschef"
INSTITUTION_LEADER = "dagtilbuds-skole-og-fu-leder"
OFFICE_CHIEF = "kontorchef"
TEAM_LEADER = "leder-af-medarbejder"

# fmt: off
# First names by gender, so that a person's given names agree (never "Lars Marie"). "Kim" counts as a
# man's name, as it mostly is in Denmark. A middle name is drawn from the list of the first name's gender;
# the two lists are as long as each other, so the draws, and every other row of a seed, stay the same.
FEMALE_FIRST_NAMES = [
    "Anne", "Mette", "Hanne", "Susanne", "Lone", "Camilla", "Louise", "Maria", "Marianne", "Helle",
    "Karina", "Pia", "Charlotte", "Tina", "Lene", "Kirsten", "Rikke", "Julie", "Sofie", "Ida", "Emma",
    "Laura", "Cecilie", "Signe", "Line", "Maja", "Birgitte", "Dorthe", "Inge", "Jette", "Katrine", "Malene",
    "Nanna", "Sara", "Stine", "Trine", "Vibeke", "Gitte", "Bente", "Mia", "Astrid", "Freja", "Karen",
    "Merete", "Anja", "Eva", "Lise"
]
MALE_FIRST_NAMES = [
    "Peter", "Jens", "Lars", "Michael", "Henrik", "Søren", "Thomas", "Jan", "Niels", "Christian", "Martin",
    "Anders", "Morten", "Jesper", "Rasmus", "Mads", "Jacob", "Kasper", "Mikkel", "Frederik", "Jonas", "Emil",
    "Kim", "Ole", "Bo", "Torben", "Claus", "Klaus", "Poul", "Hans", "Steen", "Brian", "Jakob", "Simon",
    "Troels", "Esben", "Jeppe", "Allan", "Carsten", "Flemming", "Kenneth", "Rune", "Ulrik", "Asger", "Oliver",
    "Malthe"
]
FIRST_NAMES = FEMALE_FIRST_NAMES + MALE_FIRST_NAMES
# Family names used as middle names are anyone's; the given names among them follow the first name.
FAMILY_MIDDLE_NAMES = ["Juul", "Bach", "Holm", "Lund", "Friis", "Skov", "Dam", "Krogh", "Kjær"]
FEMALE_MIDDLE_NAMES = ["Marie", "Louise", "Sofie", "Katrine", "Elisabeth", *FAMILY_MIDDLE_NAMES]
MALE_MIDDLE_NAMES = ["Peter", "Christian", "Emil", "Frederik", "Valdemar", *FAMILY_MIDDLE_NAMES]
LAST_NAMES = [
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
    "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen",
    "Johansen", "Møller", "Mortensen", "Knudsen", "Jakobsen", "Mikkelsen", "Olesen", "Frederiksen",
    "Laursen", "Henriksen", "Lund", "Schmidt", "Eriksen", "Holm", "Kristiansen", "Clausen", "Simonsen",
    "Svendsen", "Andreasen", "Iversen", "Jeppesen", "Vestergaard", "Mogensen", "Nissen", "Lauridsen",
    "Kjær", "Jessen", "Bertelsen", "Søndergaard", "Dalgaard", "Skovgaard", "Bech", "Thygesen", "Bak",
    "Kofoed", "Enevoldsen", "Kirkegaard", "Lindholm", "Gregersen", "Ahmadi", "Hussein", "Yilmaz", "Nowak",
    "Kowalski", "Ali", "Khan", "Berg", "Lindberg"
]
# Place names are built from two made-up parts; none of the combinations is a municipality's name.
PLACE_STARTS = [
    "Ege", "Birke", "Aske", "Hassel", "Lærke", "Kilde", "Bøge", "Elle", "Hylde", "Tjørne", "Kløver", "Lyng",
    "Svane", "Trane", "Hjorte", "Ugle", "Rosen", "Solsikke", "Valmue", "Stær", "Ravne", "Mølle", "Bro",
    "Kirke"
]
PLACE_ENDS = [
    "lund", "bjerg", "vang", "høj", "mark", "toft", "bæk", "strand", "holt", "hede", "skov", "eng", "gård",
    "bakke", "have"
]
# fmt: on
COMPASS = ("Nord", "Syd", "Øst", "Vest", "Midt")

# Dates are fixed, not relative to today, so a seed gives the same rows on any day.
EARLIEST_START = datetime.date(1992, 8, 1)
LATEST_START = datetime.date(2025, 8, 1)
LATEST_END = datetime.date(2025, 10, 31)
MUNICIPALITIES = 98
# The sum of the municipalities' sizes (1.0 is Egelund's ~1,000 leaders) that gives ~46,000 leaders.
NATIONAL_SIZE = 46.0


def organisation_generate(*, scale: str, seed: int = 1) -> list[dict[str, str]]:
    """Rows of a fictional organisation at the given scale, in the import's default CSV columns."""
    if scale not in SCALES:
        raise ValueError(f"Unknown scale {scale!r}; choose one of {', '.join(SCALES)}.")
    rng = random.Random(seed)
    places = _place_names(rng)
    if scale == "school":
        builder = _Builder(rng=rng, places=places, domain="egelund.example.dk")
        _school_alone(builder, municipality="Egelund")
        return builder.rows()
    if scale == "municipality":
        builder = _Builder(rng=rng, places=places, domain="egelund.example.dk")
        _municipality(builder, name="Egelund", size=1.0)
        _history_and_second_posts(builder)
        return builder.rows()
    return _national(rng, places)


def organisation_csv(rows: list[dict[str, str]]) -> bytes:
    """The rows as a UTF-8 CSV file with a header line, as the importer reads it."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def municipality_names() -> list[str]:
    """Every fictional municipality name the generator can use (without "Kommune")."""
    return [start + end for start in PLACE_STARTS for end in PLACE_ENDS]


def _place_names(rng: random.Random) -> list[str]:
    names = municipality_names()
    rng.shuffle(names)
    return names


@dataclass
class _Unit:
    key: str
    name: str
    parent: str
    kind: str
    posts: list[dict[str, str]] = field(default_factory=list)


@dataclass
class _Builder:
    """Collects units, people and posts for one or more municipalities and turns them into rows."""

    rng: random.Random
    places: list[str]
    domain: str
    prefix: str = ""
    employees: bool = True
    units: dict[str, _Unit] = field(default_factory=dict)
    people: dict[str, tuple[str, str]] = field(default_factory=dict)
    emails: dict[str, int] = field(default_factory=dict)
    # Units with staff, for history and second posts: (unit key, leader's person key, titles there).
    staffed: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    employee_posts: list[dict[str, str]] = field(default_factory=list)
    place_index: int = 0

    def place(self) -> str:
        """A fresh made-up place name, for an institution."""
        name = self.places[self.place_index % len(self.places)]
        self.place_index += 1
        return name

    def unit(self, name: str, *, kind: str, parent: str = "") -> str:
        key = f"{self.prefix}U{len(self.units) + 1:05d}"
        self.units[key] = _Unit(key=key, name=name, parent=parent, kind=kind)
        return key

    def person(self) -> str:
        rng = self.rng
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(LAST_NAMES)
        name = f"{first} {_middle_name(rng, first)} {last}" if rng.random() < 0.15 else f"{first} {last}"
        local = _ascii(f"{first}.{last}")
        seen = self.emails.get(local, 0) + 1
        self.emails[local] = seen
        email = f"{local}{seen if seen > 1 else ''}@{self.domain}"
        key = f"{self.prefix}P{len(self.people) + 1:06d}"
        self.people[key] = (name, email)
        return key

    def post(
        self,
        unit: str,
        *,
        title: str,
        level: str = "",
        manager: str = "",
        person: str = "",
        start: datetime.date | None = None,
        end: datetime.date | None = None,
    ) -> dict[str, str]:
        """A post for a new person (or the given one); leaders start later in their careers than staff."""
        person = person or self.person()
        if start is None:
            earliest = datetime.date(2004, 1, 1) if level else EARLIEST_START
            start = _day(self.rng, earliest, LATEST_START)
        post = {
            "unit_id": unit,
            "person_id": person,
            "title": title,
            "level": level,
            "manager_person_id": manager,
            "start_date": start.isoformat(),
            "end_date": end.isoformat() if end else "",
        }
        self.units[unit].posts.append(post)
        return post

    def leader(self, unit: str, *, title: str, level: str, manager: str = "") -> str:
        return self.post(unit, title=title, level=level, manager=manager)["person_id"]

    def staff(self, unit: str, *, leader: str, titles: tuple[str, ...], count: int) -> None:
        """Employees (no level) reporting to the leader; the first title is the most common."""
        if not self.employees or count <= 0:
            return
        weights = [3] + [1] * (len(titles) - 1)
        for title in self.rng.choices(titles, weights=weights, k=count):
            self.employee_posts.append(self.post(unit, title=title, manager=leader))
        self.staffed.append((unit, leader, titles))

    def rows(self) -> list[dict[str, str]]:
        """Units top-down in creation order; a unit without posts becomes a unit-only row."""
        rows = []
        for unit in self.units.values():
            unit_columns = {
                "unit_id": unit.key,
                "unit_name": unit.name,
                "parent_unit_id": unit.parent,
                "unit_kind": unit.kind,
            }
            if not unit.posts:
                rows.append({column: "" for column in COLUMNS} | unit_columns)
            for post in unit.posts:
                name, email = self.people[post["person_id"]]
                rows.append({**post, **unit_columns, "name": name, "email": email})
        return rows


def _municipality(b: _Builder, *, name: str, size: float) -> None:
    """A municipality's children and youth administration; size 1.0 is about 1,000 leaders."""

    def scaled(n: float, least: int = 1) -> int:
        return max(least, round(n * size))

    top = b.unit(f"{name} Kommune", kind="Kommune")
    board = b.unit("Direktionen", kind="Direktion", parent=top)
    director = b.leader(board, title="Direktør for Børn og Unge", level=DIRECTOR)
    b.staff(board, leader=director, titles=("Direktionssekretær", "Chefkonsulent"), count=2)
    children = b.unit("Børn og Unge", kind="Forvaltning", parent=board)
    chief = b.leader(children, title="Børn- og Ungechef", level=CHILDREN_CHIEF, manager=director)
    b.staff(children, leader=chief, titles=("Chefkonsulent", "Kommunikationskonsulent"), count=scaled(4))

    schools = b.unit("Skole", kind="Afdeling", parent=children)
    school_chief = b.leader(schools, title="Skolechef", level=ADMINISTRATION_CHIEF, manager=chief)
    b.staff(schools, leader=school_chief, titles=("Pædagogisk konsulent", "Skolekonsulent"), count=scaled(6))
    districts = [
        b.unit(f"Skoledistrikt {part}", kind="Distrikt", parent=schools)
        for part in COMPASS[: min(4, scaled(4))]
    ]
    for index in range(scaled(52)):
        _school(b, parent=districts[index % len(districts)], manager=school_chief)

    daycare = b.unit("Dagtilbud", kind="Afdeling", parent=children)
    daycare_chief = b.leader(daycare, title="Dagtilbudschef", level=ADMINISTRATION_CHIEF, manager=chief)
    b.staff(daycare, leader=daycare_chief, titles=("Pædagogisk konsulent",), count=scaled(5))
    areas = [
        b.unit(f"Dagtilbudsområde {part}", kind="Område", parent=daycare)
        for part in COMPASS[: min(4, scaled(4))]
    ]
    for index in range(scaled(42)):
        _daycare(b, parent=areas[index % len(areas)], manager=daycare_chief)
    _childminders(b, parent=daycare, manager=daycare_chief, size=size)

    leisure = b.unit("Fritid og Ungdom", kind="Afdeling", parent=children)
    leisure_chief = b.leader(leisure, title="Fritids- og ungdomschef", level=OFFICE_CHIEF, manager=chief)
    _leisure(b, parent=leisure, manager=leisure_chief, size=size)

    for office, title, teams in [
        ("Stab for Økonomi og Administration", "Stabschef", _ADMINISTRATION_TEAMS),
        ("PPR og Sundhed", "Chef for PPR og Sundhed", _PPR_TEAMS),
    ]:
        office_unit = b.unit(office, kind="Afdeling", parent=children)
        office_chief = b.leader(office_unit, title=title, level=OFFICE_CHIEF, manager=chief)
        for team, leader_title, titles, staff in teams[: scaled(len(teams))]:
            team_unit = b.unit(team, kind="Team", parent=office_unit)
            team_leader = b.leader(team_unit, title=leader_title, level=TEAM_LEADER, manager=office_chief)
            b.staff(team_unit, leader=team_leader, titles=titles, count=scaled(staff, least=2))


_ADMINISTRATION_TEAMS = [
    ("Økonomi", "Økonomichef", ("Økonomikonsulent", "Controller", "Regnskabsmedarbejder"), 14),
    ("HR og Personale", "HR-chef", ("HR-konsulent", "Lønkonsulent"), 12),
    ("Digitalisering og IT", "Teamleder", ("IT-konsulent", "Digitaliseringskonsulent"), 10),
    ("Pladsanvisning", "Teamleder", ("Pladsanvisningsmedarbejder", "Administrativ medarbejder"), 8),
    ("Bygninger og Service", "Teamleder", ("Ejendomskonsulent", "Servicemedarbejder"), 7),
]
_PPR_TEAMS = [
    ("PPR Psykologer", "Teamleder", ("Psykolog", "Pædagogisk konsulent"), 22),
    ("PPR Tale og Hørelse", "Teamleder", ("Tale-hørelærer", "Audiologopæd"), 12),
    ("Sundhedsplejen", "Ledende sundhedsplejerske", ("Sundhedsplejerske",), 26),
    ("Tandplejen", "Overtandlæge", ("Tandlæge", "Tandplejer", "Klinikassistent"), 30),
    ("Familierådgivning", "Teamleder", ("Socialrådgiver", "Familiebehandler"), 16),
]
_DEPARTMENTS = ("Indskoling", "Mellemtrin", "Udskoling", "Specialklasser", "Modtageklasser")


def _school(b: _Builder, *, parent: str, manager: str) -> None:
    """A folkeskole: its leadership team in the school unit, staff under each department leader, an SFO."""
    rng = b.rng
    place = b.place()
    school = b.unit(f"{place}skolen", kind="Skole", parent=parent)
    head = b.leader(school, title="Skoleleder", level=INSTITUTION_LEADER, manager=manager)
    office_leader = head
    if rng.random() < 0.9:
        deputy = b.leader(school, title="Viceskoleleder", level=TEAM_LEADER, manager=head)
        b.staff(school, leader=deputy, titles=("Lærer", "Vejleder"), count=rng.randint(0, 4))
    if rng.random() < 0.6:
        office_leader = b.leader(school, title="Administrativ leder", level=TEAM_LEADER, manager=head)
    b.staff(
        school,
        leader=office_leader,
        titles=("Skolesekretær", "Teknisk servicemedarbejder", "Administrativ medarbejder"),
        count=rng.randint(2, 5),
    )
    for department in _DEPARTMENTS[: rng.choice((3, 4, 4, 5, 5))]:
        leader = b.leader(
            school, title=f"Afdelingsleder, {department.lower()}", level=TEAM_LEADER, manager=head
        )
        # Department leaders carry the large spans: 10 to 26 teachers each.
        b.staff(
            school, leader=leader, titles=("Lærer", "Pædagog", "Lærer", "Vejleder"), count=rng.randint(10, 26)
        )
    after_school = b.unit(f"SFO {place}", kind="SFO", parent=school)
    sfo_leader = b.leader(after_school, title="SFO-leder", level=TEAM_LEADER, manager=head)
    b.staff(
        after_school, leader=sfo_leader, titles=("Pædagog", "Pædagogmedhjælper"), count=rng.randint(8, 20)
    )
    for group in ("0.-1. klasse", "2.-3. klasse")[: rng.randint(1, 2)]:
        leader = b.leader(
            after_school, title=f"Pædagogisk leder, {group}", level=TEAM_LEADER, manager=sfo_leader
        )
        b.staff(
            after_school, leader=leader, titles=("Pædagog", "Pædagogmedhjælper"), count=rng.randint(6, 14)
        )
    if rng.random() < 0.25:
        centre = b.unit(f"Specialcenter {place}", kind="Afdeling", parent=school)
        leader = b.leader(centre, title="Afdelingsleder, specialcenter", level=TEAM_LEADER, manager=head)
        b.staff(centre, leader=leader, titles=("Lærer", "Pædagog", "Støttepædagog"), count=rng.randint(8, 18))


_INSTITUTION_KINDS = (
    ("Vuggestue", "Vuggestuen"),
    ("Børnehave", "Børnehaven"),
    ("Integreret institution", "Børnehuset"),
)
_DAYCARE_TITLES = ("Pædagog", "Pædagogmedhjælper", "Pædagogisk assistent", "Køkkenmedarbejder")


def _daycare(b: _Builder, *, parent: str, manager: str) -> None:
    """A dagtilbud: its leader over 3–7 institutions, each with one to three pedagogical leaders."""
    rng = b.rng
    place = b.place()
    area = b.unit(f"Dagtilbud {place}", kind="Dagtilbud", parent=parent)
    head = b.leader(area, title="Dagtilbudsleder", level=INSTITUTION_LEADER, manager=manager)
    b.staff(area, leader=head, titles=("Administrativ medarbejder",), count=rng.randint(1, 2))
    previous_leader = ""
    for _ in range(rng.randint(3, 7)):
        kind, prefix = rng.choice(_INSTITUTION_KINDS)
        institution = b.unit(f"{prefix} {b.place()}", kind=kind, parent=area)
        if previous_leader and rng.random() < 0.08:
            # A vacant post: the neighbouring institution's leader is acting leader here too (two posts).
            leaders = [previous_leader]
            b.post(
                institution,
                title="Konstitueret pædagogisk leder",
                level=TEAM_LEADER,
                manager=head,
                person=previous_leader,
            )
        else:
            leaders = [
                b.leader(institution, title="Pædagogisk leder", level=TEAM_LEADER, manager=head)
                for _ in range(rng.choice((1, 2, 2, 3, 3)))
            ]
        for leader in leaders:
            b.staff(institution, leader=leader, titles=_DAYCARE_TITLES, count=rng.randint(7, 17))
        previous_leader = leaders[0]


def _childminders(b: _Builder, *, parent: str, manager: str, size: float) -> None:
    """Dagplejen: municipal childminders in groups; the group leaders have spans well above 20."""
    rng = b.rng
    unit = b.unit("Dagplejen", kind="Dagpleje", parent=parent)
    head = b.leader(unit, title="Dagplejeleder", level=INSTITUTION_LEADER, manager=manager)
    for part in COMPASS[: max(1, min(5, round(3 * size)))]:
        group = b.unit(f"Dagplejen {part}", kind="Dagplejegruppe", parent=unit)
        leader = b.leader(group, title="Dagplejepædagog med ledelsesansvar", level=TEAM_LEADER, manager=head)
        b.staff(group, leader=leader, titles=("Dagplejer",), count=rng.randint(18, 32))


def _leisure(b: _Builder, *, parent: str, manager: str, size: float) -> None:
    """The youth school and the leisure clubs."""
    rng = b.rng
    youth = b.unit(f"{b.place()} Ungdomsskole", kind="Ungdomsskole", parent=parent)
    youth_head = b.leader(youth, title="Ungdomsskoleleder", level=INSTITUTION_LEADER, manager=manager)
    b.staff(youth, leader=youth_head, titles=("Administrativ medarbejder",), count=2)
    for department in ("Heltidsundervisning", "Fritidsundervisning", "Ungdomsklub")[
        : max(1, round(3 * size))
    ]:
        unit = b.unit(department, kind="Afdeling", parent=youth)
        leader = b.leader(unit, title="Afdelingsleder", level=TEAM_LEADER, manager=youth_head)
        b.staff(
            unit, leader=leader, titles=("Ungdomsskolelærer", "Klubmedarbejder"), count=rng.randint(8, 22)
        )
    clubs = b.unit("Fritidsklubberne", kind="Klubområde", parent=parent)
    clubs_head = b.leader(clubs, title="Klubleder", level=INSTITUTION_LEADER, manager=manager)
    for _ in range(max(1, round(6 * size))):
        club = b.unit(f"Klub {b.place()}", kind="Fritidsklub", parent=clubs)
        leader = b.leader(club, title="Pædagogisk leder", level=TEAM_LEADER, manager=clubs_head)
        b.staff(club, leader=leader, titles=("Pædagog", "Klubmedarbejder"), count=rng.randint(5, 14))


def _school_alone(b: _Builder, *, municipality: str) -> None:
    """One school under a municipality: a school leader, 2–3 department leaders, ~40 staff, a secretary."""
    rng = b.rng
    top = b.unit(f"{municipality} Kommune", kind="Kommune")
    school = b.unit(f"{b.place()}skolen", kind="Skole", parent=top)
    head = b.leader(school, title="Skoleleder", level=INSTITUTION_LEADER)
    b.staff(school, leader=head, titles=("Skolesekretær",), count=1)
    deputies = ("Viceskoleleder", "Afdelingsleder, indskoling", "Afdelingsleder, mellemtrin")[
        : rng.randint(2, 3)
    ]
    teachers = rng.randint(38, 44)
    for index, title in enumerate(deputies):
        leader = b.leader(school, title=title, level=TEAM_LEADER, manager=head)
        share = teachers // len(deputies) + (1 if index < teachers % len(deputies) else 0)
        b.staff(school, leader=leader, titles=("Lærer", "Pædagog"), count=share)


def _history_and_second_posts(b: _Builder) -> None:
    """Some staff moved here from another unit (an ended post), some left, some hold two posts at once."""
    rng = b.rng
    if not b.staffed:
        return
    for post in rng.sample(b.employee_posts, k=len(b.employee_posts) // 50):
        unit, leader, titles = rng.choice(b.staffed)
        start = datetime.date.fromisoformat(post["start_date"])
        if unit == post["unit_id"] or start < datetime.date(1996, 1, 1):
            continue
        b.post(
            unit,
            title=rng.choice(titles),
            manager=leader,
            person=post["person_id"],
            start=_day(rng, EARLIEST_START, start - datetime.timedelta(days=400)),
            end=start - datetime.timedelta(days=1),
        )
    for _ in range(len(b.employee_posts) // 200):
        unit, leader, titles = rng.choice(b.staffed)
        start = _day(rng, EARLIEST_START, datetime.date(2020, 1, 1))
        b.post(unit, title=rng.choice(titles), manager=leader, start=start, end=_day(rng, start, LATEST_END))
    for post in rng.sample(b.employee_posts, k=len(b.employee_posts) // 100):
        unit, leader, titles = rng.choice(b.staffed)
        if unit != post["unit_id"]:
            b.post(unit, title=rng.choice(titles), manager=leader, person=post["person_id"])


def _national(rng: random.Random, places: list[str]) -> list[dict[str, str]]:
    """Every municipality's leaders and their units, no employees: about 46,000 leaders."""
    names = municipality_names()
    rng.shuffle(names)
    # Municipalities differ a lot in size: a few large cities, many small and middle-sized ones.
    weights = [rng.lognormvariate(0, 0.6) for _ in range(MUNICIPALITIES)]
    total = sum(weights)
    sizes = [min(3.0, NATIONAL_SIZE * weight / total) for weight in weights]
    rows: list[dict[str, str]] = []
    for index, (name, size) in enumerate(zip(names, sizes, strict=False)):
        builder = _Builder(
            rng=rng,
            places=places,
            domain=f"{_ascii(name)}.example.dk",
            prefix=f"K{index + 1:02d}-",
            employees=False,
        )
        builder.place_index = rng.randrange(len(places))
        _municipality(builder, name=name, size=size)
        rows.extend(builder.rows())
    return rows


def _middle_name(rng: random.Random, first: str) -> str:
    """A middle name of the first name's gender, never the first name again ("Louise Louise")."""
    names = FEMALE_MIDDLE_NAMES if first in FEMALE_FIRST_NAMES else MALE_MIDDLE_NAMES
    middle = rng.choice(names)
    return names[(names.index(middle) + 1) % len(names)] if middle == first else middle


def _day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return datetime.date.fromordinal(rng.randint(first.toordinal(), max(first, last).toordinal()))


def _ascii(text: str) -> str:
    """An e-mail local part or domain label from a Danish name."""
    text = text.lower()
    for letter, spelled in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e"), (" ", ".")):
        text = text.replace(letter, spelled)
    return text

import datetime

from grundlag.demo.indicator_notes import indicator_notes_demo_create
from grundlag.indicators.models import (
    DataType,
    Direction,
    FigureComment,
    Indicator,
    NoteKind,
    Observation,
    PeriodKind,
    UnitNote,
)


def test_the_demo_school_leader_notes_and_comments_on_their_school_once(small_organisation):
    lis, ahorn = small_organisation["people"]["lis"], small_organisation["units"]["ahorn"]
    for key in ("demo-generel-trivsel", "demo-kompetencedaekning"):
        indicator = Indicator.objects.create(
            key=key, name=key, data_type=DataType.PERCEPTION, direction=Direction.HIGHER
        )
        for year in (2022, 2023):
            Observation.objects.create(
                indicator=indicator,
                unit=ahorn,
                period_kind=PeriodKind.SCHOOL_YEAR,
                period_start=datetime.date(year, 8, 1),
                period=f"{year}/{(year + 1) % 100}",
                value=4,
            )
    people = [("demo-skoleleder", "leader", lis)]
    lines: list[str] = []
    indicator_notes_demo_create(people=people, report=lines.append)
    indicator_notes_demo_create(people=people, report=lines.append)  # a second start makes nothing
    notes = UnitNote.objects.filter(unit=ahorn, author=lis)
    assert {note.kind for note in notes} >= {NoteKind.INTERVIEW, NoteKind.OBSERVATION, NoteKind.STORY}
    assert {note.data_type for note in notes} == {DataType.PERCEPTION, DataType.PROCESS}
    assert notes.filter(private=True).count() == 1
    comments = FigureComment.objects.filter(unit=ahorn).order_by("indicator__key")
    assert [(c.indicator.key, c.period) for c in comments] == [
        ("demo-generel-trivsel", "2023/24"),
        ("demo-kompetencedaekning", ""),
    ]
    assert lines == ["  indicator notes: 4 notes and 2 comments on Ahorn Skole"]

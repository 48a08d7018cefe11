"""Preparing a development dialogue and holding it: the frozen data pack, both parties' ratings (hidden from
each other until both are handed in), the agenda with shared notes, and private notes for the author only."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone, translation

from grundlag.accounts.gdpr import person_document
from grundlag.accounts.services import person_erase
from grundlag.audit.models import AuditEvent
from grundlag.development.dialogues.selectors import agenda_for_user, dialogue_view_for_user
from grundlag.development.dialogues.services import (
    RatingInput,
    agenda_item_save,
    agenda_topic_add,
    dialogue_hold,
    dialogue_open,
    dialogue_schedule,
    dialogues_erase_expired,
    private_note_save,
    ratings_save,
    report_share,
)
from grundlag.development.models import (
    Action,
    AgendaItem,
    AgendaSource,
    Dialogue,
    DialogueStatus,
    Goal,
    GoalStatus,
    Party,
    Plan,
    PrivateNote,
    SectionRating,
)
from grundlag.evaluations.models import RaterGroup
from grundlag.evaluations.reports.tests.test_reports import make_evaluee, respond_many
from grundlag.organisation.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """The refusals are read word for word in English here; the pages' Danish is tested with the pages."""
    with translation.override("en"):
        yield


@pytest.fixture
def people(small_organisation):
    people = small_organisation["people"]
    people["carl"].user = UserFactory(username="carl")
    people["carl"].save(update_fields=["user"])
    return people


@pytest.fixture
def dialogue(people):
    """Lis's dialogue with Carl, her school chief, next week."""
    return dialogue_schedule(
        leader=people["lis"], when=timezone.now() + datetime.timedelta(days=7), by=people["carl"].user
    )


@pytest.fixture
def opened_dialogue(dialogue, people):
    return dialogue_open(dialogue=dialogue, by=people["lis"].user)


def all_rated(dialogue, value=4, changes=None):
    ratings = {
        section["id"]: RatingInput(value=value, reason="fordi")
        for section in dialogue.pack.content["sections"]
    }
    ratings.update(changes or {})
    return ratings


def test_opening_freezes_the_pack_and_makes_the_agenda_from_the_levels_sections(opened_dialogue, people):
    pack = opened_dialogue.pack.content

    titles = [section["title"] for section in pack["sections"]]
    assert len(titles) >= 3 and pack["report"] is None and pack["previous"] is None
    assert pack["span"] == {"direct_reports": 3, "people_led": 3}
    agenda = list(opened_dialogue.agenda.all())
    assert [item.title for item in agenda] == titles
    assert {item.source for item in agenda} == {AgendaSource.SECTION}
    assert {sheet.party for sheet in opened_dialogue.sheets.all()} == {Party.LEADER, Party.SUPERIOR}
    assert AuditEvent.objects.filter(
        action="development.dialogue_open", object_id=str(opened_dialogue.pk)
    ).exists()


def test_it_opens_once_and_only_for_the_two_parties(dialogue, people):
    with pytest.raises(ValidationError, match="Only the leader and the superior"):
        dialogue_open(dialogue=dialogue, by=people["bo"].user)
    dialogue_open(dialogue=dialogue, by=people["carl"].user)
    with pytest.raises(ValidationError, match="already open"):
        dialogue_open(dialogue=dialogue, by=people["lis"].user)


def test_neither_party_sees_the_others_ratings_until_both_have_handed_in(opened_dialogue, people):
    lis, carl = people["lis"].user, people["carl"].user
    first = opened_dialogue.pack.content["sections"][0]["id"]
    ratings_save(dialogue=opened_dialogue, ratings=all_rated(opened_dialogue, 5), hand_in=True, by=lis)
    ratings_save(
        dialogue=opened_dialogue, ratings=all_rated(opened_dialogue, 3, {first: RatingInput(1)}), by=carl
    )

    for user in (lis, carl):
        view = dialogue_view_for_user(user=user, pk=opened_dialogue.pk)
        assert view.comparison is None
    assert dialogue_view_for_user(user=carl, pk=opened_dialogue.pk).other_handed_in
    assert all(
        r.value == 3 or r.value == 1
        for r in dialogue_view_for_user(user=carl, pk=opened_dialogue.pk).my_ratings.values()
    )

    ratings_save(
        dialogue=opened_dialogue,
        ratings=all_rated(opened_dialogue, 3, {first: RatingInput(1)}),
        hand_in=True,
        by=carl,
    )

    view = dialogue_view_for_user(user=lis, pk=opened_dialogue.pk)
    assert view.comparison is not None
    largest = view.comparison[0]
    assert (largest.leader.value, largest.superior.value, largest.difference) == (5, 1, 4)
    assert [abs(row.difference) for row in view.comparison][1:] == [2] * (len(view.comparison) - 1)
    assert Dialogue.objects.get(pk=opened_dialogue.pk).status == DialogueStatus.PREPARED


def test_a_handed_in_sheet_does_not_change_and_nothing_is_half_written(opened_dialogue, people):
    lis = people["lis"].user
    first = opened_dialogue.pack.content["sections"][0]["id"]
    ratings_save(dialogue=opened_dialogue, ratings=all_rated(opened_dialogue, 4), hand_in=True, by=lis)

    with pytest.raises(ValidationError, match="handed in"):
        ratings_save(dialogue=opened_dialogue, ratings=all_rated(opened_dialogue, 2), hand_in=True, by=lis)

    assert set(SectionRating.objects.filter(sheet__party=Party.LEADER).values_list("value", flat=True)) == {4}
    assert first in dialogue_view_for_user(user=lis, pk=opened_dialogue.pk).my_ratings


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (RatingInput(value=6), "a rating is a whole number from 1 to 5"),
        (RatingInput(value=0), "a rating is a whole number from 1 to 5"),
        (RatingInput(value=3, not_relevant=True), "not both"),
        (RatingInput(value=None), "give a rating or mark it not relevant"),
        (RatingInput(value=3, reason="x" * 1001), "longer than 1,000 characters"),
    ],
)
def test_it_refuses_a_rating_off_the_scale_or_missing_and_writes_nothing(
    opened_dialogue, people, change, message
):
    first = opened_dialogue.pack.content["sections"][0]
    carl = people["carl"].user

    with pytest.raises(ValidationError) as refused:
        ratings_save(
            dialogue=opened_dialogue,
            ratings=all_rated(opened_dialogue, 4, {first["id"]: change}),
            hand_in=True,
            by=carl,
        )

    assert any(first["title"] in m and message in m for m in refused.value.messages)
    assert not SectionRating.objects.exists()
    assert dialogue_view_for_user(user=carl, pk=opened_dialogue.pk).my_sheet.handed_in_at is None


def test_not_relevant_counts_as_rated_and_is_left_out_of_the_differences(opened_dialogue, people):
    first = opened_dialogue.pack.content["sections"][0]["id"]
    lis, carl = people["lis"].user, people["carl"].user
    nr = RatingInput(value=None, not_relevant=True, reason="ikke min opgave")
    ratings_save(
        dialogue=opened_dialogue, ratings=all_rated(opened_dialogue, 4, {first: nr}), hand_in=True, by=lis
    )
    ratings_save(dialogue=opened_dialogue, ratings=all_rated(opened_dialogue, 4), hand_in=True, by=carl)

    rows = dialogue_view_for_user(user=carl, pk=opened_dialogue.pk).comparison

    assert rows[-1].leader.not_relevant and rows[-1].difference is None


def test_the_superior_reads_the_report_only_where_the_cycle_allows_or_the_leader_shares_it(
    people, small_organisation
):
    evaluee, q = make_evaluee(small_organisation, report_to_superior=False)
    respond_many(evaluee, RaterGroup.EMPLOYEE, q, [(4, 2, 5), (4, 3, 5), (5, 2, 4), (3, 3, 5), (4, 2, 5)])
    respond_many(evaluee, RaterGroup.SELF, q, [(4, 5, 3)])
    dialogue = dialogue_schedule(
        leader=people["lis"], when=timezone.now() + datetime.timedelta(days=7), by=people["carl"].user
    )
    dialogue_open(dialogue=dialogue, by=people["carl"].user)
    lis, carl = people["lis"].user, people["carl"].user

    mine = dialogue_view_for_user(user=lis, pk=dialogue.pk)
    assert mine.report["cycle"] == evaluee.cycle.name
    assert [s["title"] for s in mine.report["sections"]] == ["Retning", "Relationer"]
    assert [s["text"] for s in mine.report["blind_spots"]] == ["Forklarer mål"]
    assert [s["text"] for s in mine.report["hidden_strengths"]] == ["Lytter"]
    theirs = dialogue_view_for_user(user=carl, pk=dialogue.pk)
    assert theirs.report is None and theirs.report_withheld

    report_share(dialogue=dialogue, shared=True, by=lis)

    assert dialogue_view_for_user(user=carl, pk=dialogue.pk).report == mine.report
    with pytest.raises(ValidationError):
        report_share(dialogue=dialogue, shared=False, by=carl)


def test_private_notes_are_read_by_their_author_only(opened_dialogue, people):
    item = opened_dialogue.agenda.first()
    lis, carl = people["lis"].user, people["carl"].user
    private_note_save(item=item, text="Jeg er i tvivl om min rolle", by=lis)
    agenda_item_save(item=item, notes="Vi talte om retning", done=True, by=carl)

    lis_rows = agenda_for_user(user=lis, dialogue=opened_dialogue)
    carl_rows = agenda_for_user(user=carl, dialogue=opened_dialogue)

    assert lis_rows[0].private_note == "Jeg er i tvivl om min rolle"
    assert carl_rows[0].private_note == "" and carl_rows[0].item.notes == "Vi talte om retning"
    with pytest.raises(Http404):
        agenda_for_user(user=people["dorte"].user, dialogue=opened_dialogue)
    assert not AuditEvent.objects.filter(detail__contains="tvivl").exists()
    private_note_save(item=item, text="  ", by=lis)
    assert not PrivateNote.objects.exists()


def test_undone_topics_are_carried_over_to_the_leaders_next_dialogue(opened_dialogue, people):
    lis, carl = people["lis"].user, people["carl"].user
    undone = agenda_topic_add(dialogue=opened_dialogue, title="Ny skoleplan", by=lis)
    done = agenda_topic_add(dialogue=opened_dialogue, title="Budget", by=carl)
    agenda_item_save(item=done, notes="", done=True, by=carl)
    dialogue_hold(dialogue=opened_dialogue, by=carl)

    following = Dialogue.objects.create(
        leader=people["lis"], superior=people["carl"], level=opened_dialogue.level, unit=opened_dialogue.unit
    )
    dialogue_open(dialogue=following, by=lis)

    carried = following.agenda.filter(source=AgendaSource.CARRIED)
    assert [(item.title, item.added_by, item.carried_from) for item in carried] == [
        ("Ny skoleplan", Party.LEADER, undone)
    ]
    assert following.pack.content["previous"]["status"] == DialogueStatus.HELD


def test_only_the_superior_records_it_held_and_only_once(opened_dialogue, people):
    with pytest.raises(ValidationError, match="superior records"):
        dialogue_hold(dialogue=opened_dialogue, by=people["lis"].user)
    dialogue_hold(dialogue=opened_dialogue, by=people["carl"].user)
    with pytest.raises(ValidationError, match="already"):
        dialogue_hold(dialogue=opened_dialogue, by=people["carl"].user)


def test_notes_cannot_change_once_the_plan_is_agreed(opened_dialogue, people):
    Dialogue.objects.filter(pk=opened_dialogue.pk).update(status=DialogueStatus.AGREED)
    opened_dialogue.refresh_from_db()
    item = AgendaItem.objects.filter(dialogue=opened_dialogue).first()

    with pytest.raises(ValidationError, match="agreed"):
        agenda_item_save(item=item, notes="ændret", done=False, by=people["lis"].user)
    with pytest.raises(ValidationError, match="agreed"):
        private_note_save(item=item, text="ændret", by=people["lis"].user)


def test_it_erases_dialogues_past_their_retention_with_their_notes(opened_dialogue, people, settings):
    settings.DEVELOPMENT_RETENTION_DAYS = 30
    private_note_save(item=opened_dialogue.agenda.first(), text="privat", by=people["lis"].user)
    dialogue_hold(dialogue=opened_dialogue, by=people["carl"].user)
    recent = Dialogue.objects.create(
        leader=people["bo"],
        superior=people["carl"],
        level=opened_dialogue.level,
        unit=opened_dialogue.unit,
        due=timezone.localdate() + datetime.timedelta(days=60),
    )

    assert dialogues_erase_expired(now=timezone.now() + datetime.timedelta(days=29)) == 0
    assert dialogues_erase_expired(now=timezone.now() + datetime.timedelta(days=31)) == 1

    assert list(Dialogue.objects.all()) == [recent]
    assert not PrivateNote.objects.exists() and not SectionRating.objects.exists()
    assert AuditEvent.objects.filter(action="development.dialogues_erase", detail="erased=1").exists()


def test_ones_own_gdpr_export_holds_ones_private_notes_and_no_other_export_does(opened_dialogue, people):
    item = opened_dialogue.agenda.first()
    private_note_save(item=item, text="Lis' egne tanker", by=people["lis"].user)
    private_note_save(item=item, text="Carls egne tanker", by=people["carl"].user)
    ratings_save(
        dialogue=opened_dialogue, ratings=all_rated(opened_dialogue, 5), hand_in=True, by=people["lis"].user
    )
    ratings_save(dialogue=opened_dialogue, ratings=all_rated(opened_dialogue, 2), by=people["carl"].user)

    lis_export = json.dumps(person_document(people["lis"], own=True), ensure_ascii=False)
    carl_export = json.dumps(person_document(people["carl"], own=True), ensure_ascii=False)

    assert "Lis' egne tanker" in lis_export and "Carls egne tanker" not in lis_export
    assert "Carls egne tanker" in carl_export and "Lis' egne tanker" not in carl_export
    # An export an administrator makes for them holds neither.
    for person in ("lis", "carl"):
        made_for = json.dumps(person_document(people[person]), ensure_ascii=False)
        assert "egne tanker" not in made_for
    dialogue = person_document(person=people["lis"], own=True)["development_dialogue_contents"][0]
    assert {r["party"] for r in dialogue["ratings"]} == {"leader"}  # Carl's are not handed in yet


def _rated_with(dialogue, reason):
    return {
        section["id"]: RatingInput(value=4, reason=reason) for section in dialogue.pack.content["sections"]
    }


LIS_WORDS = [
    "Vi talte om retning",
    "Lis' begrundelse",
    "Lis' emne",
    "Delt mål",
    "Mit bevis",
    "Min refleksion",
]
CARL_WORDS = ["Carls begrundelse", "Carls emne"]


def test_dialogue_and_plan_contents_are_in_the_persons_own_export_only(opened_dialogue, people):
    lis, carl = people["lis"].user, people["carl"].user
    agenda_item_save(item=opened_dialogue.agenda.first(), notes="Vi talte om retning", done=False, by=carl)
    agenda_topic_add(dialogue=opened_dialogue, title="Lis' emne", by=lis)
    agenda_topic_add(dialogue=opened_dialogue, title="Carls emne", by=carl)
    ratings_save(
        dialogue=opened_dialogue,
        ratings=_rated_with(opened_dialogue, "Lis' begrundelse"),
        hand_in=True,
        by=lis,
    )
    ratings_save(
        dialogue=opened_dialogue,
        ratings=_rated_with(opened_dialogue, "Carls begrundelse"),
        hand_in=True,
        by=carl,
    )
    goal = Goal.objects.create(plan=Plan.objects.create(leader=people["lis"]), title="Delt mål", shared=True)
    Action.objects.create(goal=goal, text="Gøre noget", evidence="Mit bevis", reflection="Min refleksion")

    for_lis, for_carl = person_document(people["lis"]), person_document(people["carl"])
    lis_own = json.dumps(person_document(people["lis"], own=True), ensure_ascii=False)
    carl_own = json.dumps(person_document(people["carl"], own=True), ensure_ascii=False)

    # What an administrator's export keeps: that the dialogue and the plan exist, when, and with whom.
    assert [(d["with"], d["status"]) for d in for_lis["development_dialogues"]] == [
        ("Carl Chef", DialogueStatus.PREPARED)
    ]
    assert [d["with"] for d in for_carl["development_dialogues_held"]] == ["Lis Leder"]
    assert [p["leader"] for p in for_lis["development_plan_memberships"]] == ["Lis Leder"]
    for words in LIS_WORDS + CARL_WORDS:
        assert words not in json.dumps([for_lis, for_carl], ensure_ascii=False)
        # Lis's own export has everything she sees; Carl's ratings are in it as both are handed in.
        assert words in lis_own
    # Carl's own export of the dialogue he holds: what he rated and put on the agenda, not Lis's words.
    for words in CARL_WORDS:
        assert words in carl_own
    for words in LIS_WORDS:
        assert words not in carl_own


def test_the_pack_holds_the_leaders_shared_goals_and_never_a_private_one(dialogue, people):
    plan = Plan.objects.create(leader=people["lis"])
    shared = Goal.objects.create(plan=plan, title="Delt mål", shared=True, status=GoalStatus.ACTIVE)
    Action.objects.create(goal=shared, text="Gjort", done_on=timezone.localdate())
    Action.objects.create(goal=shared, text="Ikke gjort")
    Goal.objects.create(plan=plan, title="Privat mål", shared=False)

    opened = dialogue_open(dialogue=dialogue, by=people["carl"].user)

    assert opened.pack.content["plan"] == [{"title": "Delt mål", "status": "active", "actions": 2, "done": 1}]


def test_ratings_cannot_change_once_the_dialogue_is_held(opened_dialogue, people):
    dialogue_hold(dialogue=opened_dialogue, by=people["carl"].user)
    with pytest.raises(ValidationError, match="has been held"):
        ratings_save(dialogue=opened_dialogue, ratings=all_rated(opened_dialogue, 3), by=people["lis"].user)


def test_a_new_superior_gets_only_the_leaders_own_undone_topics(opened_dialogue, people):
    lis, carl = people["lis"].user, people["carl"].user
    agenda_topic_add(dialogue=opened_dialogue, title="Lis' emne", by=lis)
    agenda_topic_add(dialogue=opened_dialogue, title="Carls emne", by=carl)
    following = Dialogue.objects.create(
        leader=people["lis"], superior=people["dorte"], level=opened_dialogue.level, unit=opened_dialogue.unit
    )

    dialogue_open(dialogue=following, by=lis)

    assert [i.title for i in following.agenda.filter(source=AgendaSource.CARRIED)] == ["Lis' emne"]


def test_erasing_a_person_deletes_their_private_notes_and_plan_and_blanks_their_reasons(
    opened_dialogue, people
):
    item = opened_dialogue.agenda.first()
    private_note_save(item=item, text="Kun mit", by=people["lis"].user)
    private_note_save(item=item, text="Carls eget", by=people["carl"].user)
    ratings_save(
        dialogue=opened_dialogue, ratings=all_rated(opened_dialogue, 4), hand_in=True, by=people["lis"].user
    )
    Goal.objects.create(plan=Plan.objects.create(leader=people["lis"]), title="Privat")

    person_erase(person=people["lis"], by=None)

    assert list(PrivateNote.objects.values_list("text", flat=True)) == ["Carls eget"]
    assert not Plan.objects.filter(leader=people["lis"]).exists()
    assert set(SectionRating.objects.values_list("reason", flat=True)) == {""}
    assert Dialogue.objects.filter(pk=opened_dialogue.pk).exists()  # Carl's part of it stays

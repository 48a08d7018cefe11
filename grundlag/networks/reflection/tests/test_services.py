import pytest
from django.core.exceptions import ValidationError

from grundlag.audit.models import AuditEvent
from grundlag.networks.models import Place, PlaceStatus, ReflectionNote
from grundlag.networks.reflection import services
from grundlag.networks.reflection.gdpr import networks_reflection_notes

SIX_QUESTIONS = [
    "Hvordan kan vi som leder af ledere arbejde for, at vi får en bedre dialog i styringskæden mellem – "
    "forvaltningschef – ledere af ledere – ledere af medarbejdere -pædagoger?",
    "Hvordan kan vi arbejde for at skabe ledelsesmæssige relationer mellem ledelseslagene?",
    "Hvordan forholder vi os til en dagsorden om datainformeret ledelse? "
    "Hvad oplever vi som meningsfulde data?",
    "Hvordan kan vi synliggøre, at vores faglighed kan bidrage til at skabe engagement og bedre resultater?",
    "Hvordan kan vi arbejde med at styrke medarbejdernes motivation?",
    "Hvordan forholder vi os til ledelsesspændet som ledere af ledere?",
]


def test_it_copies_the_six_questions_of_source_001_word_for_word_tied_to_the_foundation(
    forum, section, people
):
    reflection_set = services.reflection_set_from_section(
        forum=forum, section=section, by=people["dorte"].user
    )

    assert reflection_set.title == "Spørgsmål til refleksion og drøftelse med lederkollegaer"
    assert reflection_set.source_section == section
    questions = list(reflection_set.questions.all())
    assert [q.text for q in questions] == SIX_QUESTIONS
    assert [q.expectation.text for q in questions] == SIX_QUESTIONS
    assert [q.position for q in questions] == [1, 2, 3, 4, 5, 6]


def test_it_makes_a_set_for_one_of_the_forums_events_only(forum, event, section, people):
    reflection_set = services.reflection_set_from_section(
        forum=forum, event=event, section=section, by=people["dorte"].user
    )
    assert reflection_set.event == event

    other = type(event).objects.create(
        forum=type(forum).objects.create(slug="andet", theme="Andet"),
        title="Andet",
        starts=event.starts,
        ends=event.ends,
        capacity=1,
        signup_deadline=event.signup_deadline,
    )
    with pytest.raises(ValidationError):
        services.reflection_set_from_section(
            forum=forum, event=other, section=section, by=people["dorte"].user
        )


@pytest.mark.parametrize("who", ["lis", "bo", "ulla"])
def test_only_the_forums_organisers_make_sets(forum, section, people, who):
    with pytest.raises(ValidationError):
        services.reflection_set_from_section(forum=forum, section=section, by=people[who].user)
    with pytest.raises(ValidationError):
        services.reflection_set_create(forum=forum, title="Egne", questions=["Hvorfor?"], by=people[who].user)


def test_an_administrator_organises_every_forum(forum, section, administrator):
    assert (
        services.reflection_set_from_section(forum=forum, section=section, by=administrator).questions.count()
        == 6
    )


def test_a_set_by_hand_has_one_question_a_line_blank_lines_left_out(forum, people):
    reflection_set = services.reflection_set_create(
        forum=forum,
        title=" Vores spørgsmål ",
        questions=["Hvad virker?", "", "  Hvad   nu?  "],
        by=people["dorte"].user,
    )
    assert reflection_set.title == "Vores spørgsmål"
    assert [q.text for q in reflection_set.questions.all()] == ["Hvad virker?", "Hvad nu?"]
    assert all(q.expectation is None for q in reflection_set.questions.all())


def test_a_set_by_hand_needs_a_question_and_a_title(forum, people):
    with pytest.raises(ValidationError) as refused:
        services.reflection_set_create(forum=forum, title="Tom", questions=["", " "], by=people["dorte"].user)
    assert refused.value.code == "no_questions"
    with pytest.raises(ValidationError) as refused:
        services.reflection_set_create(forum=forum, title=" ", questions=["Hvad?"], by=people["dorte"].user)
    assert "title" in refused.value.message_dict


def test_an_organiser_edits_adds_and_removes_questions(forum, section, people):
    dorte = people["dorte"].user
    reflection_set = services.reflection_set_from_section(forum=forum, section=section, by=dorte)
    first, second = reflection_set.questions.all()[:2]

    services.reflection_question_update(question=first, text=first.text, by=dorte)
    first.refresh_from_db()
    assert first.expectation is not None  # unchanged: still the foundation's words
    services.reflection_question_update(question=second, text="Vores egen formulering?", by=dorte)
    second.refresh_from_db()
    assert second.text == "Vores egen formulering?" and second.expectation is None

    added = services.reflection_question_add(reflection_set=reflection_set, text="Og så?", by=dorte)
    assert added.position == 7
    services.reflection_question_remove(question=added, by=dorte)
    services.reflection_set_update(reflection_set=reflection_set, title="Til mødet", by=dorte)
    reflection_set.refresh_from_db()
    assert reflection_set.title == "Til mødet" and reflection_set.questions.count() == 6

    with pytest.raises(ValidationError):
        services.reflection_question_update(question=first, text="Nej", by=people["lis"].user)


def test_what_the_group_has_written_is_never_deleted_by_an_organiser(forum, section, people):
    dorte = people["dorte"].user
    reflection_set = services.reflection_set_from_section(forum=forum, section=section, by=dorte)
    question = reflection_set.questions.first()
    services.reflection_note_add(question=question, text="Vi taler for lidt sammen.", by=people["lis"].user)

    with pytest.raises(ValidationError) as refused:
        services.reflection_question_remove(question=question, by=dorte)
    assert refused.value.code == "has_notes"
    with pytest.raises(ValidationError) as refused:
        services.reflection_set_delete(reflection_set=reflection_set, by=dorte)
    assert refused.value.code == "has_notes"
    assert ReflectionNote.objects.count() == 1

    empty = services.reflection_set_create(forum=forum, title="Tom", questions=["Hvad?"], by=dorte)
    services.reflection_set_delete(reflection_set=empty, by=dorte)
    assert not type(empty).objects.filter(pk=empty.pk).exists()


def test_a_member_writes_a_note_audited_by_its_id_never_its_text(forum, section, people):
    reflection_set = services.reflection_set_from_section(
        forum=forum, section=section, by=people["dorte"].user
    )
    note = services.reflection_note_add(
        question=reflection_set.questions.first(),
        text="  Hemmelig refleksion om Carl  ",
        by=people["lis"].user,
    )

    assert note.author == people["lis"] and note.text == "Hemmelig refleksion om Carl"
    event = AuditEvent.objects.get(action="networks.reflection_note_add")
    assert event.object_id == str(note.pk) and event.user.username == "lis"
    assert not any("Hemmelig" in f"{e.detail} {e.object_id}" for e in AuditEvent.objects.all())


def test_an_organiser_writes_notes_too_and_an_empty_note_is_refused(forum, section, people):
    reflection_set = services.reflection_set_from_section(
        forum=forum, section=section, by=people["dorte"].user
    )
    question = reflection_set.questions.first()
    assert (
        services.reflection_note_add(question=question, text="Fra Dorte", by=people["dorte"].user).author
        == people["dorte"]
    )
    with pytest.raises(ValidationError) as refused:
        services.reflection_note_add(question=question, text="  ", by=people["lis"].user)
    assert "text" in refused.value.message_dict


@pytest.mark.parametrize("who", ["bo", "ulla", "tom"])
def test_no_one_outside_the_group_writes_a_note(forum, section, people, who):
    reflection_set = services.reflection_set_from_section(
        forum=forum, section=section, by=people["dorte"].user
    )
    with pytest.raises(ValidationError):
        services.reflection_note_add(
            question=reflection_set.questions.first(), text="Hej", by=people[who].user
        )


def test_an_administrator_without_a_person_cannot_sign_a_note(forum, section, administrator):
    reflection_set = services.reflection_set_from_section(forum=forum, section=section, by=administrator)
    with pytest.raises(ValidationError):
        services.reflection_note_add(question=reflection_set.questions.first(), text="Hej", by=administrator)


def test_an_events_participants_write_on_its_set_but_not_on_the_forums(forum, event, section, people):
    dorte = people["dorte"].user
    event_set = services.reflection_set_from_section(forum=forum, event=event, section=section, by=dorte)
    forum_set = services.reflection_set_create(forum=forum, title="Forum", questions=["Hvad?"], by=dorte)
    Place.objects.create(event=event, person=people["bo"], status=PlaceStatus.SIGNED_UP)
    Place.objects.create(event=event, person=people["carl"], status=PlaceStatus.WAITING)

    bo = people["bo"].user
    assert services.reflection_note_add(question=event_set.questions.first(), text="Fra Bo", by=bo)
    with pytest.raises(ValidationError):
        services.reflection_note_add(question=forum_set.questions.first(), text="Fra Bo", by=bo)


def test_only_the_author_changes_or_deletes_a_note(forum, section, people):
    reflection_set = services.reflection_set_from_section(
        forum=forum, section=section, by=people["dorte"].user
    )
    note = services.reflection_note_add(
        question=reflection_set.questions.first(), text="Først", by=people["lis"].user
    )

    for other in (people["dorte"].user, people["bo"].user):
        with pytest.raises(ValidationError):
            services.reflection_note_update(note=note, text="Ændret", by=other)
        with pytest.raises(ValidationError):
            services.reflection_note_delete(note=note, by=other)

    services.reflection_note_update(note=note, text="Rettet", by=people["lis"].user)
    note.refresh_from_db()
    assert note.text == "Rettet"
    services.reflection_note_delete(note=note, by=people["lis"].user)
    assert not ReflectionNote.objects.exists()
    assert {"networks.reflection_note_update", "networks.reflection_note_delete"} <= set(
        AuditEvent.objects.values_list("action", flat=True)
    )


def test_a_persons_notes_are_in_their_export_and_go_with_their_erasure(forum, section, people):
    reflection_set = services.reflection_set_from_section(
        forum=forum, section=section, by=people["dorte"].user
    )
    question = reflection_set.questions.first()
    services.reflection_note_add(question=question, text="Lis' note", by=people["lis"].user)
    services.reflection_note_add(question=question, text="Dortes note", by=people["dorte"].user)

    exported = networks_reflection_notes(people["lis"])["networks_reflection_notes"]
    assert [row["note"] for row in exported] == ["Lis' note"]
    assert exported[0]["question"] == SIX_QUESTIONS[0]

    services.reflection_person_erase(person=people["lis"])
    assert list(ReflectionNote.objects.values_list("text", flat=True)) == ["Dortes note"]

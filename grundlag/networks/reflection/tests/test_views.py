import pytest
from django.urls import reverse

from grundlag.audit.models import AuditEvent
from grundlag.networks.conftest import client_for
from grundlag.networks.models import ReflectionNote, ReflectionSet
from grundlag.networks.reflection import services


@pytest.fixture
def reflection_set(forum, section, people):
    reflection_set = services.reflection_set_from_section(
        forum=forum, section=section, by=people["dorte"].user
    )
    services.reflection_note_add(
        question=reflection_set.questions.first(), text="Vi mangler et fælles sprog.", by=people["lis"].user
    )
    return reflection_set


def url(name, reflection_set, *more):
    return reverse(f"networks:{name}", args=[reflection_set.forum.slug, reflection_set.pk, *more])


def test_the_group_reads_the_questions_and_each_others_notes_with_the_authors_name(
    reflection_set, dorte_client
):
    response = dorte_client.get(url("reflection_set", reflection_set))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hvordan kan vi arbejde med at styrke medarbejdernes motivation?" in page
    assert "Vi mangler et fælles sprog." in page and "Lis Leder" in page


@pytest.mark.parametrize("who", ["bo_client", "tom_client", "ulla_client"])
def test_a_set_and_its_printable_page_are_not_there_for_anyone_outside_the_group(
    reflection_set, request, who
):
    client = request.getfixturevalue(who)
    for name in ("reflection_set", "reflection_print", "reflection_set_edit"):
        response = client.get(url(name, reflection_set))
        assert response.status_code == 404
        assert "Vi mangler" not in response.content.decode()
    question = reflection_set.questions.first()
    response = client.post(
        url("reflection_note_add", reflection_set, question.pk), {f"q{question.pk}-text": "Hej"}
    )
    assert response.status_code == 404
    assert ReflectionNote.objects.count() == 1


def test_the_printable_page_has_the_questions_the_notes_and_room_to_write(reflection_set, lis_client):
    response = lis_client.get(url("reflection_print", reflection_set))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="grundlag-write-room"') == 6
    assert "Vi mangler et fælles sprog." in page
    assert "networks/reflection_print.css" in page


def test_a_member_adds_a_note_and_edits_and_deletes_their_own(reflection_set, lis_client):
    question = reflection_set.questions.last()
    response = lis_client.post(
        url("reflection_note_add", reflection_set, question.pk),
        {f"q{question.pk}-text": "Motivation kræver tid."},
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#question-{question.pk}")
    note = ReflectionNote.objects.get(text="Motivation kræver tid.")

    assert lis_client.get(url("reflection_note_edit", reflection_set, note.pk)).status_code == 200
    lis_client.post(url("reflection_note_edit", reflection_set, note.pk), {"text": "Motivation kræver ro."})
    note.refresh_from_db()
    assert note.text == "Motivation kræver ro."
    lis_client.post(url("reflection_note_delete", reflection_set, note.pk))
    assert not ReflectionNote.objects.filter(pk=note.pk).exists()


def test_an_empty_note_says_what_is_wrong_and_nothing_is_saved(reflection_set, lis_client):
    question = reflection_set.questions.last()
    response = lis_client.post(
        url("reflection_note_add", reflection_set, question.pk), {f"q{question.pk}-text": ""}
    )
    assert response.status_code == 422
    assert 'class="form-error-message"' in response.content.decode()
    assert ReflectionNote.objects.count() == 1


def test_another_members_note_cannot_be_edited_or_deleted(reflection_set, dorte_client):
    note = ReflectionNote.objects.get()
    assert dorte_client.get(url("reflection_note_edit", reflection_set, note.pk)).status_code == 404
    assert dorte_client.post(url("reflection_note_delete", reflection_set, note.pk)).status_code == 404
    assert ReflectionNote.objects.filter(pk=note.pk).exists()


def test_a_member_may_not_make_or_edit_sets(forum, reflection_set, lis_client):
    assert lis_client.get(reverse("networks:reflection_create", args=[forum.slug])).status_code == 403
    assert (
        lis_client.post(
            reverse("networks:reflection_create", args=[forum.slug]), {"title": "X", "questions": "Y"}
        ).status_code
        == 403
    )
    assert lis_client.get(url("reflection_set_edit", reflection_set)).status_code == 403
    assert lis_client.post(url("reflection_set_delete", reflection_set)).status_code == 403
    assert ReflectionSet.objects.count() == 1


def test_an_organiser_copies_the_foundations_questions(forum, section, dorte_client):
    page = dorte_client.get(reverse("networks:reflection_create", args=[forum.slug]))
    assert page.status_code == 200
    assert "Spørgsmål til refleksion og drøftelse med lederkollegaer" in page.content.decode()

    response = dorte_client.post(
        reverse("networks:reflection_from_section", args=[forum.slug]), {"section": section.pk}
    )
    reflection_set = ReflectionSet.objects.get()
    assert response.status_code == 302 and response["Location"] == url("reflection_set", reflection_set)
    assert reflection_set.questions.count() == 6
    assert AuditEvent.objects.filter(
        action="networks.reflection_set_create", object_id=str(reflection_set.pk)
    ).exists()


def test_an_organiser_writes_a_set_by_hand_and_is_told_what_is_missing(forum, event, dorte_client):
    create = reverse("networks:reflection_create", args=[forum.slug])
    refused = dorte_client.post(create, {"title": "Mødet", "questions": "\n \n"})
    assert refused.status_code == 422
    assert 'class="form-error-message"' in refused.content.decode()
    assert not ReflectionSet.objects.exists()

    dorte_client.post(
        create, {"title": "Mødet", "questions": "Hvad lærte vi?\nHvad gør vi nu?", "event": event.pk}
    )
    reflection_set = ReflectionSet.objects.get()
    assert reflection_set.event == event
    assert [q.text for q in reflection_set.questions.all()] == ["Hvad lærte vi?", "Hvad gør vi nu?"]


def test_an_organiser_edits_a_question_and_is_told_why_one_with_notes_stays(reflection_set, dorte_client):
    first, last = reflection_set.questions.first(), reflection_set.questions.last()
    dorte_client.post(
        url("reflection_question_edit", reflection_set, last.pk), {f"q{last.pk}-text": "Ny tekst?"}
    )
    last.refresh_from_db()
    assert last.text == "Ny tekst?"

    response = dorte_client.post(url("reflection_question_remove", reflection_set, first.pk), follow=True)
    assert reflection_set.questions.filter(pk=first.pk).exists()
    assert "alert-error" in response.content.decode()

    dorte_client.post(url("reflection_question_add", reflection_set), {"new-text": "Noget nyt?"})
    assert reflection_set.questions.filter(text="Noget nyt?").exists()
    assert dorte_client.get(url("reflection_set_edit", reflection_set)).status_code == 200


def test_an_events_participant_reaches_its_set(forum, event, section, people):
    from grundlag.networks.models import Place, PlaceStatus

    event_set = services.reflection_set_from_section(
        forum=forum, event=event, section=section, by=people["dorte"].user
    )
    Place.objects.create(event=event, person=people["bo"], status=PlaceStatus.SIGNED_UP)
    assert client_for(people["bo"].user).get(url("reflection_print", event_set)).status_code == 200


def test_a_question_line_longer_than_a_question_may_be_is_refused_by_its_number(forum, dorte_client):
    response = dorte_client.post(
        reverse("networks:reflection_create", args=[forum.slug]),
        {"title": "Lange spørgsmål", "questions": "Kort spørgsmål?\n" + "x" * 2001},
    )
    assert response.status_code == 422
    assert "Spørgsmål 2 er længere end 2000 tegn." in response.content.decode()

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from grundlag.indicators.models import DataType, FigureComment, UnitNote


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def url(name, *args):
    return reverse(f"indicators:{name}", args=args)


def note_post(**overrides):
    return {
        "data_type": DataType.PERCEPTION,
        "kind": "interview",
        "observed_on": timezone.localdate().isoformat(),
        "title": "Interview med elevrådet",
        "text": "De savner flere voksne i frikvarteret.",
        "visibility": "shared",
        **overrides,
    }


def test_lis_writes_a_note_and_finds_it_among_the_units_notes(ahorn, people):
    lis = client_of(people["lis"].user)
    response = lis.post(url("unit_note_create", ahorn.pk), note_post())
    written = UnitNote.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{url('unit_notes', ahorn.pk)}#note-{written.pk}"
    page = lis.get(url("unit_notes", ahorn.pk))
    assert "Interview med elevrådet" in page.content.decode()
    assert "De savner flere voksne" in page.content.decode()


def test_a_note_for_only_me_is_private(ahorn, people):
    client_of(people["lis"].user).post(url("unit_note_create", ahorn.pk), note_post(visibility="only_me"))
    assert UnitNote.objects.get().private is True


def test_an_invalid_note_is_shown_again_with_its_errors(ahorn, people):
    response = client_of(people["lis"].user).post(url("unit_note_create", ahorn.pk), note_post(title=""))
    assert response.status_code == 422
    assert not UnitNote.objects.exists()


def test_the_units_notes_show_the_shared_notes_to_a_leader_above_and_the_administrator(
    ahorn, people, administrator, shared_note, private_note
):
    for user in (people["dorte"].user, administrator):
        body = client_of(user).get(url("unit_notes", ahorn.pk)).content.decode()
        assert "Interview med 6.b" in body
        assert "Min egen iagttagelse" not in body and "PRIVAT-TEKST" not in body
        assert url("unit_note_create", ahorn.pk) not in body  # no link to write: they read only


def test_the_units_notes_are_a_404_for_a_leader_elsewhere_a_teacher_and_another_school(
    ahorn, people, shared_note
):
    for who in ("bo", "tom", "ulla"):
        assert client_of(people[who].user).get(url("unit_notes", ahorn.pk)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, ahorn):
    response = client.get(url("unit_notes", ahorn.pk))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_private_notes_page_is_a_404_for_everyone_but_its_author(people, administrator, private_note):
    for user in (people["dorte"].user, administrator):
        assert client_of(user).get(url("unit_note_edit", private_note.pk)).status_code == 404
        assert client_of(user).post(url("unit_note_delete", private_note.pk)).status_code == 404
    assert client_of(people["lis"].user).get(url("unit_note_edit", private_note.pk)).status_code == 200
    assert UnitNote.objects.filter(pk=private_note.pk).exists()


def test_a_leader_above_reads_but_may_not_write(ahorn, people):
    assert client_of(people["dorte"].user).get(url("unit_note_create", ahorn.pk)).status_code == 403


def test_the_notes_are_filtered_by_data_type(ahorn, people, shared_note):
    lis = client_of(people["lis"].user)
    lis.post(url("unit_note_create", ahorn.pk), note_post(title="Lektionsbesøg", data_type=DataType.PROCESS))
    body = lis.get(url("unit_notes", ahorn.pk), {"type": DataType.PROCESS}).content.decode()
    assert "Lektionsbesøg" in body and "Interview med 6.b" not in body


def test_the_page_shows_the_broad_data_concepts_examples(ahorn, people):
    body = client_of(people["lis"].user).get(url("unit_note_create", ahorn.pk)).content.decode()
    assert "Observationer i klassen/på legepladsen" in body and "Synsninger og rygter" in body


def test_lis_edits_and_deletes_her_note(people, shared_note):
    lis = client_of(people["lis"].user)
    lis.post(url("unit_note_edit", shared_note.pk), note_post(title="Ny titel"))
    shared_note.refresh_from_db()
    assert shared_note.title == "Ny titel"
    assert lis.post(url("unit_note_delete", shared_note.pk)).status_code == 302
    assert not UnitNote.objects.exists()


def test_a_comment_goes_back_to_the_page_it_was_written_from(ahorn, people, wellbeing):
    lis = client_of(people["lis"].user)
    create = url("figure_comment_create", ahorn.pk, wellbeing.key)
    back = reverse("organisation:unit", args=[ahorn.pk])
    response = lis.post(create, {"period": "school_year:2023-08-01", "text": "Ny ordning", "next": back})
    assert response["Location"] == back
    comment = FigureComment.objects.get()
    assert comment.period == "2023/24"
    response = lis.post(create, {"period": "", "text": "Alle år", "next": "https://evil.example/"})
    assert response["Location"].startswith(url("unit_notes", ahorn.pk))


def test_a_comment_on_an_indicator_without_the_units_figures_is_a_404(small_organisation, people, wellbeing):
    birk = small_organisation["units"]["birk"]
    response = client_of(people["bo"].user).get(url("figure_comment_create", birk.pk, wellbeing.key))
    assert response.status_code == 404


def test_the_comments_are_shown_on_the_units_notes_page(ahorn, people, administrator, comment):
    for user in (people["dorte"].user, administrator):
        body = client_of(user).get(url("unit_notes", ahorn.pk)).content.decode()
        assert "Ny legepladsordning i foråret." in body and "Generel trivsel" in body


def test_anothers_comment_may_not_be_changed(people, comment):
    assert client_of(people["dorte"].user).get(url("figure_comment_edit", comment.pk)).status_code == 403
    assert client_of(people["bo"].user).get(url("figure_comment_edit", comment.pk)).status_code == 404
    assert client_of(people["lis"].user).get(url("figure_comment_edit", comment.pk)).status_code == 200


def test_the_audit_log_names_the_unit_and_never_a_notes_or_comments_text(
    admin_client, ahorn, shared_note, private_note, comment
):
    body = admin_client.get(reverse("audit:log")).content.decode()
    assert "Ahorn Skole" in body
    for text in ("PRIVAT-TEKST", "Min egen iagttagelse", "Eleverne fortalte", "Ny legepladsordning"):
        assert text not in body

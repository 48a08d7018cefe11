import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from grundlag.audit.models import AuditEvent
from grundlag.evaluations.cycles import services
from grundlag.evaluations.models import Cycle, Invitation, Question, RaterGroup, SealedDraft
from grundlag.evaluations.responding.selectors import invitation_get_by_token
from grundlag.evaluations.responding.services import draft_answer_save, invitation_token_issue
from grundlag.evaluations.responding.tokens import answer_link
from grundlag.evaluations.tests.factories import CycleFactory
from grundlag.frameworks.models import FrameworkVersion
from grundlag.frameworks.services import draft_create

FROZEN = "The questionnaire is frozen: the cycle has been launched."


@pytest.fixture
def aarhus(builtin_frameworks):
    return builtin_frameworks["aarhus-boern-og-unge"]


@pytest.fixture
def cycle(aarhus, administrator):
    return services.cycle_create(
        name="Ledelsesevaluering 2026",
        framework_version=aarhus,
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        by=administrator,
    )


@pytest.fixture
def schools_cycle(cycle, small_organisation, administrator):
    services.evaluees_add(cycle=cycle, unit=small_organisation["units"]["schools"], by=administrator)
    return cycle


def in_language(day, language):
    with translation.override(language):
        return date_format(day)  # the locale's DATE_FORMAT, as the e-mail writes it


def raters(evaluee, group):
    return sorted(i.person.name for i in evaluee.invitations.filter(group=group).select_related("person"))


def test_it_creates_cycles_only_on_published_versions(aarhus, administrator):
    draft = draft_create(framework=aarhus.framework, by=administrator)
    assert draft.status == FrameworkVersion.Status.DRAFT
    with pytest.raises(ValidationError):
        services.cycle_create(
            name="X", framework_version=draft, deadline=timezone.localdate(), by=administrator
        )


def test_it_refuses_to_create_a_cycle_with_a_deadline_in_the_past(aarhus, administrator, admin_client):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.cycle_create(name="X", framework_version=aarhus, deadline=yesterday, by=administrator)
    assert refused.value.messages == ["The deadline cannot be in the past."]
    page = admin_client.post(
        reverse("evaluations:cycle_create"),
        {"name": "X", "framework_version": aarhus.pk, "deadline": yesterday.isoformat(), "peers_max": 6},
    )
    assert page.status_code == 422
    assert "The deadline cannot be in the past." in page.content.decode()
    assert not Cycle.objects.exists()


def test_adding_a_unit_adds_its_leaders_with_level_superior_and_default_raters(
    schools_cycle, small_organisation
):
    people = small_organisation["people"]
    evaluees = {e.person.key: e for e in schools_cycle.evaluees.select_related("person")}
    # Carl leads Skoleafdelingen; Lis and Bo lead the schools in it.
    assert set(evaluees) == {"carl", "lis", "bo"}
    lis = evaluees["lis"]
    assert lis.level_key == "dagtilbuds-skole-og-fu-leder"
    assert lis.superior == people["carl"]
    assert lis.unit == small_organisation["units"]["ahorn"]
    assert raters(lis, RaterGroup.SELF) == ["Lis Leder"]
    assert raters(lis, RaterGroup.SUPERIOR) == ["Carl Chef"]
    assert raters(lis, RaterGroup.EMPLOYEE) == ["Tage Lærer", "Tina Lærer", "Tom Lærer"]
    assert raters(lis, RaterGroup.PEER) == ["Bo Leder"]
    tom = lis.invitations.get(person=people["tom"])
    assert (tom.email, tom.language, tom.status) == ("tom@fiktiv.example.dk", "da", Invitation.Status.PENDING)
    assert raters(evaluees["carl"], RaterGroup.EMPLOYEE) == ["Bo Leder", "Lis Leder"]


def test_adding_by_level_or_by_list_and_twice_adds_each_leader_once(cycle, small_organisation, administrator):
    people = small_organisation["people"]
    services.evaluees_add(cycle=cycle, level_key="dagtilbuds-skole-og-fu-leder", by=administrator)
    services.evaluees_add(cycle=cycle, people=[people["lis"], people["dorte"]], by=administrator)
    assert sorted(cycle.evaluees.values_list("person__key", flat=True)) == ["bo", "dorte", "lis"]


def test_peers_are_limited_by_the_cycle(cycle, small_organisation, administrator):
    cycle.peers_max = 0
    cycle.save()
    services.evaluees_add(cycle=cycle, people=[small_organisation["people"]["lis"]], by=administrator)
    assert raters(cycle.evaluees.get(), RaterGroup.PEER) == []


def test_a_person_without_e_mail_is_invited_but_flagged_and_never_mailed(
    cycle, small_organisation, administrator
):
    people = small_organisation["people"]
    people["tina"].email = ""
    people["tina"].save()
    services.evaluees_add(cycle=cycle, people=[people["lis"]], by=administrator)
    tina = Invitation.objects.get(person=people["tina"])
    assert tina.email == ""
    services.cycle_launch(cycle=cycle, by=administrator)
    assert not any("tina" in m.to[0] for m in mail.outbox)
    tina.refresh_from_db()
    assert tina.sent_at is None


def test_the_administrator_adds_and_withdraws_raters_before_launch_and_only_adds_after(
    schools_cycle, small_organisation, administrator
):
    people = small_organisation["people"]
    lis = schools_cycle.evaluees.get(person=people["lis"])
    added = services.rater_add(evaluee=lis, person=people["ulla"], group=RaterGroup.OTHER, by=administrator)
    assert added.nominated_by == administrator
    with pytest.raises(ValidationError):
        services.rater_add(evaluee=lis, person=people["ulla"], group=RaterGroup.PEER, by=administrator)
    services.rater_remove(invitation=added, by=administrator)
    assert not lis.invitations.filter(person=people["ulla"]).exists()
    services.cycle_launch(cycle=schools_cycle, by=administrator)
    pending = lis.invitations.get(person=people["tom"])
    # After launch even an unanswered one stays: refusing only answered ones would tell who answered.
    with pytest.raises(ValidationError, match="only be withdrawn before launch"):
        services.rater_remove(invitation=pending, by=administrator)
    assert lis.invitations.filter(pk=pending.pk).exists()


def test_closing_a_cycle_ends_answering_deletes_unsent_drafts_and_is_refused_twice(
    schools_cycle, small_organisation, administrator
):
    with pytest.raises(ValidationError):
        services.cycle_close(cycle=schools_cycle, by=administrator)  # a draft is not closed
    services.cycle_launch(cycle=schools_cycle, by=administrator)
    invitation = Invitation.objects.filter(evaluee__cycle=schools_cycle).first()
    draft_answer_save(invitation=invitation, question_id=schools_cycle.questions.first().pk, value=4)
    assert SealedDraft.objects.filter(invitation=invitation).exists()
    services.cycle_close(cycle=schools_cycle, by=administrator)
    schools_cycle.refresh_from_db()
    assert schools_cycle.status == Cycle.Status.CLOSED
    assert not SealedDraft.objects.filter(invitation__evaluee__cycle=schools_cycle).exists()
    with pytest.raises(ValidationError):
        services.cycle_close(cycle=schools_cycle, by=administrator)


def test_cycles_past_their_deadline_are_closed_by_the_daily_command(schools_cycle, administrator):
    services.cycle_launch(cycle=schools_cycle, by=administrator)
    call_command("evaluations_close_due", stdout=io.StringIO())
    schools_cycle.refresh_from_db()
    assert schools_cycle.status == "launched"  # the deadline is ahead
    closed = services.cycles_close_due(today=schools_cycle.deadline + datetime.timedelta(days=1))
    assert [c.pk for c in closed] == [schools_cycle.pk]


def test_launching_freezes_the_questionnaire_per_level_and_sends_the_invitations(
    schools_cycle, administrator
):
    services.cycle_launch(cycle=schools_cycle, by=administrator)
    schools_cycle.refresh_from_db()
    assert schools_cycle.status == Cycle.Status.LAUNCHED and schools_cycle.launched_at
    levels = set(Question.objects.filter(cycle=schools_cycle).values_list("level_key", flat=True))
    assert levels == {"dagtilbuds-skole-og-fu-leder", "forvaltningschef"}
    invitations = Invitation.objects.filter(evaluee__cycle=schools_cycle)
    assert len(mail.outbox) == invitations.count() > 0
    assert not invitations.filter(sent_at__isnull=True).exists()


def test_a_cycle_cannot_be_launched_twice_or_without_leaders(cycle, schools_cycle, administrator):
    empty = CycleFactory(status=Cycle.Status.DRAFT)
    with pytest.raises(ValidationError, match="at least one leader"):
        services.cycle_launch(cycle=empty, by=administrator)
    services.cycle_launch(cycle=schools_cycle, by=administrator)
    sent = len(mail.outbox)
    with pytest.raises(ValidationError, match="already been launched"):
        services.cycle_launch(cycle=schools_cycle, by=administrator)
    assert len(mail.outbox) == sent


def test_a_launched_questionnaire_refuses_every_change(schools_cycle, administrator):
    services.cycle_launch(cycle=schools_cycle, by=administrator)
    questions = list(Question.objects.filter(cycle=schools_cycle).values_list("pk", "rater_text"))
    with pytest.raises(ValidationError, match=FROZEN):
        services.local_question_add(cycle=schools_cycle, text="Ny?", by=administrator)
    with pytest.raises(ValidationError, match=FROZEN):
        services.cycle_update(cycle=schools_cycle, section_keys=["principper"], by=administrator)
    with pytest.raises(ValidationError, match=FROZEN):
        services.evaluees_add(cycle=schools_cycle, level_key="direktoer", by=administrator)
    assert list(Question.objects.filter(cycle=schools_cycle).values_list("pk", "rater_text")) == questions
    assert schools_cycle.local_questions.count() == 0


def test_the_invitation_is_in_danish_with_a_working_single_use_link_and_the_log_holds_no_secrets(
    cycle, small_organisation, administrator
):
    services.evaluees_add(cycle=cycle, people=[small_organisation["people"]["lis"]], by=administrator)
    services.cycle_launch(cycle=cycle, by=administrator)
    tom = Invitation.objects.get(person=small_organisation["people"]["tom"])
    message = next(m for m in mail.outbox if m.to == ["tom@fiktiv.example.dk"])
    token = invitation_token_issue(invitation=tom)
    with translation.override("da"):
        assert answer_link(token) in message.body  # the Danish page: no /en/ in the link
    assert invitation_get_by_token(token=token) == tom
    assert "Lis Leder" in message.body and "Du bliver bedt om at give dit syn på" in message.body
    assert message.extra_headers["Content-Language"] == "da"
    # Rendered in Danish: the deadline carries the Danish month name.
    assert in_language(cycle.deadline, "da") in message.body
    assert in_language(cycle.deadline, "en") not in message.body
    logged = " ".join(AuditEvent.objects.values_list("detail", flat=True))
    assert token not in logged and tom.token_digest not in logged and "tom@" not in logged
    assert AuditEvent.objects.filter(action="evaluations.invitations_sent").count() == 1


def test_a_person_who_prefers_english_gets_the_invitation_in_english(
    cycle, small_organisation, administrator
):
    tom = small_organisation["people"]["tom"]
    tom.language = "en"
    tom.save()
    services.evaluees_add(cycle=cycle, people=[small_organisation["people"]["lis"]], by=administrator)
    services.cycle_launch(cycle=cycle, by=administrator)
    message = next(m for m in mail.outbox if m.to == ["tom@fiktiv.example.dk"])
    assert "anonymous" in message.body
    assert "Lis Leder" in message.body
    assert message.extra_headers["Content-Language"] == "en"
    assert in_language(cycle.deadline, "en") in message.body


def test_reminders_go_to_those_who_have_not_answered_at_most_twice_and_not_after_the_deadline(
    cycle, small_organisation, administrator
):
    people = small_organisation["people"]
    services.evaluees_add(cycle=cycle, people=[people["lis"]], by=administrator)
    services.cycle_launch(cycle=cycle, by=administrator)
    Invitation.objects.filter(person=people["tom"]).update(status=Invitation.Status.COMPLETED)
    pending = Invitation.objects.filter(evaluee__cycle=cycle, status=Invitation.Status.PENDING).count()
    mail.outbox.clear()
    assert services.reminders_send(cycle=cycle, by=administrator) == pending
    assert len(mail.outbox) == pending
    assert "tom@fiktiv.example.dk" not in [m.to[0] for m in mail.outbox]
    services.reminders_send(cycle=cycle, by=administrator)
    assert services.reminders_send(cycle=cycle, by=administrator) == 0
    assert set(Invitation.objects.filter(status="pending").values_list("reminders_sent", flat=True)) == {2}
    Cycle.objects.filter(pk=cycle.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=1))
    cycle.refresh_from_db()
    with pytest.raises(ValidationError, match="deadline"):
        services.reminders_send(cycle=cycle, by=administrator)


# Pages


def test_an_administrator_sets_up_previews_and_launches_a_cycle_through_the_pages(
    admin_client, aarhus, small_organisation
):
    response = admin_client.post(
        reverse("evaluations:cycle_create"),
        {
            "name": "Skoleledere 2026",
            "framework_version": aarhus.pk,
            "deadline": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
            "peers_max": 6,
        },
    )
    cycle = Cycle.objects.get(name="Skoleledere 2026")
    assert response.status_code == 302 and cycle.status == Cycle.Status.DRAFT
    admin_client.post(
        reverse("evaluations:cycle_evaluees_add", args=[cycle.pk]),
        {"level": "dagtilbuds-skole-og-fu-leder"},
    )
    admin_client.post(
        reverse("evaluations:cycle_question_add", args=[cycle.pk]),
        {"kind": "open", "text": "Hvad skal din leder blive ved med at gøre?", "self_text": ""},
    )
    page = admin_client.get(reverse("evaluations:cycle_detail", args=[cycle.pk])).content.decode()
    assert "Lis Leder" in page and "Bo Leder" in page
    preview = admin_client.get(
        reverse("evaluations:cycle_preview", args=[cycle.pk]), {"level": "dagtilbuds-skole-og-fu-leder"}
    ).content.decode()
    assert "Min leder" in preview and "Hvad skal din leder blive ved med at gøre?" in preview
    response = admin_client.post(reverse("evaluations:cycle_launch", args=[cycle.pk]), follow=True)
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.LAUNCHED
    with translation.override("en"):
        rates = admin_client.get(reverse("evaluations:cycle_rates", args=[cycle.pk])).content.decode()
    assert "Lis Leder" in rates and "0 of 6" in rates


def test_editing_a_launched_cycle_in_the_pages_says_why_and_changes_nothing(
    admin_client, schools_cycle, administrator
):
    services.cycle_launch(cycle=schools_cycle, by=administrator)
    response = admin_client.post(
        reverse("evaluations:cycle_question_add", args=[schools_cycle.pk]),
        {"kind": "scale", "text": "Ny?", "self_text": ""},
        follow=True,
    )
    assert "Spørgeskemaet er låst" in response.content.decode() or FROZEN in response.content.decode()
    assert schools_cycle.local_questions.count() == 0
    response = admin_client.post(reverse("evaluations:cycle_launch", args=[schools_cycle.pk]), follow=True)
    assert response.status_code == 200


def test_the_rates_page_shows_counts_not_who_answered(
    admin_client, schools_cycle, small_organisation, administrator
):
    services.cycle_launch(cycle=schools_cycle, by=administrator)
    Invitation.objects.filter(person=small_organisation["people"]["tom"]).update(status="completed")
    page = admin_client.get(reverse("evaluations:cycle_rates", args=[schools_cycle.pk])).content.decode()
    assert "Tom Lærer" not in page
    assert "33 %" in page


def test_the_administrator_adds_and_withdraws_raters_on_the_raters_page(
    admin_client, schools_cycle, small_organisation
):
    people = small_organisation["people"]
    lis = schools_cycle.evaluees.get(person=people["lis"])
    url = reverse("evaluations:cycle_raters", args=[schools_cycle.pk, lis.pk])
    page = admin_client.get(url).content.decode()
    assert "Tom Lærer" in page and "Carl Chef" in page
    response = admin_client.post(url, {"person": people["ulla"].pk, "group": RaterGroup.OTHER})
    assert response.status_code == 302
    ulla = lis.invitations.get(person=people["ulla"], group=RaterGroup.OTHER)
    response = admin_client.post(url, {"person": people["ulla"].pk, "group": RaterGroup.PEER})
    assert response.status_code == 422 and "already invited" in response.content.decode()
    admin_client.post(reverse("evaluations:cycle_rater_remove", args=[schools_cycle.pk, lis.pk, ulla.pk]))
    assert not lis.invitations.filter(pk=ulla.pk).exists()


def test_a_rater_added_after_launch_is_invited_at_once(schools_cycle, small_organisation, administrator):
    services.cycle_launch(cycle=schools_cycle, by=administrator)
    mail.outbox.clear()
    lis = schools_cycle.evaluees.get(person=small_organisation["people"]["lis"])
    added = services.rater_add(
        evaluee=lis, person=small_organisation["people"]["ulla"], group=RaterGroup.OTHER, by=administrator
    )
    assert [m.to for m in mail.outbox] == [["ulla@fiktiv.example.dk"]]
    added.refresh_from_db()
    assert added.sent_at is not None


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("cycle_list", "get"),
        ("cycle_create", "get"),
        ("cycle_detail", "get"),
        ("cycle_preview", "get"),
        ("cycle_launch", "post"),
        ("cycle_rates", "get"),
        ("cycle_reminders", "post"),
    ],
)
def test_a_leader_who_is_not_an_administrator_is_refused(client, small_organisation, cycle, name, method):
    client.force_login(small_organisation["people"]["lis"].user)
    args = [] if name in ("cycle_list", "cycle_create") else [cycle.pk]
    response = getattr(client, method)(reverse(f"evaluations:{name}", args=args))
    assert response.status_code == 403
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.DRAFT


def test_a_new_cycle_asks_about_every_section_but_a_short_form_of_one_asked_in_full(cycle):
    assert "principper" in cycle.section_keys and "jeg-skal-lykkes-med" in cycle.section_keys
    assert "principper-kort" not in cycle.section_keys


def test_the_administrator_finds_units_and_leaders_by_name_and_adds_them_from_the_results(
    admin_client, cycle, small_organisation
):
    people = small_organisation["people"]
    services.evaluees_add(cycle=cycle, people=[people["bo"]], by=None)
    search = reverse("evaluations:cycle_leader_search", args=[cycle.pk])

    found = admin_client.post(search, {"find-q": "  leder ", "find-level": ""}, HTTP_HX_REQUEST="true")

    assert found.status_code == 200
    page = found.content.decode()
    assert "Lis Leder" in page and "Bo Leder" not in page  # Bo is in the cycle already
    assert "<html" not in page  # htmx gets the results alone
    units = admin_client.post(
        search, {"find-q": "skole", "find-level": "dagtilbuds-skole-og-fu-leder"}
    ).content.decode()
    assert "Ahorn Skole" in units and "Skoleafdelingen" in units and "<html" in units
    assert 'name="level" value="dagtilbuds-skole-og-fu-leder"' in units
    admin_client.post(
        reverse("evaluations:cycle_evaluees_add", args=[cycle.pk]),
        {"unit": small_organisation["units"]["schools"].pk, "level": "dagtilbuds-skole-og-fu-leder"},
    )
    admin_client.post(
        reverse("evaluations:cycle_evaluees_add", args=[cycle.pk]), {"people": people["dorte"].pk}
    )
    assert sorted(cycle.evaluees.values_list("person__name", flat=True)) == [
        "Bo Leder",
        "Dorte Direktør",
        "Lis Leder",
    ]


def test_a_name_search_needs_three_letters_and_is_never_a_get(admin_client, cycle, small_organisation):
    search = reverse("evaluations:cycle_leader_search", args=[cycle.pk])

    short = admin_client.post(search, {"find-q": "Li"})

    assert short.status_code == 422 and "at least 3" in short.content.decode()
    assert admin_client.get(search, {"find-q": "Lis"}).status_code == 405
    lis = services.evaluees_add(cycle=cycle, people=[small_organisation["people"]["lis"]], by=None)[0]
    raters = reverse("evaluations:cycle_rater_search", args=[cycle.pk, lis.pk])
    assert admin_client.get(raters, {"q": "Ulla"}).status_code == 405


def test_the_rater_search_leaves_out_those_invited_and_offers_the_groups_the_cycle_has(
    admin_client, cycle, small_organisation, builtin_frameworks, administrator
):
    people = small_organisation["people"]
    (lis,) = services.evaluees_add(cycle=cycle, people=[people["lis"]], by=administrator)
    url = reverse("evaluations:cycle_rater_search", args=[cycle.pk, lis.pk])

    page = admin_client.post(url, {"q": "Lærer"}, HTTP_HX_REQUEST="true").content.decode()

    assert "Ulla Lærer" in page and "Tom Lærer" not in page  # Tom is invited already (Lis leads him)
    assert '<option value="peer">' in page and '<option value="other">' in page
    survey = services.cycle_create(
        name="Effekter",
        framework_version=builtin_frameworks["buvm"],
        deadline=timezone.localdate() + datetime.timedelta(days=7),
        instrument="effects",
        by=administrator,
    )
    (bo,) = services.evaluees_add(cycle=survey, people=[people["bo"]], by=administrator)
    page = admin_client.post(
        reverse("evaluations:cycle_rater_search", args=[survey.pk, bo.pk]),
        {"q": "Lærer"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert '<option value="employee">' in page and '<option value="peer">' not in page
    assert "Ulla Lærer" not in page  # she answers for Bo already


def test_the_administrator_renames_a_cycle_and_moves_its_deadline_until_it_is_closed(
    admin_client, schools_cycle, administrator
):
    url = reverse("evaluations:cycle_settings", args=[schools_cycle.pk])
    later = timezone.localdate() + datetime.timedelta(days=30)
    services.cycle_launch(cycle=schools_cycle, by=administrator)

    response = admin_client.post(url, {"name": "Skoleledere, forår", "deadline": later.isoformat()})

    schools_cycle.refresh_from_db()
    assert response.status_code == 302
    assert (schools_cycle.name, schools_cycle.deadline) == ("Skoleledere, forår", later)
    past = admin_client.post(
        url,
        {"name": "X", "deadline": (timezone.localdate() - datetime.timedelta(days=1)).isoformat()},
        follow=True,
    )
    assert "The deadline cannot be in the past." in past.content.decode()
    services.cycle_close(cycle=schools_cycle, by=administrator)
    closed = admin_client.post(
        url, {"name": "Y", "deadline": (later + datetime.timedelta(days=1)).isoformat()}, follow=True
    )
    assert "its deadline can no longer be moved" in closed.content.decode()
    schools_cycle.refresh_from_db()
    assert (schools_cycle.name, schools_cycle.deadline) == ("Skoleledere, forår", later)
    assert f'action="{url}"' not in closed.content.decode()  # a closed cycle offers no form


def test_the_cycle_list_is_paginated(admin_client, aarhus):
    CycleFactory.create_batch(51, framework_version=aarhus)

    first = admin_client.get(reverse("evaluations:cycle_list"))
    second = admin_client.get(reverse("evaluations:cycle_list"), {"page": 2})

    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 1
    assert "page=2" in first.content.decode()

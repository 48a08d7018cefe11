"""Answering an evaluation by link: autosave, resume, the detaching submit, and every way it is refused."""

import base64
import datetime
import io

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from grundlag.audit.models import AuditEvent
from grundlag.evaluations.cycles.services import cycle_close
from grundlag.evaluations.models import (
    Answer,
    Comment,
    Cycle,
    Invitation,
    QuestionKind,
    RaterGroup,
    Response,
    SealedDraft,
    SealedResponse,
)
from grundlag.evaluations.responding import answering
from grundlag.evaluations.responding import services as responding
from grundlag.evaluations.responding.sealed import responses_open
from grundlag.evaluations.responding.services import invitation_token_issue
from grundlag.evaluations.tests.factories import (
    CycleFactory,
    EvalueeFactory,
    InvitationFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db
LOST_KEY = "lost:" + base64.urlsafe_b64encode(bytes(range(32))).decode()


@pytest.fixture(autouse=True)
def in_english():
    """The pages in English (under /en/), so the assertions hold whatever the Danish translation says."""
    with translation.override("en"):
        yield


@pytest.fixture
def survey(builtin_frameworks):
    """A launched cycle with three statements and one open question for Lis's level, one for another level."""
    cycle = CycleFactory()
    evaluee = EvalueeFactory(cycle=cycle, person__name="Lise Leder")
    statements = [
        QuestionFactory(cycle=cycle, level_key="", position=1),
        QuestionFactory(cycle=cycle, level_key=evaluee.level_key, position=2),
        QuestionFactory(cycle=cycle, level_key="", position=3),
    ]
    open_question = QuestionFactory(
        cycle=cycle,
        level_key="",
        position=4,
        kind=QuestionKind.OPEN,
        rater_text="Hvad skal din leder blive ved med?",
    )
    QuestionFactory(cycle=cycle, level_key="direktoer", position=5, rater_text="Kun for direktører")
    invitation = InvitationFactory(evaluee=evaluee, group=RaterGroup.EMPLOYEE)
    return {
        "cycle": cycle,
        "evaluee": evaluee,
        "statements": statements,
        "open": open_question,
        "invitation": invitation,
    }


def answer_all(invitation, statements, open_question=None):
    for value, question in zip([5, 3], statements, strict=False):
        responding.draft_answer_save(invitation=invitation, question_id=question.pk, value=value)
    for question in statements[2:]:
        responding.draft_answer_save(invitation=invitation, question_id=question.pk, dont_know=True)
    if open_question:
        responding.draft_answer_save(
            invitation=invitation, question_id=open_question.pk, text="Tydelig retning"
        )


def open_link(client, invitation):
    token = invitation_token_issue(invitation=invitation)
    return client.get(reverse("evaluations:answer_start", kwargs={"token": token}))


# The services


def test_the_questionnaire_holds_the_questions_for_the_evaluees_level_in_order(survey):
    questions = answering.questionnaire_for(survey["invitation"])
    assert [q.pk for q in questions] == [q.pk for q in survey["statements"]] + [survey["open"].pk]
    assert [q.number for q in questions] == [1, 2, 3, 4]


def test_the_leader_answering_about_themselves_sees_the_self_text(survey):
    own = InvitationFactory(evaluee=survey["evaluee"], group=RaterGroup.SELF, person=survey["evaluee"].person)
    question = answering.questionnaire_for(own)[0]
    assert question.text == survey["statements"][0].self_text
    assert answering.questionnaire_for(survey["invitation"])[0].text == survey["statements"][0].rater_text


def test_saving_an_answer_again_replaces_it_instead_of_adding_one(survey):
    invitation, question = survey["invitation"], survey["statements"][0]
    responding.draft_answer_save(invitation=invitation, question_id=question.pk, value=2)
    responding.draft_answer_save(invitation=invitation, question_id=question.pk, value=4)
    responding.draft_answer_save(invitation=invitation, question_id=question.pk, dont_know=True)
    assert SealedDraft.objects.filter(invitation=invitation).count() == 1
    draft = answering.drafts_for(invitation)[question.pk]
    assert (draft.value, draft.dont_know) == (None, True)


@pytest.mark.parametrize("value", [0, 6, 7, None, -1])
def test_it_refuses_an_answer_outside_the_scale(survey, value):
    with pytest.raises(ValidationError):
        responding.draft_answer_save(
            invitation=survey["invitation"], question_id=survey["statements"][0].pk, value=value
        )
    assert not SealedDraft.objects.exists()


def test_it_refuses_a_question_of_another_cycle_or_another_level(builtin_frameworks, survey):
    foreign = QuestionFactory(cycle=CycleFactory())
    other_level = survey["cycle"].questions.get(level_key="direktoer")
    for question in (foreign, other_level):
        with pytest.raises(ValidationError) as refused:
            responding.draft_answer_save(invitation=survey["invitation"], question_id=question.pk, value=3)
        assert refused.value.code == "foreign_question"
    assert not SealedDraft.objects.exists()


def test_it_refuses_an_open_answer_that_is_too_long(survey):
    with pytest.raises(ValidationError):
        responding.draft_answer_save(
            invitation=survey["invitation"], question_id=survey["open"].pk, text="x" * 4001
        )


def test_answers_can_be_saved_through_the_deadline_day_and_not_after(survey):
    cycle = survey["cycle"]
    cycle.deadline = timezone.localdate()
    cycle.save()
    responding.draft_answer_save(
        invitation=survey["invitation"], question_id=survey["statements"][0].pk, value=4
    )
    cycle.deadline = timezone.localdate() - datetime.timedelta(days=1)
    cycle.save()
    with pytest.raises(ValidationError) as refused:
        responding.draft_answer_save(
            invitation=survey["invitation"], question_id=survey["statements"][0].pk, value=1
        )
    assert refused.value.code == answering.CLOSED
    assert answering.drafts_for(survey["invitation"])[survey["statements"][0].pk].value == 4


def test_submitting_seals_the_response_naming_only_the_cycle(survey):
    invitation = survey["invitation"]
    answer_all(invitation, survey["statements"], survey["open"])
    responding.response_submit(invitation=invitation)

    # Until the close, the database holds the response only sealed, naming the cycle and nothing else.
    assert not (Response.objects.exists() or Answer.objects.exists() or Comment.objects.exists())
    sealed = SealedResponse.objects.get()
    assert sealed.cycle == survey["cycle"] and b"Tydelig" not in bytes(sealed.sealed)
    (opened,) = responses_open(cycle=survey["cycle"])
    assert (opened.evaluee_id, opened.group) == (survey["evaluee"].pk, RaterGroup.EMPLOYEE)
    assert list(opened.answers()) == [
        (survey["statements"][0].pk, 5),
        (survey["statements"][1].pk, 3),
        (survey["statements"][2].pk, None),
    ]
    assert opened.comments == {survey["open"].pk: "Tydelig retning"}
    assert not SealedDraft.objects.exists()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.COMPLETED
    # Nothing on a response or its answers points back to an invitation, a person or a time.
    for model in (SealedResponse, Response, Answer, Comment):
        fields = {f.name for f in model._meta.get_fields() if f.concrete}
        assert not fields & {"invitation", "person", "evaluee", "created_at", "submitted_at", "time"} - {
            "evaluee" if model in (Response, Comment) else ""
        }
        for field in model._meta.get_fields():
            assert field.get_internal_type() not in ("DateTimeField", "DateField", "TimeField")
            assert getattr(field, "related_model", None) not in (Invitation,)


def test_every_sent_response_of_a_questionnaire_has_the_same_size_whatever_was_written(survey):
    comments = ["", "Kort.", "Lang " * 700]
    for text in comments:
        invitation = InvitationFactory(evaluee=survey["evaluee"], group=RaterGroup.EMPLOYEE)
        answer_all(invitation, survey["statements"])
        if text:
            responding.draft_answer_save(invitation=invitation, question_id=survey["open"].pk, text=text)
        responding.response_submit(invitation=invitation)
    sizes = {len(bytes(row)) for row in SealedResponse.objects.values_list("sealed", flat=True)}
    assert len(sizes) == 1


def test_closing_writes_the_responses_anonymously_and_destroys_the_sealed_ones(survey):
    for value in (1, 2, 4):
        invitation = InvitationFactory(evaluee=survey["evaluee"], group=RaterGroup.EMPLOYEE)
        for question in survey["statements"]:
            responding.draft_answer_save(invitation=invitation, question_id=question.pk, value=value)
        responding.response_submit(invitation=invitation)
    cycle_close(cycle=survey["cycle"], by=None)
    assert not SealedResponse.objects.exists()
    assert Response.objects.filter(evaluee=survey["evaluee"], group=RaterGroup.EMPLOYEE).count() == 3
    assert sorted(
        Answer.objects.filter(question=survey["statements"][0]).values_list("value", flat=True)
    ) == [
        1,
        2,
        4,
    ]


def test_a_group_too_small_ever_to_be_shown_is_counted_into_nothing_and_self_is_kept(survey):
    invitation = survey["invitation"]
    answer_all(invitation, survey["statements"], survey["open"])
    responding.response_submit(invitation=invitation)
    own = InvitationFactory(evaluee=survey["evaluee"], group=RaterGroup.SELF, person=survey["evaluee"].person)
    answer_all(own, survey["statements"])
    responding.response_submit(invitation=own)
    cycle_close(cycle=survey["cycle"], by=None)
    assert list(Response.objects.values_list("group", flat=True)) == [RaterGroup.SELF]
    assert not Comment.objects.exists()
    assert not SealedResponse.objects.exists()


def test_a_cycle_whose_answers_cannot_be_opened_stays_open_and_says_why(survey):
    with override_settings(EVALUATIONS_SEAL_KEYS=[LOST_KEY]):
        answer_all(survey["invitation"], survey["statements"])
        responding.response_submit(invitation=survey["invitation"])
    with pytest.raises(ValidationError) as refused:
        cycle_close(cycle=survey["cycle"], by=None)
    assert refused.value.code == "sealed" and "EVALUATIONS_SEAL_KEYS" in refused.value.messages[0]
    survey["cycle"].refresh_from_db()
    assert survey["cycle"].status == Cycle.Status.LAUNCHED
    assert SealedResponse.objects.count() == 1
    with override_settings(EVALUATIONS_SEAL_KEYS=[LOST_KEY]):
        cycle_close(cycle=survey["cycle"], by=None)  # the key restored: it closes
    assert not SealedResponse.objects.exists()


def test_a_key_lost_for_good_closes_the_cycle_only_when_told_to_give_the_answers_up(survey):
    with override_settings(EVALUATIONS_SEAL_KEYS=[LOST_KEY]):
        answer_all(survey["invitation"], survey["statements"])
        responding.response_submit(invitation=survey["invitation"])
    with pytest.raises(CommandError, match="EVALUATIONS_SEAL_KEYS"):
        call_command("evaluations_close", survey["cycle"].pk)
    call_command("evaluations_close", survey["cycle"].pk, "--discard-unreadable", stdout=io.StringIO())
    survey["cycle"].refresh_from_db()
    assert survey["cycle"].status == Cycle.Status.CLOSED
    assert not SealedResponse.objects.exists() and not Response.objects.exists()
    event = AuditEvent.objects.get(action="evaluations.cycle_close")
    assert "lost_unreadable=1" in event.detail


def test_a_second_submit_changes_nothing(survey):
    invitation = survey["invitation"]
    answer_all(invitation, survey["statements"])
    responding.response_submit(invitation=invitation)
    with pytest.raises(ValidationError) as refused:
        responding.response_submit(invitation=invitation)
    assert refused.value.code == answering.ANSWERED
    with pytest.raises(ValidationError):
        responding.draft_answer_save(invitation=invitation, question_id=survey["statements"][0].pk, value=1)
    assert (SealedResponse.objects.count(), SealedDraft.objects.count()) == (1, 0)


def test_submitting_with_statements_unanswered_lists_them_by_number(survey):
    invitation = survey["invitation"]
    responding.draft_answer_save(invitation=invitation, question_id=survey["statements"][1].pk, value=2)
    with pytest.raises(ValidationError) as refused:
        responding.response_submit(invitation=invitation)
    assert refused.value.params["missing"] == [1, 3]
    assert "1, 3" in refused.value.messages[0]
    assert not SealedResponse.objects.exists()
    assert list(answering.drafts_for(invitation)) == [survey["statements"][1].pk]
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PENDING


# The pages


def test_the_link_puts_the_invitation_in_a_signed_cookie_and_leaves_the_token_out_of_the_address(
    client, survey
):
    response = open_link(client, survey["invitation"])
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluations:answer")
    page = client.get(response["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert "Lise Leder" in body
    assert survey["statements"][0].rater_text in body
    assert "Kun for direktører" not in body
    assert "0 of 3 answered" in body


def test_the_self_evaluation_says_the_answers_are_shown_as_the_leaders_and_never_anonymous(client, survey):
    own = InvitationFactory(evaluee=survey["evaluee"], group=RaterGroup.SELF, person=survey["evaluee"].person)
    page = client.get(open_link(client, own)["Location"]).content.decode()
    assert "Your own answers" in page and "shown in your report as your self-evaluation" in page
    assert "anonym" not in page.casefold()
    rater = Client()
    rater_page = rater.get(open_link(rater, survey["invitation"])["Location"]).content.decode()
    assert "Your answers are anonymous" in rater_page


def test_someone_who_came_by_link_sees_no_site_menu_and_no_login(client, survey):
    page = client.get(open_link(client, survey["invitation"])["Location"]).content.decode()
    assert 'aria-label="Main menu"' not in page and reverse("login") not in page
    assert "Evaluation of Lise Leder" in page and "Dansk" in page  # the evaluation and the language


def test_the_email_and_the_page_say_the_same_about_the_link(survey, mailoutbox):
    responding.invitation_emails_send(invitation_ids=[survey["invitation"].pk], reminder=False)
    (message,) = mailoutbox
    # Danish, the rater's language: the link opens the answers until they are sent, as the page says.
    assert "det åbner dine svar, indtil du sender dem" in message.body and "én gang" not in message.body


def test_answering_through_the_pages_writes_no_session_row(client, survey):
    invitation, statements = survey["invitation"], survey["statements"]
    client.get(open_link(client, invitation)["Location"])
    answers = {f"q-{q.pk}": "4" for q in statements} | {f"q-{survey['open'].pk}": "Tydelig retning"}
    assert client.post(reverse("evaluations:answer_submit"), answers).status_code == 302
    assert SealedResponse.objects.count() == 1
    assert not Session.objects.exists()


def test_a_forged_answering_cookie_opens_nothing(client, survey):
    client.cookies["grundlag_answer"] = str(survey["invitation"].pk)  # unsigned: what a forger can write
    assert client.get(reverse("evaluations:answer")).status_code == 404
    open_link(client, survey["invitation"])
    pk = str(survey["invitation"].pk)
    signed = client.cookies["grundlag_answer"].value
    assert signed.startswith(pk + ":")
    client.cookies["grundlag_answer"] = str(int(pk) + 1) + signed[len(pk) :]  # another id, the old signature
    assert client.get(reverse("evaluations:answer")).status_code == 404


def test_a_broken_link_says_so_with_a_404(client, survey):
    response = client.get(reverse("evaluations:answer_start", kwargs={"token": "0" * 64}))
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert client.get(reverse("evaluations:answer")).status_code == 404


def test_a_link_used_after_answering_says_the_answers_were_received(client, survey):
    invitation = survey["invitation"]
    answer_all(invitation, survey["statements"])
    responding.response_submit(invitation=invitation)
    page = client.get(open_link(client, invitation)["Location"])
    assert page.status_code == 200
    assert "Your answers were received already" in page.content.decode()


def test_a_link_after_the_deadline_says_when_the_evaluation_closed(client, survey):
    survey["cycle"].deadline = datetime.date(2024, 3, 1)
    survey["cycle"].save()
    page = client.get(open_link(client, survey["invitation"])["Location"])
    assert page.status_code == 410
    assert "The evaluation has closed" in page.content.decode()
    assert "March 1, 2024" in page.content.decode()


def test_a_link_to_a_cycle_not_launched_says_so_plainly(client, survey):
    survey["cycle"].status = Cycle.Status.DRAFT
    survey["cycle"].save()
    page = client.get(open_link(client, survey["invitation"])["Location"])
    assert page.status_code == 403
    assert "The evaluation is not open yet" in page.content.decode()


def test_an_autosave_saves_one_answer_and_returns_the_progress(client, survey):
    open_link(client, survey["invitation"])
    question = survey["statements"][0]
    response = client.post(
        reverse("evaluations:answer_save"), {f"q-{question.pk}": "4"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "1 of 3 answered" in response.content.decode()
    assert "Saved" in response.content.decode()
    client.post(reverse("evaluations:answer_save"), {f"q-{question.pk}": "2"}, HTTP_HX_REQUEST="true")
    drafts = answering.drafts_for(survey["invitation"])
    assert [(qid, draft.value) for qid, draft in drafts.items()] == [(question.pk, 2)]


def test_leaving_and_opening_the_link_again_shows_the_saved_answers(client, survey):
    open_link(client, survey["invitation"])
    first, second = survey["statements"][:2]
    client.post(
        reverse("evaluations:answer_save"),
        {f"q-{first.pk}": "4", f"q-{second.pk}": "dont_know", f"q-{survey['open'].pk}": "Lytter godt"},
    )
    client.cookies.clear()
    body = client.get(open_link(client, survey["invitation"])["Location"]).content.decode()
    assert f'id="q-{first.pk}-4" name="q-{first.pk}" value="4" checked' in body
    assert f'id="q-{second.pk}-dont_know" name="q-{second.pk}" value="dont_know" checked' in body
    assert "Lytter godt</textarea>" in body
    assert "2 of 3 answered" in body


@pytest.mark.parametrize(
    "posted",
    [
        {"q-{first}": "7"},
        {"q-{first}": "fire"},
        {"q-abc": "3"},
        {"q-{first}": "4", "q-{foreign}": "3"},
    ],
)
def test_a_tampered_post_is_refused_with_400_and_saves_nothing(client, builtin_frameworks, survey, posted):
    foreign = QuestionFactory(cycle=CycleFactory())
    ids = {"first": survey["statements"][0].pk, "foreign": foreign.pk}
    data = {key.format(**ids): value for key, value in posted.items()}
    open_link(client, survey["invitation"])
    for url in ("evaluations:answer_save", "evaluations:answer_submit"):
        response = client.post(reverse(url), data)
        assert response.status_code == 400
        assert "Nothing was saved" in response.content.decode()
    assert not SealedDraft.objects.exists()
    assert not SealedResponse.objects.exists()


def test_sending_saves_every_posted_answer_then_submits(client, survey):
    open_link(client, survey["invitation"])
    first, second, third = survey["statements"]
    data = {
        f"q-{first.pk}": "5",
        f"q-{second.pk}": "1",
        f"q-{third.pk}": "dont_know",
        f"q-{survey['open'].pk}": "",
    }
    response = client.post(reverse("evaluations:answer_submit"), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluations:answer_done")
    (opened,) = responses_open(cycle=survey["cycle"])
    assert opened.values == "510" and not opened.comments  # "0" is "Ved ikke"
    # The double submit: the second post lands on the thank-you page and changes nothing.
    again = client.post(reverse("evaluations:answer_submit"), {**data, f"q-{first.pk}": "1"})
    assert again["Location"] == reverse("evaluations:answer_done")
    ((again_opened),) = responses_open(cycle=survey["cycle"])
    assert again_opened.values == "510"
    assert "Thank you for your answers" in client.get(again["Location"]).content.decode()


def test_sending_with_statements_missing_keeps_the_answers_and_links_to_the_missing_ones(client, survey):
    open_link(client, survey["invitation"])
    first, second, third = survey["statements"]
    response = client.post(reverse("evaluations:answer_submit"), {f"q-{second.pk}": "3"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "Please answer statements 1, 3" in body
    assert f'href="#q-{first.pk}"' in body and f'href="#q-{third.pk}"' in body
    assert f'href="#q-{second.pk}"' not in body
    assert {qid: d.value for qid, d in answering.drafts_for(survey["invitation"]).items()} == {second.pk: 3}
    assert not Response.objects.exists()


def test_an_autosave_after_the_deadline_is_refused_with_a_message(client, survey):
    open_link(client, survey["invitation"])
    survey["cycle"].deadline = timezone.localdate() - datetime.timedelta(days=1)
    survey["cycle"].save()
    question = survey["statements"][0]
    response = client.post(
        reverse("evaluations:answer_save"), {f"q-{question.pk}": "4"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert "Your answer was not saved" in response.content.decode()
    sent = client.post(reverse("evaluations:answer_submit"), {f"q-{question.pk}": "4"})
    assert sent.status_code == 410
    assert not SealedDraft.objects.exists() and not Response.objects.exists()


def test_the_page_explains_anonymity_with_the_groups_threshold(client, survey, settings):
    settings.EVALUATION_THRESHOLDS = {**settings.EVALUATION_THRESHOLDS, "employee": 7}
    body = client.get(open_link(client, survey["invitation"])["Location"]).content.decode()
    assert "at least 7 have answered" in body
    assert "You are answering as one of the people Lise Leder leads." in body

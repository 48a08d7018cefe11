"""One dialogue's pages as its two parties use them: opening the preparation, rating on their own, the
LUS-spind once both are in, the conversation's shared and private notes; nobody else reaches any of it."""

import datetime
import html

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from grundlag.development.dialogues.services import dialogue_schedule
from grundlag.development.models import Dialogue, DialogueStatus, FollowUp, Goal, PrivateNote, SectionRating
from grundlag.frameworks.models import Expectation
from grundlag.organisation.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode()).replace("\xa0", " ")


@pytest.fixture
def parties(small_organisation):
    """Lis (the leader) and Carl (her school chief), each in a browser of their own, and her dialogue."""
    people = small_organisation["people"]
    people["carl"].user = UserFactory(username="carl")
    people["carl"].save(update_fields=["user"])
    dialogue = dialogue_schedule(
        leader=people["lis"], when=timezone.now() + datetime.timedelta(days=7), by=people["carl"].user
    )
    lis, carl = Client(), Client()
    lis.force_login(people["lis"].user)
    carl.force_login(people["carl"].user)
    return dialogue, lis, carl


def rate_all(client, dialogue, value, *, hand_in=True, first=None, reason="Fordi"):
    sections = Dialogue.objects.get(pk=dialogue.pk).pack.content["sections"]
    data = {f"value_{s['id']}": str(value) for s in sections} | {
        f"reason_{s['id']}": reason for s in sections
    }
    if first is not None:
        data[f"value_{sections[0]['id']}"] = first
    data["hand_in" if hand_in else "save"] = ""
    return client.post(reverse("development:ratings", args=[dialogue.pk]), data)


def test_both_parties_prepare_and_see_the_spind_only_when_both_have_handed_in(parties):
    dialogue, lis, carl = parties
    page = text(lis.get(reverse("development:dialogue", args=[dialogue.pk])))
    assert "Hvad gemmes om denne samtale, og hvem ser det" in page  # the notice before anything is written
    assert "Åbn forberedelsen" in page

    assert lis.post(reverse("development:open", args=[dialogue.pk])).status_code == 302
    page = text(carl.get(reverse("development:dialogue", args=[dialogue.pk])))
    assert "Datapakke" in page and "3 direkte medarbejdere" in page

    assert rate_all(lis, dialogue, 5, first="2", reason="Jeg mener det").status_code == 302
    page = text(carl.get(reverse("development:ratings", args=[dialogue.pk])))
    assert "Den anden part har afleveret sine vurderinger." in page
    assert "Jeg mener det" not in page and "LUS-spindet" not in page

    assert rate_all(carl, dialogue, 3, first="nr", reason="Set udefra").status_code == 302

    for client in (lis, carl):
        page = text(client.get(reverse("development:ratings", args=[dialogue.pk])))
        assert "LUS-spindet" in page and "Jeg mener det" in page and "Set udefra" in page
        assert 'id="spind-spec"' in page
    assert Dialogue.objects.get(pk=dialogue.pk).status == DialogueStatus.PREPARED


def test_a_rating_off_the_scale_or_a_second_hand_in_is_refused_and_nothing_changes(parties):
    dialogue, lis, _carl = parties
    lis.post(reverse("development:open", args=[dialogue.pk]))

    response = rate_all(lis, dialogue, 7)

    assert response.status_code == 422 and not SectionRating.objects.exists()
    assert rate_all(lis, dialogue, 4).status_code == 302
    response = rate_all(lis, dialogue, 2)
    assert response.status_code == 422
    assert "Dine vurderinger er afleveret og kan ikke længere ændres." in text(response)
    assert set(SectionRating.objects.values_list("value", flat=True)) == {4}


def test_an_incomplete_hand_in_names_the_missing_section_and_keeps_what_was_typed(parties):
    dialogue, lis, _carl = parties
    lis.post(reverse("development:open", args=[dialogue.pk]))
    sections = Dialogue.objects.get(pk=dialogue.pk).pack.content["sections"]

    response = rate_all(lis, dialogue, 4, first="", reason="Mine ord")

    assert response.status_code == 422
    page = text(response)
    assert f"{sections[0]['title']}: giv en vurdering eller markér afsnittet som ikke relevant." in page
    assert "Mine ord" in page


def test_a_private_note_is_shown_to_its_author_and_to_no_one_else(parties, small_organisation, admin_client):
    dialogue, lis, carl = parties
    lis.post(reverse("development:open", args=[dialogue.pk]))
    item = Dialogue.objects.get(pk=dialogue.pk).agenda.first()
    url = reverse("development:private_note", args=[dialogue.pk, item.pk])
    lis.post(url, {f"private{item.pk}-text": "Kun til mig selv"})
    carl.post(
        reverse("development:item", args=[dialogue.pk, item.pk]),
        {f"item{item.pk}-notes": "Fælles aftale", f"item{item.pk}-done": "on"},
    )

    assert PrivateNote.objects.get().text == "Kun til mig selv"
    assert "Kun til mig selv" in text(lis.get(reverse("development:conversation", args=[dialogue.pk])))
    carls_page = text(carl.get(reverse("development:conversation", args=[dialogue.pk])))
    assert "Kun til mig selv" not in carls_page and "Fælles aftale" in carls_page
    assert admin_client.get(reverse("development:conversation", args=[dialogue.pk])).status_code == 404
    dorte = Client()
    dorte.force_login(small_organisation["people"]["dorte"].user)
    assert dorte.get(reverse("development:dialogue", args=[dialogue.pk])).status_code == 404
    assert dorte.post(url, {f"private{item.pk}-text": "overskrevet"}).status_code == 404
    assert PrivateNote.objects.get().text == "Kun til mig selv"


def test_topics_are_added_and_the_superior_records_the_dialogue_held(parties):
    dialogue, lis, carl = parties
    lis.post(reverse("development:open", args=[dialogue.pk]))
    url = reverse("development:conversation", args=[dialogue.pk])

    assert lis.post(url, {"topic-title": "Min nye skoleplan"}).status_code == 302
    assert lis.post(url, {"topic-title": ""}).status_code == 422
    lis.post(reverse("development:held", args=[dialogue.pk]))
    assert Dialogue.objects.get(pk=dialogue.pk).status == DialogueStatus.PLANNED
    carl.post(reverse("development:held", args=[dialogue.pk]))

    page = text(carl.get(url))
    assert "Min nye skoleplan" in page and "Emne tilføjet af en part (Leder)" in page
    assert Dialogue.objects.get(pk=dialogue.pk).status == DialogueStatus.HELD
    assert "Registrér samtalen som holdt" not in page


def test_the_start_page_says_what_the_next_dialogue_needs_from_the_leader(parties):
    dialogue, lis, carl = parties
    assert "Åbn forberedelsen" in text(lis.get(reverse("core:home")))
    lis.post(reverse("development:open", args=[dialogue.pk]))
    assert "Vurdér dig selv" in text(lis.get(reverse("core:home")))
    assert "1 samtale, du holder, venter på dine vurderinger." in text(carl.get(reverse("core:home")))


def test_the_agreement_is_written_approved_by_both_and_followed_up_on_its_page(parties):
    dialogue, lis, carl = parties
    lis.post(reverse("development:open", args=[dialogue.pk]))
    carl.post(reverse("development:held", args=[dialogue.pk]))
    url = reverse("development:agreement", args=[dialogue.pk])
    carl.post(url, {"summary-summary": "Vi aftalte mere tid i klasserne."})
    expectation = Dialogue.objects.get(pk=dialogue.pk).agenda.first().section.expectations.first()
    response = lis.post(
        reverse("development:agreement_goal_add", args=[dialogue.pk]),
        {"goal-title": "Klassebesøg hver uge", "goal-expectation": str(expectation.pk)},
    )
    assert response.status_code == 302

    lis.post(reverse("development:agreement_approve", args=[dialogue.pk]))
    page = text(carl.get(url))
    assert "Den anden part har godkendt den." in page and "Klassebesøg hver uge" in page
    carl.post(reverse("development:agreement_approve", args=[dialogue.pk]))

    page = text(lis.get(url))
    assert "Den kan ikke ændres." in page and expectation.text in page
    assert 'name="summary-summary"' not in page
    today = timezone.localdate()
    carl.post(reverse("development:follow_ups", args=[dialogue.pk]), {"follow-first": today.isoformat()})
    follow_up = FollowUp.objects.get()
    lis.post(
        reverse("development:follow_up", args=[dialogue.pk, follow_up.pk]),
        {f"record{follow_up.pk}-notes": "Tre besøg om ugen nu"},
    )
    assert "Tre besøg om ugen nu" in text(carl.get(url))
    assert Dialogue.objects.get(pk=dialogue.pk).status == DialogueStatus.FOLLOWED_UP


def test_a_goal_tied_to_an_expectation_of_another_level_is_not_found(parties, builtin_frameworks):
    dialogue, lis, _carl = parties
    lis.post(reverse("development:open", args=[dialogue.pk]))
    rated = [s["id"] for s in Dialogue.objects.get(pk=dialogue.pk).pack.content["sections"]]
    foreign = Expectation.objects.exclude(section_id__in=rated).first()

    response = lis.post(
        reverse("development:agreement_goal_add", args=[dialogue.pk]),
        {"goal-title": "Forkert", "goal-expectation": str(foreign.pk)},
    )

    assert response.status_code == 422 and not Goal.objects.exists()


def test_a_follow_up_in_the_past_is_refused_with_a_message(parties):
    dialogue, lis, carl = parties
    lis.post(reverse("development:open", args=[dialogue.pk]))
    carl.post(reverse("development:held", args=[dialogue.pk]))
    carl.post(reverse("development:agreement", args=[dialogue.pk]), {"summary-summary": "Aftalt"})
    for client in (lis, carl):
        client.post(reverse("development:agreement_approve", args=[dialogue.pk]))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = carl.post(
        reverse("development:follow_ups", args=[dialogue.pk]),
        {"follow-first": yesterday.isoformat()},
        follow=True,
    )

    assert "En opfølgning kan ikke lægges i fortiden." in text(response) and not FollowUp.objects.exists()


def test_the_superiors_overview_shows_the_leaders_below_with_their_dialogues(parties, small_organisation):
    dialogue, lis, carl = parties
    lis.post(reverse("development:open", args=[dialogue.pk]))
    carl.post(reverse("development:held", args=[dialogue.pk]))
    carl.post(reverse("development:agreement", args=[dialogue.pk]), {"summary-summary": "Aftalt"})
    for client in (lis, carl):
        client.post(reverse("development:agreement_approve", args=[dialogue.pk]))
    carl.post(
        reverse("development:follow_ups", args=[dialogue.pk]),
        {"follow-first": timezone.localdate().isoformat()},
    )
    FollowUp.objects.update(due=timezone.localdate() - datetime.timedelta(days=3))
    dorte = Client()
    dorte.force_login(small_organisation["people"]["dorte"].user)

    page = text(dorte.get(reverse("development:overview")))

    assert "3 ledere under dig" in page and "Bo Leder" in page and "Carl Chef" in page
    lis_row = page[page.index("Lis Leder") :]
    assert "Plan aftalt" in lis_row[:600] and "overskredet" in lis_row[:600]
    assert "1 overskredet" in text(dorte.get(reverse("core:home")))
    assert lis.get(reverse("development:overview")).status_code == 404  # Lis leads no leader

"""The parts other domains add to a dialogue's data pack: made when the preparation opens, frozen with it,
shown by their own partial, and left out once no longer registered."""

import datetime

import pytest
from django.utils import timezone

from grundlag.development.dialogues import pack
from grundlag.development.dialogues.selectors import dialogue_view_for_user
from grundlag.development.dialogues.services import dialogue_open, dialogue_schedule
from grundlag.organisation.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_part(monkeypatch):
    """A part that records the leader it was made for; registered for this test only."""
    made = []
    monkeypatch.setattr(pack, "_parts", dict(pack._parts))

    @pack.pack_part(key="test-part", template="development/_pack_part_for_tests.html", order=1)
    def test_part(*, dialogue):
        made.append(dialogue.leader.key)
        return {"leader": dialogue.leader.key}

    return made


def test_a_registered_part_is_made_once_and_frozen_with_the_pack(a_part, small_organisation):
    people = small_organisation["people"]
    people["carl"].user = UserFactory(username="carl")
    people["carl"].save(update_fields=["user"])
    dialogue = dialogue_schedule(
        leader=people["lis"], when=timezone.now() + datetime.timedelta(days=7), by=people["carl"].user
    )
    dialogue = dialogue_open(dialogue=dialogue, by=people["lis"].user)

    assert dialogue.pack.content["parts"]["test-part"] == {"leader": "lis"}
    assert a_part == ["lis"]
    view = dialogue_view_for_user(user=people["carl"].user, pk=dialogue.pk)
    assert view.added_parts == [("development/_pack_part_for_tests.html", {"leader": "lis"})]
    assert a_part == ["lis"], "reading the pack makes nothing again"


def test_a_part_no_longer_registered_or_empty_is_left_out(monkeypatch):
    monkeypatch.setattr(pack, "_parts", {})
    content = {"parts": {"gone": {"x": 1}}}
    assert pack.pack_parts_shown(content=content) == []
    pack.pack_part(key="empty", template="t.html")(lambda *, dialogue: [])
    assert pack.pack_parts_shown(content={"parts": {"empty": []}}) == []
    assert pack.pack_parts_shown(content={}) == []

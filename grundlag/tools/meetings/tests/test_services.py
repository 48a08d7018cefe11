"""Agenda templates added to a meeting, and the next meeting planned with the unfinished items."""

import pytest
from django.core.exceptions import ValidationError

from grundlag.audit.models import AuditEvent
from grundlag.audit.sentences import sentence_for
from grundlag.tools.documents.services import document_save, document_share
from grundlag.tools.meetings.agenda_templates import agenda_templates
from grundlag.tools.meetings.services import meeting_next_plan, meeting_template_apply
from grundlag.tools.models import ToolDocument

from .conftest import MEETING

pytestmark = pytest.mark.django_db


def test_every_template_is_an_agenda_in_the_planner_s_columns(builtin_tools):
    columns = {column["key"] for column in builtin_tools["moedeplanlaegning"].content["table"]["columns"]}

    names = [template.name for template in agenda_templates()]

    assert names == ["Personalemøde", "MED-udvalg", "Ledelsesteammøde", "Forældrebestyrelse"]
    for template in agenda_templates():
        assert template.items and template.minutes > 0
        assert all(set(item) <= columns and item["punkt"] and item["tid"] > 0 for item in template.items)
    med = next(template for template in agenda_templates() if template.key == "med-udvalg")
    assert [item["punkt"] for item in med.items][0] == "Godkendelse af dagsorden og referat fra sidste møde"
    assert "Eventuelt" in [item["punkt"] for item in med.items]


def test_a_template_adds_its_items_after_the_agenda_s_own_as_a_new_revision(meeting, people):
    saved = meeting_template_apply(
        document=meeting, template_key="med-udvalg", expected_revision=1, by=people["lis"].user
    )

    names = [row["punkt"] for row in saved.data["agenda"]]
    assert names[:3] == ["Budget 2027", "Trivselsmåling", "Skolefest"]
    assert names[3] == "Godkendelse af dagsorden og referat fra sidste møde" and len(names) == 10
    assert saved.revision == 2 and saved.revisions.count() == 3
    assert saved.data["deltagere"] == "Ledelsesteamet"


def test_a_template_on_a_page_opened_before_another_save_is_refused(meeting, people):
    lis = people["lis"]
    document_save(document=meeting, data=MEETING, expected_revision=1, by=lis.user)

    with pytest.raises(ValidationError) as refused:
        meeting_template_apply(document=meeting, template_key="med-udvalg", expected_revision=1, by=lis.user)

    assert refused.value.code == "conflict"
    assert len(ToolDocument.objects.get(pk=meeting.pk).data["agenda"]) == 3


def test_the_next_meeting_carries_only_the_unfinished_items_marked_with_the_date(meeting, people):
    planned = meeting_next_plan(document=meeting, by=people["lis"].user)

    assert planned.pk != meeting.pk and planned.owner == people["lis"]
    agenda = planned.data["agenda"]
    assert [row["punkt"] for row in agenda] == ["Budget 2027", "Skolefest"]
    assert all(row["carried_from"] == "2027-03-04" and not row["finished"] for row in agenda)
    assert all("decision" not in row and "actions" not in row for row in agenda)
    assert agenda[1]["forberedelse"] == "Plakat"
    assert planned.data["deltagere"] == "Ledelsesteamet" and planned.data["spilleregler"] == "Telefoner væk"
    assert planned.data["previous"] == meeting.pk
    assert "date" not in planned.data and "formaal" not in planned.data
    assert ToolDocument.objects.get(pk=meeting.pk).data == MEETING


def test_a_team_member_plans_the_next_meeting_for_the_same_team(meeting, people):
    lis, bo, tom = people["lis"], people["bo"], people["tom"]
    document_share(document=meeting, team_members=[bo, tom], shared_with_superior=True, by=lis.user)

    planned = meeting_next_plan(document=meeting, by=bo.user)

    assert planned.owner == bo
    assert set(planned.team_members.all()) == {lis, tom}
    assert not planned.shared_with_superior


def test_the_next_meeting_needs_this_one_s_date(meeting, people):
    lis = people["lis"]
    document_save(document=meeting, data={**MEETING, "date": ""}, expected_revision=1, by=lis.user)

    with pytest.raises(ValidationError) as refused:
        meeting_next_plan(document=ToolDocument.objects.get(pk=meeting.pk), by=lis.user)

    assert refused.value.code == "no_date"
    assert ToolDocument.objects.filter(owner=lis).count() == 1


def test_only_an_editor_plans_the_next_meeting(meeting, people):
    with pytest.raises(ValidationError):
        meeting_next_plan(document=meeting, by=people["dorte"].user)


def test_the_audit_rows_name_the_owner_and_no_text_of_the_meeting(meeting, people):
    lis = people["lis"]
    meeting_template_apply(document=meeting, template_key="personalemoede", expected_revision=1, by=lis.user)
    meeting_next_plan(document=ToolDocument.objects.get(pk=meeting.pk), by=lis.user)

    rows = AuditEvent.objects.filter(action__startswith="tools.meeting_")
    assert {row.action for row in rows} == {"tools.meeting_template_apply", "tools.meeting_next_plan"}
    texts = ["Ledelsesmøde", "Budget", "Skolefest", "Personalerummet", "Ledelsesteamet", "Velkomst"]
    for row in AuditEvent.objects.all():
        written = f"{row.detail} {row.object_id} {row.user_label} {sentence_for(row.action, row.detail)}"
        assert not [text for text in texts if text in written], row.action

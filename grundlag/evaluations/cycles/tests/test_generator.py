"""The benchmark generator: answered cycles in bulk, with the rows the real services would make."""

import datetime
from collections import Counter

import pytest
from django.utils import timezone

from grundlag.evaluations.cycles import services
from grundlag.evaluations.cycles.services import cycle_close, evaluation_cycle_generate
from grundlag.evaluations.models import (
    Answer,
    Comment,
    Cycle,
    Evaluee,
    Invitation,
    Question,
    QuestionKind,
    RaterGroup,
    Response,
    SealedDraft,
    SealedResponse,
)
from grundlag.evaluations.reports.anonymity import ANONYMOUS_GROUPS
from grundlag.evaluations.reports.leader import leader_report
from grundlag.frameworks.models import FrameworkVersion
from grundlag.organisation.models import Post

pytestmark = pytest.mark.django_db


def _evaluee_rows(cycle):
    return sorted(
        Evaluee.objects.filter(cycle=cycle).values_list(
            "person_id", "post_id", "unit_id", "level_key", "level_name", "superior_id"
        )
    )


def _invitation_rows(cycle):
    return sorted(
        Invitation.objects.filter(evaluee__cycle=cycle).values_list(
            "evaluee__person_id", "group", "person_id", "email", "language"
        )
    )


def _snapshot(cycle):
    """Everything generated, keyed by what does not depend on row ids."""
    return {
        "evaluees": _evaluee_rows(cycle),
        "invitations": sorted(
            Invitation.objects.filter(evaluee__cycle=cycle).values_list(
                "evaluee__person_id", "person_id", "status"
            )
        ),
        "answers": sorted(
            Answer.objects.filter(response__evaluee__cycle=cycle).values_list(
                "response_id", "response__group", "question__level_key", "question__position", "value"
            )
        ),
        "comments": sorted(
            Comment.objects.filter(evaluee__cycle=cycle).values_list(
                "evaluee__person_id", "group", "question__position", "text"
            )
        ),
    }


def test_leaders_and_raters_are_the_rows_evaluees_add_makes(small_organisation, administrator):
    generated = evaluation_cycle_generate(seed=1, by=administrator)
    version = FrameworkVersion.objects.get(pk=generated.cycle.framework_version_id)
    draft = services.cycle_create(
        name="Ved hånden",
        framework_version=version,
        deadline=timezone.localdate() + datetime.timedelta(days=7),
        by=administrator,
    )
    services.evaluees_add(cycle=draft, unit=small_organisation["units"]["municipality"], by=administrator)

    assert generated.evaluees == 4
    assert _evaluee_rows(generated.cycle) == _evaluee_rows(draft)
    assert _invitation_rows(generated.cycle) == _invitation_rows(draft)


def test_a_generated_cycle_is_closed_with_one_response_per_completed_invitation_of_a_group_ever_shown(
    small_organisation, administrator
):
    generated = evaluation_cycle_generate(
        seed=2, response_rate=0.8, by=administrator, close=False, sealed=True
    )
    cycle = generated.cycle
    completed = Invitation.objects.filter(evaluee__cycle=cycle, status=Invitation.Status.COMPLETED)
    assert SealedResponse.objects.filter(cycle=cycle).count() == generated.responses == completed.count()
    assert not Response.objects.exists()
    cycle = cycle_close(cycle=cycle, by=administrator)

    assert cycle.status == Cycle.Status.CLOSED and not SealedResponse.objects.exists()
    assert (
        0
        < completed.count()
        < generated.invitations
        == Invitation.objects.filter(evaluee__cycle=cycle).count()
    )
    for (evaluee_id, group), n in Counter(completed.values_list("evaluee_id", "group")).items():
        never_shown = (group in ANONYMOUS_GROUPS and n < 3) or (group == RaterGroup.SUPERIOR)
        assert Response.objects.filter(evaluee_id=evaluee_id, group=group).count() == (
            0 if never_shown else n
        )
    assert Response.objects.filter(group=RaterGroup.SELF).exists()
    # Every response answers every statement of its leader's level, and nothing else.
    expected = 0
    for response in Response.objects.filter(evaluee__cycle=cycle).select_related("evaluee"):
        statements = Question.objects.filter(
            cycle=cycle, level_key__in=["", response.evaluee.level_key], kind=QuestionKind.SCALE
        )
        assert set(response.answers.values_list("question_id", flat=True)) == set(
            statements.values_list("pk", flat=True)
        )
        expected += statements.count()
    assert Answer.objects.filter(response__evaluee__cycle=cycle).count() == expected
    assert not SealedDraft.objects.exists()
    values = list(Answer.objects.filter(response__evaluee__cycle=cycle).values_list("value", flat=True))
    assert None in values and set(values) - {None} <= {1, 2, 3, 4, 5}
    assert 0.01 < values.count(None) / len(values) < 0.12  # about 5 % "Ved ikke"


def test_the_same_seed_gives_the_same_cycle_and_another_seed_another(small_organisation):
    first = _snapshot(evaluation_cycle_generate(seed=7).cycle)
    Cycle.objects.all().delete()
    again = _snapshot(evaluation_cycle_generate(seed=7).cycle)
    Cycle.objects.all().delete()
    other = _snapshot(evaluation_cycle_generate(seed=8).cycle)

    assert first == again
    assert first["answers"] != other["answers"]


def test_the_report_of_a_generated_leader_has_figures(small_organisation, settings):
    settings.EVALUATION_THRESHOLDS = {"employee": 3, "peer": 3, "other": 3, "comments": 3}
    lis = small_organisation["people"]["lis"]
    cycle = evaluation_cycle_generate(seed=3, response_rate=1.0).cycle
    evaluee = Evaluee.objects.select_related("cycle", "person", "unit").get(cycle=cycle, person=lis)

    report = leader_report(evaluee=evaluee, viewer=lis.user)

    assert report.ready
    shown = {column.key for column in report.columns}
    assert {RaterGroup.SELF, RaterGroup.EMPLOYEE} <= shown
    means = [cell.figure.mean for section in report.sections for cell in section.cells if cell.figure]
    assert means and all(1 <= mean <= 5 for mean in means)
    assert any(block.texts for block in report.comments)


def test_a_unit_limits_the_leaders_and_an_open_cycle_has_pending_invitations(small_organisation):
    generated = evaluation_cycle_generate(
        seed=4, unit=small_organisation["units"]["ahorn"], response_rate=0, close=False
    )

    assert generated.cycle.status == Cycle.Status.LAUNCHED
    assert generated.cycle.deadline >= timezone.localdate()
    assert list(Evaluee.objects.filter(cycle=generated.cycle).values_list("person__name", flat=True)) == [
        "Lis Leder"
    ]
    assert generated.responses == 0
    assert not Invitation.objects.exclude(status=Invitation.Status.PENDING).exists()


def test_leaders_without_anyone_reporting_to_them_get_an_unnamed_team(small_organisation):
    Post.objects.filter(manager=small_organisation["people"]["lis"]).delete()
    cycle = evaluation_cycle_generate(seed=5, unit=small_organisation["units"]["ahorn"]).cycle
    team = Invitation.objects.filter(evaluee__cycle=cycle, group=RaterGroup.EMPLOYEE)

    assert 6 <= team.count() <= 20
    assert not team.filter(person__isnull=False).exists()
    assert not team.exclude(email="").exists()


def test_local_statements_and_unnamed_others_make_a_cycle_the_benchmarks_size(
    small_organisation, administrator
):
    plain = evaluation_cycle_generate(seed=1, by=administrator, response_rate=1)
    sized = evaluation_cycle_generate(
        seed=1, by=administrator, response_rate=1, local_statements=8, others=(2, 4)
    )

    local = Question.objects.filter(cycle=sized.cycle, section_key="local", kind=QuestionKind.SCALE)
    assert local.count() == 8 * len({e.level_key for e in sized.cycle.evaluees.all()})
    others = Invitation.objects.filter(evaluee__cycle=sized.cycle, group=RaterGroup.OTHER)
    assert 2 * 4 <= others.count() <= 4 * 4 and not others.filter(person__isnull=False).exists()
    assert sized.answers > plain.answers

"""The conditions survey (003) and the effect-picture survey (000) on the evaluation engine: their
questionnaires, respondents, blocks fixed at close, the report per block, who sees it, and that a survey
never reaches the per-leader reports or the heatmap."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from grundlag.evaluations.cycles import services
from grundlag.evaluations.models import Block, Cycle, Instrument, Invitation, QuestionKind, RaterGroup
from grundlag.evaluations.reports.aggregates import block_unit_id
from grundlag.evaluations.reports.selectors import (
    org_cycles_for_user,
    reports_for_user,
    survey_cycles_for_user,
)
from grundlag.evaluations.reports.surveys import survey_report
from grundlag.evaluations.responding.answering import DONT_KNOW, questionnaire_for
from grundlag.evaluations.responding.services import draft_answers_save, response_submit
from grundlag.evaluations.tests.factories import SCHOOL_LEADER, areas_organisation
from grundlag.organisation.tests.factories import PersonFactory, PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas(builtin_frameworks):
    return areas_organisation(builtin_frameworks["aarhus-boern-og-unge"])


def survey(versions, *, instrument, by, **options):
    slug = "ledelse-taet-paa" if instrument == Instrument.CONDITIONS else "buvm"
    return services.cycle_create(
        name=f"Undersøgelse {instrument}",
        framework_version=versions[slug],
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        instrument=instrument,
        by=by,
        **options,
    )


def answer(invitation, value):
    posted = {
        q.pk: (value if q.kind == QuestionKind.SCALE else "Mere tid til sparring.")
        for q in questionnaire_for(invitation)
    }
    draft_answers_save(invitation=invitation, posted=posted)
    response_submit(invitation=invitation)


def run(cycle, by, *, value_of=lambda invitation: "4", skip=lambda invitation: False):
    services.cycle_launch(cycle=cycle, by=by)
    for invitation in Invitation.objects.filter(evaluee__cycle=cycle).select_related("evaluee__cycle"):
        if not skip(invitation):
            answer(invitation, value_of(invitation))
    return services.cycle_close(cycle=Cycle.objects.get(pk=cycle.pk), by=by)


# --- Questionnaires -------------------------------------------------------------------------------------


def test_the_conditions_survey_asks_every_leader_the_three_conditions_as_their_own(
    builtin_frameworks, areas, administrator
):
    cycle = survey(builtin_frameworks, instrument=Instrument.CONDITIONS, by=administrator)
    services.evaluees_add(cycle=cycle, unit=areas["top"], by=administrator)
    services.cycle_launch(cycle=cycle, by=administrator)

    questions = list(cycle.questions.order_by("position"))
    assert [q.self_text for q in questions] == [
        "Jeg har tilstrækkelig ledelsestid i forhold til opgavens omfang",
        "Jeg har tilstrækkelig tid til sparring og kompetenceudvikling",
        "Jeg har tydeligt decentralt råderum præget af tillid og med plads til udvikling og innovation",
    ]
    assert {q.level_key for q in questions} == {""}  # the same questionnaire at every level


def test_the_effect_picture_asks_about_the_six_intended_effects_also_in_a_foundation_that_extends_it(
    builtin_frameworks, administrator
):
    for slug in ("buvm", "stil"):
        cycle = services.cycle_create(
            name=slug,
            framework_version=builtin_frameworks[slug],
            deadline=timezone.localdate() + datetime.timedelta(days=7),
            instrument=Instrument.EFFECTS,
            by=administrator,
        )
        from grundlag.evaluations.cycles.questionnaire import questionnaire_preview

        (section,) = questionnaire_preview(cycle=cycle, level=None)
        texts = [q.rater_text for q in section.questions]
        assert len(texts) == 6
        assert (
            texts[0]
            == "Jeg oplever, at der er tydelig retning i opgaveløsningen for STIL, STUK og departementet"
        )
        assert texts[5].startswith("Jeg oplever, at der er engagerede medarbejdere")


def test_a_survey_needs_a_foundation_that_states_what_it_asks_about(builtin_frameworks, administrator):
    for instrument, words in [
        (Instrument.CONDITIONS, "ingen vilkår"),
        (Instrument.EFFECTS, "ingen tilsigtede effekter"),
    ]:
        with pytest.raises(ValidationError) as error:
            services.cycle_create(
                name="x",
                framework_version=builtin_frameworks["aarhus-boern-og-unge"],
                deadline=timezone.localdate(),
                instrument=instrument,
                by=administrator,
            )
        assert words in str(error.value)
    assert not Cycle.objects.exists()


# --- Respondents ------------------------------------------------------------------------------------------


def test_the_conditions_survey_invites_the_leaders_alone_and_the_effect_picture_the_people_they_lead(
    builtin_frameworks, areas, administrator
):
    conditions = survey(builtin_frameworks, instrument=Instrument.CONDITIONS, by=administrator)
    services.evaluees_add(cycle=conditions, unit=areas["areas"]["Syd"], by=administrator)
    effects = survey(builtin_frameworks, instrument=Instrument.EFFECTS, by=administrator)
    services.evaluees_add(cycle=effects, unit=areas["areas"]["Syd"], by=administrator)

    assert sorted(
        Invitation.objects.filter(evaluee__cycle=conditions).values_list("group", "person__name")
    ) == [("self", "Leder Syd 1"), ("self", "Leder Syd 2")]
    assert sorted(Invitation.objects.filter(evaluee__cycle=effects).values_list("group", "person__name")) == [
        ("employee", "Lærer Syd 1-0"),
        ("employee", "Lærer Syd 2-0"),
        ("employee", "Lærer Syd 2-1"),
    ]


def test_a_survey_takes_one_answer_per_person_and_only_from_its_rater_group(
    builtin_frameworks, areas, administrator
):
    effects = survey(builtin_frameworks, instrument=Instrument.EFFECTS, by=administrator)
    first, second = services.evaluees_add(cycle=effects, unit=areas["areas"]["Syd"], by=administrator)
    teacher = areas["teachers"][("Syd", 1)][0]

    with pytest.raises(ValidationError, match="allerede inviteret"):
        services.rater_add(evaluee=second, person=teacher, group=RaterGroup.EMPLOYEE, by=administrator)
    with pytest.raises(ValidationError, match="kun af én gruppe"):
        services.rater_add(evaluee=second, person=PersonFactory(), group=RaterGroup.PEER, by=administrator)
    assert Invitation.objects.filter(evaluee__cycle=effects, person=teacher).count() == 1


# --- Blocks -----------------------------------------------------------------------------------------------


def test_a_leaders_block_is_the_unit_at_the_cycles_depth_or_their_own_unit():
    assert block_unit_id("/1/5/9/", 1) == 1
    assert block_unit_id("/1/5/9/", 2) == 5
    assert block_unit_id("/1/5/9/", 3) == 9
    assert block_unit_id("/1/5/9/", 7) == 9
    assert block_unit_id("/1/5/9/", None) == 9


def test_closing_a_conditions_survey_fixes_blocks_by_unit_and_level_with_spans_beside_them(
    builtin_frameworks, areas, administrator
):
    cycle = survey(builtin_frameworks, instrument=Instrument.CONDITIONS, block_depth=2, by=administrator)
    services.evaluees_add(cycle=cycle, unit=areas["top"], by=administrator)
    cycle = run(cycle, administrator)

    blocks = {(b.unit.name, b.level_key): b for b in Block.objects.filter(cycle=cycle)}
    assert set(blocks) == {
        ("Fiktiv Kommune", "forvaltningschef"),
        ("Område Nord", SCHOOL_LEADER),
        ("Område Syd", SCHOOL_LEADER),
    }
    north = blocks[("Område Nord", SCHOOL_LEADER)]
    assert (north.leaders, north.invited, north.answered, north.respondents) == (6, 6, 6, 6)
    assert north.spans == [1, 2, 3, 4, 5, 6]
    assert blocks[("Fiktiv Kommune", "forvaltningschef")].spans == [8]


def test_the_report_shows_blocks_with_enough_answers_and_says_why_the_others_are_hidden(
    builtin_frameworks, areas, administrator
):
    cycle = survey(builtin_frameworks, instrument=Instrument.CONDITIONS, block_depth=2, by=administrator)
    services.evaluees_add(cycle=cycle, unit=areas["top"], by=administrator)
    # North's leaders answer 4 (the first: "Ved ikke"), South's and the chief 1: a hidden block must not move
    # the totals.
    cycle = run(
        cycle,
        administrator,
        value_of=lambda i: (
            DONT_KNOW
            if i.evaluee.person.name == "Leder Nord 1"
            else ("4" if "Nord" in i.evaluee.person.name else "1")
        ),
    )

    report = survey_report(cycle=cycle, viewer=administrator)

    rows = {(row.label, row.level_name): row for row in report.rows}
    north = rows[("Område Nord", "Dagtilbuds-, skole- og FU-leder")]
    assert [cell.figure.count for cell in north.cells] == [5, 5, 5]
    assert [cell.mean for cell in north.cells] == [4.0, 4.0, 4.0]
    assert north.respondents == 6 and north.span_median == 3.5 and north.span_max == 6
    south = rows[("Område Syd", "Dagtilbuds-, skole- og FU-leder")]
    assert south.reason == "færre end 5 svar" and all(cell.figure is None for cell in south.cells)
    assert report.blocks_hidden == 2
    assert [cell.mean for cell in report.total.cells] == [4.0, 4.0, 4.0]
    assert report.total.respondents == 6
    assert report.total.leaders == 9 and report.total.answered == 9
    assert report.total.span_median == 3  # all nine leaders' spans: 1 1 2 2 3 4 5 6 8
    (level,) = [row for row in report.levels if row.cells[0].figure]
    assert level.label == "Dagtilbuds-, skole- og FU-leder"
    assert [cell.mean for cell in level.cells] == [4.0, 4.0, 4.0]


@override_settings(
    EVALUATION_THRESHOLDS={"employee": 5, "peer": 3, "other": 3, "comments": 5, "conditions": 3}
)
def test_the_conditions_threshold_is_a_setting_and_comments_need_their_own(
    builtin_frameworks, areas, administrator
):
    cycle = survey(builtin_frameworks, instrument=Instrument.CONDITIONS, block_depth=2, by=administrator)
    services.local_question_add(
        cycle=cycle, text="Hvad ville give dig mere ledelsestid?", kind="open", by=administrator
    )
    services.evaluees_add(cycle=cycle, unit=areas["top"], by=administrator)
    # Three of North's leaders answer: a block of three is shown at k=3, but its comments need five.
    cycle = run(
        cycle,
        administrator,
        skip=lambda i: i.evaluee.person.name not in {"Leder Nord 1", "Leder Nord 2", "Leder Nord 3"},
    )

    report = survey_report(cycle=cycle, viewer=administrator)

    north = next(row for row in report.rows if row.label == "Område Nord")
    assert north.respondents == 3 and north.cells[0].mean == 4.0
    assert [(c.label, c.texts, c.reason) for c in report.comments] == [
        ("Område Nord (Dagtilbuds-, skole- og FU-leder)", None, "færre end 5 svar")
    ]


def test_comments_of_a_block_with_enough_answers_are_shown_unattributed_in_alphabetical_order(
    builtin_frameworks, areas, administrator
):
    cycle = survey(builtin_frameworks, instrument=Instrument.EFFECTS, block_depth=2, by=administrator)
    services.local_question_add(cycle=cycle, text="Hvad virker?", kind="open", by=administrator)
    services.evaluees_add(cycle=cycle, unit=areas["areas"]["Nord"], by=administrator)
    services.cycle_launch(cycle=cycle, by=administrator)
    words = iter(["Øst", "anden", "Bedre", "citron", "Dag"] * 5)
    for invitation in Invitation.objects.filter(evaluee__cycle=cycle).select_related("evaluee__cycle"):
        posted = {
            q.pk: ("3" if q.kind == QuestionKind.SCALE else next(words))
            for q in questionnaire_for(invitation)
        }
        draft_answers_save(invitation=invitation, posted=posted)
        response_submit(invitation=invitation)
    cycle = services.cycle_close(cycle=cycle, by=administrator)

    report = survey_report(cycle=cycle, viewer=administrator)

    (row,) = report.rows
    assert row.label == "Område Nord" and row.respondents == 21
    (comments,) = report.comments
    assert comments.texts == ["anden"] * 4 + ["Bedre"] * 4 + ["citron"] * 4 + ["Dag"] * 4 + ["Øst"] * 5


# --- Who sees what ----------------------------------------------------------------------------------------


def test_a_leader_sees_the_blocks_in_their_subtree_and_no_one_else_sees_the_survey(
    builtin_frameworks, areas, administrator, client
):
    cycle = survey(builtin_frameworks, instrument=Instrument.CONDITIONS, block_depth=2, by=administrator)
    services.evaluees_add(cycle=cycle, unit=areas["top"], by=administrator)
    cycle = run(cycle, administrator)
    chief_user = areas["chief"].user
    school_leader = areas["leaders"][("Nord", 1)].user

    assert survey_cycles_for_user(user=chief_user) == [cycle]
    assert survey_cycles_for_user(user=school_leader) == []  # the blocks are the areas, above the school
    client.force_login(school_leader)
    assert client.get(reverse("evaluations:survey_report", args=[cycle.pk])).status_code == 404
    client.force_login(chief_user)
    page = client.get(reverse("evaluations:survey_report", args=[cycle.pk]))
    assert page.status_code == 200
    assert "Område Nord" in page.content.decode()


def _chiefs_beside_the_chief(version, areas, n):
    """n more leaders at the chief's level in the municipality itself: the chief's block holds n + 1."""
    level = version.levels.get(key="forvaltningschef")
    for i in range(n):
        PostFactory(person=PersonFactory(name=f"Chef {i}"), unit=areas["top"], title="Chef", level=level)


@pytest.mark.parametrize("others", [4, 5])
def test_a_reader_who_answered_in_a_block_sees_it_only_with_k_respondents_besides_them(
    builtin_frameworks, areas, administrator, others
):
    _chiefs_beside_the_chief(builtin_frameworks["aarhus-boern-og-unge"], areas, others)
    cycle = survey(builtin_frameworks, instrument=Instrument.CONDITIONS, block_depth=2, by=administrator)
    services.evaluees_add(cycle=cycle, unit=areas["top"], by=administrator)
    # The chief answers 5 and the other chiefs 1; North's six leaders 4 (South's two are hidden anyway).
    cycle = run(
        cycle,
        administrator,
        value_of=lambda i: {"Chris Chef": "5"}.get(
            i.evaluee.person.name, "4" if "Nord" in i.evaluee.person.name else "1"
        ),
    )

    by_admin = survey_report(cycle=cycle, viewer=administrator)
    by_chief = survey_report(cycle=cycle, viewer=areas["chief"].user)

    def chiefs_row(report):
        return next(row for row in report.rows if row.label == "Fiktiv Kommune")

    assert chiefs_row(by_admin).respondents == others + 1  # shown to someone who did not answer in it
    assert by_admin.total.respondents == 6 + others + 1
    if others + 1 - 1 < by_chief.k:  # without their own answer, the chief would read the others' four
        row = chiefs_row(by_chief)
        assert row.reason == "færre end 5 svar" and all(cell.figure is None for cell in row.cells)
        assert by_chief.blocks_hidden == 2 and by_chief.total.respondents == 6
        assert [cell.mean for cell in by_chief.total.cells] == [4.0, 4.0, 4.0]  # North's alone
        chiefs_level = next(level for level in by_chief.levels if level.label == row.level_name)
        assert all(cell.figure is None for cell in chiefs_level.cells)
    else:
        assert chiefs_row(by_chief).respondents == 6 and by_chief.blocks_hidden == 1
        assert by_chief.total.respondents == 12


def test_the_trend_leaves_out_a_block_of_an_earlier_survey_where_the_reader_answered(
    builtin_frameworks, areas, administrator
):
    _chiefs_beside_the_chief(builtin_frameworks["aarhus-boern-og-unge"], areas, 4)
    cycles = []
    for _year in range(2):
        cycle = survey(builtin_frameworks, instrument=Instrument.CONDITIONS, block_depth=2, by=administrator)
        services.evaluees_add(cycle=cycle, unit=areas["top"], by=administrator)
        cycles.append(
            run(cycle, administrator, value_of=lambda i: "4" if "Nord" in i.evaluee.person.name else "1")
        )

    by_admin = survey_report(cycle=cycles[1], viewer=administrator)
    by_chief = survey_report(cycle=cycles[1], viewer=areas["chief"].user)

    assert [row.cells[0].mean for row in by_admin.trend] == [29 / 11, 29 / 11]
    assert [row.cells[0].mean for row in by_chief.trend] == [4.0, 4.0]  # North's alone, then as now


def test_a_survey_never_reaches_the_leader_reports_nor_the_heatmap(
    builtin_frameworks, areas, administrator, client
):
    cycle = survey(builtin_frameworks, instrument=Instrument.EFFECTS, by=administrator)
    (evaluee, *_rest) = services.evaluees_add(cycle=cycle, unit=areas["areas"]["Nord"], by=administrator)
    cycle = run(cycle, administrator)
    leader_user = evaluee.person.user or areas["leaders"][("Nord", 1)].user

    assert org_cycles_for_user(user=administrator) == []
    assert reports_for_user(user=leader_user) == []
    client.force_login(administrator)
    assert client.get(reverse("evaluations:report", args=[evaluee.pk])).status_code == 404
    assert client.get(reverse("evaluations:org_report", args=[cycle.pk])).status_code == 404
    assert client.get(reverse("evaluations:nominate", args=[evaluee.pk])).status_code in (403, 404)
    listing = client.get(reverse("evaluations:org_report_list")).content.decode()
    assert reverse("evaluations:survey_report", args=[cycle.pk]) in listing


def test_the_survey_report_page_is_danish_with_the_table_beside_the_chart(
    builtin_frameworks, areas, admin_client, administrator
):
    cycle = survey(builtin_frameworks, instrument=Instrument.CONDITIONS, block_depth=2, by=administrator)
    services.evaluees_add(cycle=cycle, unit=areas["top"], by=administrator)
    cycle = run(cycle, administrator)

    page = admin_client.get(reverse("evaluations:survey_report", args=[cycle.pk])).content.decode()

    assert "Jeg har tilstrækkelig ledelsestid i forhold til opgavens omfang" in page
    assert "Ledelsesspænd (median / største)" in page
    assert 'data-testid="survey-rows"' in page
    assert '<script id="survey-chart" type="application/json">' in page
    assert "Vises ikke: færre end 5 svar" in page


def test_survey_invitations_say_what_is_asked_and_how_results_are_shown(
    builtin_frameworks, areas, administrator, mailoutbox
):
    conditions = survey(builtin_frameworks, instrument=Instrument.CONDITIONS, by=administrator)
    services.evaluees_add(cycle=conditions, unit=areas["areas"]["Syd"], by=administrator)
    effects = survey(builtin_frameworks, instrument=Instrument.EFFECTS, by=administrator)
    services.evaluees_add(cycle=effects, unit=areas["areas"]["Syd"], by=administrator)

    services.cycle_launch(cycle=conditions, by=administrator)
    services.cycle_launch(cycle=effects, by=administrator)

    bodies = [message.body for message in mailoutbox]
    assert len(bodies) == 2 + 3
    assert sum("Du bedes vurdere dine egne vilkår for ledelse" in body for body in bodies) == 2
    assert sum("på din arbejdsplads, Syd Skole 2, i" in body for body in bodies) == 2
    assert all("aldrig for én leder eller én person" in body for body in bodies)

"""Every route × every role × every method it takes: who is let in, who is turned away, and that a
refusal leaks nothing.

The matrix must name every route the site has, and have a POST row for every route that takes a
POST; a new route (or a form added to a page) without its rows here fails the suite. An app may keep its
rows in its own tests/matrix.py (ROUTES, and a function that makes the objects they need), joined here.
"""

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import get_resolver, reverse
from django.utils import timezone

from grundlag.accounts.forms import ERASE_WORD
from grundlag.actionplans.tests import matrix as actionplans_matrix
from grundlag.core.services import worker_heartbeat_beat
from grundlag.development.dialogues.services import (
    agreement_approve,
    agreement_goal_add,
    dialogue_hold,
    dialogue_open,
    follow_ups_set,
    round_open,
)
from grundlag.development.models import Plan, SparringKind, SparringSession
from grundlag.development.plans.services import action_add, goal_create
from grundlag.development.sparring.services import sparring_session_log
from grundlag.evaluations.responding.views import ANSWER_COOKIE
from grundlag.evaluations.tests import matrix as evaluation_matrix
from grundlag.indicators.tests import matrix as indicators_matrix
from grundlag.networks.advice.tests import matrix as advice_matrix
from grundlag.networks.events.tests import matrix as events_matrix
from grundlag.networks.newsletters.tests import matrix as newsletters_matrix
from grundlag.networks.reflection.tests import matrix as reflection_matrix
from grundlag.organisation.tests.factories import UserFactory
from grundlag.talent.tests import matrix as talent_matrix
from grundlag.tools.tests import matrix as tools_matrix

from .access import (  # noqa: F401  (the vocabulary, also for the apps' rows)
    DENIED,
    HIDDEN,
    LOGIN,
    OK,
    REFUSED,
    ROLES,
    SECRETS,
    STRANGERS_TO_TOM,
    UNAUTHENTICATED,
    Route,
    every,
    signed_in,
)

PUBLIC = every(OK)
SIGNED_IN = signed_in(LOGIN, OK)
ADMIN_ONLY = signed_in(REFUSED, DENIED, administrator=OK)
LEADERS = signed_in(LOGIN, OK, respondent=DENIED)
TOM = signed_in(LOGIN, OK, respondent=HIDDEN, leader_elsewhere=HIDDEN)
DRAFT = signed_in(DENIED, DENIED, administrator=OK)
API_LEADERS = signed_in(UNAUTHENTICATED, OK, respondent=DENIED)
API_SIGNED_IN = signed_in(UNAUTHENTICATED, OK)
API_TOM = signed_in(UNAUTHENTICATED, OK, respondent=HIDDEN, leader_elsewhere=HIDDEN)


LIS_DIALOGUE = signed_in(LOGIN, HIDDEN, leader=OK)


def lis_dialogue(o):
    return {"pk": o["round"].dialogues.get(leader=o["people"]["lis"]).pk}


def lis_agenda_item(o):
    dialogue = o["round"].dialogues.get(leader=o["people"]["lis"])
    return {"pk": dialogue.pk, "item_pk": dialogue.agenda.first().pk}


def lis_agreed_goal(o):
    dialogue = o["round"].dialogues.get(leader=o["people"]["lis"])
    return {"pk": dialogue.pk, "goal_pk": dialogue.goals.get().pk}


def lis_follow_up(o):
    dialogue = o["round"].dialogues.get(leader=o["people"]["lis"])
    return {"pk": dialogue.pk, "follow_up_pk": dialogue.follow_ups.get().pk}


# Development plans: Lis's own plan is hers (and Dorte's above her, who reads its shared goals); her sparring
# log is hers alone. Everyone on a leadership level has a plan and a log of their own.
OWN_DEVELOPMENT = signed_in(LOGIN, HIDDEN, leader=OK, leader_elsewhere=OK, manager=OK)
LIS_PLAN = signed_in(LOGIN, HIDDEN, leader=OK, manager=OK)
LIS_ONLY = signed_in(LOGIN, HIDDEN, leader=OK)


def lis_plan(o):
    return {"plan_pk": Plan.objects.get(leader=o["people"]["lis"], team_name="").pk}


def lis_plan_goal(o):
    plan = Plan.objects.get(leader=o["people"]["lis"], team_name="")
    return {"plan_pk": plan.pk, "goal_pk": plan.goals.get(title="Matrix delt").pk}


def lis_plan_action(o):
    plan = Plan.objects.get(leader=o["people"]["lis"], team_name="")
    return {"plan_pk": plan.pk, "action_pk": plan.goals.get(title="Matrix delt").actions.get().pk}


def lis_plan_api(o):
    return {"plan_id": lis_plan(o)["plan_pk"]}


def lis_sparring(o):
    return {"pk": SparringSession.objects.get(leader=o["people"]["lis"]).pk}


def lis_sparring_step(o):
    session = SparringSession.objects.get(leader=o["people"]["lis"])
    return {"pk": session.pk, "step_pk": session.steps.get().pk}


def fw(**extra):
    return lambda o: {"slug": "aarhus-boern-og-unge", "number": 1, **extra}


def draft(**extra):
    return lambda o: {"slug": "aarhus-boern-og-unge", "number": o["draft"].number, **extra}


def holding_the_answer_link(client, o):
    """Open the invitation's link first, as a respondent does: the answering cookie holds it then."""
    client.get(reverse("evaluations:answer_start", kwargs=evaluation_matrix.answer_kwargs(o)))


def section(**extra):
    return lambda o: {**draft()(o), "section_id": o["section"].pk, **extra}


def a_task_worker_seen(client, o):
    """A task worker alive, as in production: /readyz is then ready for anyone who asks."""
    worker_heartbeat_beat(worker_id="matrix-worker", started_at=timezone.now())


ROUTES = [
    Route("core:home", None, PUBLIC),
    Route("core:accessibility", None, PUBLIC),
    # The readiness check: for monitoring, without a login; it names no host, worker or person.
    Route("ready", None, PUBLIC, before=a_task_worker_seen),
    Route("core:administration", None, ADMIN_ONLY),
    Route("login", None, PUBLIC),
    Route("login", None, PUBLIC, "post", {"username": "nobody", "password": "wrong"}),
    Route("logout", None, PUBLIC, method="post"),
    Route("password_reset", None, PUBLIC),
    Route("password_reset", None, PUBLIC, "post"),
    Route("password_reset_done", None, PUBLIC),
    Route("password_reset_confirm", lambda o: {"uidb64": "MQ", "token": "set-password"}, PUBLIC),
    Route("password_reset_confirm", lambda o: {"uidb64": "MQ", "token": "set-password"}, PUBLIC, "post"),
    Route("password_reset_complete", None, PUBLIC),
    Route("password_change", None, SIGNED_IN),
    Route("password_change", None, SIGNED_IN, "post"),
    Route("password_change_done", None, SIGNED_IN),
    Route("accounts:person_invite", lambda o: {"pk": o["people"]["tage"].pk}, ADMIN_ONLY, "post"),
    Route(
        "accounts:person_export",
        lambda o: {"pk": o["people"]["tom"].pk},
        signed_in(REFUSED, HIDDEN, administrator=OK),
    ),
    Route("accounts:person_erase", lambda o: {"pk": o["people"]["tom"].pk}, ADMIN_ONLY),
    Route(
        "accounts:person_erase",
        lambda o: {"pk": o["people"]["tom"].pk},
        ADMIN_ONLY,
        "post",
        lambda o: {"confirm": str(ERASE_WORD)},
    ),
    Route("accounts:users", None, ADMIN_ONLY),
    Route("accounts:user_role", lambda o: {"pk": o["people"]["tom"].user.pk}, ADMIN_ONLY, "post"),
    Route("accounts:user_active", lambda o: {"pk": o["people"]["tom"].user.pk}, ADMIN_ONLY, "post"),
    Route("audit:log", None, ADMIN_ONLY),
    Route("frameworks:list", None, PUBLIC),
    Route("frameworks:schema", None, PUBLIC),
    Route("frameworks:search", None, PUBLIC),
    Route("frameworks:compare", None, PUBLIC),
    Route("frameworks:upload", None, signed_in(REFUSED, DENIED, administrator=OK), "post"),
    Route("frameworks:detail", lambda o: {"slug": "aarhus-boern-og-unge"}, PUBLIC),
    Route("frameworks:history", lambda o: {"slug": "aarhus-boern-og-unge"}, PUBLIC),
    Route(
        "frameworks:draft_create",
        lambda o: {"slug": "buvm"},
        signed_in(DENIED, DENIED, administrator=OK),
        "post",
    ),
    Route("frameworks:version", fw(), PUBLIC),
    Route("frameworks:export", fw(fmt="yaml"), PUBLIC),
    Route("frameworks:levels_compare", fw(), PUBLIC),
    Route("frameworks:level", fw(key="direktoer"), PUBLIC),
    Route("frameworks:job_description", fw(key="direktoer"), PUBLIC),
    Route("frameworks:job_description_pdf", fw(key="direktoer"), PUBLIC),
    Route("frameworks:job_description_docx", fw(key="direktoer"), PUBLIC),
    Route("frameworks:edit", draft(), DRAFT),
    Route("frameworks:section_add", draft(), DRAFT, "post"),
    Route("frameworks:section_edit", lambda o: {**draft()(o), "pk": o["section"].pk}, DRAFT),
    Route("frameworks:section_edit", lambda o: {**draft()(o), "pk": o["section"].pk}, DRAFT, "post"),
    Route("frameworks:level_add", draft(), DRAFT, "post"),
    Route("frameworks:level_edit", lambda o: {**draft()(o), "pk": o["level"].pk}, DRAFT),
    Route("frameworks:level_edit", lambda o: {**draft()(o), "pk": o["level"].pk}, DRAFT, "post"),
    Route("frameworks:text_add", section(), DRAFT),
    Route("frameworks:text_add", section(), DRAFT, "post"),
    Route("frameworks:text_edit", lambda o: {**section()(o), "pk": o["text"].pk}, DRAFT),
    Route("frameworks:text_edit", lambda o: {**section()(o), "pk": o["text"].pk}, DRAFT, "post"),
    Route("frameworks:expectation_add", section(), DRAFT),
    Route("frameworks:expectation_add", section(), DRAFT, "post"),
    Route("frameworks:expectation_edit", lambda o: {**section()(o), "pk": o["expectation"].pk}, DRAFT),
    Route(
        "frameworks:expectation_edit", lambda o: {**section()(o), "pk": o["expectation"].pk}, DRAFT, "post"
    ),
    Route(
        "frameworks:item_delete",
        lambda o: {**draft()(o), "kind": "level", "pk": o["level"].pk},
        DRAFT,
        "post",
    ),
    Route(
        "frameworks:item_move",
        lambda o: {**draft()(o), "kind": "level", "pk": o["level"].pk, "direction": "down"},
        DRAFT,
        "post",
    ),
    Route("frameworks:publish", draft(), DRAFT, "post"),
    Route("frameworks:discard", draft(), DRAFT, "post"),
    Route("api:tokens", None, ADMIN_ONLY),
    Route(
        "api:tokens",
        None,
        ADMIN_ONLY,
        "post",
        lambda o: {"name": "Matrix", "user": o["users"]["administrator"].pk},
    ),
    Route("api:token_revoke", lambda o: {"pk": o["token"].pk}, ADMIN_ONLY, "post"),
    Route("organisation_import:start", None, ADMIN_ONLY),
    Route("organisation_import:start", None, ADMIN_ONLY, "post"),
    Route(
        "organisation_import:preview",
        lambda o: {"token": "abc"},
        signed_in(LOGIN, DENIED, administrator=HIDDEN),
    ),
    Route(
        "organisation_import:apply",
        lambda o: {"token": "abc"},
        signed_in(LOGIN, DENIED, administrator=HIDDEN),
        "post",
    ),
    Route(
        "organisation_import:discard",
        lambda o: {"token": "abc"},
        signed_in(LOGIN, DENIED, administrator=HIDDEN),
        "post",
    ),
    Route(
        "organisation_import:status",
        lambda o: {"token": "abc"},
        signed_in(LOGIN, DENIED, administrator=HIDDEN),
    ),
    Route("organisation:chart", None, LEADERS),
    Route("organisation:unit", lambda o: {"pk": o["units"]["ahorn"].pk}, LEADERS),
    Route("organisation:chart_children", lambda o: {"pk": o["units"]["schools"].pk}, LEADERS),
    Route("organisation:person", lambda o: {"pk": o["people"]["tom"].pk}, TOM),
    # Lis is seen by the same roles as Tom: herself, Dorte above her and the administrator.
    Route("organisation:leaders_below", lambda o: {"pk": o["people"]["lis"].pk}, TOM),
    Route("organisation:span_of_control", None, LEADERS),
    Route("organisation:my_page", None, SIGNED_IN),
    # evaluations: cycles (administrators): a draft cycle evaluating Lis (Tom among her raters).
    Route("evaluations:cycle_list", None, ADMIN_ONLY),
    Route("evaluations:cycle_create", None, ADMIN_ONLY),
    Route("evaluations:cycle_create", None, ADMIN_ONLY, "post"),
    Route("evaluations:cycle_detail", evaluation_matrix.cycle_kwargs(), ADMIN_ONLY),
    Route("evaluations:cycle_settings", evaluation_matrix.cycle_kwargs(), ADMIN_ONLY, "post"),
    Route("evaluations:cycle_sections", evaluation_matrix.cycle_kwargs(), ADMIN_ONLY, "post"),
    Route("evaluations:cycle_question_add", evaluation_matrix.cycle_kwargs(), ADMIN_ONLY, "post"),
    Route(
        "evaluations:cycle_question_remove", evaluation_matrix.cycle_kwargs("question"), ADMIN_ONLY, "post"
    ),
    Route("evaluations:cycle_evaluees_add", evaluation_matrix.cycle_kwargs(), ADMIN_ONLY, "post"),
    Route("evaluations:cycle_leader_search", evaluation_matrix.cycle_kwargs(), ADMIN_ONLY, "post"),
    Route("evaluations:cycle_evaluee_remove", evaluation_matrix.cycle_kwargs("evaluee"), ADMIN_ONLY, "post"),
    Route("evaluations:cycle_preview", evaluation_matrix.cycle_kwargs(), ADMIN_ONLY),
    Route("evaluations:cycle_groups", evaluation_matrix.cycle_kwargs(), ADMIN_ONLY),
    Route("evaluations:cycle_groups", evaluation_matrix.cycle_kwargs(), ADMIN_ONLY, "post"),
    Route("evaluations:cycle_launch", evaluation_matrix.cycle_kwargs(), ADMIN_ONLY, "post"),
    Route("evaluations:cycle_close", evaluation_matrix.cycle_kwargs(), ADMIN_ONLY, "post"),
    Route("evaluations:cycle_raters", evaluation_matrix.cycle_kwargs("evaluee"), ADMIN_ONLY),
    Route("evaluations:cycle_raters", evaluation_matrix.cycle_kwargs("evaluee"), ADMIN_ONLY, "post"),
    Route("evaluations:cycle_rater_search", evaluation_matrix.cycle_kwargs("evaluee"), ADMIN_ONLY, "post"),
    Route(
        "evaluations:cycle_rater_remove",
        evaluation_matrix.cycle_kwargs("evaluee", "invitation"),
        ADMIN_ONLY,
        "post",
    ),
    Route("evaluations:cycle_reminders", evaluation_matrix.cycle_kwargs(), ADMIN_ONLY, "post"),
    Route("evaluations:cycle_rates", evaluation_matrix.cycle_kwargs(), ADMIN_ONLY),
    # evaluations: answering. The link is the access: every role holding it is let in alike;
    # without it, nobody gets further.
    Route("evaluations:answer_start", evaluation_matrix.answer_kwargs, every(OK)),
    Route("evaluations:answer", None, every(HIDDEN)),
    Route("evaluations:answer_save", None, every(HIDDEN), "post"),
    Route("evaluations:answer_submit", None, every(HIDDEN), "post"),
    Route("evaluations:answer_save", None, every(OK), "post", before=holding_the_answer_link),
    Route("evaluations:answer_submit", None, every(OK), "post", before=holding_the_answer_link),
    Route("evaluations:answer_done", None, PUBLIC),
    # Opened from the start page: the invited person's own invitation, hidden from everyone else.
    Route(
        "evaluations:answer_mine",
        evaluation_matrix.mine_kwargs,
        signed_in(LOGIN, HIDDEN, respondent=OK),
    ),
    # evaluations: reports. Lis's report in a closed cycle: Lis, Dorte (her superior, allowed) and the
    # administrator see it.
    Route("evaluations:my_reports", None, SIGNED_IN),
    Route("evaluations:report", evaluation_matrix.report_kwargs, TOM),
    Route("evaluations:report_pdf", evaluation_matrix.report_kwargs, TOM),
    # evaluations: organisation heatmap. A closed cycle evaluating Lis: she, Dorte (above her) and the
    # administrator see it; a leader elsewhere and a respondent get 404.
    Route("evaluations:org_report_list", None, SIGNED_IN),
    Route("evaluations:org_report", evaluation_matrix.org_report_kwargs, TOM),
    # evaluations: survey reports. A closed conditions survey of Lis alone, one block at Ahorn Skole: she,
    # Dorte (above it) and the administrator see it; Bo (another school) and a respondent get 404.
    Route("evaluations:survey_report", evaluation_matrix.survey_kwargs, TOM),
    # evaluations: nominations. Lis nominates on her own page only; Dorte (her superior in this cycle) and
    # the administrator decide on a proposal; everyone signed in has a (maybe empty) list of proposals.
    Route(
        "evaluations:nominate",
        evaluation_matrix.nominations_evaluee_kwargs,
        signed_in(LOGIN, HIDDEN, leader=OK),
    ),
    Route(
        "evaluations:nominate",
        evaluation_matrix.nominations_evaluee_kwargs,
        signed_in(LOGIN, HIDDEN, leader=OK),
        "post",
        lambda o: {"person": o["people"]["tom"].pk, "group": "employee"},
    ),
    Route(
        "evaluations:nominate_search",
        evaluation_matrix.nominations_evaluee_kwargs,
        signed_in(LOGIN, HIDDEN, leader=OK),
        "post",
    ),
    Route("evaluations:nominations_pending", None, SIGNED_IN),
    Route(
        "evaluations:nomination_approve",
        evaluation_matrix.nominations_proposal_kwargs,
        signed_in(LOGIN, HIDDEN, manager=OK, administrator=OK),
        "post",
    ),
    Route(
        "evaluations:nomination_decline",
        evaluation_matrix.nominations_proposal_kwargs,
        signed_in(LOGIN, HIDDEN, manager=OK, administrator=OK),
        "post",
    ),
    Route("api-v1:openapi-json", None, PUBLIC),
    # Leader development: a person's own dialogues for everyone signed in, LUS rounds for administrators.
    Route("development:dialogues", None, SIGNED_IN),
    Route("development:schedule", None, SIGNED_IN),
    Route("development:schedule", None, SIGNED_IN, "post"),
    Route("development:rounds", None, ADMIN_ONLY),
    Route("development:round_create", None, ADMIN_ONLY),
    Route("development:round_create", None, ADMIN_ONLY, "post"),
    Route("development:round_detail", lambda o: {"pk": o["round"].pk}, ADMIN_ONLY),
    # One dialogue's pages are its two parties' only (Lis's: hers and Carl's); 404 for anyone else, even the
    # administrator and Dorte above them.
    *[
        Route(name, lis_dialogue, LIS_DIALOGUE, method)
        for name, method in [
            ("development:dialogue", "get"),
            ("development:open", "post"),
            ("development:share", "post"),
            ("development:ratings", "get"),
            ("development:ratings", "post"),
            ("development:conversation", "get"),
            ("development:conversation", "post"),
            ("development:held", "post"),
        ]
    ],
    *[
        Route(name, lis_dialogue, LIS_DIALOGUE, method)
        for name, method in [
            ("development:agreement", "get"),
            ("development:agreement", "post"),
            ("development:agreement_goal_add", "post"),
            ("development:agreement_approve", "post"),
            ("development:agreement_revise", "post"),
            ("development:agreement_pdf", "get"),
            ("development:agreement_docx", "get"),
            ("development:follow_ups", "post"),
        ]
    ],
    Route("development:agreement_goal_remove", lis_agreed_goal, LIS_DIALOGUE, "post"),
    Route("development:impact_answer", lis_dialogue, LIS_DIALOGUE, "post", {"value": "4"}),
    Route("development:insight", None, ADMIN_ONLY),
    # The leaders below one: for those who lead leaders (Dorte, and Lis above no leader: 404).
    Route("development:overview", None, signed_in(LOGIN, HIDDEN, manager=OK)),
    Route("development:follow_up", lis_follow_up, LIS_DIALOGUE, "post"),
    Route("development:item", lis_agenda_item, LIS_DIALOGUE, "post", {"item-notes": "x"}),
    Route("development:private_note", lis_agenda_item, LIS_DIALOGUE, "post", {"text": "x"}),
    # Development plans and the sparring log.
    Route("development:plan", None, OWN_DEVELOPMENT),
    Route("development:plan_team_create", None, OWN_DEVELOPMENT),
    Route("development:plan_team_create", None, OWN_DEVELOPMENT, "post"),
    Route("development:plan_detail", lis_plan, LIS_PLAN),
    Route("development:goal_create", lis_plan, LIS_ONLY, "post"),
    Route("development:goal_update", lis_plan_goal, LIS_ONLY),
    Route("development:goal_update", lis_plan_goal, LIS_ONLY, "post"),
    Route("development:goal_share", lis_plan_goal, LIS_ONLY, "post", {"shared": "1"}),
    Route("development:action_add", lis_plan_goal, LIS_ONLY, "post"),
    Route("development:action_update", lis_plan_action, LIS_ONLY),
    Route("development:action_update", lis_plan_action, LIS_ONLY, "post"),
    Route("development:sparring", None, OWN_DEVELOPMENT),
    Route("development:sparring", None, OWN_DEVELOPMENT, "post"),
    Route("development:sparring_detail", lis_sparring, LIS_ONLY),
    Route("development:sparring_step_to_plan", lis_sparring_step, LIS_ONLY, "post"),
    Route("development:sparring_delete", lis_sparring, LIS_ONLY, "post"),
    Route("api-v1:api-root", None, every(HIDDEN)),
    Route("api-v1:unit_list", None, API_LEADERS),
    Route("api-v1:unit_detail", lambda o: {"unit_id": o["units"]["ahorn"].pk}, API_LEADERS),
    Route("api-v1:person_list", None, API_SIGNED_IN),
    Route("api-v1:person_detail", lambda o: {"person_id": o["people"]["tom"].pk}, API_TOM),
    Route("api-v1:post_list", None, API_SIGNED_IN),
    Route("api-v1:post_detail", lambda o: {"post_id": o["people"]["tom"].posts.get().pk}, API_TOM),
    Route("api-v1:framework_list", None, API_SIGNED_IN),
    Route("api-v1:framework_detail", lambda o: {"slug": "aarhus-boern-og-unge"}, API_SIGNED_IN),
    Route("api-v1:framework_version", lambda o: {"slug": "aarhus-boern-og-unge", "number": 1}, API_SIGNED_IN),
    # The same objects as the report and heatmap pages, with the same roles let in.
    Route("api-v1:evaluation_report_list", None, API_SIGNED_IN),
    Route("api-v1:evaluation_report_detail", evaluation_matrix.report_kwargs, API_TOM),
    Route("api-v1:evaluation_cycle_list", None, API_SIGNED_IN),
    Route("api-v1:evaluation_heatmap", evaluation_matrix.org_report_kwargs, API_TOM),
    # The survey page's survey: a list for everyone signed in (empty for Bo and Ulla), the survey as the page.
    Route("api-v1:survey_list", None, API_SIGNED_IN),
    Route("api-v1:survey_report", evaluation_matrix.survey_kwargs, API_TOM),
    # A development dialogue is its two parties' only: Lis's is hers (and Carl's), not even Dorte's above.
    Route("api-v1:dialogue_list", None, API_SIGNED_IN),
    Route(
        "api-v1:dialogue_detail",
        lambda o: {"dialogue_id": o["round"].dialogues.get(leader=o["people"]["lis"]).pk},
        signed_in(UNAUTHENTICATED, HIDDEN, leader=OK),
    ),
    # A plan as on its page: its people and Dorte above Lis; shared goals only, whoever asks.
    Route("api-v1:plan_list", None, API_SIGNED_IN),
    Route("api-v1:plan_detail", lis_plan_api, signed_in(UNAUTHENTICATED, HIDDEN, leader=OK, manager=OK)),
    *events_matrix.ROUTES,
    *advice_matrix.ROUTES,
    *reflection_matrix.ROUTES,
    *newsletters_matrix.ROUTES,
    *talent_matrix.ROUTES,
    *tools_matrix.ROUTES,
    *indicators_matrix.ROUTES,
    *actionplans_matrix.ROUTES,
]

# Not pages: the language switch, the short address of the accessibility statement, the bare health endpoint
# and the single sign-on hand-off.
NOT_IN_MATRIX = {
    "set_language",
    "was",  # a redirect to the accessibility statement, for everyone (test_accessibility_statement.py)
    "health",
    "oidc_authentication_init",
    "oidc_authentication_callback",
    "oidc_logout",
}


def _route_names(patterns, namespace=""):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _route_names(pattern.url_patterns, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}"


def test_the_matrix_names_every_route():
    names = set(_route_names(get_resolver().url_patterns)) - NOT_IN_MATRIX
    assert names == {route.name for route in ROUTES}


def _lis_dialogue_agreed(org, lus_round):
    """Lis's dialogue of the round with Carl, her school chief: held, a goal agreed, approved by both, a
    follow-up set for today, so that every page of it has something to show."""
    lis, carl = org["people"]["lis"], org["people"]["carl"]
    carl.user = UserFactory(username="carl")
    carl.save(update_fields=["user"])
    dialogue = dialogue_open(dialogue=lus_round.dialogues.get(leader=lis), by=lis.user)
    dialogue_hold(dialogue=dialogue, by=carl.user)
    agreement_goal_add(dialogue=dialogue, title="Klassebesøg", by=lis.user)
    for user in (lis.user, carl.user):
        agreement_approve(dialogue=dialogue, by=user)
    follow_ups_set(dialogue=dialogue, dates=[timezone.localdate()], by=carl.user)


def _lis_plan_and_sparring(org):
    """Lis's own plan (made by her agreed dialogue) with a shared and a private goal, an action on the shared
    one, and a sparring session in her log with one next step."""
    lis = org["people"]["lis"]
    plan = Plan.objects.get(leader=lis, team_name="")
    shared = goal_create(plan=plan, title="Matrix delt", shared=True, by=lis.user)
    goal_create(plan=plan, title="Matrix privat", by=lis.user)
    action_add(goal=shared, text="Matrix handling", due=timezone.localdate(), by=lis.user)
    sparring_session_log(
        leader=lis,
        kind=SparringKind.PEER,
        partner="Bo",
        held_on=timezone.localdate(),
        section_ids=[],
        notes="",
        steps=["Matrix skridt"],
        by=lis.user,
    )


@pytest.fixture
def world(small_organisation, builtin_frameworks, administrator):
    from grundlag.api.services import api_token_create
    from grundlag.frameworks.services import draft_create

    aarhus = builtin_frameworks["aarhus-boern-og-unge"].framework
    new_draft = draft_create(framework=aarhus, by=administrator)
    section = new_draft.sections.filter(texts__isnull=False, expectations__isnull=False).first()
    token, _plaintext = api_token_create(user=administrator, name="Løn-integration", by=administrator)
    today = timezone.localdate()
    lus = round_open(
        name="LUS", unit=small_organisation["units"]["schools"], starts=today, ends=today, by=administrator
    )
    _lis_dialogue_agreed(small_organisation, lus.round)
    _lis_plan_and_sparring(small_organisation)
    world = {
        **small_organisation,
        "draft": new_draft,
        "section": section,
        "text": section.texts.first(),
        "expectation": section.expectations.first(),
        "level": new_draft.levels.first(),
        "token": token,
        "round": lus.round,
        "networks": events_matrix.events_world(small_organisation),
        "advice": advice_matrix.advice_world(small_organisation),
        "reflection": reflection_matrix.reflection_world(small_organisation),
        "newsletters": newsletters_matrix.newsletters_world(small_organisation),
        "tools": tools_matrix.tools_world(small_organisation),
        "users": {
            "respondent": small_organisation["people"]["ulla"].user,
            "leader": small_organisation["people"]["lis"].user,
            "leader_elsewhere": small_organisation["people"]["bo"].user,
            "manager": small_organisation["people"]["dorte"].user,
            "administrator": administrator,
        },
    }
    world["talent"] = talent_matrix.talent_world(world)
    world["indicators"] = indicators_matrix.indicators_world(world)
    world["actionplans"] = actionplans_matrix.actionplans_world(world)
    return world


def _outcome(response) -> str:
    status = response.status_code
    if status == 401:
        return UNAUTHENTICATED
    if status == 404:
        return HIDDEN
    if status == 403:
        return DENIED
    if status in (301, 302) and response["Location"].split("?")[0].endswith(reverse(settings.LOGIN_URL)):
        return LOGIN
    if status < 400 or status in (409, 422):  # let in, but the (empty) form or the state refused it
        return OK
    return f"status {status}"


def _matches(expected: str, outcome: str) -> bool:
    if expected == DENIED:
        return outcome in (DENIED, HIDDEN)
    if expected == REFUSED:
        return outcome in (LOGIN, DENIED, HIDDEN, UNAUTHENTICATED)
    return expected == outcome


@pytest.mark.parametrize("role", ROLES)
def test_each_route_lets_in_exactly_the_roles_it_should_and_leaks_nothing(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    wrong = []
    for route in ROUTES:
        url = reverse(route.name, kwargs=route.kwargs(world) if route.kwargs else None)
        data = route.data(world) if callable(route.data) else route.data or {}
        with transaction.atomic():
            if route.before:
                route.before(client, world)
            response = getattr(client, route.method)(url, data)
            transaction.set_rollback(True)
        # The answer link lives in a cookie of the browser, which no rollback takes back: each row starts
        # without it, as the rows that hold it open it themselves.
        client.cookies.pop(ANSWER_COOKIE, None)
        outcome = _outcome(response)
        expected = route.expect[role]
        if not _matches(expected, outcome):
            wrong.append(f"{route.method.upper()} {url}: expected {expected}, got {outcome}")
        if expected in (LOGIN, DENIED, HIDDEN, UNAUTHENTICATED, REFUSED) or role in STRANGERS_TO_TOM:
            body = b"".join(response) if response.streaming else response.content
            leaked = [secret for secret in SECRETS if secret.encode() in body]
            if leaked:
                wrong.append(f"{route.method.upper()} {url}: {role} is shown {leaked}")
        if role != "anonymous" and route.name == "logout":
            client.force_login(world["users"][role])
    assert not wrong, "\n".join(wrong)


# The API's own pages (django-ninja's schema and root) answer every method alike; they only read.
READS_ANSWERING_ANY_METHOD = {
    "api-v1:openapi-json",
    "api-v1:api-root",
}


def test_every_route_that_takes_a_post_has_a_post_row(client, world):
    """The administrator's POST to a route without a POST row is refused as a method it does not take."""
    client.force_login(world["users"]["administrator"])
    posted = {route.name for route in ROUTES if route.method == "post"}

    def url_of(route):
        return reverse(route.name, kwargs=route.kwargs(world) if route.kwargs else None)

    # An API path may answer POST and DELETE as two routes (two names): its POST row covers the path.
    posted_urls = {url_of(route) for route in ROUTES if route.method == "post"}
    taken = []
    for route in ROUTES:
        if route.name in posted or route.name in READS_ANSWERING_ANY_METHOD:
            continue
        url = url_of(route)
        if url in posted_urls:
            continue
        with transaction.atomic():
            status = client.post(url).status_code
            transaction.set_rollback(True)
        if status != 405:
            taken.append(f"POST {url} ({route.name}): {status}, not 405; add a POST row to ROUTES")
    assert not taken, "\n".join(taken)

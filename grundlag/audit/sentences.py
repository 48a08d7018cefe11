"""The audit log in words: one sentence per action code, and how the objects it names are called and found.

The codes stay in the database and the export; the page tells the administrator, in their language, what
happened, to what and by whom. `{who}` is the acting person, `{object}` the record (a link where it still
exists); an action without an account (a command, a scheduled job) may have a sentence of its own, under
`<action>:unattended`. A sentence never shows answers, tokens or other private text: only names of people,
evaluations, API tokens and posts, which the administrator may already see.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SENTENCES: dict[str, Promise] = {
    "account.invite": _("{who} invited {object} to create an account"),
    "account.sso_link": _("{object} was linked to a single sign-on login"),
    "api.person.list": _("{who} read the list of people through the API"),
    "api.person.view": _("{who} read {object} through the API"),
    "api.post.list": _("{who} read the list of posts through the API"),
    "api.post.view": _("{who} read the post {object} through the API"),
    "api.dialogue.view": _("{who} read the development dialogue of {object} through the API"),
    "api.plan.view": _("{who} read the development plan of {object} through the API"),
    "api.actionplan.view": _("{who} read an action plan through the API"),
    "api.token.create": _("{who} created the API token {object}"),
    "api.token.revoke": _("{who} revoked the API token {object}"),
    "auth.login": _("{who} signed in"),
    "auth.login_failed": _("A sign-in as {who} failed"),
    "auth.logout": _("{who} signed out"),
    "evaluations.cycle_close": _("{who} closed the evaluation {object}"),
    "evaluations.cycle_create": _("{who} created the evaluation {object}"),
    "evaluations.cycle_launch": _("{who} launched the evaluation {object}"),
    "evaluations.cycle_groups_set": _(
        "{who} chose which statements each rater group is asked in the evaluation {object}"
    ),
    "evaluations.cycle_update": _("{who} changed the settings of the evaluation {object}"),
    "evaluations.evaluee_remove": _("{who} removed a leader from the evaluation {object}"),
    "evaluations.evaluees_add": _("{who} added leaders to the evaluation {object}"),
    "evaluations.local_question_add": _("{who} added a question to the evaluation {object}"),
    "evaluations.local_question_remove": _("{who} removed a question from the evaluation {object}"),
    "evaluations.nomination_approve": _("{who} approved a proposed rater for {object}"),
    "evaluations.nomination_decline": _("{who} declined a proposed rater for {object}"),
    "evaluations.nomination_propose": _("{who} proposed a rater for {object}"),
    "evaluations.rater_add": _("{who} added a rater for {object}"),
    "evaluations.rater_remove": _("{who} removed a rater for {object}"),
    "evaluations.reminders_send": _("{who} sent reminders for the evaluation {object}"),
    "evaluations.reminders_sent": _("Reminders for the evaluation {object} were e-mailed"),
    "evaluations.invitations_sent": _("Invitations to the evaluation {object} were e-mailed"),
    "org_report.view": _("{who} opened the organisation report of the evaluation {object}"),
    "org_report.api": _("{who} read the organisation report of the evaluation {object} through the API"),
    "development.dialogue_schedule": _("{who} scheduled the development dialogue of {object}"),
    "development.round_open": _("{who} opened the LUS round {object}"),
    "development.dialogue_open": _("{who} opened the preparation of the development dialogue of {object}"),
    "development.ratings_save": _("{who} saved ratings in the development dialogue of {object}"),
    "development.ratings_hand_in": _("{who} handed in ratings in the development dialogue of {object}"),
    "development.report_share": _(
        "{who} shared their report summary in the development dialogue of {object}"
    ),
    "development.report_unshare": _(
        "{who} stopped sharing their report summary in the development dialogue of {object}"
    ),
    "development.agenda_topic_add": _("{who} added a topic to the development dialogue of {object}"),
    "development.notes_save": _("{who} wrote notes in the development dialogue of {object}"),
    "development.dialogue_hold": _("{who} recorded the development dialogue of {object} as held"),
    "development.agreement_save": _("{who} saved the summary of the development dialogue of {object}"),
    "development.agreement_goal_add": _(
        "{who} added a goal to the agreement of the development dialogue of {object}"
    ),
    "development.agreement_goal_remove": _(
        "{who} took a goal out of the agreement of the development dialogue of {object}"
    ),
    "development.agreement_approve": _(
        "{who} approved the agreement of the development dialogue of {object}"
    ),
    "development.agreement_revise": _(
        "{who} opened a new version of the agreement of the development dialogue of {object}"
    ),
    "development.follow_ups_set": _("{who} set the follow-ups of the development dialogue of {object}"),
    "development.follow_up_record": _("{who} recorded a follow-up of the development dialogue of {object}"),
    "development.reminders_sent": _("{who} sent the reminders of the development dialogues' follow-ups"),
    "development.reminders_sent:unattended": _(
        "Reminders of the development dialogues' follow-ups were e-mailed"
    ),
    "development.insight_year_close": _("{who} counted a year of leader development for the insight page"),
    "development.insight_year_close:unattended": _(
        "A year of leader development was counted for the insight page"
    ),
    "development.dialogues_erase": _("{who} erased the development dialogues past their retention period"),
    "development.dialogues_erase:unattended": _(
        "The development dialogues past their retention period were erased"
    ),
    "development.plan_create": _("{who} started the development plan of {object}"),
    "development.plan_team_create": _("{who} started a team plan kept by {object}"),
    "development.goal_create": _("{who} added a goal to the development plan of {object}"),
    "development.goal_update": _("{who} changed a goal of the development plan of {object}"),
    "development.action_add": _("{who} added an action to the development plan of {object}"),
    "development.action_update": _("{who} changed an action of the development plan of {object}"),
    "development.action_reminders_sent": _("{who} sent the reminders of the development plans' actions"),
    "development.action_reminders_sent:unattended": _(
        "Reminders of the development plans' actions falling due were e-mailed"
    ),
    "development.sparring_log": _("{who} logged a sparring session in the sparring log of {object}"),
    "development.sparring_step_to_plan": _(
        "{who} added a next step from the sparring log of {object} to a development plan"
    ),
    "development.sparring_delete": _("{who} deleted a sparring session from the sparring log of {object}"),
    "networks.forum_save": _("{who} saved the forum {object}"),
    "networks.forum_join": _("{who} joined the forum {object}"),
    "networks.forum_leave": _("{who} left the forum {object}"),
    "networks.newsletters_set": _("{who} changed whether they receive the newsletter of the forum {object}"),
    "networks.event_create": _("{who} added the event {object}"),
    "networks.event_update": _("{who} changed the event {object}"),
    "networks.event_cancel": _("{who} cancelled the event {object}"),
    "networks.place_signup": _("{who} signed up for the event {object}"),
    "networks.place_cancel": _("{who} took their name off the list of the event {object}"),
    "networks.offer_answer": _("{who} answered the offer of a place at the event {object}"),
    "networks.place_move": _("{who} moved a person on the list of the event {object}"),
    "networks.calendar_feed_renew": _("{who} made a new address for the calendar feed of {object}"),
    "networks.calendar_feed_revoke": _("{who} stopped the calendar feed of {object}"),
    "networks.newsletter_create": _("{who} wrote the newsletter {object}"),
    "networks.newsletter_update": _("{who} changed the newsletter {object}"),
    "networks.newsletter_delete": _("{who} deleted a draft newsletter"),
    "networks.newsletter_send": _("{who} sent the newsletter {object}"),
    "networks.newsletter_deliver": _("The newsletter {object} was e-mailed to the forum's members"),
    "networks.reflection_set_create": _("{who} made the reflection questions {object}"),
    "networks.reflection_set_update": _("{who} changed the reflection questions {object}"),
    "networks.reflection_set_delete": _("{who} deleted a set of reflection questions"),
    "networks.reflection_question_add": _("{who} added a question to the reflection questions {object}"),
    "networks.reflection_question_update": _("{who} changed a question of the reflection questions {object}"),
    "networks.reflection_question_remove": _(
        "{who} removed a question from the reflection questions {object}"
    ),
    # A shared note is named by nothing it says.
    "networks.reflection_note_add": _("{who} wrote a shared note on a reflection question"),
    "networks.reflection_note_update": _("{who} changed their shared note on a reflection question"),
    "networks.reflection_note_delete": _("{who} deleted their shared note on a reflection question"),
    # Who is nominated, and what a talent's records hold, is not for the log: a nomination may be declined
    # without a trace, so the talent is never named here.
    "talent.nominate": _("{who} nominated a possible leader"),
    "talent.sign_up": _("{who} signed up for the talent pipeline"),
    "talent.consent": _("{who} consented to a nomination"),
    "talent.reflection_save": _("{who} saved a self-reflection in the talent pipeline"),
    "talent.conversation_record": _("{who} recorded an interest-clarification conversation"),
    "talent.decide": _("{who} recorded a talent's decision to go on or stop"),
    "talent.enrol": _("{who} placed a talent in a cohort"),
    "talent.assess": _("{who} assessed a practice assignment of a talent"),
    "talent.programme_create": _("{who} made the talent programme {object}"),
    "talent.cohort_create": _("{who} made the cohort {object}"),
    "talent.activity_add": _("{who} added an activity to a cohort"),
    "talent.assignment_add": _("{who} added a practice assignment to a talent programme"),
    "tools.version_create": _("{who} made a new version of the tool {object}"),
    "tools.version_create:unattended": _("A new version of the tool {object} was loaded"),
    # A tool document is named by its owner, never by its title or what it says.
    "tools.document_create": _("{who} started a tool document of {object}"),
    "tools.document_save": _("{who} saved a tool document of {object}"),
    "tools.document_share": _("{who} changed who a tool document of {object} is shared with"),
    "tools.document_delete": _("{who} deleted a tool document of {object}"),
    "tools.library_place": _("{who} put a tool document of {object} in the knowledge-sharing library"),
    "tools.library_remove": _("{who} took a tool document of {object} out of the knowledge-sharing library"),
    "tools.meeting_template_apply": _("{who} added a meeting template to a tool document of {object}"),
    "tools.meeting_next_plan": _("{who} planned the next meeting in a tool document of {object}"),
    "tools.draft_save": _("{who} changed the draft of the tool {object}"),
    "tools.draft_publish": _("{who} published a new version of the tool {object}"),
    "tools.draft_delete": _("{who} deleted a draft of the tool {object}"),
    "tools.document_export": _("{who} downloaded a tool document of {object}"),
    "tools.document_sections_link": _(
        "{who} changed which sections of the foundation a tool document of {object} links to"
    ),
    # An action plan is named by its owner, never by its title or what it says; a log entry by its unit.
    "actionplans.plan_create": _("{who} started an action plan of {object}"),
    "actionplans.plan_save": _("{who} saved an action plan of {object}"),
    "actionplans.plan_status": _("{who} changed the status of an action plan of {object}"),
    "actionplans.plan_share": _("{who} changed who an action plan of {object} is shared with"),
    "actionplans.plan_expectations": _(
        "{who} tied an action plan of {object} to expectations of the foundation"
    ),
    "actionplans.plan_indicator_attach": _("{who} tied an indicator to an action plan of {object}"),
    "actionplans.plan_indicator_detach": _("{who} untied an indicator from an action plan of {object}"),
    "actionplans.action_add": _("{who} added an action to an action plan of {object}"),
    "actionplans.action_update": _("{who} changed an action of an action plan of {object}"),
    "actionplans.action_done": _("{who} marked an action of an action plan of {object}"),
    "actionplans.follow_up_add": _("{who} recorded a follow-up of an action plan of {object}"),
    "actionplans.plan_export": _("{who} downloaded an action plan of {object}"),
    "actionplans.evaluation_create": _("{who} wrote in the evaluation log of {object}"),
    "actionplans.evaluation_update": _("{who} changed an entry of the evaluation log of {object}"),
    # A 5F process is named by its owner; its rows name the step, never what anyone wrote.
    "actionplans.process_start": _("{who} started a 5F process of {object}"),
    "actionplans.process_team_set": _("{who} changed the team of a 5F process of {object}"),
    "actionplans.process_entry_add": _("{who} added a contribution to a 5F process of {object}"),
    "actionplans.process_entry_update": _("{who} changed their contribution to a 5F process of {object}"),
    "actionplans.process_entry_delete": _("{who} deleted their contribution to a 5F process of {object}"),
    "actionplans.process_step_move": _("{who} moved a 5F process of {object} to another step"),
    "actionplans.process_plan_create": _("{who} made an action plan from a 5F process of {object}"),
    "organisation.import": _("{who} imported the organisation"),
    "organisation.import:unattended": _("The organisation was imported by a command or a scheduled job"),
    "organisation.import_failed": _("An organisation import started by {who} changed nothing"),
    "indicators.import": _("{who} imported indicator data"),
    "indicators.import:unattended": _("Indicator data was imported by a command or a scheduled job"),
    "indicators.import_failed": _("An indicator import started by {who} changed nothing"),
    # A note and a comment name their unit, never what they say; a private note's rows are a shared one's.
    "indicators.note_add": _("{who} wrote a note on the unit {object}"),
    "indicators.note_update": _("{who} changed a note on the unit {object}"),
    "indicators.note_delete": _("{who} deleted a note on the unit {object}"),
    "indicators.comment_add": _("{who} commented on the figures of the unit {object}"),
    "indicators.comment_update": _("{who} changed a comment on the figures of the unit {object}"),
    "indicators.comment_delete": _("{who} deleted a comment on the figures of the unit {object}"),
    "password.change": _("{who} changed their password"),
    "password.reset": _("{who} chose a new password from a reset link"),
    "password.reset_request": _("A password reset was requested for {object}"),
    "person.erase": _("{who} erased the personal data of {object}"),
    "person.export": _("{who} exported the personal data of {object}"),
    "person.leaders_below.view": _("{who} viewed the leaders below {object}"),
    "person.view": _("{who} viewed {object}"),
    "report.api": _("{who} read the report of {object} through the API"),
    "report.pdf": _("{who} downloaded the report of {object} as PDF"),
    "report.view": _("{who} opened the report of {object}"),
    "survey_report.api": _("{who} read the survey report of the evaluation {object} through the API"),
    "survey_report.view": _("{who} opened the survey report of the evaluation {object}"),
    "user.active": _("{who} changed whether the account {object} is active"),
    "user.active:activated": _("{who} activated the account {object}"),
    "user.active:deactivated": _("{who} deactivated the account {object}"),
    "user.role": _("{who} changed the role of {object}"),
    "user.role:administrator granted": _("{who} made {object} an administrator"),
    "user.role:administrator revoked": _("{who} removed the administrator role from {object}"),
}

GENERIC = _("{who} did »{action}« to {object}")
GENERIC_WITHOUT_OBJECT = _("{who} did »{action}«")
UNKNOWN_PERSON = _("Someone not signed in")
GONE = _("no. {id} (no longer exists)")
QUOTED = _("“{name}”")


def sentence_for(action: str, detail: str = "") -> Promise | None:
    """The sentence of an action (a variant chosen by its detail where there is one), or None if unknown."""
    return SENTENCES.get(f"{action}:{detail}") or SENTENCES.get(action)


@dataclass(frozen=True)
class ObjectKind:
    """How a type of record is named on the log page and which page opens it (a URL name and the field)."""

    label: str  # a dotted path of attributes, e.g. "person.name"
    url_name: str = ""
    url_field: str = "pk"
    related: tuple[str, ...] = ()
    quoted: bool = False  # evaluations and tokens are named in quotes, people are not


KINDS: dict[str, ObjectKind] = {
    "organisation.person": ObjectKind(label="name", url_name="organisation:person"),
    "organisation.post": ObjectKind(
        label="person.name", url_name="organisation:person", url_field="person_id", related=("person",)
    ),
    "evaluations.cycle": ObjectKind(label="name", url_name="evaluations:cycle_detail", quoted=True),
    "development.dialogue": ObjectKind(label="leader.name", related=("leader",)),
    "development.dialogueround": ObjectKind(label="name", url_name="development:round_detail", quoted=True),
    # A plan and a sparring log are named by their leader, never by what they hold; neither opens for anyone
    # but its own people.
    "development.plan": ObjectKind(label="leader.name", related=("leader",)),
    "development.sparringsession": ObjectKind(label="leader.name", related=("leader",)),
    "evaluations.evaluee": ObjectKind(
        label="person.name", url_name="evaluations:cycle_detail", url_field="cycle_id", related=("person",)
    ),
    "auth.user": ObjectKind(
        label="person.name", url_name="accounts:users", url_field="", related=("person",)
    ),
    "api.apitoken": ObjectKind(label="name", url_name="api:tokens", url_field="", quoted=True),
    "networks.forum": ObjectKind(label="theme", url_name="networks:forum", url_field="slug", quoted=True),
    "networks.event": ObjectKind(label="title", url_name="networks:event", quoted=True),
    "networks.newsletter": ObjectKind(label="subject", quoted=True),
    "networks.reflectionset": ObjectKind(label="title", quoted=True),
    "talent.programme": ObjectKind(label="name", url_name="talent:programme", quoted=True),
    "tools.toolversion": ObjectKind(label="name", quoted=True),
    "tools.tool": ObjectKind(label="name", quoted=True),
    "tools.tooldocument": ObjectKind(label="owner.name", related=("owner",)),
    "actionplans.actionplan": ObjectKind(label="owner.name", related=("owner",)),
    "actionplans.evaluationentry": ObjectKind(label="unit.name", related=("unit",)),
    "actionplans.process": ObjectKind(label="owner.name", related=("owner",)),
    "talent.cohort": ObjectKind(label="name", url_name="talent:cohort", quoted=True),
    "organisation.unit": ObjectKind(label="name", url_name="organisation:unit"),
}


def action_label(action: str) -> str:
    """The action in words without its actors, for the filter: "… launched the evaluation …"."""
    template = sentence_for(action)
    if template is None:
        return action
    return str(template).format(who="…", object="…")

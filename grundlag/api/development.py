"""Development dialogues (LUS), read-only, for their two parties: the leader and the superior."""

import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from grundlag.development.dialogues.selectors import dialogue_get_for_user, dialogues_for_user
from grundlag.development.models import Agreement, Dialogue
from grundlag.organisation.selectors import person_for_user

from .common import NOT_FOUND_ERRORS, READ_ERRORS, Pagination, api_audit, api_user, id_path

router = Router(tags=["development"])


class PartyOut(Schema):
    id: int = Field(description="The person's id.")
    name: str


class AgreedGoalOut(Schema):
    title: str
    description: str
    section: str = Field(description="The section of the foundation the goal works on.")
    expectation: str = Field(description="The expectation of the leader's level the goal works on, if one.")


class DialogueOut(Schema):
    id: int
    role: str = Field(description="The caller's part in the dialogue: leader or superior.")
    leader: PartyOut
    superior: PartyOut | None = Field(description="Null where the superior's data were erased.")
    framework: str = Field(description="The leadership foundation's slug.")
    version: int = Field(description="The foundation's version the dialogue is about.")
    level: str = Field(description="The key of the leader's level in that version.")
    level_name: str
    round: int | None = Field(description="The LUS round's id; null for a dialogue scheduled on its own.")
    status: str = Field(description="planned, prepared, held, agreed or followed_up.")
    due: datetime.date | None = Field(description="By when a round's dialogue should be held.")
    scheduled_for: datetime.datetime | None
    place: str
    video_url: str
    opened_at: datetime.datetime | None = Field(
        description="When the preparation opened (the data pack frozen); null before. The pack, ratings and "
        "notes are not in the API: private notes and ratings not yet shown to the other party never will be."
    )
    held_at: datetime.datetime | None = Field(description="When the superior recorded the dialogue as held.")
    agreement_version: int | None = Field(
        description="The latest version of the agreement both parties approved; null while there is none."
    )
    agreed_goals: list[AgreedGoalOut] = Field(
        description="The development goals of that version, as both approved them; empty while there is none."
    )

    @staticmethod
    def resolve_agreement_version(dialogue: Dialogue) -> int | None:
        approved = _approved(dialogue)
        return approved.version if approved else None

    @staticmethod
    def resolve_agreed_goals(dialogue: Dialogue) -> list[dict]:
        approved = _approved(dialogue)
        return approved.content.get("goals", []) if approved else []

    @staticmethod
    def resolve_framework(dialogue: Dialogue) -> str:
        return dialogue.level.version.framework.slug

    @staticmethod
    def resolve_version(dialogue: Dialogue) -> int:
        return dialogue.level.version.number

    @staticmethod
    def resolve_level(dialogue: Dialogue) -> str:
        return dialogue.level.key

    @staticmethod
    def resolve_level_name(dialogue: Dialogue) -> str:
        return dialogue.level.name

    @staticmethod
    def resolve_round(dialogue: Dialogue) -> int | None:
        return dialogue.round_id


def _approved(dialogue: Dialogue) -> Agreement | None:
    """The latest version both approved, from the prefetched agreements."""
    return next((a for a in sorted(dialogue.agreements.all(), key=lambda a: -a.version) if a.approved), None)


def _with_role(dialogue: Dialogue, person_id: int | None) -> Dialogue:
    dialogue.role = "leader" if dialogue.leader_id == person_id else "superior"  # type: ignore[attr-defined]
    return dialogue


@router.get(
    "/development-dialogues",
    response={200: list[DialogueOut], **READ_ERRORS},
    url_name="dialogue_list",
    operation_id="dialogue_list",
)
@paginate(Pagination)
def dialogue_list(request: HttpRequest):
    """The caller's development dialogues, as the leader or as the superior, due first."""
    user = api_user(request)
    person = person_for_user(user=user)
    dialogues = (
        dialogues_for_user(user=user)
        .select_related("level__version__framework")
        .prefetch_related("agreements")
    )
    return [_with_role(dialogue, person.pk if person else None) for dialogue in dialogues]


@router.get(
    "/development-dialogues/{dialogue_id}",
    response={200: DialogueOut, **NOT_FOUND_ERRORS},
    url_name="dialogue_detail",
    operation_id="dialogue_detail",
)
def dialogue_detail(request: HttpRequest, dialogue_id: int = id_path("The dialogue's id.")):
    """One development dialogue of the caller's; anyone else's is not found."""
    user = api_user(request)
    dialogue = dialogue_get_for_user(user=user, pk=dialogue_id)
    api_audit(request, action="api.dialogue.view", obj=dialogue)
    person = person_for_user(user=user)
    return _with_role(dialogue, person.pk if person else None)

"""What a rater has written, as it is sealed while the cycle is open (`sealing.py` does the sealing).

Answers in progress are one `SealedDraft` per invitation; a sent response is one `SealedResponse` that
names only the cycle. Both are padded to `sealed_size` of the rater's questionnaire, the same for every
rater of a leader and group, and large enough for the longest answers the questionnaire allows: the
size of a row tells nothing about what, or how much, was written. The responses are opened once, when
the cycle closes (`reports/services.py`).
"""

import secrets
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..models import Cycle, QuestionKind, SealedResponse
from ..sealing import SealError, seal, unseal

OPEN_ANSWER_MAX_LENGTH = 4000  # in UTF-16 code units, as a browser's maxlength counts
# The bytes an open answer takes at most sealed: 3 per UTF-16 unit in UTF-8 JSON, once the control
# characters that JSON would spell as \uXXXX are gone (`answering.open_answer_cleaned`).
OPEN_ANSWER_MAX_BYTES = 3 * OPEN_ANSWER_MAX_LENGTH
PER_QUESTION_BYTES = 40  # its id and value with their JSON punctuation, in a draft or in a response
BASE_BYTES = 256
DONT_KNOW_DIGIT = "0"


def sealed_size(kinds: Sequence[str]) -> int:
    """The one size every sealed draft and response of a questionnaire (its questions' kinds) is padded to."""
    open_questions = sum(1 for kind in kinds if kind == QuestionKind.OPEN)
    return BASE_BYTES + PER_QUESTION_BYTES * len(kinds) + OPEN_ANSWER_MAX_BYTES * open_questions


def response_context(cycle_id: int) -> str:
    """What a sealed response is bound to: its cycle only, never its invitation."""
    return f"evaluations.response:{cycle_id}"


def response_seal(
    *,
    cycle_id: int,
    evaluee_id: int,
    group: str,
    answers: Sequence[tuple[int, int | None]],
    comments: dict[int, str],
    size: int,
) -> bytes:
    """A sent response sealed: the leader, the group, the scale answers (question id, value or None for
    "Ved ikke") in the questionnaire's order, the open answers, and a random id against a copied row."""
    data = {
        "e": evaluee_id,
        "g": group,
        "n": secrets.token_hex(16),
        "q": [question_id for question_id, _value in answers],
        "a": "".join(DONT_KNOW_DIGIT if value is None else str(value) for _qid, value in answers),
        "c": {str(question_id): text for question_id, text in comments.items()},
    }
    return seal(data=data, context=response_context(cycle_id), size=size)


@dataclass(frozen=True)
class OpenedResponse:
    """A sent response as opened at close; `values` holds one digit per question ("0" is "Ved ikke")."""

    evaluee_id: int
    group: str
    question_ids: tuple[int, ...]
    values: str
    comments: dict[int, str]

    def answers(self) -> Iterator[tuple[int, int | None]]:
        for question_id, digit in zip(self.question_ids, self.values, strict=True):
            yield question_id, None if digit == DONT_KNOW_DIGIT else int(digit)


def responses_open(*, cycle: Cycle, unreadable: list | None = None) -> Iterator[OpenedResponse]:
    """The cycle's sealed responses, opened, each once (a row copied in the database counts once).

    Raises `sealing.SealError` when one cannot be opened (a key the settings no longer hold), unless a
    list is given for `unreadable`: then the row's id is put there and the row is passed over.
    """
    context = response_context(cycle.pk)
    seen: set[str] = set()
    shared: dict[tuple[int, ...], tuple[int, ...]] = {}  # one tuple per questionnaire, not per response
    rows = SealedResponse.objects.filter(cycle=cycle).values_list("pk", "sealed")
    for pk, sealed in rows.iterator(chunk_size=1000):
        try:
            data = unseal(sealed=sealed, context=context)
        except SealError:
            if unreadable is None:
                raise
            unreadable.append(pk)
            continue
        assert isinstance(data, dict)
        if data["n"] in seen:
            continue
        seen.add(data["n"])
        question_ids = tuple(data["q"])
        yield OpenedResponse(
            evaluee_id=data["e"],
            group=data["g"],
            question_ids=shared.setdefault(question_ids, question_ids),
            values=data["a"],
            comments={int(qid): text for qid, text in data["c"].items()},
        )

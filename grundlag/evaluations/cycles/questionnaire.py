"""The questionnaire of a cycle: the foundation's statements at a leader's level, phrased for the raters.

A draft cycle's questionnaire is derived on the fly (`questionnaire_preview`); launching writes it
into `Question` rows (`questionnaire_freeze`), after which edits to the foundation change nothing.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from grundlag.frameworks.models import ExpectationKind, Level, SectionKind
from grundlag.frameworks.selectors import expected_at_level, version_common_part

from ..models import Cycle, Instrument, LocalQuestion, QuestionKind

# Statements that are rated; questions, steps and recommendations of the tools are not statements.
RATED_KINDS = {
    ExpectationKind.PRINCIPLE,
    ExpectationKind.YOU_CAN_EXPECT,
    ExpectationKind.BEHAVIOUR,
    ExpectationKind.MUST_SUCCEED_WITH,
    ExpectationKind.RESPONSIBILITY,
    ExpectationKind.MUST_BE_ABLE_TO,
    ExpectationKind.CONDITION,
    ExpectationKind.ENABLED_BY_CONDITIONS,
    ExpectationKind.EFFECT,
    ExpectationKind.THEME,
    ExpectationKind.STATEMENT,
}

# The surveys ask about one kind of statement each, the same at every level, as the respondent's own view.
SURVEY_KINDS: dict[str, str] = {
    Instrument.CONDITIONS: ExpectationKind.CONDITION,
    Instrument.EFFECTS: ExpectationKind.EFFECT,
}

LOCAL_SECTION_KEY = "local"
OPEN_SECTION_KEY = "open"

# First-person words a rater reads about the leader instead; spaces around keep whole words only.
_FIRST_TO_THIRD = [(" mig ", " sig "), (" min ", " sin "), (" mit ", " sit "), (" mine ", " sine ")]
# Plural nouns end in "r" too; these endings are not present-tense verbs.
_NOUN_ENDINGS = ("inger", "ioner", "ier", "heder", "else")
# Nor are these words that end in "r" (conjunctions, prepositions, adverbs).
_NOT_VERBS = {
    "når",
    "hvor",
    "der",
    "her",
    "eller",
    "over",
    "under",
    "efter",
    "før",
    "for",
    "hver",
    "hvorfor",
    "mer",
}
_WORD = re.compile(r"^[A-Za-zÆØÅæøå]+$")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _shape(text: str) -> tuple[str, str]:
    """The statement's grammatical shape and the rest of it after the part the shape replaces."""
    text = " ".join(text.split())
    first, _sep, rest = text.partition(" ")
    if first == "Jeg" and rest:
        return "first_person", rest
    if first == "At" and rest:
        return "infinitive", rest
    if first == "Vi" and rest:
        return "we", rest
    if text[:1].islower():
        return "bare_infinitive", text
    if (
        rest
        and _WORD.match(first)
        and first.endswith("r")
        and not first.lower().endswith(_NOUN_ENDINGS)
        and first.lower() not in _NOT_VERBS
    ):
        return "present", _lower_first(text)
    return "other", text


def _third_person(rest: str) -> str:
    padded = f" {rest} "
    for first, third in _FIRST_TO_THIRD:
        padded = padded.replace(first, third)
    padded = padded.replace(" jeg ", " min leder ")
    return padded[1:-1]


def statement_for_raters(text: str, kind: str = "") -> str:
    """The statement as a rater reads it about their leader (Danish phrasing; verbatim where unknown)."""
    shape, rest = _shape(text)
    if shape == "first_person":
        return f"Min leder {_third_person(rest)}"
    if shape == "infinitive":
        return f"Min leder lykkes med at {rest}"
    if shape == "bare_infinitive":
        return f"Min leder formår at {rest}"
    if shape == "present":
        return f"Min leder {rest}"
    if shape == "we":
        return f"Min leder bidrager til, at vi {rest}"
    return f"Min leder lever op til: «{rest}»"


def statement_for_self(text: str, kind: str = "") -> str:
    """The statement as the leader reads it about themself."""
    shape, rest = _shape(text)
    if shape == "first_person":
        return " ".join(text.split())
    if shape == "infinitive":
        return f"Jeg lykkes med at {rest}"
    if shape == "bare_infinitive":
        return f"Jeg formår at {rest}"
    if shape == "present":
        return f"Jeg {rest}"
    if shape == "we":
        return f"Jeg bidrager til, at vi {rest}"
    return f"Jeg lever op til: «{rest}»"


def statement_for_survey(text: str, instrument: str) -> str:
    """A condition ("Tilstrækkelig ledelsestid …") or an intended effect ("Tydelig retning …") as the
    respondent's own statement: "Jeg har tilstrækkelig ledelsestid …", "Jeg oplever, at der er tydelig …"."""
    text = _lower_first(" ".join(text.split()))
    if instrument == Instrument.CONDITIONS:
        return f"Jeg har {text}"
    return f"Jeg oplever, at der er {text}"


@dataclass
class PreviewQuestion:
    kind: str
    rater_text: str
    self_text: str
    expectation_id: int | None = None
    not_asked_of: tuple[str, ...] = ()  # a local question's groups not asked (a statement's: the cycle's)


@dataclass
class PreviewSection:
    key: str
    title: str
    questions: list[PreviewQuestion] = field(default_factory=list)


def _framework_sections(*, cycle: Cycle, level: Level | None):
    version = cycle.framework_version
    contents = (
        expected_at_level(version=version, level=level)
        if level is not None
        else version_common_part(version=version)
    )
    for content in contents:
        section = content.section
        if section.kind == SectionKind.INTRODUCTION:
            continue
        if cycle.section_keys and section.key not in cycle.section_keys:
            continue
        yield content


def _statement_sections(contents, *, rated, for_raters, for_self) -> list[PreviewSection]:
    """The sections' rated statements (`rated(expectation)`), phrased for the raters and the leader."""
    sections = []
    for content in contents:
        questions = [
            PreviewQuestion(
                kind=QuestionKind.SCALE,
                rater_text=for_raters(e.text, e.kind),
                self_text=for_self(e.text, e.kind),
                expectation_id=e.pk,
            )
            for e in content.expectations
            if rated(e)
        ]
        if questions:
            sections.append(
                PreviewSection(key=content.section.key, title=content.section.title, questions=questions)
            )
    return sections


def questionnaire_preview(*, cycle: Cycle, level: Level | None) -> list[PreviewSection]:
    """The questionnaire a leader on the level gets (common part only without a level), by section.

    A survey asks the same at every level: the foundation's conditions or intended effects.
    """
    if cycle.is_survey:
        kind = SURVEY_KINDS[cycle.instrument]

        def phrased(text, _kind):
            return statement_for_survey(text, cycle.instrument)

        sections = _statement_sections(
            _framework_sections(cycle=cycle, level=None),
            rated=lambda e: e.kind == kind,
            for_raters=phrased,
            for_self=phrased,
        )
    else:
        sections = _statement_sections(
            _framework_sections(cycle=cycle, level=level),
            rated=lambda e: e.kind in RATED_KINDS,
            for_raters=statement_for_raters,
            for_self=statement_for_self,
        )
    return sections + _local_sections(cycle)


def _local_sections(cycle: Cycle) -> list[PreviewSection]:
    sections = []
    local = list(LocalQuestion.objects.filter(cycle=cycle))
    for kind, key, title in [
        (QuestionKind.SCALE, LOCAL_SECTION_KEY, _("Local questions")),
        (QuestionKind.OPEN, OPEN_SECTION_KEY, _("Open questions")),
    ]:
        questions = [
            PreviewQuestion(
                kind=kind,
                rater_text=q.text,
                self_text=q.self_text or q.text,
                not_asked_of=tuple(q.not_asked_of),
            )
            for q in local
            if q.kind == kind
        ]
        if questions:
            sections.append(PreviewSection(key=key, title=str(title), questions=questions))
    return sections


def cycle_levels(*, cycle: Cycle) -> list[Level]:
    """The levels of the cycle's foundation version, top first."""
    return list(cycle.framework_version.levels.order_by("position"))


def sections_default(version, instrument: str = Instrument.LEADERSHIP_360) -> list[str]:
    """The sections a new cycle asks about: all, except a short form of a section also there in full.

    (The Aarhus foundation states its shared principles in full and in a short form; asking both
    would put each principle to the raters twice.) A survey asks about the sections holding its kind of
    statement (in the version or the one it extends); empty when there are none.
    """
    if instrument in SURVEY_KINDS:
        return [
            content.section.key
            for content in version_common_part(version=version)
            if any(e.kind == SURVEY_KINDS[instrument] for e in content.expectations)
        ]
    keys = list(version.sections.values_list("key", flat=True))
    return [key for key in keys if not (key.endswith("-kort") and key.removesuffix("-kort") in keys)]

"""Leadership evaluations: cycles, frozen questionnaires, invitations, and responses detached from them.

The anonymity promise (DESIGN.md) shapes these tables, against the product's users and against a
database administrator (docs/evaluations.md, "Anonymity against the database"):
- Answers in progress (`SealedDraft`) and sent answers (`SealedResponse`) exist only sealed
  (`sealing.py`), under a key that is not in the database, until the cycle closes.
- At close the sealed responses are opened and written as `Response`, `Answer` and `Comment` rows in
  one transaction, in a random order, with random response ids; the sealed rows are deleted. A
  `Response` names the leader and the rater group, never the invitation, person or time; a `Comment`
  names the leader, group and question, never the response (shuffled apart from the responses). Anonymous
  groups too small ever to be shown, and superiors a cycle does not show, are counted into nothing.
- Surveys keep no response at all: at close their answers are counted into blocks (`Block`,
  `BlockAggregate`, `BlockComment`), and only blocks that could ever be shown keep their answers.
- Figures are only ever read through `reports/anonymity.py`.
"""

import datetime
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Instrument(models.TextChoices):
    LEADERSHIP_360 = "leadership_360", _("360° leadership evaluation")
    CONDITIONS = "conditions", _("Ledelse-tæt-på conditions survey")
    EFFECTS = "effects", _("Effect-picture survey")


class RaterGroup(models.TextChoices):
    SELF = "self", _("Self")
    SUPERIOR = "superior", _("Superior leader")
    PEER = "peer", _("Peer leaders")
    EMPLOYEE = "employee", _("Employees and subordinate leaders")
    OTHER = "other", _("Others")


# The surveys on the same engine, and the one group that answers each: leaders rate their own conditions,
# employees the intended effects. Their results are published only per block (see `Block`).
SURVEY_GROUPS: dict[str, RaterGroup] = {
    Instrument.CONDITIONS: RaterGroup.SELF,
    Instrument.EFFECTS: RaterGroup.EMPLOYEE,
}


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Statement on the scale")
    OPEN = "open", _("Open question")


# The scale of the common public-sector leadership evaluation; "Ved ikke" is stored apart and is no score.
SCALE = [
    (1, _("Strongly disagree")),
    (2, _("Disagree")),
    (3, _("Neither agree nor disagree")),
    (4, _("Agree")),
    (5, _("Strongly agree")),
]
SCALE_VALUES = [value for value, _label in SCALE]


class Cycle(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        LAUNCHED = "launched", _("Launched")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=200)
    instrument = models.CharField(
        _("instrument"), max_length=30, choices=Instrument, default=Instrument.LEADERSHIP_360
    )
    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("leadership foundation version"),
    )
    # Keys of the framework sections the questionnaire is drawn from; empty means every section.
    section_keys = models.JSONField(_("sections"), default=list, blank=True)
    # Which statements each rater group is NOT asked: {rater group: [expectation ids]}. A group that is not
    # here is asked every statement; set from the foundation's defaults (`cycles/asked.py`) when the cycle
    # is created, changed by the administrator before launch, frozen into `Question.not_asked_of` at launch.
    not_asked = models.JSONField(_("statements not asked, by rater group"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    deadline = models.DateField(_("deadline"))
    superior_shown = models.BooleanField(
        _("show the superior leader's answers"),
        default=False,
        help_text=_("The superior leader is one person: the answers are shown as theirs, labelled so."),
    )
    report_to_superior = models.BooleanField(
        _("the superior leader may see the report"),
        default=False,
    )
    peers_max = models.PositiveSmallIntegerField(_("most peer leaders a leader may nominate"), default=6)
    others_max = models.PositiveSmallIntegerField(_("most others a leader may nominate"), default=4)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    launched_at = models.DateTimeField(null=True, blank=True)
    # Surveys: answers are reported per unit this deep in the tree (1 = the top units), or per leader's
    # own unit when empty; the conditions survey also splits each unit's block by level.
    block_depth = models.PositiveSmallIntegerField(
        _("report by the units at depth"),
        null=True,
        blank=True,
        help_text=_(
            "Surveys only. 1 reports by the top units, 2 by the units below them, and so on; leave empty "
            "to report by each leader's own unit. Deeper units give more rows, each with fewer answers."
        ),
    )
    # The anonymity thresholds `SectionAggregate` was built with when the cycle closed.
    aggregated_thresholds = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("evaluation cycle")
        verbose_name_plural = _("evaluation cycles")

    def __str__(self):
        return self.name

    @staticmethod
    def is_past(deadline: datetime.date) -> bool:
        """The one rule for "past the deadline": answers are taken to the end of the deadline day."""
        return deadline < timezone.localdate()

    @property
    def is_past_deadline(self) -> bool:
        return Cycle.is_past(self.deadline)

    @property
    def is_frozen(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def is_survey(self) -> bool:
        return self.instrument in SURVEY_GROUPS

    @property
    def survey_group(self) -> str | None:
        return SURVEY_GROUPS.get(self.instrument)


class LocalQuestion(models.Model):
    """A question the administrator adds to a draft cycle beside those drawn from the foundation."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="local_questions")
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind, default=QuestionKind.SCALE)
    text = models.TextField(_("question for the raters"))
    self_text = models.TextField(_("question for the leader"), blank=True)
    position = models.PositiveIntegerField(default=0)
    # The rater groups the question is not put to (none when added), chosen beside the statements on the
    # page of statements by rater group and frozen into `Question.not_asked_of` at launch.
    not_asked_of = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("local question")
        verbose_name_plural = _("local questions")

    def __str__(self):
        return self.text[:80]


class Evaluee(models.Model):
    """A leader evaluated in a cycle, with the post and level the questionnaire was drawn for."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="evaluees")
    person = models.ForeignKey("organisation.Person", on_delete=models.PROTECT, related_name="+")
    post = models.ForeignKey(
        "organisation.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    level_key = models.CharField(_("level"), max_length=80, blank=True)
    level_name = models.CharField(_("level"), max_length=200, blank=True)
    superior = models.ForeignKey(
        "organisation.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The anonymous groups' invitations (invited, answered) and responses, counted when the cycle closes,
    # so that response rates over a whole country are a sum over leaders, not a count over invitations.
    anonymous_invited = models.PositiveIntegerField(default=0, editable=False)
    anonymous_answered = models.PositiveIntegerField(default=0, editable=False)
    anonymous_responses = models.PositiveIntegerField(default=0, editable=False)
    # Surveys: the block the leader's answers are reported in, fixed when the cycle closes.
    block = models.ForeignKey(
        "Block", on_delete=models.SET_NULL, null=True, blank=True, related_name="evaluees", editable=False
    )

    class Meta:
        ordering = ["cycle", "person__name"]
        verbose_name = _("evaluated leader")
        verbose_name_plural = _("evaluated leaders")
        constraints = [models.UniqueConstraint(fields=["cycle", "person"], name="one_evaluee_per_cycle")]

    def __str__(self):
        return f"{self.person} ({self.cycle})"


class Question(models.Model):
    """One frozen question of a launched cycle; `level_key` empty means every level's questionnaire."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="questions")
    level_key = models.CharField(max_length=80, blank=True)
    position = models.PositiveIntegerField(default=0)
    section_key = models.CharField(max_length=80, blank=True)
    section_title = models.CharField(_("section"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind, default=QuestionKind.SCALE)
    rater_text = models.TextField(_("question for the raters"))
    self_text = models.TextField(_("question for the leader"))
    # Where the question came from; the text above is what was asked, whatever happens to the source later.
    expectation = models.ForeignKey(
        "frameworks.Expectation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The rater groups this question is not put to (frozen at launch from `Cycle.not_asked`).
    not_asked_of = models.JSONField(default=list, blank=True)

    # Not stored: set on the questions of one rater's questionnaire (`responding.answering.questionnaire_for`)
    # and, on the answering form, what the rater has saved.
    number: int
    text: str
    field: str
    draft: Any  # responding.answering.Draft | None
    missing: bool
    current: str

    class Meta:
        ordering = ["cycle", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [models.Index(fields=["cycle", "level_key", "position"], name="question_by_level")]

    def __str__(self):
        return self.rater_text[:80]

    def is_asked_of(self, group: str) -> bool:
        return group not in self.not_asked_of


class Invitation(models.Model):
    """Someone asked to rate a leader; the link's token is kept only as a digest."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed, awaiting approval")
        PENDING = "pending", _("Invited")
        COMPLETED = "completed", _("Answered")
        DECLINED = "declined", _("Not approved")

    evaluee = models.ForeignKey(Evaluee, on_delete=models.CASCADE, related_name="invitations")
    group = models.CharField(_("rater group"), max_length=20, choices=RaterGroup)
    person = models.ForeignKey(
        "organisation.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="da")
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    token_digest = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["evaluee", "group", "id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluee", "person"],
                condition=Q(person__isnull=False),
                name="one_invitation_per_rater",
            )
        ]

    def __str__(self):
        return f"{self.get_group_display()} → {self.evaluee}"


class SealedDraft(models.Model):
    """The answers a rater has saved while answering, sealed (sealing.py): one row per invitation, so
    neither which questions were answered nor how much was written shows; gone once the response is sent.
    """

    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, primary_key=True, related_name="sealed_draft"
    )
    sealed = models.BinaryField()

    def __str__(self):
        return f"sealed draft {self.pk}"


class SealedResponse(models.Model):
    """A sent response while its cycle is open, sealed (`responding/sealed.py`): it names the cycle only,
    and its size is the same for every respondent of a questionnaire. Opened and deleted at close."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="+")
    sealed = models.BinaryField()

    class Meta:
        verbose_name = _("sealed response")
        verbose_name_plural = _("sealed responses")

    def __str__(self):
        return f"sealed response {self.pk}"


class Response(models.Model):
    """A response of a closed cycle: which leader and rater group, never which invitation, person or time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    evaluee = models.ForeignKey(Evaluee, on_delete=models.CASCADE, related_name="responses")
    group = models.CharField(max_length=20, choices=RaterGroup)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["evaluee", "group"], name="response_by_group")]

    def __str__(self):
        return f"{self.get_group_display()} → {self.evaluee_id}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.PositiveSmallIntegerField(null=True, blank=True)  # null: "Ved ikke"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=1, value__lte=5), name="answer_value_on_scale"
            ),
        ]

    def __str__(self):
        return f"answer {self.pk}"


class Comment(models.Model):
    """An answer to an open question, kept with the leader, rater group and question only: no response,
    so it leads to no one's scale answers. Written at close in a shuffled order of its own; shown only
    under the comment threshold's rules, unattributed."""

    evaluee = models.ForeignKey(Evaluee, on_delete=models.CASCADE, related_name="comments")
    group = models.CharField(max_length=20, choices=RaterGroup)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["evaluee", "group"], name="comment_by_group")]

    def __str__(self):
        return f"comment {self.pk}"


class CountedAnswers(models.Model):
    """Counts of scale answers, and nothing else: what the aggregates at close keep."""

    # The group's respondents for the leader (not only those who scored).
    respondents = models.PositiveIntegerField()
    scores = models.PositiveIntegerField()  # real scores: "Ved ikke" is none
    total = models.PositiveIntegerField()
    count_1 = models.PositiveIntegerField(default=0)
    count_2 = models.PositiveIntegerField(default=0)
    count_3 = models.PositiveIntegerField(default=0)
    count_4 = models.PositiveIntegerField(default=0)
    count_5 = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class AtomAggregate(CountedAnswers):
    """One atom of a closed cycle: a rater group's scale answers about one leader to one question, counted.

    Filled in bulk when the cycle closes (results are final then), so reports and the organisation
    heatmap read counts instead of grouping millions of answers. Only counts are stored; whether an atom
    may be published is decided when it is read (`anonymity.py`), so a changed threshold takes effect.
    """

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="+")
    evaluee = models.ForeignKey(Evaluee, on_delete=models.CASCADE, related_name="+")
    group = models.CharField(max_length=20, choices=RaterGroup)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    section_key = models.CharField(max_length=80, blank=True)
    dont_know = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("aggregated answers")
        verbose_name_plural = _("aggregated answers")
        constraints = [
            models.UniqueConstraint(fields=["evaluee", "group", "question"], name="one_aggregate_per_atom")
        ]
        indexes = [
            models.Index(fields=["cycle", "group", "evaluee", "section_key"], name="aggregate_for_heatmap"),
        ]

    def __str__(self):
        return f"atom {self.evaluee_id}/{self.group}/{self.question_id}"


class SectionAggregate(CountedAnswers):
    """A leader's publishable anonymous atoms of one rater group and section, summed when the cycle closes.

    A shortcut for the organisation heatmap at national scale, never a second rule: it holds only atoms
    the gate would publish under the thresholds in `Cycle.aggregated_thresholds`, and the gate reads it
    only while the settings still say the same (otherwise it sums the atoms again).
    """

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="+")
    evaluee = models.ForeignKey(Evaluee, on_delete=models.CASCADE, related_name="+")
    group = models.CharField(max_length=20, choices=RaterGroup)
    section_key = models.CharField(max_length=80, blank=True)

    class Meta:
        verbose_name = _("aggregated answers")
        verbose_name_plural = _("aggregated answers")
        indexes = [models.Index(fields=["cycle", "evaluee"], name="section_aggregate_cycle")]

    def __str__(self):
        return f"section {self.evaluee_id}/{self.group}/{self.section_key}"


class Block(models.Model):
    """A survey's unit of publication: the respondents of several leaders, counted when the cycle closes.

    In the surveys one person answers about themself or their workplace, not about a leader, so no single
    leader's answers may be shown. A block is a unit at the cycle's depth (and, for the conditions survey,
    a level); it is shown only with at least k respondents, and every survey figure is a sum of whole
    blocks (`anonymity.BlockGate`).
    """

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="blocks")
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    level_key = models.CharField(max_length=80, blank=True)
    level_name = models.CharField(max_length=200, blank=True)
    leaders = models.PositiveIntegerField(default=0)
    invited = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    respondents = models.PositiveIntegerField(default=0)
    # Each of the block's leaders' span of control on the deadline, sorted (organisation data, not answers).
    spans = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("survey block")
        verbose_name_plural = _("survey blocks")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "unit", "level_key"], name="one_block_per_unit_level")
        ]

    def __str__(self):
        return f"block {self.unit_id}/{self.level_key}"


class BlockAggregate(CountedAnswers):
    """A block's scale answers to one question, counted when the cycle closes."""

    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="aggregates")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    dont_know = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("aggregated answers")
        verbose_name_plural = _("aggregated answers")
        constraints = [
            models.UniqueConstraint(fields=["block", "question"], name="one_aggregate_per_block_question")
        ]

    def __str__(self):
        return f"block {self.block_id}/{self.question_id}"


class BlockComment(models.Model):
    """An answer to a survey's open question, kept with its block only (no response, no leader)."""

    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="comments")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    text = models.TextField()

    class Meta:
        verbose_name = _("survey comment")
        verbose_name_plural = _("survey comments")

    def __str__(self):
        return f"block comment {self.pk}"


class ReportPdf(models.Model):
    """A leader report's PDF as WeasyPrint made it (seconds), kept so that a click serves it at once.

    Made when the cycle closes (`cycles.services.report_pdfs_enqueue`) and whenever a report is asked
    for whose print page is not kept yet. `digest` is the SHA-256 of that print page (its HTML and its
    chart's spec) in `language`: whatever shapes the PDF — the figures, the thresholds, the trend a
    viewer may see, a name, the template — changes the digest, so a kept PDF is never served stale, and
    one is served only to a viewer whose own report has the same print page (`reports.pdf`).
    """

    evaluee = models.ForeignKey(Evaluee, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10)
    digest = models.CharField(max_length=64)
    pdf = models.BinaryField()
    made_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("report PDF")
        verbose_name_plural = _("report PDFs")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluee", "language", "digest"], name="one_report_pdf_per_digest"
            )
        ]

    def __str__(self):
        return f"report PDF {self.evaluee_id}/{self.language}"

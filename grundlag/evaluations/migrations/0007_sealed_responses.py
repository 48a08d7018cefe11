"""Sent responses are sealed until their cycle closes, and nothing is kept that can never be shown
(docs/evaluations.md, "Anonymity against the database"). On the way:
- answers in progress are padded again, to the one size of their questionnaire;
- responses of open cycles are sealed and their rows deleted;
- closed surveys keep no response: their comments move to their blocks, and blocks too small ever to be
  shown keep no answers;
- closed leadership cycles lose the responses of groups that can never be shown.
"""

import uuid
from collections import Counter, defaultdict

import django.db.models.deletion
from django.db import migrations, models

from grundlag.evaluations.responding.sealed import response_seal
from grundlag.evaluations.sealing import seal, unseal

from ._questionnaires import sizes_by_evaluee

LOWEST_THRESHOLD = 3
ANONYMOUS = ("employee", "peer", "other")
SURVEYS = {"conditions": "self", "effects": "employee"}


def _drafts_repad(apps):
    SealedDraft = apps.get_model("evaluations", "SealedDraft")
    rows = list(SealedDraft.objects.values_list("invitation_id", "invitation__evaluee_id", "sealed"))
    sizes = sizes_by_evaluee(apps, {evaluee_id for _pk, evaluee_id, _sealed in rows})
    for pk, evaluee_id, sealed in rows:
        context = f"evaluations.draft:{pk}"
        data = unseal(sealed=sealed, context=context)
        SealedDraft.objects.filter(pk=pk).update(sealed=seal(data=data, context=context, size=sizes[evaluee_id]))


def _open_cycles_seal(apps):
    Response = apps.get_model("evaluations", "Response")
    SealedResponse = apps.get_model("evaluations", "SealedResponse")
    responses = Response.objects.filter(evaluee__cycle__status="launched")
    sizes = sizes_by_evaluee(apps, set(responses.values_list("evaluee_id", flat=True)))
    sealed = []
    for response in responses.select_related("evaluee").prefetch_related("answers__question", "comments"):
        answers = sorted(response.answers.all(), key=lambda a: (a.question.position, a.question_id))
        sealed.append(
            SealedResponse(
                cycle_id=response.evaluee.cycle_id,
                sealed=response_seal(
                    cycle_id=response.evaluee.cycle_id,
                    evaluee_id=response.evaluee_id,
                    group=response.group,
                    answers=[(answer.question_id, answer.value) for answer in answers],
                    comments={comment.question_id: comment.text for comment in response.comments.all()},
                    size=sizes[response.evaluee_id],
                ),
            )
        )
    SealedResponse.objects.bulk_create(sealed, batch_size=1000)
    responses.delete()


def _closed_surveys_reduce(apps):
    Response = apps.get_model("evaluations", "Response")
    Comment = apps.get_model("evaluations", "Comment")
    Block = apps.get_model("evaluations", "Block")
    BlockAggregate = apps.get_model("evaluations", "BlockAggregate")
    BlockComment = apps.get_model("evaluations", "BlockComment")
    AtomAggregate = apps.get_model("evaluations", "AtomAggregate")
    surveys = models.Q(evaluee__cycle__status="closed", evaluee__cycle__instrument__in=list(SURVEYS))
    shown_blocks = set(Block.objects.filter(respondents__gte=LOWEST_THRESHOLD).values_list("pk", flat=True))
    comments = [
        BlockComment(block_id=block_id, question_id=question_id, text=text)
        for block_id, question_id, text in Comment.objects.filter(
            response__in=Response.objects.filter(surveys)
        ).values_list("response__evaluee__block_id", "question_id", "text")
        if block_id in shown_blocks
    ]
    BlockComment.objects.bulk_create(comments, batch_size=1000)
    BlockAggregate.objects.filter(block__respondents__lt=LOWEST_THRESHOLD).delete()
    Response.objects.filter(surveys).delete()
    AtomAggregate.objects.filter(cycle__status="closed", cycle__instrument__in=list(SURVEYS)).delete()


def _closed_cycles_reduce(apps):
    Response = apps.get_model("evaluations", "Response")
    AtomAggregate = apps.get_model("evaluations", "AtomAggregate")
    closed = Response.objects.filter(evaluee__cycle__status="closed", evaluee__cycle__instrument="leadership_360")
    counts = Counter(closed.values_list("evaluee_id", "group").order_by())
    never = defaultdict(list)
    for (evaluee_id, group), n in counts.items():
        if group in ANONYMOUS and n < LOWEST_THRESHOLD:
            never[group].append(evaluee_id)
    for group, evaluee_ids in never.items():
        for start in range(0, len(evaluee_ids), 10_000):  # within the parameters a query may have
            chunk = evaluee_ids[start : start + 10_000]
            closed.filter(group=group, evaluee_id__in=chunk).delete()
            AtomAggregate.objects.filter(group=group, evaluee_id__in=chunk).delete()
    hidden_superior = models.Q(group="superior", evaluee__cycle__superior_shown=False)
    closed.filter(hidden_superior).delete()
    AtomAggregate.objects.filter(hidden_superior).delete()


def _forwards(apps, schema_editor):
    _drafts_repad(apps)
    _open_cycles_seal(apps)
    _closed_surveys_reduce(apps)
    _closed_cycles_reduce(apps)


class Migration(migrations.Migration):

    dependencies = [
        ('evaluations', '0006_sealed_drafts'),
    ]

    operations = [
        migrations.CreateModel(
            name='BlockComment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField()),
                ('block', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='evaluations.block')),
                ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='evaluations.question')),
            ],
            options={
                'verbose_name': 'survey comment',
                'verbose_name_plural': 'survey comments',
            },
        ),
        migrations.CreateModel(
            name='SealedResponse',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('sealed', models.BinaryField()),
                ('cycle', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='evaluations.cycle')),
            ],
            options={
                'verbose_name': 'sealed response',
                'verbose_name_plural': 'sealed responses',
            },
        ),
        migrations.RunPython(_forwards, migrations.RunPython.noop),
    ]

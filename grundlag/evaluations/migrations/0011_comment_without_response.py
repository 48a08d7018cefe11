"""Comments keep the leader, rater group and question, never the response: a comment that points at its
response points at every scale answer its writer gave (docs/evaluations.md, "Anonymity against the
database").

The kept comments are written again, per cycle, in a shuffled order with new ids: rows changed in place
would keep their old ids and, on PostgreSQL, their old physical order, which is the responses' order.
"""

import secrets

from django.db import migrations, models
from django.db.models import deletion

BATCH = 1000
GROUPS = [
    ("self", "Self"),
    ("superior", "Superior leader"),
    ("peer", "Peer leaders"),
    ("employee", "Employees and subordinate leaders"),
    ("other", "Others"),
]


def _forwards(apps, schema_editor):
    Comment = apps.get_model("evaluations", "Comment")
    cycle_ids = Comment.objects.order_by().values_list("response__evaluee__cycle_id", flat=True).distinct()
    for cycle_id in list(cycle_ids):
        rows = list(
            Comment.objects.filter(response__evaluee__cycle_id=cycle_id).values_list(
                "pk", "response__evaluee_id", "response__group", "question_id", "text"
            )
        )
        secrets.SystemRandom().shuffle(rows)
        # Written anew before the old rows go, so that no new row reuses an old id (SQLite would).
        Comment.objects.bulk_create(
            (
                Comment(evaluee_id=evaluee_id, group=group, question_id=question_id, text=text)
                for _pk, evaluee_id, group, question_id, text in rows
            ),
            batch_size=BATCH,
        )
        old = [row[0] for row in rows]
        for start in range(0, len(old), BATCH):
            Comment.objects.filter(pk__in=old[start : start + BATCH]).delete()
    if schema_editor.connection.vendor == "postgresql":
        # The rows' deferred foreign-key checks now, before the table is altered below.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _backwards(apps, schema_editor):
    """A downgrade: the link is gone, so each comment goes with some response of its leader and group (the
    old code needs one to show it); a comment whose group has no response left is dropped."""
    Comment, Response = apps.get_model("evaluations", "Comment"), apps.get_model("evaluations", "Response")
    responses: dict[tuple[int, str], list] = {}
    for pk, evaluee_id, group in Response.objects.values_list("pk", "evaluee_id", "group").order_by("pk"):
        responses.setdefault((evaluee_id, group), []).append(pk)
    changed = []
    for n, comment in enumerate(Comment.objects.order_by("pk")):
        kept = responses.get((comment.evaluee_id, comment.group))
        if kept:
            comment.response_id = kept[n % len(kept)]
            changed.append(comment)
    Comment.objects.bulk_update(changed, ["response"], batch_size=BATCH)
    Comment.objects.filter(response__isnull=True).delete()
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0010_localquestion_not_asked_of"),
    ]

    operations = [
        migrations.AlterField(
            model_name="comment",
            name="response",
            field=models.ForeignKey(
                null=True,
                on_delete=deletion.CASCADE,
                related_name="comments",
                to="evaluations.response",
            ),
        ),
        migrations.AddField(
            model_name="comment",
            name="evaluee",
            field=models.ForeignKey(
                null=True,
                on_delete=deletion.CASCADE,
                related_name="comments",
                to="evaluations.evaluee",
            ),
        ),
        migrations.AddField(
            model_name="comment",
            name="group",
            field=models.CharField(
                default="",
                max_length=20,
                choices=GROUPS,
            ),
        ),
        migrations.RunPython(_forwards, _backwards),
        migrations.RemoveField(model_name="comment", name="response"),
        migrations.AlterField(
            model_name="comment",
            name="evaluee",
            field=models.ForeignKey(
                on_delete=deletion.CASCADE, related_name="comments", to="evaluations.evaluee"
            ),
        ),
        migrations.AlterField(
            model_name="comment", name="group", field=models.CharField(max_length=20, choices=GROUPS)
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(fields=["evaluee", "group"], name="comment_by_group"),
        ),
    ]

"""Answers in progress are sealed (grundlag/evaluations/sealing.py): one sealed row per invitation takes
the place of a plain row per answer. Drafts saved before this are sealed on the way, then the plain
table is dropped."""

from django.db import migrations, models

from grundlag.evaluations.sealing import seal

from ._questionnaires import sizes_by_evaluee


def _seal_existing(apps, schema_editor):
    DraftAnswer = apps.get_model("evaluations", "DraftAnswer")
    SealedDraft = apps.get_model("evaluations", "SealedDraft")
    by_invitation: dict[int, dict[str, list]] = {}
    for draft in DraftAnswer.objects.order_by("invitation_id", "question_id").iterator():
        by_invitation.setdefault(draft.invitation_id, {})[str(draft.question_id)] = [
            draft.value,
            draft.dont_know,
            draft.text,
        ]
    Invitation = apps.get_model("evaluations", "Invitation")
    evaluees = dict(Invitation.objects.filter(pk__in=list(by_invitation)).values_list("pk", "evaluee_id"))
    sizes = sizes_by_evaluee(apps, set(evaluees.values()))
    SealedDraft.objects.bulk_create(
        SealedDraft(
            invitation_id=pk,
            sealed=seal(data=drafts, context=f"evaluations.draft:{pk}", size=sizes[evaluees[pk]]),
        )
        for pk, drafts in by_invitation.items()
    )


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0005_evaluee_counts")]

    operations = [
        migrations.CreateModel(
            name="SealedDraft",
            fields=[
                (
                    "invitation",
                    models.OneToOneField(
                        on_delete=models.deletion.CASCADE,
                        primary_key=True,
                        related_name="sealed_draft",
                        serialize=False,
                        to="evaluations.invitation",
                    ),
                ),
                ("sealed", models.BinaryField()),
            ],
        ),
        migrations.RunPython(_seal_existing, migrations.RunPython.noop),
        migrations.DeleteModel(name="DraftAnswer"),
    ]

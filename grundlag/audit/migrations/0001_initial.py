"""The audit log moves here from accounts: the table accounts_auditevent is taken over in state only.

A new database gets the table from accounts' 0001 as before; no row is copied or lost. Accounts' 0002
then forgets the model (state only) and audit's 0002 gives the table its own app's name.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEvent",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="time")),
                        ("user_label", models.CharField(blank=True, max_length=150, verbose_name="user")),
                        ("action", models.CharField(max_length=100, verbose_name="action")),
                        ("object_type", models.CharField(blank=True, max_length=100, verbose_name="object type")),
                        ("object_id", models.CharField(blank=True, max_length=64, verbose_name="object id")),
                        ("detail", models.CharField(blank=True, max_length=500, verbose_name="detail")),
                        (
                            "user",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="audit_events",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="user",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "audit event",
                        "verbose_name_plural": "audit events",
                        "ordering": ["-at", "-id"],
                        "db_table": "accounts_auditevent",
                        "indexes": [
                            models.Index(fields=["action", "-at"], name="audit_action"),
                            models.Index(fields=["user", "-at"], name="audit_user"),
                            models.Index(fields=["object_type", "object_id"], name="audit_object"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]

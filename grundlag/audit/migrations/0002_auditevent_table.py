"""The table takes its own app's name (audit_auditevent), rows and indexes as they are."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
        ("accounts", "0002_auditevent_moved_to_audit"),
    ]

    operations = [
        migrations.AlterModelTable(name="auditevent", table=None),
    ]

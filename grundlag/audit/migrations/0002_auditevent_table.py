"""The table takes its own app's name (audit_auditevent), rows and indexes as they are.

The content type moves with the model, so anything that refers to it (Django's model permissions) keeps
pointing at the same model instead of at a stale accounts.auditevent.
"""

from django.db import migrations


def _content_type_move(apps, schema_editor, *, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label=new, model="auditevent").exists():
        ContentType.objects.using(db).filter(app_label=old, model="auditevent").update(app_label=new)


def content_type_forward(apps, schema_editor):
    _content_type_move(apps, schema_editor, old="accounts", new="audit")


def content_type_backward(apps, schema_editor):
    _content_type_move(apps, schema_editor, old="audit", new="accounts")


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
        ("accounts", "0002_auditevent_moved_to_audit"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="auditevent", table=None),
        migrations.RunPython(content_type_forward, content_type_backward),
    ]

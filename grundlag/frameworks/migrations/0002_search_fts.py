from django.db import migrations

from grundlag.frameworks.search import SQLITE_SETUP, SQLITE_TEARDOWN


def _run(statements):
    def apply(apps, schema_editor):
        # PostgreSQL searches with to_tsvector('danish', …) at query time; only SQLite needs a table.
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0001_initial")]

    operations = [migrations.RunPython(_run(SQLITE_SETUP), _run(SQLITE_TEARDOWN))]

from django.core.management.color import no_style
from django.db import migrations


def forwards(apps, schema_editor):
    """0002 wrote the first site with an explicit id, which leaves PostgreSQL's sequence
    at 1: the next site added in the admin would take id 1 again (a server error). Move
    the sequence past the ids in use, as Django's own first site does."""
    connection = schema_editor.connection
    statements = connection.ops.sequence_reset_sql(no_style(), [apps.get_model("sites", "Site")])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_sessions_move_to_backends"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

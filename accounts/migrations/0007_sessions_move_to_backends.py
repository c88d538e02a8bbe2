from django.db import migrations


def forwards(apps, schema_editor):
    from accounts.backends import sessions_move_to_backends

    sessions_move_to_backends(apps.get_model("sessions", "Session"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_remove_athleteprofile_weekly_reminder"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

from django.db import migrations
from django.utils import timezone


def copy_reminder_choices(apps, schema_editor):
    """Runners who untick the weekly e-mail in their settings keep it off."""
    AthleteProfile = apps.get_model("accounts", "AthleteProfile")
    EmailPreference = apps.get_model("notifications", "EmailPreference")
    now = timezone.now()
    EmailPreference.objects.bulk_create(
        [
            EmailPreference(user_id=user_id, kind="weekly_reminder", enabled=False, changed_at=now)
            for user_id in AthleteProfile.objects.filter(weekly_reminder=False).values_list(
                "user_id", flat=True
            )
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(copy_reminder_choices, migrations.RunPython.noop)]

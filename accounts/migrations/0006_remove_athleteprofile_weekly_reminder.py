from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_display_name_without_encoded_words"),
        # The choices are carried over to EmailPreference first.
        ("notifications", "0004_weekly_reminder_choice_from_profiles"),
    ]

    operations = [migrations.RemoveField(model_name="athleteprofile", name="weekly_reminder")]

from django.db import migrations


def clean_stored_names(apps, schema_editor):
    """Names stored before "=?" was refused (it opens an encoded word in an e-mail
    header): written "= ?", so that their owner can save the settings page again."""
    from accounts.validators import clean_display_name

    AthleteProfile = apps.get_model("accounts", "AthleteProfile")
    for profile in AthleteProfile.objects.filter(display_name__contains="=?").only(
        "pk", "display_name"
    ):
        profile.display_name = clean_display_name(profile.display_name)[:80]
        profile.save(update_fields=["display_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_data_version"),
    ]

    operations = [migrations.RunPython(clean_stored_names, migrations.RunPython.noop)]

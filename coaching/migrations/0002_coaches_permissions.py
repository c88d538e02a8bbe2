"""The Coaches group gets exactly the permissions of the coach's admin pages (coaching/admin.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COACH_PERMISSIONS = [
    ("coaching", "view_athlete"),
    ("coaching", "change_athlete"),  # the hip level, notes and acknowledging on the athlete page
    ("coaching", "view_athletewarning"),
    ("coaching", "change_athletewarning"),  # acknowledge
    ("coaching", "view_coachnote"),
    ("coaching", "add_coachnote"),
    ("coaching", "view_hiplevelchange"),
    ("coaching", "view_invitation"),
    ("coaching", "add_invitation"),
    ("coaching", "delete_invitation"),  # withdraw one not answered yet
    ("logbook", "view_session"),
]


def forwards(apps, schema_editor):
    # Permissions are normally made after the last migration; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Coaches")
    wanted = []
    for app_label, codename in COACH_PERMISSIONS:
        wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    group.permissions.set(wanted)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name="Coaches").first()
    if group is not None:
        group.permissions.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("coaching", "0001_initial"),
        ("accounts", "0002_coaches_group_and_site"),
        ("logbook", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

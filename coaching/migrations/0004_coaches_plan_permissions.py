"""The Coaches group may plan for their athletes: view, add, change and delete planned
sessions (the athlete's "Plan" page in coaching/admin.py, scoped to the coach's own athletes)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PLAN_PERMISSIONS = [
    ("coaching", "view_plannedsession"),
    ("coaching", "add_plannedsession"),
    ("coaching", "change_plannedsession"),
    ("coaching", "delete_plannedsession"),
]


def _permissions(apps):
    # Permissions are normally made after the last migration; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in PLAN_PERMISSIONS
    ]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name="Coaches")
    group.permissions.add(*_permissions(apps))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Coaches").first()
    if group is not None:
        codenames = [codename for _app, codename in PLAN_PERMISSIONS]
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="coaching", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("coaching", "0003_planned_sessions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

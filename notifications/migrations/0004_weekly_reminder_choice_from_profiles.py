"""The weekly e-mail's choice has one home, EmailPreference. Before, the profile held a copy
that the user admin changed and the sender no longer read: a runner switched off there gets
that choice carried over here before the copy goes (accounts 0005). Off wins where the two
disagree: nobody gets an e-mail they, or an administrator for them, turned off."""

from django.db import migrations
from django.utils import timezone

REMINDER = "weekly_reminder"


def carry_over(apps, schema_editor):
    AthleteProfile = apps.get_model("accounts", "AthleteProfile")
    EmailPreference = apps.get_model("notifications", "EmailPreference")
    now = timezone.now()
    off = list(
        AthleteProfile.objects.filter(weekly_reminder=False).values_list("user_id", flat=True)
    )
    EmailPreference.objects.filter(user_id__in=off, kind=REMINDER, enabled=True).update(
        enabled=False, changed_at=now
    )
    EmailPreference.objects.bulk_create(
        [EmailPreference(user_id=user_id, kind=REMINDER, enabled=False, changed_at=now) for user_id in off],
        ignore_conflicts=True,
    )


def carry_back(apps, schema_editor):
    AthleteProfile = apps.get_model("accounts", "AthleteProfile")
    EmailPreference = apps.get_model("notifications", "EmailPreference")
    off = EmailPreference.objects.filter(kind=REMINDER, enabled=False).values("user_id")
    AthleteProfile.objects.filter(user_id__in=off).update(weekly_reminder=False)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_outbox_first_attempt"),
        ("accounts", "0004_user_data_version"),
    ]

    operations = [migrations.RunPython(carry_over, carry_back)]

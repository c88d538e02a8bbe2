"""The one receiver in the project: every user gets a profile, however the user is made
(sign-up, createsuperuser, the admin, a shell, a test factory)."""

from typing import Any

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import AthleteProfile


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts_profile_for_user")
def create_profile_for_new_user(
    sender: Any, instance: Any, created: bool, raw: bool, **kw: Any
) -> None:
    if created and not raw:
        AthleteProfile.objects.get_or_create(user=instance)

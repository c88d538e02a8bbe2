"""Small named helpers that make people and data the way the app would."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import COACHES_GROUP, User

PASSWORD = "correct horse battery staple"


def make_runner(
    email: str,
    *,
    display_name: str = "",
    password: str = PASSWORD,
    consent: bool = True,
    **profile_fields: Any,
) -> User:
    user = User.objects.create_user(email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    profile = user.profile
    profile.display_name = display_name or email.split("@")[0].title()
    profile.health_consent_at = timezone.now() if consent else None
    for field, value in profile_fields.items():
        setattr(profile, field, value)
    profile.save()
    return user


def make_coach(email: str, *, display_name: str = "", password: str = PASSWORD) -> User:
    user = make_runner(email, display_name=display_name, password=password)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(Group.objects.get(name=COACHES_GROUP))
    return user


def sign_up_form(email: str, display_name: str = "New") -> dict[str, str]:
    """What the sign-up page posts for a new runner in Amsterdam who consents."""
    return {
        "email": email,
        "password1": "a-long-enough-Passw0rd",
        "password2": "a-long-enough-Passw0rd",
        "display_name": display_name,
        "time_zone": "Europe/Amsterdam",
        "health_consent": "on",
    }

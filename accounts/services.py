"""Writes to accounts and profiles, one function per use case."""

from django.db import transaction
from django.utils import timezone

from accounts.models import AthleteProfile, HealthConsentEvent, User


def _record_consent(*, profile: AthleteProfile, given: bool) -> bool:
    now = timezone.now()
    if not profile.consent_changed(given=given, now=now):
        return False
    HealthConsentEvent.objects.create(user=profile.user, given=given, at=now)
    if not given:
        # Health data is kept only with consent: withdrawing it erases the pain scores.
        from logbook.services import pain_data_erase

        pain_data_erase(athlete=profile.user)
    return True


@transaction.atomic
def profile_after_signup(
    *, user: User, display_name: str, health_consent: bool, language: str, time_zone: str = ""
) -> AthleteProfile:
    profile, _created = AthleteProfile.objects.get_or_create(user=user)
    profile.display_name = display_name.strip()
    if time_zone:
        profile.time_zone = time_zone
    _record_consent(profile=profile, given=health_consent)
    profile.save()
    return profile


@transaction.atomic
def profile_update(
    *,
    profile: AthleteProfile,
    display_name: str,
    time_zone: str,
    language: str,
    weekly_reminder: bool,
    health_consent: bool,
) -> AthleteProfile:
    profile.display_name = display_name.strip()
    profile.time_zone = time_zone
    profile.language = language
    profile.weekly_reminder = weekly_reminder
    _record_consent(profile=profile, given=health_consent)
    profile.save()
    return profile


def profile_set_language(*, profile: AthleteProfile, language: str) -> None:
    if profile.language != language:
        profile.language = language
        profile.save(update_fields=["language"])


def profile_set_hip_level(*, profile: AthleteProfile, level: int) -> None:
    if not 1 <= level <= 3:
        raise ValueError("hip level must be 1, 2 or 3")
    if profile.hip_level != level:
        profile.hip_level = level
        profile.save(update_fields=["hip_level"])

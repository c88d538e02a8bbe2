"""Writes to accounts and profiles, one function per use case."""

from django.db import transaction
from django.utils import timezone

from accounts.models import AthleteProfile, HealthConsentEvent, User
from accounts.validators import validate_display_name


def _display_name(value: str) -> str:
    """The name as stored; a name with control characters is refused here too, whoever
    calls (a form, the admin, a script)."""
    name = value.strip()
    validate_display_name(name)
    return name


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
    *, user: User, display_name: str, health_consent: bool, language: str
) -> AthleteProfile:
    profile, _created = AthleteProfile.objects.get_or_create(user=user)
    profile.display_name = _display_name(display_name)
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
    # A ModelForm has already copied its data onto `profile`: compare with what is stored.
    stored_zone = (
        AthleteProfile.objects.filter(pk=profile.pk).values_list("time_zone", flat=True).first()
    )
    old_tz = AthleteProfile(time_zone=stored_zone or time_zone).tz
    zone_changed = stored_zone is not None and stored_zone != time_zone
    profile.display_name = _display_name(display_name)
    profile.time_zone = time_zone
    profile.language = language
    profile.weekly_reminder = weekly_reminder
    _record_consent(profile=profile, given=health_consent)
    profile.save()
    if zone_changed:
        # Every session falls on another local day now, and so do the rules' weeks.
        from logbook.services import warnings_reevaluate_all

        warnings_reevaluate_all(athlete=profile.user, old_tz=old_tz)
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

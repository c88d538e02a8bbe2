"""Writes to accounts and profiles, one function per use case."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.erasure import health_data_erase
from accounts.hip_levels import hip_level_change_record
from accounts.models import AthleteProfile, HealthConsentEvent, User
from accounts.validators import validate_display_name
from accounts.versions import version_bump
from accounts.zone_change import zone_change_followers_run


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
        # Health data is kept only with consent: withdrawing it erases the pain scores
        # (what the apps registered in accounts/erasure.py).
        health_data_erase(athlete=profile.user)
    return True


@transaction.atomic
def profile_after_signup(
    *, user: User, display_name: str, health_consent: bool, language: str, time_zone: str = ""
) -> AthleteProfile:
    profile, _created = AthleteProfile.objects.get_or_create(user=user)
    profile.display_name = _display_name(display_name)
    if time_zone:
        profile.time_zone = time_zone
    _record_consent(profile=profile, given=health_consent)
    profile.save()
    version_bump(athlete_id=user.pk)
    return profile


@transaction.atomic
def profile_update(
    *,
    profile: AthleteProfile,
    display_name: str,
    time_zone: str,
    language: str,
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
    _record_consent(profile=profile, given=health_consent)
    profile.save()
    version_bump(athlete_id=profile.user_id)
    if zone_changed:
        # Every session falls on another local day now, and so do the rules' weeks
        # (logbook evaluates the warnings again: accounts/zone_change.py).
        zone_change_followers_run(athlete=profile.user, old_tz=old_tz)
    return profile


def profile_set_language(*, profile: AthleteProfile, language: str) -> None:
    if profile.language != language:
        profile.language = language
        profile.save(update_fields=["language"])
        version_bump(athlete_id=profile.user_id)


@transaction.atomic
def profile_set_hip_level(
    *,
    profile: AthleteProfile,
    level: int,
    set_by: User | None = None,
    now: datetime | None = None,
) -> bool:
    """Move the runner to `level` and record the change (the hip gate reads the history);
    False when it was the level already. `set_by` is the runner when None."""
    if not 1 <= level <= 3:
        raise ValueError("hip level must be 1, 2 or 3")
    previous = profile.hip_level
    if previous == level:
        return False
    profile.hip_level = level
    profile.save(update_fields=["hip_level"])
    hip_level_change_record(
        athlete=profile.user,
        previous_level=previous,
        level=level,
        set_by=set_by or profile.user,
        at=now or timezone.now(),
    )
    version_bump(athlete_id=profile.user_id)
    return True


def account_for_address(address: str) -> User | None:
    """The account an e-mail address belongs to, if any: any of its addresses, as allauth
    knows them, or the account's own (ACCOUNT_UNIQUE_EMAIL: at most one)."""
    from allauth.account.models import EmailAddress

    known = EmailAddress.objects.filter(email__iexact=address).select_related("user").first()
    if known is not None:
        user: User = known.user
        return user
    return User.objects.filter(email__iexact=address).first()

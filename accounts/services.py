"""Writes to accounts and profiles, one function per use case."""

from datetime import datetime
from importlib import import_module

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session as WebSession
from django.db import models, transaction
from django.utils import timezone

from accounts.hip_levels import hip_level_change_record
from accounts.models import AthleteProfile, HealthConsentEvent, User
from accounts.validators import validate_display_name
from accounts.versions import version_bump


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
        # Every session falls on another local day now, and so do the rules' weeks.
        from logbook.services import warnings_reevaluate_all

        warnings_reevaluate_all(athlete=profile.user, old_tz=old_tz)
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


def account_traces_delete(*, user: User, owned: dict[type[models.Model], list[int]]) -> int:
    """Remove what the admin log and the sign-in sessions still know of a user about to be
    deleted: log entries made by them, about them, or about objects of theirs (`owned`, by
    model), and every web session signed in as them. Returns the number of rows removed."""
    about_user = models.Q(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    )
    for model, ids in owned.items():
        if ids:
            about_user |= models.Q(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=[str(pk) for pk in ids],
            )
    mentions = models.Q(object_repr__icontains=user.email) | models.Q(
        change_message__icontains=user.email
    )
    removed, _by_model = LogEntry.objects.filter(
        models.Q(user=user) | about_user | mentions
    ).delete()
    signed_in = [
        web.session_key
        for web in WebSession.objects.filter(expire_date__gt=timezone.now()).iterator()
        if web.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    deleted_sessions, _by_model = WebSession.objects.filter(session_key__in=signed_in).delete()
    # And from the cache in front of them, when sessions are cached (SESSION_ENGINE).
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session_key in signed_in:
        store(session_key).delete(session_key)
    return removed + deleted_sessions

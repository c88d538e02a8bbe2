"""Helpers every page of the coach's admin shares."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from django.utils import timezone

from accounts.models import User
from logbook import load

# How long a coach's rights are trusted from the cache at most (AthleteAdmin.list_rights).
RIGHTS_CACHE_S = 60


def request_coach(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def today_of(user: User) -> date:
    return load.local_day(timezone.now(), user.profile.tz)


def display_name(user: User) -> str:
    return user.profile.display_name or user.email


def warning_title(rule: str, severity: str) -> str:
    return load.LoadWarning(
        rule=rule, severity=severity, day=date.min, session_id=None, numbers={}
    ).title()


# The athlete list's filters ----------------------------------------------------------

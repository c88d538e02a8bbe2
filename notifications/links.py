"""Absolute links that e-mails carry (they are rendered by workers, without a request)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def site_url(path: str) -> str:
    return str(settings.SITE_URL).rstrip("/") + path


def coach_athlete_url(athlete_id: int) -> str:
    """Where a coach looks at one athlete: that athlete's page in the coach's admin."""
    return site_url(reverse("admin:coaching_athlete_change", args=[athlete_id]))


def preferences_url() -> str:
    return site_url(reverse("notifications:preferences"))

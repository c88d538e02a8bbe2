"""Absolute links that e-mails carry (they are rendered by workers, without a request)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def site_url(path: str) -> str:
    return str(settings.SITE_URL).rstrip("/") + path


def coach_athlete_url(athlete_id: int) -> str:
    """Where a coach looks at one athlete. The only place this link is built: the coach's
    page of an athlete will replace the admin's front page here."""
    return site_url(reverse("admin:index"))


def preferences_url() -> str:
    return site_url(reverse("notifications:preferences"))

"""The athlete's calendar feed: a signed URL that a reset invalidates."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.core import signing
from django.utils import timezone

from accounts.models import User
from accounts.versions import version_bump
from coaching.models import CalendarFeed

_FEED_SALT = "coaching.calendar-feed"


def plan_feed_token(*, athlete: User) -> str:
    """The signed token of the athlete's calendar URL. Until the first reset the secret is
    empty: the URL exists without a row, so showing it changes nothing."""
    feed = CalendarFeed.objects.filter(athlete=athlete).first()
    return signing.dumps([athlete.pk, feed.secret if feed else ""], salt=_FEED_SALT)


def plan_feed_athlete(token: str) -> User | None:
    """The athlete whose current calendar token this is, or None (forged, reset, gone)."""
    try:
        pk, secret = signing.loads(token, salt=_FEED_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int) or not isinstance(secret, str):
        return None
    athlete = User.objects.select_related("profile").filter(pk=pk, is_active=True).first()
    if athlete is None:
        return None
    feed = CalendarFeed.objects.filter(athlete=athlete).first()
    return athlete if (feed.secret if feed else "") == secret else None


def plan_feed_reset(*, athlete: User, now: datetime | None = None) -> CalendarFeed:
    """Draw a new secret for the athlete's calendar feed: every earlier URL stops working."""
    feed, _created = CalendarFeed.objects.update_or_create(
        athlete=athlete,
        defaults={"secret": secrets.token_urlsafe(24), "created_at": now or timezone.now()},
    )
    version_bump(athlete_id=athlete.pk)  # pages that show the feed's URL
    return feed

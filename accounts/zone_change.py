"""What other apps redo when a runner's time zone changes, registered in their
AppConfig.ready() (accounts cannot import the apps to its right): every session falls on
another local day, and so do the weeks, so logbook evaluates the warnings again."""

from __future__ import annotations

from datetime import tzinfo
from typing import Protocol

from accounts.models import User


class ZoneChangeFollower(Protocol):
    def __call__(self, *, athlete: User, old_tz: tzinfo) -> object: ...


FOLLOWERS: list[ZoneChangeFollower] = []


def zone_change_follower_register(follower: ZoneChangeFollower) -> ZoneChangeFollower:
    if follower not in FOLLOWERS:
        FOLLOWERS.append(follower)
    return follower


def zone_change_followers_run(*, athlete: User, old_tz: tzinfo) -> None:
    """Called in the transaction that stores the new zone, after the profile is saved."""
    for follower in FOLLOWERS:
        follower(athlete=athlete, old_tz=old_tz)

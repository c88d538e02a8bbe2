"""What the athlete-list tests share: the frozen Wednesday, reading the printed rows, many
athletes in bulk and the list's query counts."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.urls import reverse

from accounts.models import AthleteProfile, User
from accounts.versions import version_bump
from tests.logbook.helpers import log_run
from tests.queries import SESSION_READS

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=AMS)  # a Wednesday
LIST = reverse("admin:coaching_athlete_changelist")


def at(day: int, hour: int = 8) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=AMS)


def give_spike_and_sharp_pain(athlete: User) -> None:
    log_run(athlete, at(3), 10)
    log_run(athlete, at(24), 25, minutes=150, pain=6, sharp_pain=True)


ROW = re.compile(
    r'<tr>.*?class="athlete-name"><a href="[^"]*" id="athlete-\d+">([^<]*)</a>(.*?)</tr>', re.S
)


def printed_rows(response: Any) -> dict[str, str]:
    """Each athlete's row as printed, by name, in the order of the list."""
    return dict(ROW.findall(response.content.decode()))


def rows(response: Any) -> list[str]:
    """The athletes' names in the order of the list."""
    return list(printed_rows(response))


def reasons(response: Any, name: str) -> list[str]:
    """Why the list says to look at this athlete."""
    return re.findall(r'class="reason reason-\w+">([^<]*)<', printed_rows(response)[name])


def figure(response: Any, name: str, label: str) -> str:
    """One figure of an athlete's row, by its column heading."""
    found = re.search(f'data-label="{re.escape(label)}">([^<]*)<', printed_rows(response)[name])
    assert found is not None, (name, label)
    return found.group(1)


def many_athletes(coach: User, count: int, prefix: str) -> list[User]:
    # In bulk: a full sign-up per runner would hash 500 passwords.
    users = User.objects.bulk_create(
        User(email=f"{prefix}{n}@example.com", password="!") for n in range(count)
    )
    AthleteProfile.objects.bulk_create(
        AthleteProfile(user=u, display_name=f"{prefix} {n}", coach=coach)
        for n, u in enumerate(users)
    )
    version_bump(athlete_id=coach.pk)  # written past the services: say the list changed
    return users


# The session (unless cached), the user with the coach's profile, the permissions (two), the
# count, the rows in attention order, the shown athletes' sessions added up, their open
# warnings, last week's planned sessions for the compliance column. Kept in the cache
# until an athlete's data changes (their version raises the coach's), with the coach's
# rights: then only the session and the user with their profile.
LIST_QUERIES = SESSION_READS + 8
# Every row kept in the cache (no athlete of the page changed since): no figures read.
LIST_QUERIES_ROWS_KEPT = SESSION_READS + 5
# With a plan: also the planned sessions' exercises and that week's sessions.
LIST_QUERIES_WITH_PLANS = LIST_QUERIES + 2
CACHED_LIST_QUERIES = SESSION_READS + 1

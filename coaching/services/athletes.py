"""A coach's writes about their athletes: notes, hip level, warnings seen, messages; and
the runner ending the link."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet

from accounts import services as account_services
from accounts.models import User
from accounts.versions import version_bump, versions_bump
from coaching import emails
from coaching.models import CoachNote
from logbook import services as logbook_services
from logbook.models import TrainingWarning


@transaction.atomic
def note_add(*, athlete: User, author: User, text: str, now: datetime) -> CoachNote:
    note = CoachNote.objects.create(
        athlete=athlete, author=author, text=text.strip(), created_at=now
    )
    version_bump(athlete_id=athlete.pk)
    return note


@transaction.atomic
def hip_level_set(*, athlete: User, level: int, set_by: User, now: datetime) -> bool:
    """Set the athlete's hip level and record who did it; False when it was unchanged."""
    return account_services.profile_set_hip_level(
        profile=athlete.profile, level=level, set_by=set_by, now=now
    )


def warnings_acknowledge(*, warnings: Iterable[TrainingWarning]) -> int:
    count = 0
    for warning in warnings:
        if warning.acknowledged_at is None:
            logbook_services.warning_acknowledge(warning=warning)
            count += 1
    return count


def coaching_end(*, athlete: User) -> None:
    """The runner ends the link: from the next request on, the coach sees nothing of them."""
    profile = athlete.profile
    if profile.coach_id is not None:
        coach_id = profile.coach_id
        profile.coach = None
        profile.save(update_fields=["coach"])
        versions_bump(athlete_ids=[athlete.pk, coach_id])


def message_send(*, coach: User, athletes: QuerySet[User], text: str) -> int:
    return emails.coach_message_queue(coach=coach, athletes=athletes, text=text)

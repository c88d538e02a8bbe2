"""Coaching's part of the runner's weekly reminder (notifications/reminder_parts.py): the
newest note of their own coach and their plan for the week ahead."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coaching import calendar as plan_calendar
from coaching.models import CoachNote, PlannedSession
from notifications import links, schedule
from notifications.models import OutboxEmail
from notifications.reminder_parts import ReminderPart
from runningcoach import units

# The weekly reminder quotes the coach's newest note when it is at most this old.
COACH_NOTE_MAX_AGE = timedelta(days=28)


@dataclass
class _CoachingBatch:
    coach_notes: dict[int, CoachNote] = field(default_factory=dict)
    plans: dict[tuple[str, int], list[PlannedSession]] = field(default_factory=dict)


@dataclass(frozen=True)
class PlanLine:
    day: date
    summary: str
    notes: str


def _oldest_note_wanted(keys: Iterable[str]) -> datetime:
    first_report_day = min((schedule.report_day(key) for key in keys), default=date.today())
    return datetime.combine(first_report_day - COACH_NOTE_MAX_AGE, time.min, tzinfo=UTC)


def _prepare(rows: Sequence[OutboxEmail]) -> _CoachingBatch:
    batch = _CoachingBatch()
    keys = {row.subject_key for row in rows}
    # The newest note of each runner's own coach from the last few weeks; older ones are
    # stale for a weekly e-mail, and a former coach's notes are no longer theirs to show.
    notes = CoachNote.objects.filter(
        athlete__in={row.user_id for row in rows},
        author_id=F("athlete__profile__coach_id"),
        created_at__gte=_oldest_note_wanted(keys),
    ).select_related("author__profile")
    for note in notes.order_by("athlete_id", "-created_at", "-pk"):
        batch.coach_notes.setdefault(note.athlete_id, note)
    # The week ahead's plan: the ISO week that starts on the report day. One query.
    report_days = {key: schedule.report_day(key) for key in keys}
    keys_of: dict[tuple[int, date], str] = {
        (row.user_id, report_days[row.subject_key]): row.subject_key for row in rows
    }
    planned = PlannedSession.objects.filter(
        athlete__in={row.user_id for row in rows},
        day__gte=min(report_days.values(), default=date.today()),
        day__lt=max(report_days.values(), default=date.today()) + timedelta(days=7),
    ).order_by("day", "pk")
    for p in planned:
        monday = p.day - timedelta(days=p.day.weekday())
        plan_key = keys_of.get((p.athlete_id, monday))
        if plan_key is not None:
            batch.plans.setdefault((plan_key, p.athlete_id), []).append(p)
    return batch


def _plan_lines(planned: Sequence[PlannedSession]) -> list[PlanLine]:
    return [
        PlanLine(
            p.day,
            plan_calendar.summary(p) + (str(_(" · RPE %(rpe)d")) % {"rpe": p.rpe} if p.rpe else ""),
            p.notes,
        )
        for p in planned
    ]


def _context(row: OutboxEmail, batch: _CoachingBatch) -> dict[str, Any]:
    key = row.subject_key
    return {
        "coach_note": batch.coach_notes.get(row.user_id),
        "plan": _plan_lines(batch.plans.get((key, row.user_id), [])),
        "plan_days": units.week_days(schedule.report_day(key)),
        "plan_url": links.site_url(reverse("coaching:plan")),
    }


REMINDER_PART = ReminderPart(prepare=_prepare, context=_context)

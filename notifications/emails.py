"""One function per e-mail: the alarm and the weekly reminder (the coach's digest is
coaching.digest; the reminder's coach note and plan are coaching's part of it, registered
with notifications.reminder_parts).

Each kind registers with the outbox (notifications.kinds) and renders its own templates
under notifications/email/, in the recipient's language (the outbox activates it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from exercises import progressions
from logbook import selectors
from logbook.dashboard import HIP_SESSIONS_TARGET, WARNING_DAYS, WeekFigures
from logbook.models import TrainingWarning, WarningView
from notifications import links, schedule
from notifications.html import render_email
from notifications.kinds import EmailKind, RenderedEmail, kind_register
from notifications.models import OutboxEmail
from notifications.reminder_parts import REMINDER_PARTS, ReminderPart
from notifications.services import ALARM, REMINDER
from runningcoach import units


def _render(template: str, context: dict[str, Any], *, recipient: User) -> RenderedEmail:
    return render_email(f"notifications/email/{template}", context, recipient=recipient)


def _name(user: User) -> str:
    profile = getattr(user, "profile", None)
    return (profile.display_name if profile else "") or user.email


# Alarm ----------------------------------------------------------------------------------


def _alarm_prepare(rows: Sequence[OutboxEmail]) -> dict[int, TrainingWarning]:
    ids = {int(row.context.get("warning_id", 0)) for row in rows}
    return {
        w.pk: w
        for w in TrainingWarning.objects.filter(pk__in=ids).select_related(
            "athlete__profile", "session"
        )
    }


def alarm_render(row: OutboxEmail, warnings: dict[int, TrainingWarning]) -> RenderedEmail | None:
    """A spike or pain warning, to the runner or to their coach."""
    warning = warnings.get(int(row.context.get("warning_id", 0)))
    if warning is None:
        return None  # the session, and with it the warning, was deleted
    athlete = warning.athlete
    as_coach = row.user_id != athlete.pk
    if as_coach and athlete.profile.coach_id != row.user_id:
        return None  # no longer this runner's coach
    return _render(
        "alarm",
        {
            "w": warning.view(),
            "athlete_name": _name(athlete),
            "as_coach": as_coach,
            "open_url": links.coach_athlete_url(athlete.pk)
            if as_coach
            else links.site_url(reverse("logbook:dashboard")),
            "help_url": links.site_url(reverse("exercises:seek_help")),
        },
        recipient=row.user,
    )


# Weekly reminder ------------------------------------------------------------------------


@dataclass
class _ReminderBatch:
    recent: dict[tuple[str, int], selectors.RecentTraining] = field(default_factory=dict)
    warnings: dict[tuple[str, int], list[TrainingWarning]] = field(default_factory=dict)
    # What each registered part prepared for this chunk (notifications.reminder_parts).
    parts: list[tuple[ReminderPart, Any]] = field(default_factory=list)


def _reminder_prepare(rows: Sequence[OutboxEmail]) -> _ReminderBatch:
    batch = _ReminderBatch()
    by_key: dict[str, list[User]] = defaultdict(list)
    for row in rows:
        by_key[row.subject_key].append(row.user)
    for key, athletes in by_key.items():
        today = schedule.report_day(key)
        for athlete_id, recent in selectors.recent_training_for(
            athletes=athletes, today=today
        ).items():
            batch.recent[(key, athlete_id)] = recent
        open_warnings = TrainingWarning.objects.filter(
            athlete__in=athletes,
            acknowledged_at__isnull=True,
            day__gte=today - timedelta(days=WARNING_DAYS),
            day__lt=today,
        ).order_by("risk_rank", "-day", "pk")
        for warning in open_warnings:
            batch.warnings.setdefault((key, warning.athlete_id), []).append(warning)
    batch.parts = [(part, part.prepare(rows)) for part in REMINDER_PARTS]
    return batch


@dataclass(frozen=True)
class WeekRow:
    label: str
    last: str
    before: str


def _week_rows(last: WeekFigures, before: WeekFigures) -> list[WeekRow]:
    return [
        WeekRow(str(_("Sessions")), str(last.sessions), str(before.sessions)),
        WeekRow(str(_("Running")), units.km(last.run_m), units.km(before.run_m)),
        WeekRow(str(_("Walking")), units.km(last.walk_m), units.km(before.walk_m)),
        WeekRow(str(_("Time")), units.duration(last.duration_s), units.duration(before.duration_s)),
        WeekRow(str(_("Load")), units.load(last.load), units.load(before.load)),
    ]


def reminder_render(row: OutboxEmail, batch: _ReminderBatch) -> RenderedEmail | None:
    """Last week against the week before, open warnings, the hip target, the next step of
    each progression and the next long run's cap; a short restart note after an empty week."""
    key = row.subject_key
    recent = batch.recent.get((key, row.user_id))
    if recent is None:
        return None
    monday = schedule.week_monday(key)
    last = recent.week(monday)
    before = recent.week(monday - timedelta(days=7))
    warnings: list[WarningView] = [w.view() for w in batch.warnings.get((key, row.user_id), [])]
    context: dict[str, Any] = {}
    for part, prepared in batch.parts:
        context.update(part.context(row, prepared))
    return _render(
        "reminder",
        {
            **context,
            "name": _name(row.user),
            "week_days": units.week_days(monday),
            "rest_week": last.sessions == 0,
            "rows": _week_rows(last, before),
            "warnings": warnings,
            "hip_sessions": last.hip_sessions,
            "hip_target": HIP_SESSIONS_TARGET,
            "steps": selectors.steps_from(recent),
            "long_run": recent.long_run(),
            "long_run_known": recent.long_run().action != progressions.START,
            "log_url": links.site_url(reverse("logbook:session_new")),
            "catalogue_url": links.site_url(reverse("exercises:list")),
        },
        recipient=row.user,
    )


kind_register(
    EmailKind(
        code=ALARM,
        label=_("Alarms"),
        description=_(
            # xgettext:no-python-format
            "A run more than 10 % longer than your longest run of the 30 days before it, or "
            "sharp pain or pain of 5/10 or more after a session (runningcoach's own "
            "cautious line): an e-mail at once, to you and your coach."
        ),
        prepare=_alarm_prepare,
        render=alarm_render,
    )
)
kind_register(
    EmailKind(
        code=REMINDER,
        label=_("Weekly progression e-mail"),
        description=_("Every week: last week against the week before, and your next steps."),
        prepare=_reminder_prepare,
        render=reminder_render,
    )
)

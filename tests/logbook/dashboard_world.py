"""What the dashboard tests share: a fixed Wednesday in Amsterdam, a hand-computed history,
warnings written directly, a long history in bulk, and the page's query counts."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from exercises.models import Category, Exercise
from logbook import load, services
from logbook.models import Kind, Session, SessionExercise, TrainingWarning
from tests.queries import SESSION_READS

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Wednesday 11 June 2025, noon in Amsterdam (CEST, UTC+2). This ISO week is 9-15 June,
# last week 2-8 June; the 30 days of the long run are 13 May to 11 June.
NOW = datetime(2025, 6, 11, 12, 0, tzinfo=AMSTERDAM)
TODAY = date(2025, 6, 11)

DASHBOARD = reverse("logbook:dashboard")


def at(day: date, hour: int = 8, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=AMSTERDAM)


def hip_exercise(level: int, slug: str | None = None) -> Exercise:
    return Exercise.objects.create(
        slug=slug or f"hip-level-{level}",
        name=f"Hip exercise level {level}",
        category=Category.HIP,
        level=level,
        purpose="Keep the pelvis level.",
        how_to="Slowly.",
        cues="Knee over toes",
    )


def log(athlete: Any, start: datetime, kind: str, minutes: int, **fields: Any) -> Session:
    result = services.session_log(
        athlete=athlete, start=start, kind=kind, duration_s=minutes * 60, **fields
    )
    assert result.session is not None
    return result.session


def history_build(runner: Any, other_runner: Any) -> Any:
    """A known history of Alice (hip level 1), loads in brackets (RPE x minutes).

    This week (9-15 June):
      Mon 00:30 local (Sunday 22:30 UTC): run 10 km, 60 min, RPE 5, 2 min backward  (300)
      Tue 23:30 local: walk 5 km, 60 min, RPE 2, 10 min backward                      (120)
      Wed: strength 30 min, RPE 4, a level-1 hip exercise: a hip session              (120)
      Wed: strength 20 min, RPE 3, only a level-2 hip exercise: not at her level      (60)
    Last week (2-8 June):
      Tue: run 8 km, 45 min, RPE 4, 5 min backward                                    (180)
      Thu: strength 30 min, RPE 5, a level-1 hip exercise                             (150)
      Sun 23:30 local: run 12 km, 70 min, RPE 6                                       (420)
    Before:
      Sun 1 June: wholly backward run 16 km, 120 min, RPE 5 (not a long run)          (600)
      Tue 13 May, the 30th day back: run 15 km, 90 min, RPE 5                         (450)
      Mon 12 May, the 31st day back: run 21 km, 120 min, RPE 5                        (600)
    Bob runs 30 km this week; none of it is Alice's.
    """
    level1 = hip_exercise(1)
    level2 = hip_exercise(2)
    _history_before_this_week(runner, level1)
    _history_this_week(runner, level1, level2)
    log(other_runner, at(date(2025, 6, 10)), Kind.RUN, 180, distance_m=30000, rpe=5)
    return runner


def _history_before_this_week(runner: Any, level1: Any) -> None:
    log(runner, at(date(2025, 5, 12)), Kind.RUN, 120, distance_m=21000, rpe=5)
    log(runner, at(date(2025, 5, 13)), Kind.RUN, 90, distance_m=15000, rpe=5)
    log(
        runner,
        at(date(2025, 6, 1)),
        Kind.RUN,
        120,
        distance_m=16000,
        backward_s=120 * 60,
        backward_m=16000,
        rpe=5,
    )
    log(runner, at(date(2025, 6, 3)), Kind.RUN, 45, distance_m=8000, backward_s=300, rpe=4)
    log(
        runner,
        at(date(2025, 6, 5)),
        Kind.STRENGTH,
        30,
        rpe=5,
        exercises=[services.ExerciseDone(exercise_id=level1.pk, sets=3, reps=10)],
    )
    log(runner, at(date(2025, 6, 8), 23, 30), Kind.RUN, 70, distance_m=12000, rpe=6)


def _history_this_week(runner: Any, level1: Any, level2: Any) -> None:
    log(runner, at(date(2025, 6, 9), 0, 30), Kind.RUN, 60, distance_m=10000, backward_s=120, rpe=5)
    log(
        runner, at(date(2025, 6, 10), 23, 30), Kind.WALK, 60, distance_m=5000, backward_s=600, rpe=2
    )
    log(
        runner,
        at(date(2025, 6, 11), 7),
        Kind.STRENGTH,
        30,
        rpe=4,
        exercises=[
            services.ExerciseDone(exercise_id=level1.pk, sets=3, reps=10),
            services.ExerciseDone(exercise_id=level2.pk, sets=3, reps=8),
        ],
    )
    log(
        runner,
        at(date(2025, 6, 11), 9),
        Kind.STRENGTH,
        20,
        rpe=3,
        exercises=[services.ExerciseDone(exercise_id=level2.pk, sets=3, reps=8)],
    )


def stored_warning(athlete: Any, rule: str, severity: str, day: date, **fields: Any) -> Any:
    numbers = {
        load.PAIN: {"pain": 6},
        load.MONOTONY: {"mean_load": 50.0, "sd_load": 10.0, "monotony": 5.0, "session_days": 5},
        load.WEEKLY_INCREASE: {"last7_m": 22000, "prev7_m": 16000, "increase_pct": 38},
    }[rule]
    facts = load.LoadWarning(rule, severity, day, None, numbers)
    return TrainingWarning.objects.create(
        athlete=athlete,
        rule=rule,
        severity=severity,
        risk_rank=facts.risk_rank,
        day=day,
        numbers=numbers,
        **fields,
    )


def long_history(athlete: Any, *, days: int, per_day: float) -> None:
    """About days x per_day sessions up to today, written in bulk, with warnings."""
    level1 = hip_exercise(1, slug="bulk-hip")
    tz = athlete.profile.tz
    today = timezone.localdate(timezone=tz)
    step = timedelta(days=1 / per_day)
    start = datetime.combine(today - timedelta(days=days), time(7), tzinfo=tz).astimezone(UTC)
    sessions = []
    for i in range(int(days * per_day)):
        kind = [Kind.RUN, Kind.RUN, Kind.WALK, Kind.STRENGTH][i % 4]
        minutes = 30 + (i * 7) % 60
        sessions.append(
            Session(
                athlete=athlete,
                start=start + i * step,
                kind=kind,
                duration_s=minutes * 60,
                distance_m=None if kind == Kind.STRENGTH else 4000 + (i * 733) % 12000,
                backward_s=60 if kind != Kind.STRENGTH else 0,
                rpe=None if i % 9 == 0 else 1 + i % 10,
                rpe_estimated=i % 9 == 0,
                load=minutes * (5 if i % 9 == 0 else 1 + i % 10),
            )
        )
    Session.objects.bulk_create(sessions)
    SessionExercise.objects.bulk_create(
        SessionExercise(session=s, exercise=level1, sets=3, reps=10)
        for s in sessions
        if s.kind == Kind.STRENGTH
    )
    services.warnings_recompute(
        athlete=athlete, first_day=today - timedelta(days=days), last_day=today
    )
    TrainingWarning.objects.filter(athlete=athlete).update(seen_at=timezone.now())


# Session (unless cached) and the user with their profile (middleware); one read of the
# recent weeks for every figure and the next steps (sessions with their alarms, hip level
# changes, and the hip exercises of the weeks' strength sessions when there are any); the
# kept days of the charts (logbook/day_loads.py); the sessions to rate; the open
# warnings; this week's plan (one query when nothing is planned; coaching's plan tests
# count it with plans) and the coach's notes, both read by the view. None from the
# template. The page is then kept in the cache until the runner's data changes: the next
# visit reads only the session (unless cached) and the user with their profile.
DASHBOARD_QUERIES = SESSION_READS + 8
HIP_EXERCISES_READ = 1  # when the recent weeks hold strength or mobility sessions
CACHED_QUERIES = SESSION_READS + 1

"""Small hand-made histories for the pure load-rule tests (no database)."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

from logbook.load.acwr import Acwr
from logbook.load.core import LoadWarning, Rule, Shared
from logbook.load.facts import SessionFacts
from logbook.load.monotony import Monotony
from logbook.load.pain import Pain
from logbook.load.registry import facts_build
from logbook.load.retro import RetroIncrease
from logbook.load.spike import SingleRunSpike
from logbook.load.weekly import WeeklyIncrease

# Lets the texts render when the project's settings are not in play (pytest -p no:django).
if not settings.configured:
    settings.configure(USE_I18N=False)

AMS = ZoneInfo("Europe/Amsterdam")
DAY = date(2025, 6, 16)  # a Monday, weeks away from a daylight-saving change

_ids = itertools.count(1)


def days_before(n: int) -> date:
    return DAY - timedelta(days=n)


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=AMS)


def session(kind: str, day: date, distance_m: int | None = None, **kw: Any) -> SessionFacts:
    start = kw.pop("start", None) or at(day, kw.pop("hour", 9), kw.pop("minute", 0))
    kw.setdefault("duration_s", 3600)
    return SessionFacts(id=next(_ids), start=start, kind=kind, distance_m=distance_m, **kw)


def run(day: date, distance_m: int | None, **kw: Any) -> SessionFacts:
    return session("run", day, distance_m, **kw)


def walk(day: date, distance_m: int | None = None, **kw: Any) -> SessionFacts:
    return session("walk", day, distance_m, **kw)


def strength(day: date, load: float, **kw: Any) -> SessionFacts:
    return session("strength", day, None, load=load, **kw)


def judge(
    rule: Rule,
    sessions: list[SessionFacts],
    day: date = DAY,
    *,
    first_session_day: date | None = None,
    shared: Shared | None = None,
) -> list[LoadWarning]:
    """One rule on one local day, as the registry runs it."""
    facts = facts_build(
        sessions, tz=AMS, thresholds=shared or Shared(), first_session_day=first_session_day
    )
    return rule.evaluate(facts, day)


def spike(sessions: list[SessionFacts], day: date = DAY, **options: Any) -> list[LoadWarning]:
    return judge(SingleRunSpike(**options), sessions, day)


def weekly(sessions: list[SessionFacts], day: date = DAY) -> list[LoadWarning]:
    return judge(WeeklyIncrease(), sessions, day)


def ratio(sessions: list[SessionFacts], first_session_day: date | None) -> list[LoadWarning]:
    return judge(Acwr(), sessions, first_session_day=first_session_day)


def retro(sessions: list[SessionFacts]) -> list[LoadWarning]:
    return judge(RetroIncrease(), sessions)


def monotonous(sessions: list[SessionFacts], **options: Any) -> list[LoadWarning]:
    return judge(Monotony(**options), sessions)


def pains(sessions: list[SessionFacts], day: date = DAY, **options: Any) -> list[LoadWarning]:
    return judge(Pain(**options), sessions, day)


def warning(rule: str, severity: str, day: date, session_id: int | None = None) -> LoadWarning:
    return LoadWarning(rule=rule, severity=severity, day=day, session_id=session_id, numbers={})


def chronic_load() -> list[SessionFacts]:
    """900 load over the 21 days before the last 7: 300 a week."""
    return [strength(days_before(n), 100.0) for n in (27, 24, 21, 17, 14, 11, 10, 8, 7)]


def acwr_history(acute_total: float) -> list[SessionFacts]:
    acute = [strength(days_before(3), acute_total / 2), strength(DAY, acute_total / 2)]
    return chronic_load() + acute

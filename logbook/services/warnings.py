"""The runner's warnings as stored rows: evaluated again after every write of sessions,
the difference stored, then seen and acknowledged.

The rules themselves (what warns, how strongly) are pure and live in logbook/load/; this
module feeds them the facts of the sessions and keeps `TrainingWarning` in step.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, tzinfo

from django.db.models import Min
from django.utils import timezone

from accounts.models import User
from accounts.versions import version_bump
from logbook import load
from logbook.alarms import alarms_due_announce
from logbook.day_loads import day_loads_refresh
from logbook.load.registry import Registry
from logbook.models import Session, TrainingWarning
from logbook.services.common import local_day
from logbook.services.facts import session_facts_between

# Alarms about sessions older than this are stored but never e-mailed.
ALARM_EMAIL_MAX_AGE = timedelta(days=7)
# Recompute in slices so the cost of one slice never depends on the length of the history.
RECOMPUTE_SLICE_DAYS = 31


def _key(rule: str, day: date, session_id: int | None) -> tuple[str, object]:
    return (rule, session_id) if session_id is not None else (rule, day)


def warnings_recompute(
    *, athlete: User, first_day: date, last_day: date, now: datetime | None = None
) -> list[TrainingWarning]:
    """Evaluate every rule again for the local days first_day .. last_day + 30 (capped at
    today) and store the difference; rebuild the kept daily loads and fitness from
    first_day on (logbook/day_loads.py). Every write of sessions ends with this. Returns
    the warnings that are new."""
    now = now or timezone.now()
    tz = athlete.profile.tz
    today = local_day(now, tz)
    registry = load.active()
    rules = registry.thresholds
    end_day = max(min(last_day + timedelta(days=rules.spike_window_days), today), last_day)
    first_start = Session.objects.filter(athlete=athlete).aggregate(first=Min("start"))["first"]
    first_session_day = local_day(first_start, tz) if first_start else None

    window_start, _ = load.window_needed(first_day, end_day, rules, registry.rules)
    facts = session_facts_between(athlete=athlete, first_day=window_start, last_day=end_day, tz=tz)
    computed = _evaluate_in_slices(
        facts,
        first_day=first_day,
        end_day=end_day,
        tz=tz,
        registry=registry,
        first_session_day=first_session_day,
        earlier=_earlier_window_warnings(athlete=athlete, first_day=first_day, rules=rules),
    )
    new = _store_warnings(
        athlete=athlete,
        computed=computed,
        first_day=first_day,
        last_day=end_day,
        facts={f.id: f for f in facts},
        now=now,
    )
    # Every caller changed sessions (or the zone they fall in): the kept days from
    # first_day on are rebuilt, and cached pages are out of date, raised after the writes
    # (accounts/versions.py).
    day_loads_refresh(athlete=athlete, first_day=first_day, last_day=last_day)
    version_bump(athlete_id=athlete.pk)
    if any(w.email_due for w in new):
        alarms_due_announce()
    return new


def _earlier_window_warnings(
    *, athlete: User, first_day: date, rules: load.Thresholds
) -> list[load.LoadWarning]:
    """The stored window warnings just before first_day: a window rule does not repeat
    itself within its repeat days."""
    return [
        w.as_load_warning()
        for w in TrainingWarning.objects.filter(
            athlete=athlete,
            session__isnull=True,
            day__gte=first_day - timedelta(days=rules.window_repeat_days - 1),
            day__lt=first_day,
        )
    ]


def _evaluate_in_slices(
    facts: list[load.SessionFacts],
    *,
    first_day: date,
    end_day: date,
    tz: tzinfo,
    registry: Registry,
    first_session_day: date | None,
    earlier: list[load.LoadWarning],
) -> list[load.LoadWarning]:
    """Every warning of the days first_day .. end_day, RECOMPUTE_SLICE_DAYS at a time, each
    slice given only the facts its rules' windows reach back to."""
    rules = registry.thresholds
    fact_days = [local_day(f.start, tz) for f in facts]
    computed: list[load.LoadWarning] = []
    slice_first = first_day
    while slice_first <= end_day:
        slice_last = min(slice_first + timedelta(days=RECOMPUTE_SLICE_DAYS - 1), end_day)
        needed_first, _ = load.window_needed(slice_first, slice_last, rules, registry.rules)
        lo = bisect.bisect_left(fact_days, needed_first)
        hi = bisect.bisect_right(fact_days, slice_last)
        found = load.evaluate(
            facts[lo:hi],
            first_day=slice_first,
            last_day=slice_last,
            tz=tz,
            thresholds=rules,
            first_session_day=first_session_day,
            earlier=earlier,
            rules=registry.rules,
        )
        computed.extend(found)
        earlier = [*earlier, *(w for w in found if load.is_window_rule(w.rule))]
        slice_first = slice_last + timedelta(days=1)
    return computed


def warnings_reevaluate_all(
    *, athlete: User, old_tz: tzinfo, now: datetime | None = None
) -> list[TrainingWarning]:
    """Evaluate every rule again over the runner's whole history, after their time zone
    changed from `old_tz`: their sessions fall on other local days, and so do the weeks."""
    now = now or timezone.now()
    span = Session.objects.filter(athlete=athlete).aggregate(first=Min("start"))
    first_start = span["first"]
    tz = athlete.profile.tz
    stored_first = TrainingWarning.objects.filter(athlete=athlete).aggregate(first=Min("day"))
    days = [
        d
        for d in (
            local_day(first_start, tz) if first_start else None,
            local_day(first_start, old_tz) if first_start else None,
            stored_first["first"],
        )
        if d is not None
    ]
    if not days:
        return []
    today = local_day(now, tz)
    return warnings_recompute(athlete=athlete, first_day=min(days), last_day=today, now=now)


def _store_warnings(
    *,
    athlete: User,
    computed: Sequence[load.LoadWarning],
    first_day: date,
    last_day: date,
    facts: dict[int | None, load.SessionFacts],
    now: datetime,
) -> list[TrainingWarning]:
    stored = {
        _key(w.rule, w.day, w.session_id): w
        for w in TrainingWarning.objects.filter(
            athlete=athlete, day__gte=first_day, day__lte=last_day
        )
    }
    to_create: list[TrainingWarning] = []
    to_update: list[TrainingWarning] = []
    keep: set[int] = set()
    for warning in computed:
        existing = stored.get(_key(warning.rule, warning.day, warning.session_id))
        if existing is not None:
            keep.add(existing.pk)
            _stored_warning_refresh(existing, warning, to_update=to_update)
            continue
        to_create.append(
            _stored_warning_new(athlete=athlete, warning=warning, facts=facts, now=now)
        )
    stale = [w.pk for w in stored.values() if w.pk not in keep]
    if stale:
        TrainingWarning.objects.filter(pk__in=stale).delete()
    if to_update:
        TrainingWarning.objects.bulk_update(
            to_update, ["day", "severity", "risk_rank", "numbers", "seen_at", "acknowledged_at"]
        )
    return TrainingWarning.objects.bulk_create(to_create)


def _stored_warning_refresh(
    existing: TrainingWarning, warning: load.LoadWarning, *, to_update: list[TrainingWarning]
) -> None:
    """Bring a stored warning in line with the same warning computed again; a changed one
    joins `to_update` (once)."""
    if existing.day != warning.day:
        # The runner's time zone changed: the session now falls on another local day.
        existing.day = warning.day
        to_update.append(existing)
    if existing.severity != warning.severity or existing.numbers != dict(warning.numbers):
        if load.severity_rank(warning.rule, warning.severity) > load.severity_rank(
            existing.rule, existing.severity
        ):
            # A rise deserves a fresh look from the runner.
            existing.seen_at = None
            existing.acknowledged_at = None
        existing.severity = warning.severity
        existing.risk_rank = warning.risk_rank
        existing.numbers = dict(warning.numbers)
        if not to_update or to_update[-1] is not existing:
            to_update.append(existing)


def _stored_warning_new(
    *,
    athlete: User,
    warning: load.LoadWarning,
    facts: dict[int | None, load.SessionFacts],
    now: datetime,
) -> TrainingWarning:
    """A row for a warning not stored before; an alarm about a recent session is due for
    e-mail."""
    session_fact = facts.get(warning.session_id) if warning.session_id else None
    recent = session_fact is not None and now - session_fact.start <= ALARM_EMAIL_MAX_AGE
    return TrainingWarning(
        athlete=athlete,
        rule=warning.rule,
        severity=warning.severity,
        risk_rank=warning.risk_rank,
        day=warning.day,
        session_id=warning.session_id,
        numbers=dict(warning.numbers),
        email_due=warning.is_alarm and recent,
    )


def warnings_mark_seen(*, athlete: User, warning_ids: Iterable[int]) -> int:
    marked = TrainingWarning.objects.filter(
        athlete=athlete, pk__in=list(warning_ids), seen_at__isnull=True
    ).update(seen_at=timezone.now())
    if marked:
        version_bump(athlete_id=athlete.pk)
    return marked


def warning_acknowledge(*, warning: TrainingWarning) -> None:
    now = timezone.now()
    TrainingWarning.objects.filter(pk=warning.pk).update(
        acknowledged_at=now, seen_at=warning.seen_at or now
    )
    version_bump(athlete_id=warning.athlete_id)

"""What a coach reads of their squad at once: the athlete list's order and each shown
athlete's figures, for the athlete list and the coach's home.

The order (attention first, then whoever has been quiet longest) is sorted by the
database over the whole squad, with the two figures it needs as annotations; the figures
of the athletes shown come in two more queries for the page, whatever the squad's size:
their sessions of the last six weeks added up by window in one grouped query, and their
open warnings. Day and week boundaries are the coach's (coaching.selectors.ListWindows)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from accounts.models import User
from coaching import plan_check, selectors
from coaching.models import PlannedSession
from coaching.selectors import NO_WARNING_RANK, ListWindows, PlanCheck
from exercises.models import Category
from logbook import load
from logbook import services as logbook_services
from logbook.models import Kind, Session, SessionExercise, TrainingWarning
from notifications.services import reminder_on


def _open_warnings(windows: ListWindows) -> QuerySet[TrainingWarning]:
    return TrainingWarning.objects.filter(
        acknowledged_at__isnull=True, day__gte=windows.warnings_since
    )


def athlete_order(athletes: QuerySet[User], *, windows: ListWindows) -> QuerySet[User]:
    """The athletes with what their order and the filters need: the rank of their first
    open warning (DOMAIN.md section 2's attention order), their first and last session."""
    sessions = Session.objects.filter(athlete=OuterRef("pk")).order_by()
    first_open = (
        _open_warnings(windows).filter(athlete=OuterRef("pk")).order_by("risk_rank", "-day", "pk")
    )
    return athletes.select_related("profile").annotate(
        # Newest and oldest start by the (athlete, start) index: one row each, however long
        # the history.
        last_session_at=Subquery(sessions.order_by("-start").values("start")[:1]),
        first_session_at=Subquery(sessions.order_by("start").values("start")[:1]),
        attention_rank=Coalesce(
            Subquery(first_open.values("risk_rank")[:1]), Value(NO_WARNING_RANK)
        ),
        # The weekly e-mail's switch, from where the sender reads it.
        weekly_email_on=reminder_on(),
    )


def with_open_warnings(windows: ListWindows) -> Exists:
    return Exists(_open_warnings(windows).filter(athlete=OuterRef("pk")))


def with_pain(windows: ListWindows) -> Exists:
    """Pain (any score above 0, or sharp) in the last 14 days."""
    return Exists(
        Session.objects.filter(athlete=OuterRef("pk"), start__gte=windows.pain_since).filter(
            Q(pain__gt=0) | Q(sharp_pain=True)
        )
    )


@dataclass(frozen=True)
class OpenWarning:
    rule: str
    severity: str
    day: date
    numbers: dict[str, Any]


@dataclass
class AthleteFigures:
    """One athlete's figures of the list, in the coach's windows."""

    run_m_this_week: int = 0
    run_m_last_week: int = 0
    load_this_week: float = 0.0
    load_last_week: float = 0.0
    acute_load: float = 0.0
    chronic_load: float = 0.0
    chronic_weeks_active: int = 0
    max_pain_14d: int | None = None
    sharp_pain_14d: bool = False
    hip_sessions_this_week: int = 0
    open_warnings: tuple[OpenWarning, ...] = ()  # in attention order

    @property
    def first_warning(self) -> OpenWarning | None:
        return self.open_warnings[0] if self.open_warnings else None


def _within(span: tuple[datetime, datetime]) -> Q:
    return Q(start__gte=span[0], start__lt=span[1])


def _session_sums(ids: list[int], windows: ListWindows) -> dict[int, AthleteFigures]:
    """One grouped query over the six weeks the figures read."""
    run = Q(kind=Kind.RUN)
    hip_exercise = SessionExercise.objects.filter(
        Q(exercise__category=Category.HIP) | Q(exercise__secondary_category=Category.HIP),
        session=OuterRef("pk"),
        exercise__level=OuterRef("athlete__profile__hip_level"),
    )
    first = min(windows.chronic_weeks[0][0], windows.last_week[0], windows.pain_since)
    last = max(windows.this_week[1], windows.acute[1])
    pain = Q(start__gte=windows.pain_since)
    chronic = Q(start__gte=windows.chronic_weeks[0][0], start__lt=windows.chronic_weeks[-1][1])
    weeks = {
        f"chronic_{n}": Count("pk", filter=_within(span))
        for n, span in enumerate(windows.chronic_weeks)
    }
    found = (
        Session.objects.filter(athlete_id__in=ids, start__gte=first, start__lt=last)
        .order_by()
        .values("athlete_id")
        .annotate(
            run_m_this_week=Sum("distance_m", filter=run & _within(windows.this_week)),
            run_m_last_week=Sum("distance_m", filter=run & _within(windows.last_week)),
            load_this_week=Sum("load", filter=_within(windows.this_week)),
            load_last_week=Sum("load", filter=_within(windows.last_week)),
            acute_load=Sum("load", filter=_within(windows.acute)),
            chronic_load=Sum("load", filter=chronic),
            max_pain_14d=Max("pain", filter=pain, output_field=IntegerField()),
            sharp_pain_14d=Count("pk", filter=pain & Q(sharp_pain=True)),
            hip_sessions_this_week=Count(
                "pk",
                filter=Q(kind=Kind.STRENGTH) & _within(windows.this_week) & Q(Exists(hip_exercise)),
            ),
            **weeks,
        )
    )
    figures = {}
    for values in found:
        row: dict[str, Any] = dict(values)
        figures[row["athlete_id"]] = AthleteFigures(
            run_m_this_week=row["run_m_this_week"] or 0,
            run_m_last_week=row["run_m_last_week"] or 0,
            load_this_week=float(row["load_this_week"] or 0),
            load_last_week=float(row["load_last_week"] or 0),
            acute_load=float(row["acute_load"] or 0),
            chronic_load=float(row["chronic_load"] or 0),
            chronic_weeks_active=sum(1 for name in weeks if row[name]),
            max_pain_14d=row["max_pain_14d"],
            sharp_pain_14d=bool(row["sharp_pain_14d"]),
            hip_sessions_this_week=row["hip_sessions_this_week"],
        )
    return figures


def athlete_figures(*, athletes: Sequence[User], windows: ListWindows) -> dict[int, AthleteFigures]:
    """The figures of these athletes (the page shown), in two queries however many."""
    ids = [a.pk for a in athletes]
    if not ids:
        return {}
    figures = _session_sums(ids, windows)
    warnings: dict[int, list[OpenWarning]] = {}
    for warning in (
        _open_warnings(windows)
        .filter(athlete_id__in=ids)
        .order_by("athlete_id", "risk_rank", "-day", "pk")
        .values_list("athlete_id", "rule", "severity", "day", "numbers")
    ):
        warnings.setdefault(warning[0], []).append(OpenWarning(*warning[1:]))
    result = {}
    for pk in ids:
        found = figures.get(pk) or AthleteFigures()
        found.open_warnings = tuple(warnings.get(pk, ()))
        result[pk] = found
    return result


# The coach's home ------------------------------------------------------------------------

# How far back the home looks for the newest sessions (an index range, not the histories).
NEWEST_SESSION_DAYS = 14


@dataclass(frozen=True)
class SquadCounts:
    athletes: int
    with_warnings: int
    with_pain: int
    quiet: int


def squad_counts(athletes: QuerySet[User], *, windows: ListWindows) -> SquadCounts:
    """How many athletes, and how many of them have an open warning, pain of the last 14
    days, or no session for 14 days: one query."""
    last = Subquery(
        Session.objects.filter(athlete=OuterRef("pk")).order_by("-start").values("start")[:1]
    )
    found = (
        athletes.order_by()
        .annotate(
            last_session_at=last,
            has_warning=with_open_warnings(windows),
            has_pain=with_pain(windows),
        )
        .aggregate(
            athletes=Count("pk"),
            with_warnings=Count("pk", filter=Q(has_warning=True)),
            with_pain=Count("pk", filter=Q(has_pain=True)),
            quiet=Count(
                "pk",
                filter=Q(last_session_at__isnull=True)
                | Q(last_session_at__lt=windows.quiet_before),
            ),
        )
    )
    return SquadCounts(**found)


def newest_sessions(athletes: QuerySet[User], *, now: datetime, limit: int) -> list[Session]:
    """The newest sessions of these athletes (of the last NEWEST_SESSION_DAYS), with their
    athlete: one query."""
    return list(
        Session.objects.filter(
            athlete__in=athletes, start__gte=now - timedelta(days=NEWEST_SESSION_DAYS)
        )
        .select_related("athlete__profile")
        .defer("track", "notes")
        .order_by("-start", "-pk")[:limit]
    )


@dataclass(frozen=True)
class AthletePlanCheck:
    athlete: User
    check: PlanCheck


def plan_checks_for(*, athletes: QuerySet[User], now: datetime) -> list[AthletePlanCheck]:
    """The upcoming planned sessions of these athletes that the plan check marks
    (coaching.selectors.plan_check_for), soonest first: two queries (one without plans),
    whatever the number of athletes, plans and sessions."""
    # Every zone's today is at most a day from UTC's; each athlete's own today is sorted
    # out below.
    earliest = now.astimezone(UTC).date() - timedelta(days=1)
    upcoming: dict[int, list[PlannedSession]] = {}
    by_pk: dict[int, User] = {}
    today_of: dict[int, date] = {}
    for planned in (
        PlannedSession.objects.filter(athlete__in=athletes, day__gte=earliest)
        .select_related("athlete__profile")
        .order_by("day", "pk")
    ):
        athlete = by_pk.setdefault(planned.athlete_id, planned.athlete)
        today = today_of.setdefault(athlete.pk, load.local_day(now, athlete.profile.tz))
        if planned.day >= today:
            upcoming.setdefault(athlete.pk, []).append(planned)
    if not upcoming:
        return []
    registry = load.active()
    rules = plan_check.plan_rules(registry.rules)
    windows = {
        pk: load.window_needed(today_of[pk], plans[-1].day, rules=rules)
        for pk, plans in upcoming.items()
    }
    sessions: dict[int, list[Session]] = {pk: [] for pk in upcoming}
    for session in (
        Session.objects.filter(
            athlete_id__in=list(upcoming),
            start__gte=_midnight_utc(min(first for first, _ in windows.values()) - timedelta(1)),
            start__lt=_midnight_utc(max(last for _, last in windows.values()) + timedelta(2)),
        )
        .only("athlete_id", *logbook_services.SESSION_FACT_FIELDS)
        .order_by("start", "pk")
    ):
        sessions[session.athlete_id].append(session)
    found = []
    for pk, plans in upcoming.items():
        tz = by_pk[pk].profile.tz
        first, last = windows[pk]
        own = [s for s in sessions[pk] if first <= load.local_day(s.start, tz) <= last]
        checks = selectors.plan_check_of(tz=tz, today=today_of[pk], upcoming=plans, sessions=own)
        found += [AthletePlanCheck(by_pk[pk], check) for check in checks.values()]
    return sorted(found, key=lambda c: (c.check.planned.day, c.athlete.pk, c.check.planned.pk))


def _midnight_utc(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)

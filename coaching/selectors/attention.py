"""The coach's athlete list: the windows it adds up, every figure as an annotation, and
the attention order (DOMAIN.md section 2's order of warnings, then whoever has been quiet
longest).

Day and week boundaries are the coach's own (the coach reads one list at one moment). The
ACWR figure is the acwr rule's, with the options in force (LOAD_RULES): its windows and
its conditions come from the rule, the database only adds up the loads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from accounts.models import User
from coaching.selectors.days import midnight
from exercises.models import Category
from logbook import dashboard, load
from logbook.load.acwr import Acwr, acute_week
from logbook.models import Kind, Session, SessionExercise, TrainingWarning

# The dashboard's window of open warnings.
OPEN_WARNING_DAYS = dashboard.WARNING_DAYS
PAIN_DAYS = 14
QUIET_DAYS = 14
# Ranks of warnings run 0 (highest) to the number of severities in force - 1; athletes
# without one come after.
NO_WARNING_RANK = 999

Span = tuple[datetime, datetime]


def acwr_rule() -> Acwr:
    """The acwr rule in force, or with its defaults when LOAD_RULES switches it off (the
    list still shows the figure)."""
    return load.active().rule_of(Acwr)


@dataclass(frozen=True)
class ListWindows:
    """The local days the athlete list adds up, as [start, end) instants."""

    today: date
    this_week: Span
    last_week: Span
    acute: Span
    chronic_weeks: tuple[Span, ...]  # oldest first
    pain_since: datetime
    warnings_since: date
    quiet_before: datetime

    @classmethod
    def for_day(cls, today: date, tz: tzinfo) -> ListWindows:
        def span(first: date, last: date) -> Span:
            return midnight(first, tz), midnight(last + timedelta(days=1), tz)

        monday = today - timedelta(days=today.weekday())
        return cls(
            today=today,
            this_week=span(monday, monday + timedelta(days=6)),
            last_week=span(monday - timedelta(days=7), monday - timedelta(days=1)),
            acute=span(*acute_week(today)),
            chronic_weeks=tuple(span(*week) for week in acwr_rule().chronic_weeks(today)),
            pain_since=midnight(today - timedelta(days=PAIN_DAYS - 1), tz),
            warnings_since=today - timedelta(days=OPEN_WARNING_DAYS - 1),
            quiet_before=midnight(today - timedelta(days=QUIET_DAYS - 1), tz),
        )


def _sessions(**filters: object) -> QuerySet[Session]:
    return Session.objects.filter(athlete=OuterRef("pk"), **filters).order_by()


def _total(sessions: QuerySet[Session], expression: str | F, *, output: type) -> Coalesce:
    total = sessions.values("athlete").annotate(total=Sum(expression)).values("total")
    return Coalesce(Subquery(total, output_field=output()), Value(0), output_field=output())


def _in(span: Span) -> dict[str, datetime]:
    return {"start__gte": span[0], "start__lt": span[1]}


def _week_figures(windows: ListWindows) -> dict[str, Any]:
    """Distance and load of this week and the last."""
    runs = {"kind": Kind.RUN}
    return {
        "run_m_this_week": _total(
            _sessions(**runs, **_in(windows.this_week)), "distance_m", output=IntegerField
        ),
        "run_m_last_week": _total(
            _sessions(**runs, **_in(windows.last_week)), "distance_m", output=IntegerField
        ),
        "load_this_week": _total(_sessions(**_in(windows.this_week)), "load", output=FloatField),
        "load_last_week": _total(_sessions(**_in(windows.last_week)), "load", output=FloatField),
    }


def _acwr_figures(windows: ListWindows) -> dict[str, Any]:
    """What the acwr rule's ratio is worked out from (`acwr`): the loads of its windows and
    how many of its chronic weeks hold a session."""
    chronic = _sessions(
        start__gte=windows.chronic_weeks[0][0], start__lt=windows.chronic_weeks[-1][1]
    )
    active_weeks = (
        Coalesce(
            Subquery(
                _sessions(**_in(span)).values("athlete").annotate(n=Value(1)).values("n")[:1],
                output_field=IntegerField(),
            ),
            Value(0),
        )
        for span in windows.chronic_weeks
    )
    return {
        "acute_load": _total(_sessions(**_in(windows.acute)), "load", output=FloatField),
        "chronic_load": _total(chronic, "load", output=FloatField),
        "chronic_weeks_active": sum(active_weeks, start=Value(0)),
    }


def _warning_figures(windows: ListWindows) -> dict[str, Any]:
    """How many open warnings, and the first in attention order: its rank and what it is."""
    open_warnings = TrainingWarning.objects.filter(
        athlete=OuterRef("pk"), acknowledged_at__isnull=True, day__gte=windows.warnings_since
    ).order_by("risk_rank", "-day", "pk")
    return {
        "open_warning_count": Coalesce(
            Subquery(
                open_warnings.order_by().values("athlete").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        ),
        "attention_rank": Coalesce(
            Subquery(open_warnings.values("risk_rank")[:1]), Value(NO_WARNING_RANK)
        ),
        "first_warning_rule": Subquery(open_warnings.values("rule")[:1]),
        "first_warning_severity": Subquery(open_warnings.values("severity")[:1]),
    }


def _body_figures(windows: ListWindows) -> dict[str, Any]:
    """Pain of the last 14 days and this week's hip sessions at the athlete's level."""
    hip_exercise = SessionExercise.objects.filter(
        Q(exercise__category=Category.HIP) | Q(exercise__secondary_category=Category.HIP),
        session=OuterRef("pk"),
        exercise__level=OuterRef(OuterRef("profile__hip_level")),
    )
    hip_sessions = (
        _sessions(kind=Kind.STRENGTH, **_in(windows.this_week))
        .filter(Exists(hip_exercise))
        .values("athlete")
        .annotate(total=Count("pk"))
        .values("total")
    )
    recent_pain = _sessions(start__gte=windows.pain_since)
    return {
        "max_pain_14d": Subquery(
            recent_pain.values("athlete").annotate(top=Max("pain")).values("top"),
            output_field=IntegerField(),
        ),
        "sharp_pain_14d": Exists(recent_pain.filter(sharp_pain=True)),
        "hip_sessions_this_week": Coalesce(
            Subquery(hip_sessions, output_field=IntegerField()), Value(0)
        ),
    }


def athlete_list(athletes: QuerySet[User], *, windows: ListWindows) -> QuerySet[User]:
    """Every figure of the coach's athlete list as an annotation: one query for the page,
    however many athletes."""
    return athletes.select_related("profile").annotate(
        last_session_at=Subquery(
            _sessions().values("athlete").annotate(last=Max("start")).values("last")
        ),
        first_session_at=Subquery(
            _sessions().values("athlete").annotate(first=Min("start")).values("first")
        ),
        **_week_figures(windows),
        **_acwr_figures(windows),
        **_warning_figures(windows),
        **_body_figures(windows),
    )


# DOMAIN.md section 2's attention order, then whoever has been quiet longest: the athlete
# list's and the digest's order (fields of athlete_list).
ATTENTION_ORDERING = ("attention_rank", F("last_session_at").asc(nulls_first=True), "pk")


def acwr(
    *,
    acute_load: float,
    chronic_load: float,
    first_session_at: datetime | None,
    chronic_weeks_active: int,
    today: date,
    tz: tzinfo,
) -> float | None:
    """The acwr rule's uncoupled ratio from the loads of `ListWindows`, under the rule's
    own conditions and options in force, rounded as its warning quotes it; or None."""
    first_day = None if first_session_at is None else load.local_day(first_session_at, tz)
    return acwr_rule().ratio(
        acute_load=acute_load,
        chronic_load=chronic_load,
        weeks_with_sessions=chronic_weeks_active,
        first_session_day=first_day,
        day=today,
    )


def change_pct(this: float, previous: float) -> float | None:
    """This against the previous figure in %, or None when there is nothing to compare with."""
    if not previous:
        return None
    return (this - previous) / previous * 100

"""What a coach reads: their athletes with the figures of the athlete list, an athlete's
progression status, the notes an athlete sees, and the link to an athlete's admin page.

Day and week boundaries of the athlete list are the coach's own (the coach reads one list
at one moment); the athlete page and the dashboard use the athlete's own zone."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from allauth.account.models import EmailAddress
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
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from coaching import plan_check, plans
from coaching.models import INVITATION_VALID_DAYS, CoachNote, Invitation, PlannedSession
from exercises import progressions
from exercises.models import Category
from logbook import dashboard, load
from logbook import selectors as logbook_selectors
from logbook import services as logbook_services
from logbook.load.acwr import CHRONIC_DAYS as ACWR_CHRONIC_DAYS
from logbook.load.acwr import CHRONIC_WEEKS as ACWR_CHRONIC_WEEKS
from logbook.models import Kind, Session, SessionExercise, TrainingWarning

# The dashboard's window of open warnings.
OPEN_WARNING_DAYS = dashboard.WARNING_DAYS
PAIN_DAYS = 14
QUIET_DAYS = 14
# Ranks of warnings run 0 (highest) to len(RISK_ORDER) - 1; athletes without one come after.
NO_WARNING_RANK = 999
DASHBOARD_NOTES = 5


def athlete_admin_url(athlete: User) -> str:
    """The athlete's page in the coach's admin (a path; e-mails prefix the site URL)."""
    return reverse("admin:coaching_athlete_change", args=[athlete.pk])


def athletes_for(*, coach: User) -> QuerySet[User]:
    """The athletes a coach may see: their own, or everyone for a superuser."""
    athletes = User.objects.all()
    if coach.is_superuser:
        return athletes
    if not (coach.is_active and coach.is_staff):
        return athletes.none()
    return athletes.filter(profile__coach=coach)


def _midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz)


@dataclass(frozen=True)
class ListWindows:
    """The local days the athlete list adds up, as [start, end) instants."""

    today: date
    this_week: tuple[datetime, datetime]
    last_week: tuple[datetime, datetime]
    acute: tuple[datetime, datetime]
    chronic_weeks: tuple[tuple[datetime, datetime], ...]  # oldest first
    pain_since: datetime
    warnings_since: date
    quiet_before: datetime

    @classmethod
    def for_day(cls, today: date, tz: tzinfo) -> ListWindows:
        def span(first: date, days: int) -> tuple[datetime, datetime]:
            return _midnight(first, tz), _midnight(first + timedelta(days=days), tz)

        monday = today - timedelta(days=today.weekday())
        acute_first = today - timedelta(days=load.WEEK_DAYS - 1)
        chronic_first = acute_first - timedelta(days=ACWR_CHRONIC_DAYS)
        return cls(
            today=today,
            this_week=span(monday, 7),
            last_week=span(monday - timedelta(days=7), 7),
            acute=span(acute_first, load.WEEK_DAYS),
            chronic_weeks=tuple(
                span(chronic_first + timedelta(days=7 * n), 7) for n in range(ACWR_CHRONIC_WEEKS)
            ),
            pain_since=_midnight(today - timedelta(days=PAIN_DAYS - 1), tz),
            warnings_since=today - timedelta(days=OPEN_WARNING_DAYS - 1),
            quiet_before=_midnight(today - timedelta(days=QUIET_DAYS - 1), tz),
        )


def _sessions(**filters: object) -> QuerySet[Session]:
    return Session.objects.filter(athlete=OuterRef("pk"), **filters).order_by()


def _total(sessions: QuerySet[Session], expression: str | F, *, output: type) -> Coalesce:
    total = sessions.values("athlete").annotate(total=Sum(expression)).values("total")
    return Coalesce(Subquery(total, output_field=output()), Value(0), output_field=output())


def _in(span: tuple[datetime, datetime]) -> dict[str, datetime]:
    return {"start__gte": span[0], "start__lt": span[1]}


def athlete_list(athletes: QuerySet[User], *, windows: ListWindows) -> QuerySet[User]:
    """Every figure of the coach's athlete list as an annotation: one query for the page,
    however many athletes."""
    open_warnings = TrainingWarning.objects.filter(
        athlete=OuterRef("pk"), acknowledged_at__isnull=True, day__gte=windows.warnings_since
    ).order_by("risk_rank", "-day", "pk")
    runs = {"kind": Kind.RUN}
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
    return athletes.select_related("profile").annotate(
        last_session_at=Subquery(
            _sessions().values("athlete").annotate(last=Max("start")).values("last")
        ),
        first_session_at=Subquery(
            _sessions().values("athlete").annotate(first=Min("start")).values("first")
        ),
        run_m_this_week=_total(
            _sessions(**runs, **_in(windows.this_week)), "distance_m", output=IntegerField
        ),
        run_m_last_week=_total(
            _sessions(**runs, **_in(windows.last_week)), "distance_m", output=IntegerField
        ),
        load_this_week=_total(_sessions(**_in(windows.this_week)), "load", output=FloatField),
        load_last_week=_total(_sessions(**_in(windows.last_week)), "load", output=FloatField),
        acute_load=_total(_sessions(**_in(windows.acute)), "load", output=FloatField),
        chronic_load=_total(
            _sessions(
                start__gte=windows.chronic_weeks[0][0], start__lt=windows.chronic_weeks[-1][1]
            ),
            "load",
            output=FloatField,
        ),
        chronic_weeks_active=sum(
            (
                Coalesce(
                    Subquery(
                        _sessions(**_in(span))
                        .values("athlete")
                        .annotate(n=Value(1))
                        .values("n")[:1],
                        output_field=IntegerField(),
                    ),
                    Value(0),
                )
                for span in windows.chronic_weeks
            ),
            start=Value(0),
        ),
        open_warning_count=Coalesce(
            Subquery(
                open_warnings.order_by().values("athlete").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        ),
        attention_rank=Coalesce(
            Subquery(open_warnings.values("risk_rank")[:1]), Value(NO_WARNING_RANK)
        ),
        first_warning_rule=Subquery(open_warnings.values("rule")[:1]),
        first_warning_severity=Subquery(open_warnings.values("severity")[:1]),
        max_pain_14d=Subquery(
            recent_pain.values("athlete").annotate(top=Max("pain")).values("top"),
            output_field=IntegerField(),
        ),
        sharp_pain_14d=Exists(recent_pain.filter(sharp_pain=True)),
        hip_sessions_this_week=Coalesce(
            Subquery(hip_sessions, output_field=IntegerField()), Value(0)
        ),
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
    min_history_days: int | None = None,
) -> float | None:
    """The uncoupled ratio under the rule's own conditions (DOMAIN.md section 2), or None.
    `min_history_days`: the rule's threshold, when the caller has it at hand."""
    if not chronic_load or first_session_at is None or chronic_weeks_active < ACWR_CHRONIC_WEEKS:
        return None
    days = (today - load.local_day(first_session_at, tz)).days + 1
    if days < (min_history_days or load.Thresholds().acwr_min_history_days):
        return None
    return acute_load / (chronic_load / ACWR_CHRONIC_WEEKS)


def change_pct(this: float, previous: float) -> float | None:
    """This against the previous figure in %, or None when there is nothing to compare with."""
    if not previous:
        return None
    return (this - previous) / previous * 100


# The athlete page ---------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressionStatus:
    title: str
    suggestion: progressions.Suggestion


def _progression_titles() -> dict[str, str]:
    return {
        progressions.HIP: _("Hip programme"),
        progressions.RETRO_WALK: _("Retro walking"),
        progressions.RETRO_RUN: _("Retro running"),
        progressions.TRAIL: _("Trail running"),
        progressions.LONG_RUN: _("Long run"),
    }


def athlete_progression(
    *, athlete: User, today: date, figures: dashboard.Dashboard | None = None
) -> list[ProgressionStatus]:
    """Where the athlete stands in each progression: the weekly reminder's next steps
    (logbook.selectors.next_steps, DOMAIN.md section 3), as the coach sees them; from the
    dashboard's figures when the page has them (the same read of the recent weeks)."""
    if figures is not None:
        steps = [
            *figures.next_steps,
            progressions.long_run_suggestion(
                figures.longest_run_30d_m,
                base_m=figures.long_run_base_m,
                cap_m=figures.next_long_run_cap_m,
            ),
        ]
    else:
        recent = logbook_selectors.recent_training_for(athletes=[athlete], today=today)
        steps = [*logbook_selectors.steps_from(recent[athlete.pk]), recent[athlete.pk].long_run()]
    titles = _progression_titles()
    return [ProgressionStatus(titles[s.progression], s) for s in steps]


def notes_for_athlete(*, athlete: User, limit: int = DASHBOARD_NOTES) -> list[CoachNote]:
    """The newest notes the athlete's coaches wrote, with their authors."""
    return list(CoachNote.objects.filter(athlete=athlete).select_related("author__profile")[:limit])


def open_invitations_for(*, user: User, now: datetime) -> list[Invitation]:
    """Invitations not yet answered or expired, to any verified address of the user."""
    addresses = {user.email.lower()}
    addresses |= {
        e.lower()
        for e in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }
    matching = Q()
    for address in addresses:
        matching |= Q(email__iexact=address)
    return list(
        Invitation.objects.filter(
            matching,
            accepted_at__isnull=True,
            declined_at__isnull=True,
            created_at__gt=now - timedelta(days=INVITATION_VALID_DAYS),
        )
        .exclude(coach=user)
        .select_related("coach__profile")
    )


# Training plans -----------------------------------------------------------------------


# Bootstrap badge colours of the statuses (each also says its word: colour is never alone).
PLAN_STATUS_CLASSES: dict[str, str] = {
    plans.PLANNED: "text-bg-secondary",
    plans.DONE: "text-bg-success",
    plans.PARTLY: "text-bg-warning",
    plans.OFF: "text-bg-danger",
    plans.MISSED: "text-bg-dark",
}


def plan_status_labels() -> dict[str, str]:
    return {
        plans.PLANNED: _("planned"),
        plans.DONE: _("done"),
        plans.PARTLY: _("partly"),
        plans.OFF: _("off target"),
        plans.MISSED: _("missed"),
    }


@dataclass(frozen=True)
class PlannedItem:
    """A planned session with what fulfils it and its status (coaching.plans)."""

    planned: PlannedSession
    status: plans.Status
    session: Session | None  # the session that fulfils it
    day_sessions: tuple[Session, ...]  # every session of its local day, to change the match

    @property
    def pinned(self) -> bool:
        return self.planned.match_session_id is not None or self.planned.match_declined

    @property
    def status_label(self) -> str:
        return plan_status_labels()[self.status]

    @property
    def status_class(self) -> str:
        return PLAN_STATUS_CLASSES[self.status]


@dataclass(frozen=True)
class PlanWeek:
    monday: date
    items: tuple[PlannedItem, ...]
    compliance: float | None

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def compliance_pct(self) -> int | None:
        return plans.compliance_pct(self.compliance)

    def days(self) -> list[tuple[date, list[PlannedItem]]]:
        by_day: dict[date, list[PlannedItem]] = {
            self.monday + timedelta(days=n): [] for n in range(7)
        }
        for item in self.items:
            by_day[item.planned.day].append(item)
        return list(by_day.items())

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(plans.STATUSES, 0)
        for item in self.items:
            counts[item.status] += 1
        return counts


def match_day(
    planned: list[PlannedSession], sessions: list[Session], today: date
) -> list[PlannedItem]:
    """Who fulfils whom on one local day: pinned matches first, then each planned session
    (in the order planned) takes the earliest free session of its kind. A session fulfils
    at most one planned session."""
    by_pk = {s.pk: s for s in sessions}
    taken: set[int] = set()
    fulfils: dict[int, Session | None] = {}
    for p in planned:
        pinned = by_pk.get(p.match_session_id) if p.match_session_id else None
        if pinned is not None and pinned.pk not in taken:
            fulfils[p.pk] = pinned
            taken.add(pinned.pk)
        elif p.match_declined:
            fulfils[p.pk] = None
    for p in planned:
        if p.pk in fulfils:
            continue
        match = next((s for s in sessions if s.kind == p.kind and s.pk not in taken), None)
        fulfils[p.pk] = match
        if match is not None:
            taken.add(match.pk)
    items = []
    for p in planned:
        match = fulfils[p.pk]
        items.append(
            PlannedItem(
                planned=p,
                status=plans.status(
                    day=p.day,
                    today=today,
                    target_duration_s=p.duration_s,
                    target_distance_m=p.distance_m,
                    done_duration_s=match.duration_s if match else None,
                    done_distance_m=match.distance_m if match else None,
                    fulfilled=match is not None,
                ),
                session=match,
                day_sessions=tuple(sessions),
            )
        )
    return items


def _plan_items(
    athletes: Sequence[User], *, first: date, last: date, today_of: dict[int, date]
) -> dict[int, list[PlannedItem]]:
    """Every planned session of the athletes from first to last (local days, inclusive)
    with its status: three queries (one when nothing is planned), whatever the number of
    athletes, plans and sessions."""
    ids = [a.pk for a in athletes]
    tz_of = {a.pk: a.profile.tz for a in athletes}
    planned = list(
        PlannedSession.objects.filter(athlete_id__in=ids, day__gte=first, day__lte=last)
        .select_related("progression_step__progression", "planned_by__profile")
        .prefetch_related("exercises")
        .order_by("day", "pk")
    )
    items: dict[int, list[PlannedItem]] = {pk: [] for pk in ids}
    if not planned:
        return items
    # A day lies within a day of UTC's in every zone; the local day is sorted out below.
    sessions = (
        Session.objects.filter(
            athlete_id__in=ids,
            start__gte=_midnight(first - timedelta(days=1), UTC),
            start__lt=_midnight(last + timedelta(days=2), UTC),
        )
        .defer("track", "notes")
        .order_by("start", "pk")
    )
    sessions_of: dict[tuple[int, date], list[Session]] = defaultdict(list)
    for session in sessions:
        local = load.local_day(session.start, tz_of[session.athlete_id])
        if first <= local <= last:
            sessions_of[(session.athlete_id, local)].append(session)
    planned_of: dict[tuple[int, date], list[PlannedSession]] = defaultdict(list)
    for p in planned:
        planned_of[(p.athlete_id, p.day)].append(p)
    for (athlete_id, day), day_planned in sorted(planned_of.items(), key=lambda kv: kv[0][1]):
        items[athlete_id].extend(
            match_day(day_planned, sessions_of[(athlete_id, day)], today_of[athlete_id])
        )
    return items


def _weeks(items: list[PlannedItem], first_monday: date, weeks: int, today: date) -> list[PlanWeek]:
    result = []
    for n in range(weeks):
        monday = first_monday + timedelta(days=7 * n)
        week_items = tuple(i for i in items if monday <= i.planned.day < monday + timedelta(days=7))
        result.append(
            PlanWeek(
                monday=monday,
                items=week_items,
                compliance=plans.compliance(
                    ((i.planned.day, i.status) for i in week_items), today=today
                ),
            )
        )
    return result


def plan_today(athlete: User) -> date:
    return load.local_day(timezone.now(), athlete.profile.tz)


def plan_weeks(
    *, athlete: User, first_monday: date, weeks: int = 1, today: date | None = None
) -> list[PlanWeek]:
    """The athlete's plan for `weeks` ISO weeks from first_monday, each planned session with
    its status and each week with its compliance, in three queries."""
    today = today or plan_today(athlete)
    last = first_monday + timedelta(days=7 * weeks - 1)
    items = _plan_items([athlete], first=first_monday, last=last, today_of={athlete.pk: today})
    return _weeks(items[athlete.pk], first_monday, weeks, today)


def plan_compliance_for(
    *,
    athletes: Sequence[User],
    monday: date | None = None,
    now: datetime | None = None,
    weeks_back: int = 0,
) -> dict[int, PlanWeek]:
    """Each athlete's plan week (the ISO week starting on monday, by default each athlete's
    current one, or the one `weeks_back` weeks before it) with its compliance, in three
    queries whatever the number of athletes.
    The athletes need their profile loaded (select_related("profile"))."""
    now = now or timezone.now()
    today_of = {a.pk: load.local_day(now, a.profile.tz) for a in athletes}
    monday_of = {
        pk: monday or plans.week_monday(today) - timedelta(days=7 * weeks_back)
        for pk, today in today_of.items()
    }
    if not athletes:
        return {}
    items = _plan_items(
        athletes,
        first=min(monday_of.values()),
        last=max(monday_of.values()) + timedelta(days=6),
        today_of=today_of,
    )
    return {
        a.pk: _weeks(
            [i for i in items[a.pk] if i.planned.day >= monday_of[a.pk]],
            monday_of[a.pk],
            1,
            today_of[a.pk],
        )[0]
        for a in athletes
    }


def planned_for(*, athlete: User) -> QuerySet[PlannedSession]:
    """The athlete's own planned sessions: every lookup of a runner's plan starts here."""
    return PlannedSession.objects.filter(athlete=athlete)


def plan_all(*, athlete: User, today: date) -> list[PlannedItem]:
    """Every planned session of the athlete with its status (the export), in three queries."""
    span = PlannedSession.objects.filter(athlete=athlete).aggregate(
        first=Min("day"), last=Max("day")
    )
    if span["first"] is None:
        return []
    return _plan_items(
        [athlete], first=span["first"], last=span["last"], today_of={athlete.pk: today}
    )[athlete.pk]


def plan_upcoming(*, athlete: User, first: date, days: int) -> list[PlannedSession]:
    """Planned sessions from first for `days` days, for the calendar feed and the reminder."""
    return list(
        PlannedSession.objects.filter(
            athlete=athlete, day__gte=first, day__lt=first + timedelta(days=days)
        )
        .prefetch_related("exercises")
        .select_related("progression_step__progression")
        .order_by("day", "pk")
    )


# The plan check ------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanCheck:
    """What the load rules would say about one upcoming planned session (coaching.plan_check):
    derived on every read, never stored."""

    planned: PlannedSession
    warnings: tuple[load.LoadWarning, ...]


def plan_check_for(*, athlete: User, today: date | None = None) -> dict[int, PlanCheck]:
    """The athlete's upcoming planned sessions (from today on, not yet done) that the load
    rules would flag, by id: two queries whatever the length of plan and history."""
    tz = athlete.profile.tz
    today = today or plan_today(athlete)
    upcoming = list(
        PlannedSession.objects.filter(athlete=athlete, day__gte=today).order_by("day", "pk")
    )
    registry = load.active()
    rules = plan_check.plan_rules(registry.rules)
    last_day = max(today, upcoming[-1].day if upcoming else today)
    first, last = load.window_needed(today, last_day, registry.thresholds, rules)
    rows = list(
        Session.objects.filter(
            athlete=athlete,
            start__gte=_midnight(first, tz),
            start__lt=_midnight(last + timedelta(days=1), tz),
        )
        .only(*logbook_services.SESSION_FACT_FIELDS)
        .order_by("start", "pk")
    )
    return plan_check_of(tz=tz, today=today, upcoming=upcoming, sessions=rows)


def plan_check_of(
    *, tz: tzinfo, today: date, upcoming: list[PlannedSession], sessions: list[Session]
) -> dict[int, PlanCheck]:
    """plan_check_for on what it read: the upcoming planned sessions (from today on, in
    day order) and the sessions of the window the rules need (load.window_needed), in
    start order. Shared with the coach's home, which reads them for all athletes at once."""
    registry = load.active()
    rules = plan_check.plan_rules(registry.rules)
    todays = [p for p in upcoming if p.day == today]
    if todays:
        # Today's planned session that a logged one fulfils is in the history already.
        of_today = [s for s in sessions if load.local_day(s.start, tz) == today]
        done = {i.planned.pk for i in match_day(todays, of_today, today) if i.session}
        upcoming = [p for p in upcoming if p.pk not in done]
    if not upcoming or not rules:
        return {}
    history = [logbook_services.session_facts(s) for s in sessions]
    found = plan_check.plan_check(
        history,
        [
            plan_check.PlannedFacts(
                id=p.pk,
                day=p.day,
                kind=p.kind,
                duration_s=p.duration_s,
                distance_m=p.distance_m,
                rpe=p.rpe,
                backward_s=p.backward_s,
            )
            for p in upcoming
        ],
        tz=tz,
        thresholds=registry.thresholds,
        rules=rules,
    )
    return {
        p.pk: PlanCheck(planned=p, warnings=tuple(found[p.pk])) for p in upcoming if found[p.pk]
    }


_PLAN_CHECKS_ATTRIBUTE = "_coaching_plan_checks"


def plan_check_cached(request: HttpRequest, *, athlete_id: int) -> dict[int, PlanCheck]:
    """plan_check_for, once per request and athlete (every planned session on a page asks)."""
    cache: dict[int, dict[int, PlanCheck]] = getattr(request, _PLAN_CHECKS_ATTRIBUTE, {})
    setattr(request, _PLAN_CHECKS_ATTRIBUTE, cache)
    if athlete_id not in cache:
        user = request.user
        if isinstance(user, User) and user.pk == athlete_id:
            athlete = user
        else:
            athlete = User.objects.select_related("profile").get(pk=athlete_id)
        cache[athlete_id] = plan_check_for(athlete=athlete)
    return cache[athlete_id]


def plan_check_remember(
    request: HttpRequest, *, athlete: User, checks: dict[int, PlanCheck]
) -> None:
    """Keep checks already made for this request, for the marks of the page."""
    cache: dict[int, dict[int, PlanCheck]] = getattr(request, _PLAN_CHECKS_ATTRIBUTE, {})
    cache[athlete.pk] = checks
    setattr(request, _PLAN_CHECKS_ATTRIBUTE, cache)


def dashboard_part(request: HttpRequest, athlete: User, today: date) -> dict[str, Any]:
    """What the runner's dashboard shows of coaching, read by its view (registered in
    CoachingConfig.ready()): the plan of this ISO week, today's sessions apart to come
    first, with the plan check's marks when anything is planned; the coach's notes."""
    (week,) = plan_weeks(athlete=athlete, first_monday=plans.week_monday(today), today=today)
    if week.items:
        plan_check_remember(
            request, athlete=athlete, checks=plan_check_for(athlete=athlete, today=today)
        )
    return {
        "plan": {
            "week": week,
            "today": today,
            "today_items": [i for i in week.items if i.planned.day == today],
            "other_items": [i for i in week.items if i.planned.day != today],
        },
        "coach_notes": notes_for_athlete(athlete=athlete),
    }

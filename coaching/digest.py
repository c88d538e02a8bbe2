"""The coach's weekly digest: each athlete's week (sessions, running distance, load, the
highest pain, plan compliance, open alarms), in the athlete list's attention order.

It reads the same selectors as the coach's athlete list (coaching.selectors.athlete_list
with ListWindows in the coach's zone, and plan_compliance_for), so the digest and the list
never disagree, and its queries do not grow with the number of athletes: a batch of
digests costs a fixed handful per (week, coach's zone) it holds."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Subquery
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from coaching import selectors
from logbook import load
from logbook.models import Session, TrainingWarning
from notifications import links, schedule
from notifications.html import render_email
from notifications.kinds import EmailKind, RenderedEmail, kind_register
from notifications.models import OutboxEmail
from notifications.services import DIGEST
from runningcoach import units


@dataclass(frozen=True)
class AthleteWeek:
    name: str
    url: str
    sessions: int
    run_m: int
    load: float
    max_pain: int | None
    sharp_pain: bool
    compliance_pct: int | None  # None: nothing planned whose day has passed
    planned: int
    alarms: list[TrainingWarning]  # rendered in the coach's language: {{ w.view.title }}
    other_warnings: list[TrainingWarning]
    quiet_since: date | None  # the last session's day, when that is QUIET_DAYS or more ago
    never_logged: bool

    @property
    def figures(self) -> str:
        """ "3 sessions · 26.1 km running · load 810"."""
        return " · ".join(
            [
                ngettext("%(n)d session", "%(n)d sessions", self.sessions) % {"n": self.sessions},
                gettext("%(distance)s running") % {"distance": units.km(self.run_m)},
                gettext("load %(load)s") % {"load": units.load(self.load)},
            ]
        )

    @property
    def pain(self) -> str:
        if self.sharp_pain:
            return gettext("sharp pain, highest %(pain)d/10") % {"pain": self.max_pain or 0}
        if self.max_pain:
            return gettext("highest pain %(pain)d/10") % {"pain": self.max_pain}
        return ""

    @property
    def plan(self) -> str:
        if self.compliance_pct is None:
            return gettext("no plan for the week")
        return ngettext(
            "plan: %(pct)d %% done of %(n)d planned session",
            "plan: %(pct)d %% done of %(n)d planned sessions",
            self.planned,
        ) % {"pct": self.compliance_pct, "n": self.planned}


@dataclass
class _DigestBatch:
    lines: dict[tuple[str, int], list[AthleteWeek]] = field(default_factory=dict)


def _week_figures(athletes: Any, windows: selectors.ListWindows) -> Any:
    """The athlete list's figures, with the reported week's session count and pain."""
    week = Session.objects.filter(
        athlete=OuterRef("pk"),
        start__gte=windows.last_week[0],
        start__lt=windows.last_week[1],
    ).order_by()
    return (
        selectors.athlete_list(athletes, windows=windows)
        .annotate(
            sessions_week=Subquery(
                week.values("athlete").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            max_pain_week=Subquery(
                week.values("athlete").annotate(top=Max("pain")).values("top"),
                output_field=IntegerField(),
            ),
            sharp_pain_week=Exists(week.filter(sharp_pain=True)),
        )
        .order_by(*selectors.ATTENTION_ORDERING)
    )


def _open_warnings(
    athlete_ids: list[int], since: date, before: date
) -> dict[int, list[TrainingWarning]]:
    by_athlete: dict[int, list[TrainingWarning]] = defaultdict(list)
    for warning in TrainingWarning.objects.filter(
        athlete_id__in=athlete_ids,
        acknowledged_at__isnull=True,
        day__gte=since,
        day__lt=before,
    ).order_by("risk_rank", "-day", "pk"):
        by_athlete[warning.athlete_id].append(warning)
    return by_athlete


def _lines_for(coaches: Sequence[User], key: str) -> dict[int, list[AthleteWeek]]:
    """Every athlete's week for coaches who share a zone, in four queries plus three for
    the plans, whatever the number of athletes."""
    tz = coaches[0].profile.tz
    today = schedule.report_day(key)
    windows = selectors.ListWindows.for_day(today, tz)
    athletes = list(
        _week_figures(
            User.objects.filter(profile__coach__in=coaches, is_active=True), windows=windows
        )
    )
    if not athletes:
        return {}
    ids = [a.pk for a in athletes]
    warnings = _open_warnings(ids, windows.warnings_since, today)
    plan = selectors.plan_compliance_for(
        athletes=athletes,
        monday=schedule.week_monday(key),
        now=datetime.combine(today, time(12), tzinfo=tz),
    )
    lines: dict[int, list[AthleteWeek]] = defaultdict(list)
    for athlete in athletes:
        last = athlete.last_session_at
        last_day = load.local_day(last, athlete.profile.tz) if last else None
        quiet = last_day is not None and (today - last_day).days >= selectors.QUIET_DAYS
        open_warnings = warnings.get(athlete.pk, [])
        week_plan = plan.get(athlete.pk)
        lines[athlete.profile.coach_id].append(
            AthleteWeek(
                name=athlete.profile.display_name or athlete.email,
                url=links.coach_athlete_url(athlete.pk),
                sessions=athlete.sessions_week or 0,
                run_m=athlete.run_m_last_week,
                load=athlete.load_last_week,
                max_pain=athlete.max_pain_week,
                sharp_pain=athlete.sharp_pain_week,
                compliance_pct=week_plan.compliance_pct if week_plan else None,
                planned=len(week_plan.items) if week_plan else 0,
                alarms=[w for w in open_warnings if w.rule in load.ALARM_RULES],
                other_warnings=[w for w in open_warnings if w.rule not in load.ALARM_RULES],
                quiet_since=last_day if quiet else None,
                never_logged=last_day is None,
            )
        )
    return lines


def _digest_prepare(rows: Sequence[OutboxEmail]) -> _DigestBatch:
    batch = _DigestBatch()
    groups: dict[tuple[str, str], list[User]] = defaultdict(list)
    for row in rows:
        groups[(row.subject_key, row.user.profile.time_zone)].append(row.user)
    for (key, _zone), coaches in groups.items():
        for coach_id, lines in _lines_for(coaches, key).items():
            batch.lines[(key, coach_id)] = lines
    return batch


def digest_render(row: OutboxEmail, batch: _DigestBatch) -> RenderedEmail | None:
    """The coach's week: every athlete, those needing attention first (DOMAIN.md 2)."""
    lines = batch.lines.get((row.subject_key, row.user_id), [])
    if not lines:
        return None
    monday = schedule.week_monday(row.subject_key)
    profile = getattr(row.user, "profile", None)
    return render_email(
        "coaching/email/digest",
        {
            "name": (profile.display_name if profile else "") or row.user.email,
            "week_days": units.week_days(monday),
            "athletes": lines,
            "trained": sum(1 for a in lines if a.sessions),
            "quiet_days": selectors.QUIET_DAYS,
        },
        recipient=row.user,
    )


kind_register(
    EmailKind(
        code=DIGEST,
        label=_("Weekly digest of your athletes"),
        description=_(
            "Every week: each athlete's distance, load, pain, plan and open alarms, those to "
            "look at first on top."
        ),
        prepare=_digest_prepare,
        render=digest_render,
        coaches_only=True,
    )
)

"""The coach's home: the admin's first page for a coach, saying who needs them.

Athletes in attention order with why (the open warning with its rule and numbers, pain,
gone quiet) and this week's plan compliance, the newest sessions across the athletes,
and the planned sessions that the plan check marks. Superusers, and staff who may not
see athletes, keep Django's index of models.

Every read is scoped to the coach's own athletes (coaching.selectors.athletes_for) and
runs a fixed number of queries whatever the number of athletes, sessions and plans. The
page is kept whole in the cache by the coach's data version (which any write to one of
their athletes raises) and the coach's local day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from coaching import selectors, squad
from coaching.admin.athlete_rows import AthleteRow, athlete_rows
from coaching.admin.common import request_coach, today_of
from coaching.models import Athlete
from coaching.selectors import PlanWeek
from logbook import load
from logbook.models import Session
from logbook.page_cache import cached_response

HOME_ATHLETES = 10
HOME_SESSIONS = 10
HOME_PLAN_CHECKS = 10


def _url(template: str, pk: int) -> str:
    """An admin URL reversed with the id 0, for another id: one reverse() per page."""
    return template.replace("/0/", f"/{pk}/")


@dataclass(frozen=True)
class HomeSession:
    session: Session
    athlete_url: str


@dataclass(frozen=True)
class HomePlanCheck:
    found: squad.AthletePlanCheck
    plan_url: str


@dataclass(frozen=True)
class HomeAthlete:
    row: AthleteRow
    warning_message: str  # the first open warning's own text, with its numbers
    warning_day: date | None  # its session's day (or the day a window rule looked at)
    plan: PlanWeek | None  # this week's plan, None without one


def _home_athletes(coach: User, windows: selectors.ListWindows) -> list[HomeAthlete]:
    scoped = Athlete.objects.filter(pk__in=selectors.athletes_for(coach=coach).values("pk"))
    top = list(
        squad.athlete_order(scoped, windows=windows).order_by(*selectors.ATTENTION_ORDERING)[
            :HOME_ATHLETES
        ]
    )
    figures = squad.athlete_figures(athletes=top, windows=windows)
    weeks = selectors.plan_compliance_for(athletes=top)
    rows = athlete_rows(
        top,
        figures_of=figures,
        today=windows.today,
        tz=coach.profile.tz,
        compliance={pk: week.compliance_pct for pk, week in weeks.items()},
    )
    found = []
    for row in rows:
        first = figures[row.pk].first_warning
        message, day = "", None
        if first is not None:
            day = first.day
            message = load.LoadWarning(
                rule=first.rule,
                severity=first.severity,
                day=first.day,
                session_id=None,
                numbers=first.numbers,
            ).message()
        week = weeks.get(row.pk)
        found.append(HomeAthlete(row, message, day, week if week and week.items else None))
    return found


def home_view(request: HttpRequest) -> HttpResponse:
    coach = request_coach(request)
    now = timezone.now()
    windows = selectors.ListWindows.for_day(today_of(coach), coach.profile.tz)
    athletes = selectors.athletes_for(coach=coach)
    athlete_url = reverse("admin:coaching_athlete_change", args=[0])
    plan_url = reverse("admin:coaching_athlete_plan", args=[0])
    sessions = squad.newest_sessions(athletes, now=now, limit=HOME_SESSIONS)
    checks = squad.plan_checks_for(athletes=athletes, now=now)[:HOME_PLAN_CHECKS]
    context = {
        **admin.site.each_context(request),
        "title": _("Who needs you today"),
        "counts": squad.squad_counts(athletes, windows=windows),
        "athletes": _home_athletes(coach, windows),
        "sessions": [HomeSession(s, _url(athlete_url, s.athlete_id)) for s in sessions],
        "plan_checks": [
            HomePlanCheck(
                c,
                _url(plan_url, c.athlete.pk)
                + f"?week={c.check.planned.day:%Y-%m-%d}#planned-{c.check.planned.pk}",
            )
            for c in checks
        ],
        "list_url": reverse("admin:coaching_athlete_changelist"),
        "quiet_days": selectors.QUIET_DAYS,
        "pain_days": selectors.PAIN_DAYS,
        "session_days": squad.NEWEST_SESSION_DAYS,
        "nothing_open": _("Nothing open: no warning, no pain, a session in the last %(days)d days.")
        % {"days": selectors.QUIET_DAYS},
    }
    return TemplateResponse(request, "coaching/admin/home.html", context)


_django_index = admin.site.index


def coach_index(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
    """The admin's index: the coach's home for a coach, Django's own for anyone else."""
    user = request.user
    athlete_admin = admin.site.get_model_admin(Athlete)
    if not isinstance(user, User) or user.is_superuser:
        return _django_index(request, extra_context)
    may_view, _may_change = athlete_admin.list_rights(request, user)  # type: ignore[attr-defined]
    if not may_view:
        return _django_index(request, extra_context)
    return cached_response(
        request,
        name="coaching.home",
        parts=(user.data_version, today_of(user)),
        render=lambda: home_view(request),
    )


# Django's admin has no setting for its index view; the URLs are built after every admin
# module is imported (runningcoach/urls.py), so they route to this one.
admin.site.index = coach_index  # type: ignore[method-assign]

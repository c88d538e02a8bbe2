"""The runner's plan: a week at a time, what was planned against what was done, their own
planned sessions, the match of each, and the private calendar feed.

Every lookup goes through the runner's own planned sessions, so another runner's plan is a
404. Every change is a POST that goes through coaching.services."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import User
from accounts.requests import signed_in_user
from coaching import calendar, plan_calendar, plans, selectors, services
from coaching.forms import CopyWeekForm, PlannedSessionForm
from coaching.models import PlannedSession
from logbook import load
from logbook.forms import date_in_range
from logbook.models import Session
from logbook.views import FRESH_WARNINGS_KEY


def _today(runner: User) -> date:
    return load.local_day(timezone.now(), runner.profile.tz)


def _week_url(day: date) -> str:
    return reverse("coaching:plan") + f"?week={plans.week_monday(day).isoformat()}"


def week_monday_from(request: HttpRequest, today: date) -> date:
    """The Monday of the week that ?week= names (this week without it), for the runner's
    plan page and the coach's; a week out of range is a 404."""
    raw = request.GET.get("week", "")
    try:
        anchor = date.fromisoformat(raw) if raw else today
    except ValueError:
        anchor = today
    if not date_in_range(anchor, today=today):
        raise Http404(_("No week of training lies that far away."))
    return plans.week_monday(anchor)


def _first_day(request: HttpRequest, monday: date, today: date) -> date:
    """The day the plan form starts on: the day a calendar cell asked for (?day=), else
    today in this week, else the week's Monday."""
    try:
        asked = date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        asked = None
    sunday = monday + timedelta(days=6)
    if asked is not None and monday <= asked <= sunday:
        return asked
    return today if monday <= today <= sunday else monday


def _plan_page(
    request: HttpRequest,
    runner: User,
    *,
    monday: date,
    form: PlannedSessionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    today = _today(runner)
    grid = plan_calendar.plan_calendar(athlete=runner, first_monday=monday, today=today)
    if form is None:
        form = PlannedSessionForm(
            initial=PlannedSessionForm.initial_on(_first_day(request, monday, today))
        )
    iso = monday.isocalendar()
    return render(
        request,
        "coaching/plan.html",
        {
            "calendar": grid,
            "week": grid.weeks[0],
            "today": today,
            "iso_week": iso.week,
            "iso_year": iso.year,
            "previous": monday - timedelta(days=7),
            "next": monday + timedelta(days=7),
            "this_monday": plans.week_monday(today),
            "form": form,
            "copy_form": CopyWeekForm(initial={"week": monday}),
            "feed_url": request.build_absolute_uri(
                reverse("coaching:plan_feed", args=[services.plan_feed_token(athlete=runner)])
            ),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest) -> HttpResponse:
    """The week's plan; a POST adds a planned session of the runner's own."""
    runner = signed_in_user(request)
    if request.method == "POST":
        form = PlannedSessionForm(request.POST)
        if form.is_valid():
            planned = services.plan_session_save(
                athlete=runner, values=form.plan_values(), planned_by=runner
            )
            messages.success(request, _("Added to your plan."))
            return redirect(_week_url(planned.day))
        day = form.cleaned_data.get("day")
        monday = (
            plans.week_monday(day)
            if isinstance(day, date)
            else week_monday_from(request, _today(runner))
        )
        return _plan_page(request, runner, monday=monday, form=form)
    return _plan_page(request, runner, monday=week_monday_from(request, _today(runner)))


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    runner = signed_in_user(request)
    planned = get_object_or_404(selectors.planned_for(athlete=runner), pk=pk)
    if request.method == "POST":
        form = PlannedSessionForm(request.POST)
        if form.is_valid():
            planned = services.plan_session_save(
                athlete=runner, values=form.plan_values(), planned_by=runner, planned=planned
            )
            messages.success(request, _("Planned session saved."))
            return redirect(_week_url(planned.day))
    else:
        form = PlannedSessionForm(initial=PlannedSessionForm.initial_for(planned))
    return render(request, "coaching/plan_edit.html", {"form": form, "planned": planned})


@login_required
@require_POST
def plan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    runner = signed_in_user(request)
    planned = get_object_or_404(selectors.planned_for(athlete=runner), pk=pk)
    day = planned.day
    services.plan_session_delete(planned=planned)
    messages.success(request, _("Planned session removed."))
    return redirect(_week_url(day))


def _day_sessions(runner: User, day: date) -> list[Session]:
    tz = runner.profile.tz
    start = datetime.combine(day, datetime.min.time(), tzinfo=tz)
    return list(
        Session.objects.filter(
            athlete=runner, start__gte=start, start__lt=start + timedelta(days=1)
        ).order_by("start")
    )


@login_required
@require_POST
def plan_match(request: HttpRequest, pk: int) -> HttpResponse:
    """Which session of the day fulfils this planned one: `auto`, `none` or a session id."""
    runner = signed_in_user(request)
    planned: PlannedSession = get_object_or_404(selectors.planned_for(athlete=runner), pk=pk)
    choice = request.POST.get("match", "")
    if choice == "auto":
        services.plan_match_set(planned=planned, session=None)
    elif choice == "none":
        services.plan_match_set(planned=planned, session=None, declined=True)
    else:
        session = next((s for s in _day_sessions(runner, planned.day) if str(s.pk) == choice), None)
        if session is None:
            messages.error(request, _("Pick one of that day's sessions."))
            return redirect(_week_url(planned.day))
        services.plan_match_set(planned=planned, session=session)
    messages.success(request, _("Match saved."))
    return redirect(_week_url(planned.day))


@login_required
@require_POST
def plan_log(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Done as planned": one tap logs the planned session as a session."""
    runner = signed_in_user(request)
    planned: PlannedSession = get_object_or_404(
        selectors.planned_for(athlete=runner).select_related("athlete__profile"), pk=pk
    )
    if planned.duration_s is None or planned.day > _today(runner):
        messages.error(request, _("Log this one with the session form."))
        return redirect(_week_url(planned.day))
    result = services.plan_session_log_as_planned(planned=planned, now=timezone.now())
    assert result.session is not None
    if result.new_warnings:
        request.session[FRESH_WARNINGS_KEY] = [w.pk for w in result.new_warnings]
    messages.success(
        request, _("Logged as planned. Change anything that went differently, and rate it.")
    )
    return redirect("logbook:session_detail", pk=result.session.pk)


def week_copied_message(request: HttpRequest, copies: Sequence[PlannedSession]) -> None:
    """What copying a week forward did, for the runner's plan page and the coach's."""
    if copies:
        messages.success(
            request,
            ngettext(
                "%(n)d planned session copied to the next week.",
                "%(n)d planned sessions copied to the next week.",
                len(copies),
            )
            % {"n": len(copies)},
        )
    else:
        messages.info(request, _("This week has nothing planned to copy."))


@login_required
@require_POST
def plan_copy_week(request: HttpRequest) -> HttpResponse:
    runner = signed_in_user(request)
    form = CopyWeekForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That week cannot be copied."))
        return redirect("coaching:plan")
    week = form.cleaned_data["week"]
    copies = services.plan_week_copy(athlete=runner, week_start=week, planned_by=runner)
    week_copied_message(request, copies)
    return redirect(_week_url(week + timedelta(days=7)))


@login_required
@require_POST
def plan_feed_reset(request: HttpRequest) -> HttpResponse:
    services.plan_feed_reset(athlete=signed_in_user(request))
    messages.success(
        request, _("Your calendar link is new: the old one no longer works. Subscribe again.")
    )
    return redirect(reverse("coaching:plan") + "#calendar-feed")


@require_safe
def plan_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private calendar feed: anyone with the URL reads it, as calendar apps do."""
    athlete = services.plan_feed_athlete(token)
    if athlete is None:
        raise Http404
    body = calendar.feed_ics(athlete=athlete, now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="runningcoach-plan.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


def log_this_url(planned: PlannedSession, *, today: date) -> str:
    """The session form filled in from the plan (logbook reads plain query values)."""
    params: dict[str, Any] = {"from": "plan", "kind": planned.kind}
    if planned.day <= today:
        params["day"] = planned.day.isoformat()
    if planned.duration_s:
        params["duration"] = planned.duration_s
    if planned.distance_m:
        params["distance_m"] = planned.distance_m
    if planned.backward_s:
        params["backward"] = planned.backward_s
    if planned.surface:
        params["surface"] = planned.surface
    if planned.rpe:
        params["rpe"] = planned.rpe
    exercise_ids = [e.pk for e in planned.exercises.all()]
    if exercise_ids:
        params["exercises"] = ",".join(str(pk) for pk in exercise_ids)
    if planned.notes:
        params["notes"] = planned.notes[:300]
    return reverse("logbook:session_new") + "?" + urlencode(params)

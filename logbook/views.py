"""Logging, editing, rating and listing sessions (importing files: logbook/import_views.py).
Every lookup goes through the runner's own queryset, so another runner's session is a 404."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.requests import signed_in_user
from logbook import list_rows, services, tracks
from logbook.forms import (
    BaseExerciseFormSet,
    ExerciseFormSet,
    RateForm,
    SessionFilterForm,
    SessionForm,
    date_in_range,
    exercise_choices,
)
from logbook.models import Kind, Session, SessionExercise, TrainingWarning
from logbook.page_cache import cached_page
from logbook.session_prefill import session_prefill

FRESH_WARNINGS_KEY = "fresh_warnings"
# What the session list shows of each session (templates/logbook/session_list.html).
LIST_COLUMNS = (
    "pk",
    "athlete_id",
    "start",
    "kind",
    "duration_s",
    "distance_m",
    "surface",
    "load",
    "rpe_estimated",
)


def runner_data_key(request: HttpRequest, *args: object, **kwargs: object) -> object:
    """What a runner's cached page depends on besides the request: their data version
    and their local day (logbook/page_cache.py)."""
    return (signed_in_user(request).data_version, timezone.localdate())


def _next_or(request: HttpRequest, default: str) -> str:
    """The posted `next` when it points into this site, else the default."""
    target = request.POST.get("next", "")
    # A path on this site only: "foo" is no URL (redirect() would look it up as a view).
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def own_sessions(request: HttpRequest) -> QuerySet[Session]:
    return Session.objects.filter(athlete=signed_in_user(request))


def _remember_fresh(request: HttpRequest, warnings: list[TrainingWarning]) -> None:
    if warnings:
        request.session[FRESH_WARNINGS_KEY] = [w.pk for w in warnings]


def _session_form_page(request: HttpRequest, *, session: Session | None) -> HttpResponse:
    runner = signed_in_user(request)
    profile = runner.profile
    tz = profile.tz
    consent = profile.has_health_consent
    choices = exercise_choices()
    if request.method == "POST":
        form = SessionForm(
            request.POST,
            tz=tz,
            health_consent=consent,
            own_sessions=own_sessions(request),
            editing=session,
        )
        formset = ExerciseFormSet(
            request.POST, prefix="ex", form_kwargs={"exercise_choices": choices}
        )
        is_strength = request.POST.get("kind") == Kind.STRENGTH
        if form.is_valid() and (not is_strength or formset.is_valid()):
            done = cast(BaseExerciseFormSet, formset).done() if is_strength else []
            if session is None:
                result = services.session_log(
                    athlete=runner, values=form.session_values(), exercises=done
                )
                messages.success(request, _("Session logged."))
            else:
                result = services.session_update(
                    session=session, values=form.session_values(), exercises=done
                )
                messages.success(request, _("Session saved."))
            _remember_fresh(request, result.new_warnings)
            assert result.session is not None
            return redirect("logbook:session_detail", pk=result.session.pk)
    else:
        if session is None:
            initial, rows = session_prefill(request.GET, tz=tz, own_sessions=own_sessions(request))
        else:
            initial = SessionForm.initial_for(session, tz)
            rows = [
                {"exercise": e.exercise_id, "sets": e.sets, "reps": e.reps, "seconds": e.seconds}
                for e in session.exercises.all()
            ]
        form = SessionForm(initial=initial, tz=tz, health_consent=consent)
        formset = ExerciseFormSet(
            initial=rows, prefix="ex", form_kwargs={"exercise_choices": choices}
        )
    same_as = None
    if session is None and request.method == "GET" and not request.GET:
        same_as = own_sessions(request).order_by("-start", "-pk").first()
    return render(
        request,
        "logbook/session_form.html",
        {
            "form": form,
            "formset": formset,
            "session": session,
            "consent": consent,
            "same_as": same_as,
        },
    )


@login_required
def session_new(request: HttpRequest) -> HttpResponse:
    return _session_form_page(request, session=None)


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(own_sessions(request), pk=pk)
    return _session_form_page(request, session=session)


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(
        own_sessions(request).prefetch_related(
            Prefetch("exercises", queryset=SessionExercise.objects.select_related("exercise"))
        ),
        pk=pk,
    )
    route = tracks.route_drawing(session.track)
    fresh_ids = request.session.pop(FRESH_WARNINGS_KEY, [])
    fresh = [
        w.view()
        for w in TrainingWarning.objects.filter(
            athlete=signed_in_user(request), pk__in=fresh_ids
        ).order_by("risk_rank", "-day")
    ]
    if fresh_ids:
        services.warnings_mark_seen(athlete=signed_in_user(request), warning_ids=fresh_ids)
    own = [w.view() for w in session.warnings.exclude(pk__in=fresh_ids).order_by("risk_rank")]
    return render(
        request,
        "logbook/session_detail.html",
        {"session": session, "fresh_warnings": fresh, "session_warnings": own, "route": route},
    )


@login_required
def session_delete(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(own_sessions(request), pk=pk)
    if request.method == "POST":
        services.session_delete(session=session)
        messages.success(request, _("Session deleted."))
        return redirect("logbook:session_list")
    return render(request, "logbook/session_confirm_delete.html", {"session": session})


@login_required
@cached_page(runner_data_key)
def session_list(request: HttpRequest) -> HttpResponse:
    tz = signed_in_user(request).profile.tz
    form = SessionFilterForm(request.GET or None)
    # Only the columns the list shows, and the exercises counted for the page's rows only
    # (a subquery per shown row, not a GROUP BY over the whole history).
    exercise_count = (
        SessionExercise.objects.filter(session=OuterRef("pk"))
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    sessions = (
        own_sessions(request)
        .only(*LIST_COLUMNS)
        .annotate(exercise_count=Coalesce(Subquery(exercise_count), 0))
    )
    if form.is_valid():
        data = form.cleaned_data
        if data.get("kind"):
            sessions = sessions.filter(kind=data["kind"])
        if data.get("surface"):
            sessions = sessions.filter(surface=data["surface"])
        if data.get("date_from"):
            sessions = sessions.filter(
                start__gte=datetime.combine(data["date_from"], time.min, tzinfo=tz)
            )
        if data.get("date_to"):
            sessions = sessions.filter(
                start__lt=datetime.combine(data["date_to"] + timedelta(days=1), time.min, tzinfo=tz)
            )
    page = Paginator(sessions.order_by("-start", "-pk"), 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "logbook/session_list.html",
        {
            "form": form,
            "filter_fields": list_rows.filter_form_html(form),
            "page": page,
            "rows": list_rows.list_rows(page.object_list),
            "query": query.urlencode(),
        },
    )


@login_required
@cached_page(runner_data_key)
def week(request: HttpRequest) -> HttpResponse:
    """One ISO week (Monday to Sunday, local), its sessions by day and its totals."""
    tz = signed_in_user(request).profile.tz
    today = timezone.now().astimezone(tz).date()
    try:
        anchor = (
            date.fromisoformat(request.GET.get("date", "")) if request.GET.get("date") else today
        )
    except ValueError:
        anchor = today
    if not date_in_range(anchor, today=today):
        raise Http404(_("No week of training lies that far away."))
    monday = anchor - timedelta(days=anchor.weekday())
    start = datetime.combine(monday, time.min, tzinfo=tz)
    end = datetime.combine(monday + timedelta(days=7), time.min, tzinfo=tz)
    sessions = list(
        own_sessions(request)
        .defer("track")
        .filter(start__gte=start, start__lt=end)
        .order_by("start")
    )
    days: list[dict[str, Any]] = [
        {"date": monday + timedelta(days=i), "sessions": []} for i in range(7)
    ]
    for session in sessions:
        days[(session.start.astimezone(tz).date() - monday).days]["sessions"].append(session)
    run_m = sum(s.distance_m or 0 for s in sessions if s.kind == Kind.RUN)
    walk_m = sum(s.distance_m or 0 for s in sessions if s.kind == Kind.WALK)
    iso = monday.isocalendar()
    return render(
        request,
        "logbook/week.html",
        {
            "days": days,
            "today": today,
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "iso_week": iso.week,
            "iso_year": iso.year,
            "previous": monday - timedelta(days=7),
            "next": monday + timedelta(days=7) if monday + timedelta(days=7) <= today else None,
            "run_km": run_m / 1000,
            "walk_km": walk_m / 1000,
            "load": sum(s.load for s in sessions),
            "duration_min": sum(s.duration_s for s in sessions) / 60,
            "backward_min": sum(s.backward_s for s in sessions) / 60,
        },
    )


@login_required
def sessions_to_rate(request: HttpRequest) -> HttpResponse:
    sessions = own_sessions(request).filter(rpe_estimated=True).order_by("-start")
    page = Paginator(sessions, 25).get_page(request.GET.get("page"))
    # One form per session, each with its own ids, so every tap target has its own label.
    rows = [(s, RateForm(auto_id=f"id_rate{s.pk}_%s")) for s in page.object_list]
    return render(request, "logbook/sessions_to_rate.html", {"page": page, "rows": rows})


@login_required
@require_POST
def session_rate(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(own_sessions(request), pk=pk)
    form = RateForm(request.POST)
    if form.is_valid():
        result = services.session_rate(session=session, rpe=form.cleaned_data["rpe"])
        _remember_fresh(request, result.new_warnings)
        messages.success(request, _("Effort saved."))
    else:
        messages.error(request, _("Choose an effort from 1 to 10."))
    return redirect(_next_or(request, reverse("logbook:sessions_to_rate")))


@login_required
@require_POST
def warning_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    warning = get_object_or_404(TrainingWarning, athlete=signed_in_user(request), pk=pk)
    services.warning_acknowledge(warning=warning)
    messages.success(request, _("Warning acknowledged."))
    return redirect(_next_or(request, reverse("logbook:dashboard")))

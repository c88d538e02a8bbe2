"""Logging, editing, listing and importing sessions. Every lookup goes through the
runner's own queryset, so another runner's session is a 404."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.validators import slug_re
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.requests import signed_in_user
from exercises.models import Category, Exercise, ProgressionStep
from logbook import import_jobs, imports, list_rows, services, tracks
from logbook.forms import (
    BaseExerciseFormSet,
    ExerciseFormSet,
    ImportForm,
    RateForm,
    SessionFilterForm,
    SessionForm,
    date_in_range,
)
from logbook.models import ImportJob, Kind, Session, SessionExercise, Surface, TrainingWarning
from logbook.page_cache import cached_page
from logbook.templatetags import units
from runningcoach.parsing import small_int

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


def _exercise_choices() -> list[tuple[int, str]]:
    return [(e.pk, e.name) for e in Exercise.objects.only("pk", "name", "name_en", "name_nl")]


def _remember_fresh(request: HttpRequest, warnings: list[TrainingWarning]) -> None:
    if warnings:
        request.session[FRESH_WARNINGS_KEY] = [w.pk for w in warnings]


# "Log this" from a planned session: its targets come as plain query values, so the logbook
# needs to know nothing of plans. Each value is taken only when it is well-formed.
PLAN_PREFILL_LIMITS = {"duration": 24 * 3600, "distance_m": 500_000, "backward": 24 * 3600}
PLAN_PREFILL_EXERCISES = 20


def _prefill_from_plan(
    query: QueryDict, initial: dict[str, Any], *, today: date
) -> list[dict[str, Any]]:
    kind = query.get("kind", "")
    if kind in Kind.values:
        initial["kind"] = kind
    try:
        day = date.fromisoformat(query.get("day", ""))
    except ValueError:
        day = None
    if day is not None and date_in_range(day, today=today) and day < today:
        initial["date"] = day
    for name, limit in PLAN_PREFILL_LIMITS.items():
        value = small_int(query.get(name, ""), maximum=limit)
        if value:
            if name == "distance_m":
                initial["distance_km"] = Decimal(value) / 1000
            else:
                initial[name] = value
    if query.get("surface", "") in Surface.values:
        initial["surface"] = query["surface"]
    rpe = small_int(query.get("rpe", ""), maximum=10)
    if rpe:
        initial["rpe"] = rpe
    initial["notes"] = query.get("notes", "")[:300]
    found_ids = (
        small_int(p) for p in query.get("exercises", "").split(",")[:PLAN_PREFILL_EXERCISES]
    )
    ids = [pk for pk in found_ids if pk is not None]
    if not ids:
        return []
    found = {e.pk: e for e in Exercise.objects.filter(pk__in=ids)}
    return [
        {
            "exercise": found[pk].pk,
            "sets": found[pk].dose_sets,
            "reps": found[pk].dose_reps,
            "seconds": found[pk].dose_seconds,
        }
        for pk in ids
        if pk in found
    ]


def _prefill(request: HttpRequest, tz: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Initial values: now, a run; or from a catalogue exercise or a progression step."""
    now = timezone.now().astimezone(tz)
    initial: dict[str, Any] = {
        "kind": Kind.RUN,
        "date": now.date(),
        "time": now.time().replace(second=0, microsecond=0),
    }
    exercises: list[dict[str, Any]] = []
    slug = request.GET.get("exercise", "")
    step_id = small_int(request.GET.get("step"))
    same_as = small_int(request.GET.get("same_as"))
    if same_as is not None:
        # "Same as Tuesday": that session's values, started now.
        earlier = get_object_or_404(own_sessions(request), pk=same_as)
        values = SessionForm.initial_for(earlier, tz)
        for key in ("pain", "sharp_pain", "pain_location", "notes"):
            values.pop(key)
        initial.update({k: v for k, v in values.items() if k not in ("date", "time")})
        exercises.extend(
            {"exercise": e.exercise_id, "sets": e.sets, "reps": e.reps, "seconds": e.seconds}
            for e in earlier.exercises.all()
        )
    elif request.GET.get("from") == "plan":
        exercises.extend(_prefill_from_plan(request.GET, initial, today=now.date()))
    elif slug:
        if not slug_re.fullmatch(slug):
            raise Http404  # a NUL or a space no slug holds (PostgreSQL refuses a NUL)
        exercise = get_object_or_404(Exercise, slug=slug)
        initial.update(kind=Kind.STRENGTH, duration=(exercise.dose_minutes or 20) * 60)
        exercises.append(
            {
                "exercise": exercise.pk,
                "sets": exercise.dose_sets,
                "reps": exercise.dose_reps,
                "seconds": exercise.dose_seconds,
            }
        )
    elif step_id is not None:
        step: ProgressionStep = get_object_or_404(
            ProgressionStep.objects.select_related("progression"), pk=step_id
        )
        initial["kind"] = step.kind
        if step.minutes:
            initial["duration"] = step.minutes * 60
        if step.backward_seconds:
            initial["backward"] = step.backward_seconds
        elif step.progression.category == Category.RETRO and step.kind == Kind.WALK:
            # A retro-walking step (the treadmill's too, which gives a speed, not minutes) is
            # walked backward from start to finish: without that its minutes would never
            # reach the retro chart or rule.
            initial["all_backward"] = True
            if step.minutes:
                initial["backward"] = step.minutes * 60
        if step.surface:
            initial["surface"] = step.surface
        initial["notes"] = f"{step.progression.name}: {step.title}"
        if step.kind == Kind.STRENGTH and step.progression.category == Category.HIP:
            # A hip level is a set of exercises: pre-fill each one with its starting dose.
            level_exercises = Exercise.objects.filter(
                category=Category.HIP, level=step.number
            ).order_by("order", "pk")
            exercises.extend(
                {
                    "exercise": exercise.pk,
                    "sets": exercise.dose_sets,
                    "reps": exercise.dose_reps,
                    "seconds": exercise.dose_seconds,
                }
                for exercise in level_exercises
            )
    return initial, exercises


def _session_form_page(request: HttpRequest, *, session: Session | None) -> HttpResponse:
    runner = signed_in_user(request)
    profile = runner.profile
    tz = profile.tz
    consent = profile.has_health_consent
    choices = _exercise_choices()
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
            initial, rows = _prefill(request, tz)
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


def _counts_message(counts: services.ImportCounts) -> str:
    return _(
        "%(added)s added, %(updated)s updated, %(duplicates)s already there, %(skipped)s skipped."
    ) % {
        "added": counts.added,
        "updated": counts.updated,
        "duplicates": counts.duplicates,
        "skipped": counts.skipped,
    }


def _same_session_messages(request: HttpRequest, counts: services.ImportCounts) -> None:
    """Say which session a file without a reliable start turned out to be."""
    for session in counts.same_by_day:
        messages.info(
            request,
            _(
                "This file is a session already in your log (%(kind)s, %(day)s, %(km)s): the "
                "same session, so nothing was added."
            )
            % _session_words(session),
        )
    for session in counts.retimed:
        messages.info(
            request,
            _(
                "This file is a session already in your log (%(kind)s, %(day)s, %(km)s) whose "
                "start you entered: it now has the recorded start time and duration."
            )
            % _session_words(session),
        )


def _session_words(session: Session) -> dict[str, str]:
    local = timezone.localtime(session.start, session.athlete.profile.tz)
    return {
        "kind": session.get_kind_display(),
        "day": formats.date_format(local.date(), "DATE_FORMAT"),
        "km": units.km(session.distance_m),
    }


def _ask_for_start(request: HttpRequest, day: date) -> ImportForm:
    """The form again, with the file's day filled in, asking for what the file lacks."""
    data = request.POST.copy()
    if not data.get("day"):
        data["day"] = day.isoformat()
    form = ImportForm(data, request.FILES)
    form.is_valid()
    form.ask_start = True
    form.add_error(
        "start_time",
        _(
            "This file has times on only part of its track, so when you started and how long "
            "it took are unknown; its day is known (%(day)s). Enter your start time and the "
            "duration, choose the file again and import it."
        )
        % {"day": formats.date_format(day, "DATE_FORMAT")},
    )
    if not form.cleaned_data.get("duration"):
        form.add_error("duration", _("Enter how long it took."))
    return form


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    jobs = ImportJob.objects.filter(athlete=signed_in_user(request))[:5]
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            kind = form.cleaned_data["kind"]
            try:
                file_format = import_jobs.upload_format(upload)
                if import_jobs.runs_in_background(upload, file_format):
                    import_jobs.preflight(upload, file_format)
                    job = import_jobs.import_job_create(
                        athlete=signed_in_user(request),
                        upload=upload,
                        kind=kind,
                        duration_s=form.cleaned_data.get("duration"),
                        entered_start=_entered_start(form),
                    )
                    return redirect("logbook:import_status", pk=job.pk)
                counts, result = import_jobs.import_file_now(
                    athlete=signed_in_user(request),
                    upload=upload,
                    filename=upload.name,
                    kind=kind,
                    duration_s=form.cleaned_data.get("duration"),
                    entered_start=_entered_start(form),
                )
            except imports.ImportFileError as error:
                form.add_error("file", str(error.message))
            else:
                nothing_done = not counts.added and not counts.updated
                if nothing_done and counts.start_unknown_days:
                    form = _ask_for_start(request, counts.start_unknown_days[0])
                elif result.activities and nothing_done and counts.skipped:
                    form.add_error(
                        "duration",
                        _("This file has no reliable times: enter the duration and upload again."),
                    )
                else:
                    _same_session_messages(request, counts)
                    for detail in counts.skipped_details[:5]:
                        messages.info(request, detail)
                    messages.success(request, _counts_message(counts))
                    unrated = counts.added
                    if unrated:
                        messages.info(
                            request,
                            ngettext(
                                "Rate how hard the imported session felt, so its load is right.",
                                "Rate how hard the %(n)d imported sessions felt, so their load is right.",
                                unrated,
                            )
                            % {"n": unrated},
                        )
                    return redirect(
                        "logbook:sessions_to_rate" if unrated else "logbook:session_list"
                    )
    else:
        form = _form_for_day(request.GET.get("day", ""))
    return render(request, "logbook/import.html", {"form": form, "jobs": jobs})


def _form_for_day(day: str) -> ImportForm:
    """The empty form; with ?day= (from an import job that could not tell the start) it
    asks for the start time too, the day filled in."""
    form = ImportForm()
    try:
        known = date.fromisoformat(day) if day else None
    except ValueError:
        known = None
    if known is not None:
        form = ImportForm(initial={"day": known})
        form.ask_start = True
    return form


def _entered_start(form: ImportForm) -> services.EnteredStart | None:
    start_time = form.cleaned_data.get("start_time")
    if start_time is None:
        return None
    return services.EnteredStart(time=start_time, day=form.cleaned_data.get("day"))


@login_required
def import_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImportJob, athlete=signed_in_user(request), pk=pk)
    return render(request, "logbook/import_status.html", {"job": job})


@login_required
def import_status_json(request: HttpRequest, pk: int) -> JsonResponse:
    job = get_object_or_404(ImportJob, athlete=signed_in_user(request), pk=pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_display": job.get_status_display(),
            "total": job.total,
            "processed": job.processed,
            "percent": job.percent,
            "added": job.added,
            "updated": job.updated,
            "duplicates": job.duplicates,
            "skipped": job.skipped,
            "error": job.error,
            "finished": job.finished,
        }
    )

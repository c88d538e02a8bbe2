"""What the new-session form starts with: now and a run, or the values of an earlier
session, a planned session, a catalogue exercise or a progression step (logbook/views.py)."""

from __future__ import annotations

from datetime import date, tzinfo
from decimal import Decimal
from typing import Any

from django.core.validators import slug_re
from django.db.models import QuerySet
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone

from exercises.models import Category, Exercise, ProgressionStep
from logbook.form_fields import date_in_range
from logbook.forms import SessionForm
from logbook.models import Kind, Session, Surface
from runningcoach.parsing import small_int

# "Log this" from a planned session: its targets come as plain query values, so the logbook
# needs to know nothing of plans. Each value is taken only when it is well-formed.
PLAN_PREFILL_LIMITS = {"duration": 24 * 3600, "distance_m": 500_000, "backward": 24 * 3600}
PLAN_PREFILL_EXERCISES = 20


def _dose_row(exercise: Exercise) -> dict[str, Any]:
    """An exercise row at the catalogue's starting dose."""
    return {
        "exercise": exercise.pk,
        "sets": exercise.dose_sets,
        "reps": exercise.dose_reps,
        "seconds": exercise.dose_seconds,
    }


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
    return [_dose_row(found[pk]) for pk in ids if pk in found]


def _prefill_same_as(
    earlier: Session, initial: dict[str, Any], *, tz: tzinfo
) -> list[dict[str, Any]]:
    """ "Same as Tuesday": that session's values, started now."""
    values = SessionForm.initial_for(earlier, tz)
    for key in ("pain", "sharp_pain", "pain_location", "notes"):
        values.pop(key)
    initial.update({k: v for k, v in values.items() if k not in ("date", "time")})
    return [
        {"exercise": e.exercise_id, "sets": e.sets, "reps": e.reps, "seconds": e.seconds}
        for e in earlier.exercises.all()
    ]


def _prefill_from_exercise(slug: str, initial: dict[str, Any]) -> list[dict[str, Any]]:
    if not slug_re.fullmatch(slug):
        raise Http404  # a NUL or a space no slug holds (PostgreSQL refuses a NUL)
    exercise = get_object_or_404(Exercise, slug=slug)
    initial.update(kind=Kind.STRENGTH, duration=(exercise.dose_minutes or 20) * 60)
    return [_dose_row(exercise)]


def _prefill_from_step(step_id: int, initial: dict[str, Any]) -> list[dict[str, Any]]:
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
        return [_dose_row(exercise) for exercise in level_exercises]
    return []


def session_prefill(
    query: QueryDict, *, tz: Any, own_sessions: QuerySet[Session]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Initial values: now, a run; or from a catalogue exercise or a progression step."""
    now = timezone.now().astimezone(tz)
    initial: dict[str, Any] = {
        "kind": Kind.RUN,
        "date": now.date(),
        "time": now.time().replace(second=0, microsecond=0),
    }
    exercises: list[dict[str, Any]] = []
    slug = query.get("exercise", "")
    step_id = small_int(query.get("step"))
    same_as = small_int(query.get("same_as"))
    if same_as is not None:
        earlier = get_object_or_404(own_sessions, pk=same_as)
        exercises = _prefill_same_as(earlier, initial, tz=tz)
    elif query.get("from") == "plan":
        exercises = _prefill_from_plan(query, initial, today=now.date())
    elif slug:
        exercises = _prefill_from_exercise(slug, initial)
    elif step_id is not None:
        exercises = _prefill_from_step(step_id, initial)
    return initial, exercises

"""A runner's own data, as one JSON document and as CSV tables.

Every table is one entry in TABLES: its name (the CSV file and the JSON key), its columns
and a function that yields its rows as dicts. Adding a table (reminders, coach notes) is one
more entry; another app adds its own with table_register (coaching: "planned"). Keys and
column names are a public format (DOMAIN.md section 4,
"runningcoach-export/1"): they are never translated or renamed, only added to.

Times are ISO 8601 with the runner's own offset; dates are their local dates; texts meant
for people (warning messages) are rendered in the active language.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any, Literal

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import AthleteProfile, HealthConsentEvent, User
from logbook import load
from logbook.models import DeviceEntry, ImportJob, Session, SessionExercise, TrainingWarning

FORMAT = "runningcoach-export/1"
# Sessions are streamed to CSV in chunks of this many rows.
CHUNK_SIZE = 500

Row = dict[str, Any]


@dataclass(frozen=True)
class ExportContext:
    user: User
    tz: tzinfo


@dataclass(frozen=True)
class Table:
    name: str  # export/<name>.csv, and the key in export.json
    label: str | Promise
    columns: tuple[str, ...]
    rows: Callable[[ExportContext], Iterable[Row]]
    # How export.json holds the table: a list of objects, one object, or not at all (the
    # table is nested in another, as exercises are in their sessions).
    json: Literal["list", "object", "nested"] = "list"
    # Rows for export.json when they carry more than the CSV columns.
    json_rows: Callable[[ExportContext], Iterable[Row]] | None = None
    # Stream the CSV: long tables whose cells need no translation (a streamed response is
    # written after the view has returned, when the runner's language may be gone).
    streamed: bool = False


def _moment(value: datetime | None, tz: tzinfo) -> str | None:
    return None if value is None else value.astimezone(tz).isoformat()


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


# Profile ------------------------------------------------------------------------------

PROFILE_COLUMNS = (
    "email",
    "display_name",
    "time_zone",
    "language",
    "weekly_reminder",
    "health_consent_at",
    "hip_level",
    "coach_email",
    "date_joined",
    "upload_link_created_at",  # when the current upload link was made; null without one
)


# Profile columns another app keeps (notifications: the weekly e-mail's choice), registered
# in its AppConfig.ready with profile_field_register; None while nothing is registered.
PROFILE_FIELDS: dict[str, Callable[[User], Any]] = {}


def profile_field_register(name: str, read: Callable[[User], Any]) -> None:
    if name not in PROFILE_COLUMNS:
        raise ValueError(f"{name!r} is not a profile column of the export")
    PROFILE_FIELDS[name] = read


def profile_rows(ctx: ExportContext) -> Iterator[Row]:
    profile = AthleteProfile.objects.select_related("user__upload_link", "coach").get(user=ctx.user)
    kept_elsewhere = {name: read(ctx.user) for name, read in PROFILE_FIELDS.items()}
    # The link's secret is a credential, not data about the runner: only its date.
    link = getattr(profile.user, "upload_link", None)
    yield {
        "email": profile.user.email,
        "display_name": profile.display_name,
        "time_zone": profile.time_zone,
        "language": profile.language,
        "weekly_reminder": kept_elsewhere.get("weekly_reminder"),
        "health_consent_at": _moment(profile.health_consent_at, ctx.tz),
        "hip_level": profile.hip_level,
        "coach_email": profile.coach.email if profile.coach else None,
        "date_joined": _moment(profile.user.date_joined, ctx.tz),
        "upload_link_created_at": _moment(link.created_at, ctx.tz) if link else None,
    }


# Sessions and the exercises done in them ----------------------------------------------

SESSION_COLUMNS = (
    "id",
    "start",
    "kind",
    "surface",
    "duration_s",
    "distance_m",
    "backward_s",
    "backward_m",
    "elevation_gain_m",
    "rpe",
    "rpe_estimated",
    "pain",
    "sharp_pain",
    "pain_location",
    "load",
    "source",
    "external_id",
    "notes",
    "start_entered",  # last, so that earlier columns keep their place
)

EXERCISE_COLUMNS = ("session_id", "session_start", "slug", "name", "sets", "reps", "seconds")


def _sessions(ctx: ExportContext) -> Iterator[Session]:
    return (
        Session.objects.filter(athlete=ctx.user)
        .order_by("start", "pk")
        .iterator(chunk_size=CHUNK_SIZE)
    )


def _session_row(session: Session, tz: tzinfo) -> Row:
    return {
        "id": session.pk,
        "start": _moment(session.start, tz),
        "kind": session.kind,
        "surface": session.surface,
        "duration_s": session.duration_s,
        "distance_m": session.distance_m,
        "backward_s": session.backward_s,
        "backward_m": session.backward_m,
        "elevation_gain_m": session.elevation_gain_m,
        "rpe": session.rpe,
        "rpe_estimated": session.rpe_estimated,
        "pain": session.pain,
        "sharp_pain": session.sharp_pain,
        "pain_location": session.pain_location,
        "load": session.load,
        "source": session.source,
        "external_id": session.external_id,
        "notes": session.notes,
        # True when the file's times could not give the start and the runner entered it.
        "start_entered": session.start_entered,
    }


def session_rows(ctx: ExportContext) -> Iterator[Row]:
    for session in _sessions(ctx):
        yield _session_row(session, ctx.tz)


def _exercises_done(ctx: ExportContext) -> Iterator[SessionExercise]:
    return (
        SessionExercise.objects.filter(session__athlete=ctx.user)
        .select_related("session", "exercise")
        .order_by("session__start", "session_id", "pk")
        .iterator(chunk_size=CHUNK_SIZE)
    )


def _exercise_row(done: SessionExercise) -> Row:
    return {
        "slug": done.exercise.slug,
        "name": done.exercise.name,
        "sets": done.sets,
        "reps": done.reps,
        "seconds": done.seconds,
    }


def sessions_with_exercises(ctx: ExportContext) -> Iterator[Row]:
    """Sessions with the exercises done in them, in two queries whatever the history."""
    by_session: dict[int, list[Row]] = defaultdict(list)
    for done in _exercises_done(ctx):
        by_session[done.session_id].append(_exercise_row(done))
    for session in _sessions(ctx):
        yield {**_session_row(session, ctx.tz), "exercises": by_session.get(session.pk, [])}


def exercise_rows(ctx: ExportContext) -> Iterator[Row]:
    for done in _exercises_done(ctx):
        yield {
            "session_id": done.session_id,
            "session_start": _moment(done.session.start, ctx.tz),
            **_exercise_row(done),
        }


# Warnings -----------------------------------------------------------------------------

WARNING_COLUMNS = (
    "rule",
    "severity",
    "date",
    "session_id",
    "numbers",
    "title",
    "message",
    "advice",
    "source",
    "raised_at",
    "seen_at",
    "acknowledged_at",
    "emailed_at",
)


def warning_rows(ctx: ExportContext) -> Iterator[Row]:
    for w in TrainingWarning.objects.filter(athlete=ctx.user).order_by("day", "risk_rank", "pk"):
        facts = w.as_load_warning()
        yield {
            "rule": w.rule,
            "severity": w.severity,
            "date": _day(w.day),
            "session_id": w.session_id,
            "numbers": dict(w.numbers),
            "title": facts.title(),
            "message": facts.message(),
            "advice": facts.advice(),
            "source": facts.source(),
            "raised_at": _moment(w.created_at, ctx.tz),
            "seen_at": _moment(w.seen_at, ctx.tz),
            "acknowledged_at": _moment(w.acknowledged_at, ctx.tz),
            "emailed_at": _moment(w.emailed_at, ctx.tz),
        }


# Health-data consent ------------------------------------------------------------------

CONSENT_COLUMNS = ("given", "at")


def consent_rows(ctx: ExportContext) -> Iterator[Row]:
    for event in HealthConsentEvent.objects.filter(user=ctx.user).order_by("at", "pk"):
        yield {"given": event.given, "at": _moment(event.at, ctx.tz)}


# Imports ------------------------------------------------------------------------------

IMPORT_COLUMNS = (
    "filename",
    "status",
    "uploaded_at",
    "finished_at",
    "total",
    "added",
    "updated",
    "duplicates",
    "skipped",
    "skipped_details",
    "error",
)


def import_rows(ctx: ExportContext) -> Iterator[Row]:
    for job in ImportJob.objects.filter(athlete=ctx.user).order_by("created_at", "pk"):
        yield {
            "filename": job.filename,
            "status": job.status,
            "uploaded_at": _moment(job.created_at, ctx.tz),
            "finished_at": _moment(job.finished_at, ctx.tz),
            "total": job.total,
            "added": job.added,
            "updated": job.updated,
            "duplicates": job.duplicates,
            "skipped": job.skipped,
            "skipped_details": list(job.skipped_details),
            "error": job.error,
        }


DEVICE_ENTRY_COLUMNS = ("device_id", "session_id", "sent_at")


def device_entry_rows(ctx: ExportContext) -> Iterator[Row]:
    """The ids a device gave the sessions it sent when the connection came back; the
    session is null once the runner deleted it (its id is kept so a late copy adds
    nothing)."""
    entries = DeviceEntry.objects.filter(athlete=ctx.user).order_by("created_at", "pk")
    for entry in entries:
        yield {
            "device_id": str(entry.device_id),
            "session_id": entry.session_id,
            "sent_at": _moment(entry.created_at, ctx.tz),
        }


# The tables ---------------------------------------------------------------------------

TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        Table("profile", _("Profile"), PROFILE_COLUMNS, profile_rows, json="object"),
        Table(
            "sessions",
            _("Sessions"),
            SESSION_COLUMNS,
            session_rows,
            json_rows=sessions_with_exercises,
            streamed=True,
        ),
        Table(
            "exercises",
            _("Exercises done in sessions"),
            EXERCISE_COLUMNS,
            exercise_rows,
            json="nested",
        ),
        Table("warnings", _("Warnings"), WARNING_COLUMNS, warning_rows),
        Table("consent_events", _("Health-data consent"), CONSENT_COLUMNS, consent_rows),
        Table("import_jobs", _("Imports"), IMPORT_COLUMNS, import_rows),
        Table(
            "device_entries",
            _("Sessions sent from a device"),
            DEVICE_ENTRY_COLUMNS,
            device_entry_rows,
        ),
    )
}


def table_register(table: Table) -> Table:
    """Add a table of another app (coaching's planned sessions), registered in its
    AppConfig.ready: the logbook exports it without importing that app."""
    if table.name in TABLES and TABLES[table.name] != table:
        raise ValueError(f"export table {table.name!r} is already registered")
    TABLES[table.name] = table
    return table


def context_for(user: User) -> ExportContext:
    return ExportContext(user=user, tz=user.profile.tz)


def export_document(ctx: ExportContext, *, now: datetime | None = None) -> dict[str, Any]:
    """The whole export.json document."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "exported_at": _moment(now or timezone.now(), ctx.tz),
    }
    for table in TABLES.values():
        if table.json == "nested":
            continue
        rows = (table.json_rows or table.rows)(ctx)
        if table.json == "object":
            document[table.name] = next(iter(rows), None)
        else:
            document[table.name] = list(rows)
    return document


def export_json_bytes(ctx: ExportContext, *, now: datetime | None = None) -> bytes:
    return json.dumps(export_document(ctx, now=now), ensure_ascii=False, indent=2).encode()


# A spreadsheet runs a cell that starts with one of these as a formula ("=cmd|..."); an
# imported activity name can start with anything.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """The text with a leading apostrophe when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value: object) -> object:
    if isinstance(value, str):
        return neutralise_formula(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"  # as in the JSON
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def csv_lines(table: Table, rows: Iterable[Row]) -> Iterator[str]:
    """The CSV of a table, header first, one line at a time."""
    writer = csv.writer(_Echo())
    yield writer.writerow(table.columns)
    for row in rows:
        yield writer.writerow([_cell(row.get(column)) for column in table.columns])


def filename(stem: str, extension: str, ctx: ExportContext, *, now: datetime | None = None) -> str:
    today = load.local_day(now or timezone.now(), ctx.tz)
    return f"runningcoach-{stem}-{today.isoformat()}.{extension}"

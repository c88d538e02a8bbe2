"""What coaching stores about a runner, in their own data export (DOMAIN.md section 4):
the planned sessions (`"planned"` in export.json and planned.csv), their coaches' notes,
the history of their hip level and the invitations to their address. Registered with
logbook.export in CoachingConfig.ready so that the logbook never imports coaching."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coaching import selectors
from coaching.models import CoachNote, HipLevelChange, Invitation
from logbook import load
from logbook.export import ExportContext, Row, Table

PLANNED_COLUMNS = (
    "id",
    "date",
    "kind",
    "surface",
    "duration_s",
    "distance_m",
    "rpe",
    "backward_s",
    "exercises",
    "progression_step",
    "notes",
    "status",
    "session_id",
    "planned_by_email",
    "created_at",
)


def planned_rows(ctx: ExportContext) -> Iterator[Row]:
    today = load.local_day(timezone.now(), ctx.tz)
    for item in selectors.plan_all(athlete=ctx.user, today=today):
        p = item.planned
        step = p.progression_step
        yield {
            "id": p.pk,
            "date": p.day.isoformat(),
            "kind": p.kind,
            "surface": p.surface,
            "duration_s": p.duration_s,
            "distance_m": p.distance_m,
            "rpe": p.rpe,
            "backward_s": p.backward_s,
            "exercises": [e.slug for e in p.exercises.all()],
            "progression_step": f"{step.progression.slug}/{step.number}" if step else None,
            "notes": p.notes,
            "status": item.status,
            "session_id": item.session.pk if item.session else None,
            "planned_by_email": p.planned_by.email if p.planned_by else None,
            "created_at": p.created_at.astimezone(ctx.tz).isoformat(),
        }


PLANNED_TABLE = Table("planned", _("Planned sessions"), PLANNED_COLUMNS, planned_rows)


def _moment(value: datetime | None, ctx: ExportContext) -> str | None:
    return None if value is None else value.astimezone(ctx.tz).isoformat()


NOTE_COLUMNS = ("text", "written_at", "written_by_email")


def note_rows(ctx: ExportContext) -> Iterator[Row]:
    notes = CoachNote.objects.filter(athlete=ctx.user).select_related("author")
    for note in notes.order_by("created_at", "pk"):
        yield {
            "text": note.text,
            "written_at": _moment(note.created_at, ctx),
            "written_by_email": note.author.email if note.author else None,
        }


HIP_LEVEL_COLUMNS = ("previous_level", "level", "at", "set_by_email")


def hip_level_rows(ctx: ExportContext) -> Iterator[Row]:
    changes = HipLevelChange.objects.filter(athlete=ctx.user).select_related("set_by")
    for change in changes.order_by("at", "pk"):
        yield {
            "previous_level": change.previous_level,
            "level": change.level,
            "at": _moment(change.at, ctx),
            "set_by_email": change.set_by.email if change.set_by else None,
        }


INVITATION_COLUMNS = ("coach_email", "email", "sent_at", "accepted_at", "declined_at")


def invitation_rows(ctx: ExportContext) -> Iterator[Row]:
    """Invitations to the runner's address, and any they accepted."""
    invitations = Invitation.objects.filter(
        Q(email__iexact=ctx.user.email) | Q(athlete=ctx.user)
    ).select_related("coach")
    for invitation in invitations.order_by("created_at", "pk"):
        yield {
            "coach_email": invitation.coach.email,
            "email": invitation.email,
            "sent_at": _moment(invitation.created_at, ctx),
            "accepted_at": _moment(invitation.accepted_at, ctx),
            "declined_at": _moment(invitation.declined_at, ctx),
        }


EXPORT_TABLES = (
    PLANNED_TABLE,
    Table("coach_notes", _("Notes from your coach"), NOTE_COLUMNS, note_rows),
    Table("hip_level_changes", _("Hip level history"), HIP_LEVEL_COLUMNS, hip_level_rows),
    Table("invitations", _("Invitations from coaches"), INVITATION_COLUMNS, invitation_rows),
)

"""The runner's planned sessions in their own data export (`"planned"` in export.json and
planned.csv, DOMAIN.md section 4), registered with logbook.export in CoachingConfig.ready
so that the logbook never imports coaching."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coaching import selectors
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

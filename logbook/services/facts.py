"""The plain values of sessions that the load rules read (logbook/load/), taken from the
rows: the warnings' recompute reads them, and so do coaching's plan checks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta, tzinfo

from accounts.models import User
from logbook import load
from logbook.models import Session
from logbook.services.common import local_midnight

# The columns session_facts reads: load only these where sessions become rule facts.
SESSION_FACT_FIELDS = (
    "pk",
    "start",
    "kind",
    "duration_s",
    "distance_m",
    "backward_s",
    "backward_m",
    "load",
    "pain",
    "sharp_pain",
)


def session_facts(session: Session) -> load.SessionFacts:
    """The plain values of a session that the load rules read."""
    return load.SessionFacts(
        id=session.pk,
        start=session.start,
        kind=session.kind,
        duration_s=session.duration_s,
        distance_m=session.distance_m,
        backward_s=session.backward_s,
        backward_m=session.backward_m,
        load=session.load,
        pain=session.pain,
        sharp_pain=session.sharp_pain,
    )


def session_facts_between(
    *,
    athlete: User,
    first_day: date,
    last_day: date,
    tz: tzinfo,
    kinds: Sequence[str] | None = None,
) -> list[load.SessionFacts]:
    """The facts of a runner's sessions on the local days [first_day, last_day]."""
    rows = Session.objects.filter(
        athlete=athlete,
        start__gte=local_midnight(first_day, tz),
        start__lt=local_midnight(last_day + timedelta(days=1), tz),
    )
    if kinds is not None:
        rows = rows.filter(kind__in=kinds)
    rows = rows.only(*SESSION_FACT_FIELDS)
    return [session_facts(s) for s in rows.order_by("start")]

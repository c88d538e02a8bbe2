"""The runner's planned sessions as an iCalendar feed (RFC 5545) for calendar apps: one
all-day event per planned session of the next FEED_WEEKS weeks, each with a UID that stays
the same as long as the planned session exists, so a calendar updates it in place."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from accounts.models import User
from coaching import selectors
from coaching.models import PlannedSession
from logbook import load
from logbook.models import Kind, Surface
from runningcoach import units

FEED_WEEKS = 8


def summary(planned: PlannedSession) -> str:
    """ "Run 45 min · 8 km" in the active language."""
    parts = [str(Kind(planned.kind).label)]
    if planned.duration_s:
        parts.append(units.duration(planned.duration_s))
    if planned.distance_m:
        parts.append(units.km_target(planned.distance_m))
    return " · ".join(parts)


def _description(planned: PlannedSession) -> str:
    lines = []
    if planned.rpe:
        lines.append(_("Target effort: RPE %(rpe)d of 10") % {"rpe": planned.rpe})
    if planned.backward_s:
        lines.append(
            _("Of which backward: %(time)s") % {"time": units.duration(planned.backward_s)}
        )
    if planned.surface:
        lines.append(_("Surface: %(surface)s") % {"surface": Surface(planned.surface).label})
    exercises = [e.name for e in planned.exercises.all()]
    if exercises:
        lines.append(_("Exercises: %(names)s") % {"names": ", ".join(exercises)})
    if planned.progression_step:
        lines.append(str(planned.progression_step))
    if planned.notes:
        lines.append(planned.notes)
    return "\n".join(lines)


def feed_ics(*, athlete: User, now: datetime) -> bytes:
    """The feed in the athlete's language, from today (their zone) for FEED_WEEKS weeks."""
    today = load.local_day(now, athlete.profile.tz)
    with translation.override(athlete.profile.language or None):
        cal = Calendar()
        cal.add("prodid", "-//runningcoach//training plan//EN")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", _("Training plan"))
        for planned in selectors.plan_upcoming(athlete=athlete, first=today, days=7 * FEED_WEEKS):
            event = Event()
            event.add("uid", f"planned-session-{planned.pk}@runningcoach")
            event.add("dtstamp", now.astimezone(UTC))
            event.add("last-modified", planned.updated_at.astimezone(UTC))
            event.add("dtstart", planned.day)
            event.add("dtend", planned.day + timedelta(days=1))
            event.add("summary", summary(planned))
            description = _description(planned)
            if description:
                event.add("description", description)
            event.add("transp", "TRANSPARENT")
            cal.add_component(event)
        ics: bytes = cal.to_ical()
        return ics

"""TCX: each Activity of a Training Center file, with its laps' own totals. The file is
read as a stream (logbook.imports.safexml.iter_elements) and each track thinned as it is
read (logbook.tracks.TrackSampler), so a file of any size takes the same memory."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Final
from xml.etree.ElementTree import Element

from django.utils.translation import gettext as _

from logbook.imports.base import (
    ImportedActivity,
    ImportFileError,
    ParseResult,
    SkippedActivity,
    day,
    not_a_foot_session,
    number,
    parse_iso,
    rounded,
    too_many_rows_message,
)
from logbook.imports.safexml import iter_elements, local
from logbook.tracks import TrackSampler

_TCX_SPORTS: Final = {"Running": "run", "Walking": "walk", "Hiking": "walk"}


@dataclass
class _Trackpoint:
    fields: dict[str, str] = field(default_factory=dict)  # Time, AltitudeMeters...
    position: dict[str, str] | None = None
    heart_rate: str | None = None


@dataclass
class _Activity:
    """One Activity, gathered element by element: its laps' totals, its climb and track."""

    sport: str
    id_text: str | None = None
    first_lap_start: str | None = None
    lap_seconds: list[float] = field(default_factory=list)
    lap_metres: list[float] = field(default_factory=list)
    lap_fields: dict[str, str] = field(default_factory=dict)
    previous_altitude: float | None = None
    climb: float = 0.0
    any_altitude: bool = False
    sampler: TrackSampler = field(default_factory=TrackSampler)

    def lap_done(self) -> None:
        seconds = number(self.lap_fields.get("TotalTimeSeconds", ""))
        metres = number(self.lap_fields.get("DistanceMeters", ""))
        if seconds is not None:
            self.lap_seconds.append(seconds)
        if metres is not None:
            self.lap_metres.append(metres)
        self.lap_fields = {}

    def trackpoint_done(self, point: _Trackpoint) -> None:
        altitude = _signed_number(point.fields.get("AltitudeMeters", ""))
        if altitude is not None:
            if self.previous_altitude is not None:
                self.climb += max(altitude - self.previous_altitude, 0.0)
            self.previous_altitude = altitude
            self.any_altitude = True
        if point.position is None:
            return
        lat = _signed_number(point.position.get("LatitudeDegrees", ""))
        lon = _signed_number(point.position.get("LongitudeDegrees", ""))
        if lat is None or lon is None:
            return
        bpm = number(point.heart_rate) if point.heart_rate is not None else None
        raw_time = point.fields.get("Time", "")
        self.sampler.add(
            lat=lat,
            lon=lon,
            time=parse_iso(raw_time) if raw_time else None,
            heart_rate=round(bpm) if bpm is not None and bpm < 400 else None,
        )


class _TcxReader:
    """Every Activity of a TCX file, element by element (no tree of the whole file)."""

    def __init__(self, max_rows: int) -> None:
        self.max_rows = max_rows
        self.path: list[str] = []
        self.activity: _Activity | None = None
        self.trackpoint: _Trackpoint | None = None
        self.activities = 0
        self.had_course = False
        self.items: list[ImportedActivity | SkippedActivity] = []

    def start(self, element: Element) -> None:
        name = local(element.tag)
        self.path.append(name)
        if name == "Activity" and self.activity is None:
            self.activities += 1
            if self.activities > self.max_rows:
                raise ImportFileError(too_many_rows_message(self.max_rows))
            self.activity = _Activity(sport=element.get("Sport", "").strip())
        elif name == "Lap" and self.activity is not None:
            if self.activity.first_lap_start is None:
                self.activity.first_lap_start = element.get("StartTime", "")
        elif name == "Trackpoint" and self.activity is not None:
            self.trackpoint = _Trackpoint()
        elif name == "Course":
            self.had_course = True

    def end(self, element: Element) -> None:
        name = self.path.pop()
        parent = self.path[-1] if self.path else ""
        text = (element.text or "").strip()
        activity, point = self.activity, self.trackpoint
        if activity is None:
            return
        if name == "Activity":
            self.items.append(_tcx_activity(activity))
            self.activity = None
        elif name == "Trackpoint" and point is not None:
            activity.trackpoint_done(point)
            self.trackpoint = None
        elif point is not None and parent == "Trackpoint":
            if name == "Position" and point.position is None:
                point.position = {}
            point.fields.setdefault(name, text)
        elif point is not None and parent == "Position" and self.path[-2:-1] == ["Trackpoint"]:
            if point.position is None or name not in point.position:
                point.position = {**(point.position or {}), name: text}
        elif point is not None and name == "Value" and parent == "HeartRateBpm":
            if point.heart_rate is None:
                point.heart_rate = text
        elif name == "Lap" and parent == "Activity":
            activity.lap_done()
        elif parent == "Lap":
            activity.lap_fields.setdefault(name, text)
        elif name == "Id" and parent == "Activity" and activity.id_text is None:
            activity.id_text = text


def parse_tcx(fileobj: IO[bytes], *, max_rows: int) -> ParseResult:
    """Each Activity of a TCX file, with the laps' own totals, read as a stream."""
    reader = _TcxReader(max_rows)
    for event, element in iter_elements(fileobj, "TCX"):
        if event == "start":
            if not reader.path and local(element.tag) != "TrainingCenterDatabase":
                raise ImportFileError(_("This is not a TCX file."))
            reader.start(element)
        else:
            reader.end(element)
    if not reader.items:
        if reader.had_course:
            raise ImportFileError(
                _("The TCX file holds a planned course but no recorded activity.")
            )
        raise ImportFileError(_("The TCX file holds no recorded activity."))
    activities = [item for item in reader.items if isinstance(item, ImportedActivity)]
    skipped = [item for item in reader.items if isinstance(item, SkippedActivity)]
    return ParseResult(activities=activities, skipped=skipped)


def _tcx_activity(activity: _Activity) -> ImportedActivity | SkippedActivity:
    sport = activity.sport
    raw_start = activity.id_text or activity.first_lap_start or ""
    start = parse_iso(raw_start) if raw_start else None
    description = _("%(type)s activity on %(date)s") % {
        "type": sport or _("Unknown"),
        "date": day(start) if start else raw_start,
    }
    if start is None:
        return SkippedActivity(
            description=description,
            reason=_("its start time '%(date)s' could not be read") % {"date": raw_start},
        )
    kind = _TCX_SPORTS.get(sport)
    if kind is None:
        if sport == "Biking":
            reason = not_a_foot_session(_("cycling"))
        elif sport == "Other" or not sport:
            reason = _("the file does not say it was a run or a walk (its sport is 'Other')")
        else:
            reason = not_a_foot_session(sport)
        return SkippedActivity(description=description, reason=reason)
    return ImportedActivity(
        start=start,
        kind=kind,
        source="tcx",
        duration_s=rounded(sum(activity.lap_seconds)) if activity.lap_seconds else None,
        distance_m=rounded(sum(activity.lap_metres)) if activity.lap_metres else None,
        elevation_gain_m=rounded(activity.climb) if activity.any_altitude else None,
        track=activity.sampler.points(),
    )


def _signed_number(text: str) -> float | None:
    # Altitudes may be below sea level.
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None

"""GPX: one session from a file's recorded track(s). GPX has no sport, so the caller says
whether it was a run or a walk."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import IO, Final

import gpxpy
import gpxpy.gpx
from django.utils.translation import gettext as _

from logbook.imports.base import (
    GPX_KINDS,
    ImportedActivity,
    ImportFileError,
    ParseResult,
    as_utc,
    number,
    rounded,
)
from logbook.imports.safexml import local, safe_xml_root, xml_text
from logbook.tracks import TrackPoint


def _on_earth(point: gpxpy.gpx.GPXTrackPoint) -> bool:
    latitude, longitude = point.latitude, point.longitude
    return (
        isinstance(latitude, float | int)
        and isinstance(longitude, float | int)
        and math.isfinite(latitude)
        and math.isfinite(longitude)
        and -90 <= latitude <= 90
        and -180 <= longitude <= 180
    )


def _clean_track(gpx: gpxpy.gpx.GPX) -> list[gpxpy.gpx.GPXTrackPoint]:
    """The points that lie on earth, with unreadable heights and times dropped, so one bad
    point (NaN, a year-1 clock) spoils neither the distance nor the climb."""
    points: list[gpxpy.gpx.GPXTrackPoint] = []
    for track in gpx.tracks:
        for segment in track.segments:
            segment.points = [point for point in segment.points if _on_earth(point)]
            for point in segment.points:
                if point.elevation is not None and not math.isfinite(point.elevation):
                    point.elevation = None
                if point.time is not None and as_utc(point.time) is None:
                    point.time = None
            points.extend(segment.points)
    return points


# The first timed point lies within this share of the track's distance: its time is the
# start (a watch may take a few seconds to find the clock). Further in, the start is unknown.
START_SHARE: Final = 0.05
# The timed points span at least this share of the distance: their first and last time
# give the duration.
DURATION_SHARE: Final = 0.9


@dataclass(frozen=True)
class TrackTiming:
    """Where along a track, as shares of its distance, the first and last timed points lie."""

    first_timed: float
    last_timed: float

    @property
    def start_known(self) -> bool:
        return self.first_timed <= START_SHARE

    @property
    def duration_known(self) -> bool:
        return self.start_known and self.last_timed - self.first_timed >= DURATION_SHARE


def track_timing(gpx: gpxpy.gpx.GPX) -> TrackTiming | None:
    """The shares of distance before the first and the last timed point (the gaps between
    segments are not distance covered), or None when no point carries a time. A track
    that goes nowhere is measured by its points instead."""
    covered: list[tuple[float, bool]] = []
    distance = 0.0
    for track in gpx.tracks:
        for segment in track.segments:
            previous: gpxpy.gpx.GPXTrackPoint | None = None
            for point in segment.points:
                if previous is not None:
                    step = point.distance_2d(previous)
                    distance += step if step is not None and math.isfinite(step) else 0.0
                covered.append((distance, point.time is not None))
                previous = point
    timed = [index for index, (_distance, has_time) in enumerate(covered) if has_time]
    if not timed:
        return None
    if distance > 0:
        return TrackTiming(
            first_timed=covered[timed[0]][0] / distance,
            last_timed=covered[timed[-1]][0] / distance,
        )
    last = max(len(covered) - 1, 1)
    return TrackTiming(first_timed=timed[0] / last, last_timed=timed[-1] / last)


def parse_gpx(fileobj: IO[bytes], *, kind: str) -> ParseResult:
    """One session from a GPX file's recorded track(s); GPX has no sport, so kind is given."""
    if kind not in GPX_KINDS:
        raise ValueError(f"A GPX track is a run or a walk, not {kind!r}")
    data = fileobj.read()
    root = safe_xml_root(data, "GPX")
    if local(root.tag) != "gpx":
        raise ImportFileError(_("This is not a GPX file."))
    try:
        gpx = gpxpy.parse(xml_text(data))
    except UnicodeDecodeError as error:
        raise ImportFileError(_("The file's text encoding is not supported.")) from error
    except (gpxpy.gpx.GPXException, ValueError, OverflowError, TypeError) as error:
        raise ImportFileError(_("The GPX file is damaged and cannot be read.")) from error

    had_points = any(segment.points for track in gpx.tracks for segment in track.segments)
    points = _clean_track(gpx)
    if not points:
        if had_points:
            raise ImportFileError(_("The GPX file's track points have no readable position."))
        if any(route.points for route in gpx.routes):
            raise ImportFileError(_("The GPX file holds a planned route but no recorded track."))
        if gpx.waypoints:
            raise ImportFileError(_("The GPX file holds only waypoints, no recorded track."))
        raise ImportFileError(_("The GPX file holds no recorded track."))

    # In track order, not sorted: the start is the first point that carries a time, even
    # when a later point (an edited or merged file) carries an earlier one.
    times = [moment for point in points if (moment := as_utc(point.time)) is not None]
    start = times[0] if times else as_utc(gpx.time)
    if start is None:
        raise ImportFileError(_("The GPX file has no times, so the day of the session is unknown."))
    timing = track_timing(gpx)
    start_known = timing is None or timing.start_known
    # Times on only a few points (an edited or converted file) say little about the whole.
    duration_s: int | None = None
    if (
        start_known
        and (timing is None or timing.duration_known)
        and len(times) >= 2
        and len(times) * 2 >= len(points)
    ):
        seconds = round((times[-1] - times[0]).total_seconds())
        duration_s = seconds if seconds > 0 else None

    elevation_gain_m: int | None = None
    if any(point.elevation is not None for point in points):
        elevation_gain_m = rounded(gpx.get_uphill_downhill().uphill)

    name = next((track.name for track in gpx.tracks if track.name), None) or gpx.name or ""
    track_points = tuple(
        TrackPoint(
            lat=float(point.latitude),
            lon=float(point.longitude),
            time=as_utc(point.time),
            heart_rate=_heart_rate(point),
        )
        for point in points
    )
    return ParseResult(
        activities=[
            ImportedActivity(
                start=start,
                kind=kind,
                source="gpx",
                duration_s=duration_s,
                distance_m=rounded(gpx.length_2d()),
                elevation_gain_m=elevation_gain_m,
                name=name.strip(),
                track=track_points,
                start_known=start_known,
            )
        ],
        skipped=[],
    )


def _heart_rate(point: gpxpy.gpx.GPXTrackPoint) -> int | None:
    """Garmin's TrackPointExtension <hr>, the usual place for heart rate in a GPX file."""
    for extension in point.extensions or []:
        for element in extension.iter():
            if local(str(element.tag)) == "hr" and element.text:
                value = number(element.text)
                return round(value) if value is not None and value < 400 else None
    return None

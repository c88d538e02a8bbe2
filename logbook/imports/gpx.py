"""GPX: one session from a file's recorded track(s). GPX has no sport, so the caller says
whether it was a run or a walk.

The file is read as a stream (logbook.imports.safexml.iter_elements): distance, climb and
times are summed point by point, with gpxpy's own formulas (its distance, its smoothed
climb), and the track is thinned as it is read (logbook.tracks.TrackSampler), so a file of
any size takes the same memory."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Final
from xml.etree.ElementTree import Element

from django.utils.translation import gettext as _
from gpxpy import geo
from gpxpy.gpxfield import parse_time

from logbook.imports.base import (
    GPX_KINDS,
    ImportedActivity,
    ImportFileError,
    ParseResult,
    as_utc,
    number,
    rounded,
)
from logbook.imports.safexml import iter_elements, local
from logbook.tracks import TrackSampler


def _on_earth(latitude: float, longitude: float) -> bool:
    return (
        math.isfinite(latitude)
        and math.isfinite(longitude)
        and -90 <= latitude <= 90
        and -180 <= longitude <= 180
    )


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


def _float(text: str | None) -> float | None:
    """A number as gpxpy reads it; anything else makes the file damaged."""
    if text is None:
        return None
    try:
        return float(text.strip())
    except ValueError:
        raise ImportFileError(_("The GPX file is damaged and cannot be read.")) from None


def _time(text: str | None) -> datetime | None:
    try:
        return as_utc(parse_time(text.strip())) if text else None
    except Exception:  # gpxpy reads an unreadable time as none
        return None


@dataclass
class _Point:
    lat: float
    lon: float
    elevation_text: str | None = None
    time_text: str | None = None
    heart_rate_text: str | None = None
    in_extensions: bool = False
    seen_elevation: bool = False
    seen_time: bool = False


@dataclass
class _Segment:
    """One track segment: its length and gpxpy's smoothed climb, point by point."""

    length: float = 0.0
    uphill: float = 0.0
    previous: _Point | None = None
    elevations: list[float] = field(default_factory=list)  # the last two raw heights
    smoothed: float | None = None

    def add(self, point: _Point, elevation: float | None) -> float:
        step = 0.0
        if self.previous is not None:
            step = geo.distance(
                point.lat, point.lon, None, self.previous.lat, self.previous.lon, None
            )
            if step:
                self.length += step
        self.previous = point
        if elevation is not None:
            if len(self.elevations) == 2:
                before, current = self.elevations
                self._climb(before * 0.3 + current * 0.4 + elevation * 0.3)
            elif len(self.elevations) == 1:
                self._climb(self.elevations[0])  # the first height is not smoothed
            self.elevations = [*self.elevations[-1:], elevation]
        return step

    def _climb(self, smoothed: float) -> None:
        if self.smoothed is not None and smoothed - self.smoothed > 0:
            self.uphill += smoothed - self.smoothed
        self.smoothed = smoothed

    def finish(self) -> None:
        if len(self.elevations) == 2:
            self._climb(self.elevations[1])  # nor is the last


class _GpxReader:
    """What one session needs from a GPX file, gathered element by element."""

    def __init__(self) -> None:
        self.path: list[str] = []
        self.point: _Point | None = None
        self.segment = _Segment()
        self.track_length = self.track_uphill = 0.0
        self.length = self.uphill = 0.0
        self.had_points = self.had_route_points = self.had_waypoints = False
        self.points = 0
        self.timed_points = 0
        self.first_time: datetime | None = None
        self.last_time: datetime | None = None
        self.file_time: datetime | None = None
        self.any_elevation = False
        self.covered = 0.0  # distance so far, for where the timed points lie
        self.first_timed: tuple[float, int] | None = None
        self.last_timed: tuple[float, int] | None = None
        self.track_name = ""
        self.file_name = ""
        self.sampler = TrackSampler()

    def start(self, element: Element) -> None:
        name = local(element.tag)
        parent = self.path[-1] if self.path else ""
        self.path.append(name)
        if name == "trkpt" and self.path == ["gpx", "trk", "trkseg", "trkpt"]:
            self.had_points = True
            self.point = _Point(
                lat=_required(element.get("lat")), lon=_required(element.get("lon"))
            )
        elif name == "extensions" and self.point is not None and parent == "trkpt":
            self.point.in_extensions = True

    def end(self, element: Element) -> None:
        name = self.path.pop()
        parent = self.path[-1] if self.path else ""
        point = self.point
        if point is not None and name == "trkpt":
            self._point_done(point)
            self.point = None
        elif point is not None and parent == "trkpt" and name in ("ele", "time"):
            # The first of each counts, as in gpxpy; an empty one is none.
            if name == "ele" and not point.seen_elevation:
                point.seen_elevation, point.elevation_text = True, element.text
            elif name == "time" and not point.seen_time:
                point.seen_time, point.time_text = True, element.text
        elif point is not None and point.in_extensions and name == "hr":
            if point.heart_rate_text is None and element.text:
                point.heart_rate_text = element.text
        elif name == "trkseg" and parent == "trk":
            self.segment.finish()
            self.track_length += self.segment.length
            self.track_uphill += self.segment.uphill
            self.segment = _Segment()
        elif name == "trk" and parent == "gpx":
            self.length += self.track_length
            self.uphill += self.track_uphill
            self.track_length = self.track_uphill = 0.0
        elif name == "name" and parent == "trk" and not self.track_name:
            self.track_name = (element.text or "").strip()
        elif name in ("name", "time") and (parent == "metadata" or parent == "gpx"):
            self._file_field(name, element.text)
        elif name == "rtept":
            self.had_route_points = True
        elif name == "wpt" and parent == "gpx":
            self.had_waypoints = True

    def _file_field(self, name: str, text: str | None) -> None:
        if name == "name" and not self.file_name:
            self.file_name = (text or "").strip()
        elif name == "time" and self.file_time is None:
            self.file_time = _time(text)

    def _point_done(self, point: _Point) -> None:
        elevation = _float(point.elevation_text)
        if not _on_earth(point.lat, point.lon):
            return
        if elevation is not None and not math.isfinite(elevation):
            elevation = None
        self.any_elevation = self.any_elevation or elevation is not None
        moment = _time(point.time_text)
        step = self.segment.add(point, elevation)
        self.covered += step if math.isfinite(step) else 0.0
        if moment is not None:
            self.timed_points += 1
            self.first_time = self.first_time or moment
            self.last_time = moment
            self.first_timed = self.first_timed or (self.covered, self.points)
            self.last_timed = (self.covered, self.points)
        self.points += 1
        self.sampler.add(
            lat=point.lat, lon=point.lon, time=moment, heart_rate=_heart_rate(point.heart_rate_text)
        )

    def timing(self) -> TrackTiming | None:
        """The shares of distance before the first and the last timed point (the gaps
        between segments are not distance covered), or None when no point carries a time.
        A track that goes nowhere is measured by its points instead."""
        if self.first_timed is None or self.last_timed is None:
            return None
        if self.covered > 0:
            return TrackTiming(
                first_timed=self.first_timed[0] / self.covered,
                last_timed=self.last_timed[0] / self.covered,
            )
        last = max(self.points - 1, 1)
        return TrackTiming(
            first_timed=self.first_timed[1] / last, last_timed=self.last_timed[1] / last
        )


def _required(text: str | None) -> float:
    value = _float(text)
    if value is None:
        raise ImportFileError(_("The GPX file is damaged and cannot be read."))
    return value


def parse_gpx(fileobj: IO[bytes], *, kind: str) -> ParseResult:
    """One session from a GPX file's recorded track(s); GPX has no sport, so kind is given."""
    if kind not in GPX_KINDS:
        raise ValueError(f"A GPX track is a run or a walk, not {kind!r}")
    reader = _GpxReader()
    for event, element in iter_elements(fileobj, "GPX"):
        if event == "start":
            if not reader.path and local(element.tag) != "gpx":
                raise ImportFileError(_("This is not a GPX file."))
            reader.start(element)
        else:
            reader.end(element)
    return ParseResult(activities=[_activity(reader, kind)], skipped=[])


def _activity(reader: _GpxReader, kind: str) -> ImportedActivity:
    if not reader.points:
        if reader.had_points:
            raise ImportFileError(_("The GPX file's track points have no readable position."))
        if reader.had_route_points:
            raise ImportFileError(_("The GPX file holds a planned route but no recorded track."))
        if reader.had_waypoints:
            raise ImportFileError(_("The GPX file holds only waypoints, no recorded track."))
        raise ImportFileError(_("The GPX file holds no recorded track."))
    # In track order, not sorted: the start is the first point that carries a time, even
    # when a later point (an edited or merged file) carries an earlier one.
    start = reader.first_time or reader.file_time
    if start is None:
        raise ImportFileError(_("The GPX file has no times, so the day of the session is unknown."))
    timing = reader.timing()
    start_known = timing is None or timing.start_known
    # Times on only a few points (an edited or converted file) say little about the whole.
    duration_s: int | None = None
    if (
        start_known
        and (timing is None or timing.duration_known)
        and reader.timed_points >= 2
        and reader.timed_points * 2 >= reader.points
        and reader.first_time is not None
        and reader.last_time is not None
    ):
        seconds = round((reader.last_time - reader.first_time).total_seconds())
        duration_s = seconds if seconds > 0 else None
    return ImportedActivity(
        start=start,
        kind=kind,
        source="gpx",
        duration_s=duration_s,
        distance_m=rounded(reader.length),
        elevation_gain_m=rounded(reader.uphill) if reader.any_elevation else None,
        name=(reader.track_name or reader.file_name).strip(),
        track=reader.sampler.points(),
        start_known=start_known,
    )


def _heart_rate(text: str | None) -> int | None:
    """Garmin's TrackPointExtension <hr>, the usual place for heart rate in a GPX file."""
    if not text:
        return None
    value = number(text)
    return round(value) if value is not None and value < 400 else None

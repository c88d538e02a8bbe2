"""An imported activity's track, kept small, and drawn as inline SVG: the route from its
points (no map tiles, nothing from another site) and pace and heart rate over distance.

Stored on the session as a list of [lat, lon, distance_m, elapsed_s | null, hr | null],
at most MAX_POINTS of them, evenly thinned along the distance."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

MAX_POINTS = 400
EARTH_RADIUS_M = 6_371_000.0
# Drawing boxes (SVG user units); the page scales them to its width.
ROUTE_SIZE = 300.0
CHART_WIDTH = 300.0
CHART_HEIGHT = 90.0
# Pace is averaged over stretches of this length, so GPS jitter does not draw spikes.
PACE_STRETCH_M = 200.0
SLOWEST_PACE_S_PER_KM = 20 * 60


@dataclass(frozen=True, slots=True)
class TrackPoint:
    lat: float
    lon: float
    time: datetime | None = None
    heart_rate: int | None = None
    # Metres along the track from its first point, where a reader thinned the track
    # already (TrackSampler): the distance covered between kept points is not lost.
    distance_m: float | None = None


def _on_map(point: TrackPoint) -> bool:
    return -90 <= point.lat <= 90 and -180 <= point.lon <= 180


# A reader keeps at most twice this many points of a track, whatever the file's length.
SAMPLER_KEEP = 10_000


class TrackSampler:
    """The points of a track of any length in bounded memory: every point up to
    2 x `keep`, then every second, fourth... point (evenly along the track, the last one
    always), each with its distance along the whole track."""

    def __init__(self, keep: int | None = None) -> None:
        self.keep = keep or SAMPLER_KEEP
        self.kept: list[TrackPoint] = []
        self.stride = 1
        self.seen = 0
        self.distance = 0.0
        self.previous: TrackPoint | None = None
        self.latest: TrackPoint | None = None

    def add(self, *, lat: float, lon: float, time: datetime | None, heart_rate: int | None) -> None:
        point = TrackPoint(lat=lat, lon=lon, time=time, heart_rate=heart_rate)
        if not _on_map(point):
            return
        if self.previous is not None:
            self.distance += _metres(self.previous, point)
        self.previous = point
        self.latest = TrackPoint(
            lat=lat, lon=lon, time=time, heart_rate=heart_rate, distance_m=self.distance
        )
        if self.seen % self.stride == 0:
            self.kept.append(self.latest)
            if len(self.kept) > 2 * self.keep:
                self.kept = self.kept[::2]
                self.stride *= 2
        self.seen += 1

    def points(self) -> tuple[TrackPoint, ...]:
        if self.latest is not None and (not self.kept or self.kept[-1] is not self.latest):
            return (*self.kept, self.latest)
        return tuple(self.kept)


StoredPoint = list[float | int | None]


def _metres(a: TrackPoint, b: TrackPoint) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    dphi = phi2 - phi1
    dlambda = math.radians(b.lon - a.lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def track_to_store(points: Sequence[TrackPoint]) -> list[StoredPoint] | None:
    """The points as stored on the session, thinned to MAX_POINTS; None for no route."""
    valid = [p for p in points if _on_map(p)]
    if len(valid) < 2:
        return None
    start = next((p.time for p in valid if p.time is not None), None)
    rows: list[StoredPoint] = []
    distance = 0.0
    base = valid[0].distance_m
    for index, point in enumerate(valid):
        if base is not None and point.distance_m is not None:
            distance = point.distance_m - base
        elif index:
            distance += _metres(valid[index - 1], point)
        elapsed = (
            round((point.time - start).total_seconds())
            if start is not None and point.time is not None
            else None
        )
        heart_rate = (
            point.heart_rate if point.heart_rate and 25 <= point.heart_rate <= 250 else None
        )
        rows.append(
            [round(point.lat, 6), round(point.lon, 6), round(distance), elapsed, heart_rate]
        )
    if len(rows) > MAX_POINTS:
        step = (len(rows) - 1) / (MAX_POINTS - 1)
        rows = [rows[round(i * step)] for i in range(MAX_POINTS)]
    return rows


@dataclass(frozen=True)
class Chart:
    """A line over distance: SVG path, its range and the axis end."""

    path: str
    low: float
    high: float
    km: float


@dataclass(frozen=True)
class RouteDrawing:
    route_path: str
    start: tuple[float, float]
    finish: tuple[float, float]
    width: float
    height: float
    pace: Chart | None
    heart_rate: Chart | None


def _path(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{'M' if i == 0 else 'L'}{x:.1f} {y:.1f}" for i, (x, y) in enumerate(points))


def _chart(series: Sequence[tuple[float, float]], km: float, *, invert: bool) -> Chart | None:
    """`series` is (metres, value); with invert, lower values draw higher (a faster pace)."""
    if len(series) < 2 or km <= 0:
        return None
    values = [v for _, v in series]
    low, high = min(values), max(values)
    spread = (high - low) or 1.0
    margin = 4.0

    def y(value: float) -> float:
        share = (value - low) / spread
        if not invert:
            share = 1 - share
        return margin + share * (CHART_HEIGHT - 2 * margin)

    points = [(metres / (km * 1000) * CHART_WIDTH, y(value)) for metres, value in series]
    return Chart(path=_path(points), low=low, high=high, km=km)


def route_drawing(stored: Sequence[StoredPoint] | None) -> RouteDrawing | None:
    if not stored or len(stored) < 2:
        return None
    lats = [float(p[0] or 0) for p in stored]
    lons = [float(p[1] or 0) for p in stored]
    # Equirectangular projection around the middle latitude: true enough for one run.
    mid = math.radians((min(lats) + max(lats)) / 2)
    xs = [lon * math.cos(mid) for lon in lons]
    ys = [-lat for lat in lats]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1e-9
    scale = ROUTE_SIZE / span
    width = (max(xs) - min(xs)) * scale or 1.0
    height = (max(ys) - min(ys)) * scale or 1.0
    points = [((x - min(xs)) * scale, (y - min(ys)) * scale) for x, y in zip(xs, ys, strict=True)]
    km = float(stored[-1][2] or 0) / 1000

    pace: list[tuple[float, float]] = []
    anchor = 0
    for index in range(1, len(stored)):
        d0, t0 = stored[anchor][2], stored[anchor][3]
        d1, t1 = stored[index][2], stored[index][3]
        if None in (d0, t0, d1, t1):
            continue
        metres = float(d1) - float(d0)  # type: ignore[arg-type]
        if metres >= PACE_STRETCH_M:
            seconds_per_km = (float(t1) - float(t0)) / metres * 1000  # type: ignore[arg-type]
            if 0 < seconds_per_km <= SLOWEST_PACE_S_PER_KM:
                pace.append(((float(d0) + float(d1)) / 2, seconds_per_km))  # type: ignore[arg-type]
            anchor = index
    heart = [(float(p[2] or 0), float(p[4])) for p in stored if p[4] is not None]
    return RouteDrawing(
        route_path=_path(points),
        start=points[0],
        finish=points[-1],
        width=round(width, 1),
        height=round(height, 1),
        pace=_chart(pace, km, invert=True),
        heart_rate=_chart(heart, km, invert=False),
    )

"""TCX: each Activity of a Training Center file, with its laps' own totals."""

from __future__ import annotations

import itertools
from typing import IO, Final
from xml.etree.ElementTree import Element

from django.utils.translation import gettext as _

from logbook.imports.base import (
    MAX_IMPORT_ROWS,
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
from logbook.imports.safexml import local, safe_xml_root
from logbook.tracks import TrackPoint

_TCX_SPORTS: Final = {"Running": "run", "Walking": "walk", "Hiking": "walk"}


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local(child.tag) == name]


def _descendants(element: Element, name: str) -> list[Element]:
    return [child for child in element.iter() if local(child.tag) == name]


def _child_text(element: Element, name: str) -> str:
    for child in element:
        if local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def parse_tcx(fileobj: IO[bytes], *, max_rows: int = MAX_IMPORT_ROWS) -> ParseResult:
    """Each Activity of a TCX file, with the laps' own totals."""
    root = safe_xml_root(fileobj.read(), "TCX")
    if local(root.tag) != "TrainingCenterDatabase":
        raise ImportFileError(_("This is not a TCX file."))
    activities_elements = _descendants(root, "Activity")
    if not activities_elements:
        if _descendants(root, "Course"):
            raise ImportFileError(
                _("The TCX file holds a planned course but no recorded activity.")
            )
        raise ImportFileError(_("The TCX file holds no recorded activity."))
    if len(activities_elements) > max_rows:
        raise ImportFileError(too_many_rows_message(max_rows))

    activities: list[ImportedActivity] = []
    skipped: list[SkippedActivity] = []
    for activity in activities_elements:
        item = _tcx_activity(activity)
        if isinstance(item, ImportedActivity):
            activities.append(item)
        else:
            skipped.append(item)
    return ParseResult(activities=activities, skipped=skipped)


def _tcx_activity(activity: Element) -> ImportedActivity | SkippedActivity:
    sport = activity.get("Sport", "").strip()
    laps = _children(activity, "Lap")
    raw_start = _child_text(activity, "Id") or (laps[0].get("StartTime", "") if laps else "")
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

    lap_seconds = [number(_child_text(lap, "TotalTimeSeconds")) for lap in laps]
    lap_metres = [number(_child_text(lap, "DistanceMeters")) for lap in laps]
    known_seconds = [value for value in lap_seconds if value is not None]
    known_metres = [value for value in lap_metres if value is not None]

    altitudes = [
        value
        for trackpoint in _descendants(activity, "Trackpoint")
        if (value := _signed_number(_child_text(trackpoint, "AltitudeMeters"))) is not None
    ]
    elevation_gain_m = (
        rounded(sum(max(b - a, 0.0) for a, b in itertools.pairwise(altitudes)))
        if altitudes
        else None
    )
    return ImportedActivity(
        start=start,
        kind=kind,
        source="tcx",
        duration_s=rounded(sum(known_seconds)) if known_seconds else None,
        distance_m=rounded(sum(known_metres)) if known_metres else None,
        elevation_gain_m=elevation_gain_m,
        track=_track(activity),
    )


def _track(activity: Element) -> tuple[TrackPoint, ...]:
    points: list[TrackPoint] = []
    for trackpoint in _descendants(activity, "Trackpoint"):
        positions = _children(trackpoint, "Position")
        if not positions:
            continue
        lat = _signed_number(_child_text(positions[0], "LatitudeDegrees"))
        lon = _signed_number(_child_text(positions[0], "LongitudeDegrees"))
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        heart = _children(trackpoint, "HeartRateBpm")
        bpm = number(_child_text(heart[0], "Value")) if heart else None
        raw_time = _child_text(trackpoint, "Time")
        points.append(
            TrackPoint(
                lat=lat,
                lon=lon,
                time=parse_iso(raw_time) if raw_time else None,
                heart_rate=round(bpm) if bpm is not None and bpm < 400 else None,
            )
        )
    return tuple(points)


def _signed_number(text: str) -> float | None:
    # Altitudes may be below sea level.
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None

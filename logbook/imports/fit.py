"""FIT: each session summary of a FIT activity file (a multisport file has several)."""

from __future__ import annotations

import dataclasses
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import IO, Final

import fitdecode  # type: ignore[import-untyped,unused-ignore]
from django.utils.translation import gettext as _

from logbook.imports.base import (
    ImportedActivity,
    ImportFileError,
    ParseResult,
    SkippedActivity,
    as_utc,
    day,
    not_a_foot_session,
    rounded,
    too_many_rows_message,
)
from logbook.tracks import TrackPoint, TrackSampler

# sport -> kind; sub_sport refines "training" and the surface.
_FIT_SPORTS: Final = {"running": "run", "walking": "walk", "hiking": "walk"}
_FIT_STRENGTH_SUB_SPORTS: Final = frozenset({"strength_training", "cardio_training", "generic"})
_FIT_SURFACES: Final = {
    "treadmill": "treadmill",
    "virtual_activity": "treadmill",
    "indoor_running": "treadmill",
    "indoor_walking": "treadmill",
    "trail": "mixed",
    "track": "track",
}
_FIT_SPORT_WORDS: Final = {"cycling": "cycling", "swimming": "swimming"}


@dataclass(frozen=True)
class _FitSession:
    sport: str
    sub_sport: str
    start: datetime | None
    elapsed_s: float | None
    distance_m: float | None
    ascent_m: float | None
    track: tuple[TrackPoint, ...] = ()


# FIT positions are in semicircles: 2^31 of them make 180 degrees.
_SEMICIRCLE_DEGREES: Final = 180 / 2**31


def _fit_record(fields: dict[str, object], sampler: TrackSampler) -> None:
    lat, lon, moment = (
        fields.get("position_lat"),
        fields.get("position_long"),
        fields.get("timestamp"),
    )
    if not isinstance(lat, int) or not isinstance(lon, int) or not isinstance(moment, datetime):
        return
    heart_rate = fields.get("heart_rate")
    sampler.add(
        lat=lat * _SEMICIRCLE_DEGREES,
        lon=lon * _SEMICIRCLE_DEGREES,
        time=as_utc(moment),
        heart_rate=heart_rate if isinstance(heart_rate, int) else None,
    )


def fit_track(records: Sequence[TrackPoint], session: _FitSession) -> tuple[TrackPoint, ...]:
    """The records that fall within one session (a multisport file has several)."""
    if session.start is None:
        return ()
    end = session.start + timedelta(seconds=session.elapsed_s or 0)
    return tuple(p for p in records if p.time is not None and session.start <= p.time <= end)


def _fit_float(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _fit_sessions(fileobj: IO[bytes]) -> list[_FitSession]:
    """Session summaries, decoded with fitdecode; a checksum mismatch means a damaged file."""
    sessions: list[_FitSession] = []
    # Records are thinned as they are read: a file of any length takes the same memory.
    records = TrackSampler()
    try:
        with fitdecode.FitReader(fileobj, check_crc=fitdecode.CrcCheck.RAISE) as reader:
            for frame in reader:
                if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record":
                    _fit_record({field.name: field.value for field in frame.fields}, records)
                    continue
                if not isinstance(frame, fitdecode.FitDataMessage) or frame.name != "session":
                    continue
                fields = {field.name: field.value for field in frame.fields}
                start = fields.get("start_time")
                elapsed = fields.get("total_elapsed_time")
                if elapsed is None:
                    elapsed = fields.get("total_timer_time")
                sessions.append(
                    _FitSession(
                        sport=str(fields.get("sport") or ""),
                        sub_sport=str(fields.get("sub_sport") or ""),
                        start=as_utc(start) if isinstance(start, datetime) else None,
                        elapsed_s=_fit_float(elapsed),
                        distance_m=_fit_float(fields.get("total_distance")),
                        ascent_m=_fit_float(fields.get("total_ascent")),
                    )
                )
    except fitdecode.FitHeaderError as error:
        raise ImportFileError(_("This is not a FIT file (its header is damaged).")) from error
    except fitdecode.FitEOFError as error:
        raise ImportFileError(
            _("The FIT file ends early: it was not copied or exported completely. Try again.")
        ) from error
    except fitdecode.FitCRCError as error:
        raise ImportFileError(
            _("The FIT file is damaged: its checksum does not match its contents.")
        ) from error
    except (fitdecode.FitError, ValueError, KeyError, IndexError, TypeError, struct.error) as error:
        raise ImportFileError(_("The FIT file is damaged and cannot be read.")) from error
    points = records.points()
    return [dataclasses.replace(s, track=fit_track(points, s)) for s in sessions]


def parse_fit(fileobj: IO[bytes], *, max_rows: int) -> ParseResult:
    """Each session of a FIT activity file (a multisport file has several)."""
    sessions = _fit_sessions(fileobj)
    if not sessions:
        raise ImportFileError(
            _("The FIT file holds no activity (it may be a settings, course or workout file).")
        )
    if len(sessions) > max_rows:
        raise ImportFileError(too_many_rows_message(max_rows))
    activities: list[ImportedActivity] = []
    skipped: list[SkippedActivity] = []
    for session in sessions:
        item = _fit_activity(session)
        if isinstance(item, ImportedActivity):
            activities.append(item)
        else:
            skipped.append(item)
    return ParseResult(activities=activities, skipped=skipped)


def _fit_activity(session: _FitSession) -> ImportedActivity | SkippedActivity:
    sport_label = session.sport.replace("_", " ") or _("unknown sport")
    description = _("%(type)s session on %(date)s") % {
        "type": sport_label.capitalize(),
        "date": day(session.start) if session.start else _("an unknown day"),
    }
    if session.start is None:
        return SkippedActivity(description=description, reason=_("it has no start time"))
    kind = _FIT_SPORTS.get(session.sport)
    if session.sport == "training" and session.sub_sport in _FIT_STRENGTH_SUB_SPORTS:
        kind = "strength"
    if session.sport == "fitness_equipment" and session.sub_sport == "treadmill":
        kind = "run"
    if kind is None:
        sport_word = _FIT_SPORT_WORDS.get(session.sport)
        if sport_word == "cycling":
            reason = not_a_foot_session(_("cycling"))
        elif sport_word == "swimming":
            reason = not_a_foot_session(_("swimming"))
        else:
            label = session.sub_sport if session.sport == "training" else session.sport
            reason = not_a_foot_session(label.replace("_", " ") or _("an unknown sport"))
        return SkippedActivity(description=description, reason=reason)
    return ImportedActivity(
        start=session.start,
        kind=kind,
        source="fit",
        duration_s=rounded(session.elapsed_s),
        distance_m=rounded(session.distance_m),
        elevation_gain_m=rounded(session.ascent_m),
        surface_hint=_FIT_SURFACES.get(session.sub_sport, "") if kind != "strength" else "",
        track=session.track if kind != "strength" else (),
    )

"""Training plans without the database: reading a plan from CSV, the status of a planned
session against what was done, and a week's compliance (DOMAIN.md section 4).

Pure: no ORM, no clock. Callers pass `today` in the runner's own zone.

Our readings where DOMAIN.md leaves room, in one place:
- The bands compare whole seconds (or metres) exactly: 80 % up to and including 120 % is
  done, 50 % up to 80 % and above 120 % up to and including 150 % partly, the rest off.
- A planned session with neither a duration nor a distance (strength with exercises only)
  is done as soon as a session fulfils it.
- A plan with only a distance, fulfilled by a session without one (a treadmill run logged
  by time), compares 0 m: off, until the runner adds the distance.
- A fulfilled session has its band even on its own day or earlier; `missed` needs the local
  day to have passed.
- Compliance counts the planned sessions whose day has passed (today's count from
  tomorrow), and is None for a week without any.
- A plan file is at most MAX_ROWS rows. Blank lines are skipped. The header names the
  columns in any order; only `date` and `kind` must be there.
"""

from __future__ import annotations

import _csv
import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Final, Literal

from django.utils.translation import gettext as _

from runningcoach.parsing import small_int

Status = Literal["planned", "done", "partly", "off", "missed"]
PLANNED: Final = "planned"
DONE: Final = "done"
PARTLY: Final = "partly"
OFF: Final = "off"
MISSED: Final = "missed"
STATUSES: Final[tuple[Status, ...]] = (PLANNED, DONE, PARTLY, OFF, MISSED)

# The logbook's kind and surface codes (logbook.models.Kind, Surface); a test keeps them equal.
KINDS: Final = ("run", "walk", "strength")
SURFACES: Final = (
    "road",
    "track",
    "treadmill",
    "forest_path",
    "sand_road",
    "loose_sand",
    "heath",
    "singletrack",
    "mixed",
)

COLUMNS: Final = (
    "date",
    "kind",
    "duration_min",
    "distance_km",
    "rpe",
    "backward_min",
    "surface",
    "notes",
)
REQUIRED_COLUMNS: Final = ("date", "kind")
MAX_ROWS: Final = 1000
MAX_BYTES: Final = 512 * 1024
MAX_DURATION_MIN: Final = Decimal(24 * 60)
MAX_DISTANCE_KM: Final = Decimal(500)
MAX_NOTES: Final = 2000

DONE_PCT: Final = (80, 120)
PARTLY_PCT: Final = (50, 150)


# Status and compliance ----------------------------------------------------------------


def band(*, target: int, actual: int) -> Status:
    """done, partly or off for what was done (seconds or metres) against a target > 0."""
    low, high = DONE_PCT
    if low * target <= 100 * actual <= high * target:
        return DONE
    low, high = PARTLY_PCT
    if low * target <= 100 * actual <= high * target:
        return PARTLY
    return OFF


def status(
    *,
    day: date,
    today: date,
    target_duration_s: int | None,
    target_distance_m: int | None,
    done_duration_s: int | None,
    done_distance_m: int | None,
    fulfilled: bool,
) -> Status:
    """The status of one planned session; `fulfilled` says a session of its day fulfils it
    (then done_* are that session's figures)."""
    if not fulfilled:
        return MISSED if day < today else PLANNED
    if target_duration_s:
        return band(target=target_duration_s, actual=done_duration_s or 0)
    if target_distance_m:
        return band(target=target_distance_m, actual=done_distance_m or 0)
    return DONE


def compliance(planned: Iterable[tuple[date, Status]], *, today: date) -> float | None:
    """(done + 0.5 x partly) / planned sessions whose day has passed, as a fraction 0-1."""
    counted = [s for day, s in planned if day < today]
    if not counted:
        return None
    score = sum(1.0 if s == DONE else 0.5 if s == PARTLY else 0.0 for s in counted)
    return score / len(counted)


def compliance_pct(value: float | None) -> int | None:
    """Compliance as a whole per cent, rounded half up (as people round)."""
    return (
        None if value is None else int(Decimal(value * 100).quantize(Decimal(1), "ROUND_HALF_UP"))
    )


# Reading a plan from CSV --------------------------------------------------------------


@dataclass(frozen=True)
class PlanRow:
    """One planned session as read from a file."""

    line: int
    day: date
    kind: str
    duration_s: int | None = None
    distance_m: int | None = None
    rpe: int | None = None
    backward_s: int = 0
    surface: str = ""
    notes: str = ""


@dataclass(frozen=True)
class LineError:
    line: int | None  # None: the file as a whole
    messages: tuple[str, ...]

    def __str__(self) -> str:
        text = "; ".join(self.messages)
        if self.line is None:
            return text
        return _("Line %(line)d: %(problems)s") % {"line": self.line, "problems": text}


@dataclass(frozen=True)
class PlanFile:
    rows: tuple[PlanRow, ...] = ()
    errors: tuple[LineError, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.errors


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"\d+(\.\d+)?")


def _decimal(
    raw: str, *, name: str, maximum: Decimal, zero_ok: bool, problems: list[str]
) -> Decimal | None:
    if not raw:
        return None
    if re.fullmatch(r"\d+,\d+", raw):
        problems.append(
            _("%(column)s %(value)s: write a decimal point, not a comma")
            % {"column": name, "value": raw}
        )
        return None
    if not _NUMBER.fullmatch(raw):
        problems.append(_("%(column)s %(value)s is not a number") % {"column": name, "value": raw})
        return None
    value = Decimal(raw)
    if value == 0 and not zero_ok:
        problems.append(_("%(column)s must be more than 0") % {"column": name})
        return None
    if value > maximum:
        problems.append(
            _("%(column)s %(value)s is more than %(maximum)s")
            % {"column": name, "value": raw, "maximum": maximum}
        )
        return None
    return value


def _whole(value: Decimal | None, factor: int) -> int | None:
    return None if value is None else int((value * factor).quantize(Decimal(1), "ROUND_HALF_UP"))


def _read_day(raw_day: str, problems: list[str]) -> date | None:
    if not raw_day:
        problems.append(_("date is missing"))
    elif not _DATE.fullmatch(raw_day):
        problems.append(_("date %(value)s is not YYYY-MM-DD") % {"value": raw_day})
    else:
        try:
            return date.fromisoformat(raw_day)
        except ValueError:
            problems.append(_("date %(value)s does not exist") % {"value": raw_day})
    return None


def _read_kind(cells: dict[str, str], problems: list[str]) -> str:
    kind = cells.get("kind", "").lower()
    if not kind:
        problems.append(_("kind is missing"))
    elif kind not in KINDS:
        problems.append(
            _("kind %(value)s is not one of %(choices)s")
            % {"value": cells["kind"], "choices": ", ".join(KINDS)}
        )
    return kind


def _read_amounts(
    cells: dict[str, str], problems: list[str]
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """Duration, distance and backward minutes, each within its bounds."""
    duration, distance, backward = (
        _decimal(cells.get(name, ""), name=name, maximum=top, zero_ok=zero_ok, problems=problems)
        for name, top, zero_ok in (
            ("duration_min", MAX_DURATION_MIN, False),
            ("distance_km", MAX_DISTANCE_KM, False),
            ("backward_min", MAX_DURATION_MIN, True),
        )
    )
    if duration is not None and backward is not None and backward > duration:
        problems.append(
            _("backward_min %(backward)s is more than duration_min %(duration)s")
            % {"backward": cells["backward_min"], "duration": cells["duration_min"]}
        )
    return duration, distance, backward


def _read_rpe(raw_rpe: str, problems: list[str]) -> int | None:
    if not raw_rpe:
        return None
    rpe = small_int(raw_rpe, maximum=10) or None
    if rpe is None:
        problems.append(_("rpe %(value)s is not a whole number from 1 to 10") % {"value": raw_rpe})
    return rpe


def _read_surface(cells: dict[str, str], problems: list[str]) -> str:
    surface = cells.get("surface", "").lower()
    if surface and surface not in SURFACES:
        problems.append(
            _("surface %(value)s is not one of %(choices)s")
            % {"value": cells["surface"], "choices": ", ".join(SURFACES)}
        )
    return surface


def parse_row(line: int, cells: dict[str, str]) -> PlanRow | LineError:
    problems: list[str] = []
    day = _read_day(cells.get("date", ""), problems)
    kind = _read_kind(cells, problems)
    duration, distance, backward = _read_amounts(cells, problems)
    rpe = _read_rpe(cells.get("rpe", ""), problems)
    surface = _read_surface(cells, problems)
    notes = cells.get("notes", "")
    if len(notes) > MAX_NOTES:
        problems.append(_("notes are longer than %(n)d characters") % {"n": MAX_NOTES})
    if problems or day is None:
        return LineError(line, tuple(problems))
    return PlanRow(
        line=line,
        day=day,
        kind=kind,
        duration_s=_whole(duration, 60),
        distance_m=_whole(distance, 1000),
        rpe=rpe,
        backward_s=_whole(backward, 60) or 0,
        surface=surface,
        notes=notes,
    )


def _text(content: bytes | str) -> str | None:
    if isinstance(content, str):
        return content.removeprefix("\ufeff")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def parse_plan(content: bytes | str) -> PlanFile:
    """Every row of a plan file, or every problem in it (line numbers count from 1, the
    header being line 1)."""
    if len(content) > MAX_BYTES:
        return PlanFile(
            errors=(
                LineError(
                    None, (_("The file is larger than %(n)d KB.") % {"n": MAX_BYTES // 1024},)
                ),
            )
        )
    text = _text(content)
    if text is None:
        return PlanFile(errors=(LineError(None, (_("The file is not UTF-8 text."),)),))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as error:
        return PlanFile(errors=(LineError(1, (str(error),)),))
    if header is None or not any(h.strip() for h in header):
        return PlanFile(errors=(LineError(None, (_("The file is empty."),)),))
    names = [h.strip().lower() for h in header]
    problems = _header_problems(names)
    if problems:
        return PlanFile(errors=(LineError(1, tuple(problems)),))
    rows, errors = _read_rows(reader, names)
    if not rows and not errors:
        errors.append(LineError(None, (_("The file has a header but no planned sessions."),)))
    return PlanFile(rows=tuple(rows), errors=tuple(errors))


def _header_problems(names: list[str]) -> list[str]:
    problems = [
        _("unknown column %(name)s") % {"name": name} for name in names if name not in COLUMNS
    ]
    problems += [
        _("column %(name)s is missing") % {"name": n} for n in REQUIRED_COLUMNS if n not in names
    ]
    if len(set(names)) != len(names):
        problems.append(_("a column appears twice"))
    return problems


def _read_rows(reader: _csv.Reader, names: list[str]) -> tuple[list[PlanRow], list[LineError]]:
    """The rows after the header, each read or each with its problems; blank lines skipped,
    at most MAX_ROWS."""
    rows: list[PlanRow] = []
    errors: list[LineError] = []
    line = reader.line_num
    while True:
        first_line = line + 1
        try:
            cells = next(reader, None)
        except csv.Error as error:
            errors.append(LineError(first_line, (str(error),)))
            break
        line = reader.line_num
        if cells is None:
            break
        if not any(c.strip() for c in cells):
            continue
        if len(rows) + len(errors) >= MAX_ROWS:
            errors.append(
                LineError(
                    first_line, (_("a plan file holds at most %(n)d rows") % {"n": MAX_ROWS},)
                )
            )
            break
        if len(cells) != len(names):
            errors.append(
                LineError(
                    first_line,
                    (
                        _("%(found)d cells where the header has %(expected)d")
                        % {"found": len(cells), "expected": len(names)},
                    ),
                )
            )
            continue
        parsed = parse_row(first_line, {n: c.strip() for n, c in zip(names, cells, strict=True)})
        if isinstance(parsed, LineError):
            errors.append(parsed)
        else:
            rows.append(parsed)
    return rows, errors


def week_monday(day: date) -> date:
    return date.fromordinal(day.toordinal() - day.weekday())


def weeks_of(days: Sequence[date]) -> list[date]:
    return sorted({week_monday(d) for d in days})

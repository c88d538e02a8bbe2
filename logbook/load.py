"""Training-load rules: pure functions of plain session values and an explicit day.

Nothing here touches the database or reads a clock. Every day boundary is a local calendar
day in the runner's time zone, which the caller passes in. Thresholds come from one settings
dict through `Thresholds.from_mapping`. Each rule is a small function that returns the
warnings it finds for one evaluated day; `evaluate_day` runs them all and collects every
warning, like Django's password validators.

Comparisons that decide whether a warning fires are exact (whole metres, whole seconds,
fractions), so a rise of exactly 10 % never warns because of float noise.
"""

import dataclasses
import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

RUN = "run"
WALK = "walk"
STRENGTH = "strength"
KINDS = (RUN, WALK, STRENGTH)

SINGLE_RUN_SPIKE = "single_run_spike"
WEEKLY_INCREASE = "weekly_increase"
ACWR = "acwr"
RETRO_INCREASE = "retro_increase"
MONOTONY = "monotony"
PAIN = "pain"

RULES: tuple[str, ...] = (
    SINGLE_RUN_SPIKE,
    WEEKLY_INCREASE,
    ACWR,
    RETRO_INCREASE,
    MONOTONY,
    PAIN,
)

# Lowest to highest.
SEVERITIES: dict[str, tuple[str, ...]] = {
    SINGLE_RUN_SPIKE: ("small", "moderate", "large"),
    WEEKLY_INCREASE: ("caution", "warning"),
    ACWR: ("caution", "high"),
    RETRO_INCREASE: ("caution",),
    MONOTONY: ("caution",),
    PAIN: ("high", "sharp"),
}

# For the coach's list, highest risk first (DOMAIN.md "Risk order").
RISK_ORDER: list[tuple[str, str]] = [
    (PAIN, "sharp"),
    (SINGLE_RUN_SPIKE, "large"),
    (PAIN, "high"),
    (SINGLE_RUN_SPIKE, "moderate"),
    (SINGLE_RUN_SPIKE, "small"),
    (WEEKLY_INCREASE, "warning"),
    (ACWR, "high"),
    (RETRO_INCREASE, "caution"),
    (WEEKLY_INCREASE, "caution"),
    (ACWR, "caution"),
    (MONOTONY, "caution"),
]

ALARM_RULES = frozenset({SINGLE_RUN_SPIKE, PAIN})
WINDOW_RULES = frozenset({WEEKLY_INCREASE, ACWR, RETRO_INCREASE, MONOTONY})

# Fixed by the rule definitions: "the last 7 days", "the 7 before", acwr's "21 days before".
WEEK_DAYS = 7
ACWR_CHRONIC_DAYS = 21


def severity_rank(rule: str, severity: str) -> int:
    """Position of `severity` within its rule, 0 for the lowest."""
    try:
        return SEVERITIES[rule].index(severity)
    except (KeyError, ValueError):
        raise ValueError(f"unknown rule/severity: {rule}/{severity}") from None


# --- thresholds ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Thresholds:
    """Every threshold, minimum and factor of the load rules, with DOMAIN.md's defaults."""

    default_rpe: int = 5
    backward_factor: float = 1.3
    spike_window_days: int = 30  # 30 x 24 h before the run's start
    spike_small: float = 0.10
    spike_moderate: float = 0.30
    spike_large: float = 1.00
    weekly_min_base_m: int = 5000
    weekly_caution: float = 0.10
    weekly_warning: float = 0.30
    acwr_min_history_days: int = 28
    acwr_caution: float = 1.3
    acwr_high: float = 1.5
    retro_min_base_s: int = 300
    retro_caution: float = 0.10
    monotony_min_session_days: int = 3
    monotony_caution: float = 2.0
    pain_high: int = 5
    long_run_increase: float = 0.10
    window_repeat_days: int = 7

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"load threshold {f.name} must be a number, not {value!r}")
            if f.type is int and not isinstance(value, int):
                raise ValueError(f"load threshold {f.name} must be a whole number, not {value!r}")
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"load threshold {f.name} must be finite and >= 0: {value!r}")
        if not 1 <= self.default_rpe <= 10:
            raise ValueError(f"default_rpe must be 1-10, not {self.default_rpe}")
        if self.spike_window_days < 1 or self.window_repeat_days < 1:
            raise ValueError("spike_window_days and window_repeat_days must be at least 1")

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> "Thresholds":
        """Defaults overridden by a settings dict; an unknown key or a bad value is a ValueError."""
        known = {f.name: f.type for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ValueError(f"unknown load threshold(s): {', '.join(unknown)}")
        changes: dict[str, Any] = {}
        for name, value in values.items():
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"load threshold {name} must be a number, not {value!r}")
            # An int where a float is expected (acwr_high=2) is fine; the reverse is not.
            changes[name] = float(value) if known[name] is float else value
        return dataclasses.replace(cls(), **changes)


# --- sessions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionFacts:
    """What the rules need to know about one session."""

    id: int | None
    start: datetime  # timezone-aware
    kind: str  # "run" | "walk" | "strength"
    duration_s: int  # elapsed
    distance_m: int | None
    backward_s: int = 0
    backward_m: int | None = None
    load: float = 0.0  # as stored: rpe x minutes (see session_load)
    pain: int | None = None  # 0-10, None when not recorded
    sharp_pain: bool = False

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.start.utcoffset() is None:
            raise ValueError("SessionFacts.start must be timezone-aware")
        if self.kind not in KINDS:
            raise ValueError(f"unknown session kind: {self.kind!r}")


def session_load(*, duration_s: int, rpe: int | None, default_rpe: int) -> tuple[float, bool]:
    """Foster's session-RPE load, rounded to 1 decimal, and whether the RPE was estimated.

    load = RPE x elapsed minutes; a session without RPE uses `default_rpe` and is estimated.
    """
    estimated = rpe is None
    used_rpe = default_rpe if rpe is None else rpe
    if not 1 <= used_rpe <= 10:
        raise ValueError(f"RPE must be 1-10, not {used_rpe}")
    if duration_s < 0:
        raise ValueError(f"duration must not be negative: {duration_s}")
    load = (Decimal(used_rpe * duration_s) / 60).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return float(load), estimated


def local_day(start: datetime, tz: tzinfo) -> date:
    """The runner's calendar day on which a session started (a run over midnight stays put)."""
    return start.astimezone(tz).date()


def is_wholly_backward(s: SessionFacts) -> bool:
    if 0 < s.duration_s <= s.backward_s:
        return True
    return (
        s.distance_m is not None and s.backward_m is not None and 0 < s.distance_m <= s.backward_m
    )


def backward_distance_m(s: SessionFacts) -> float:
    """Backward metres: as recorded, else estimated from the backward share of the time."""
    if s.backward_m is not None:
        backward = float(s.backward_m)
    elif s.distance_m is not None and s.duration_s > 0:
        backward = s.distance_m * min(s.backward_s, s.duration_s) / s.duration_s
    else:
        backward = 0.0
    if s.distance_m is not None:
        backward = min(backward, float(s.distance_m))
    return max(backward, 0.0)


def equivalent_distance_m(s: SessionFacts, factor: float) -> float:
    """Forward metres + factor x backward metres (`distance_m` is the total of both).

    Works for any kind; the rules only sum it over runs, so walks and strength sessions
    add nothing to running distance. Unknown distance counts as 0 (plus recorded backward
    metres, if any).
    """
    backward = backward_distance_m(s)
    forward = 0.0 if s.distance_m is None else s.distance_m - backward
    return forward + factor * backward


def _days(first_day: date, last_day: date) -> list[date]:
    return [first_day + timedelta(days=i) for i in range((last_day - first_day).days + 1)]


def daily_loads(
    sessions: Iterable[SessionFacts], *, first_day: date, last_day: date, tz: tzinfo
) -> dict[date, float]:
    """Load per local day for every day in [first_day, last_day]; rest days are 0."""
    loads = dict.fromkeys(_days(first_day, last_day), 0.0)
    for s in sessions:
        day = local_day(s.start, tz)
        if day in loads:
            loads[day] += s.load
    # Stored loads carry one decimal; rounding the sums removes float noise.
    return {day: round(total, 1) for day, total in loads.items()}


def _has_distance(s: SessionFacts) -> bool:
    return s.distance_m is not None and s.distance_m > 0


def longest_run_before(
    sessions: Iterable[SessionFacts],
    *,
    before: datetime,
    window_days: int,
    backward: bool,
    exclude_id: int | None,
) -> SessionFacts | None:
    """Longest run of one direction that started in [before - window_days x 24 h, before).

    Earlier the same day counts. Runs without a distance are ignored.
    """
    # In UTC: arithmetic on a local datetime is wall-clock time, which would stretch or
    # shrink the window by an hour across a daylight-saving change.
    before = before.astimezone(UTC)
    since = before - timedelta(hours=24 * window_days)
    candidates = [
        s
        for s in sessions
        if s.kind == RUN
        and _has_distance(s)
        and since <= s.start < before
        and is_wholly_backward(s) == backward
        and (exclude_id is None or s.id != exclude_id)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda s: (s.distance_m or 0, s.start))


def _floor_increase(value: int, increase: float) -> int:
    """value x (1 + increase), rounded down to a whole number."""
    return math.floor(value * (1 + _exact(increase)))


def long_run_cap_m(
    sessions: Iterable[SessionFacts], *, today: date, tz: tzinfo, thresholds: Thresholds
) -> tuple[int | None, int | None]:
    """(longest forward run in the 30 local days up to and including today, safe next long run).

    Wholly backward runs are left out: they are short finishers, not long runs.
    """
    first_day = today - timedelta(days=thresholds.spike_window_days - 1)
    distances = [
        s.distance_m
        for s in sessions
        if s.kind == RUN
        and s.distance_m is not None
        and s.distance_m > 0
        and not is_wholly_backward(s)
        and first_day <= local_day(s.start, tz) <= today
    ]
    if not distances:
        return None, None
    longest = max(distances)
    return longest, _floor_increase(longest, thresholds.long_run_increase)


# --- exact arithmetic helpers ---------------------------------------------------------------


def _exact(value: float) -> Fraction:
    """A float as the decimal it was written as: 0.1 -> 1/10, not 0.1000000000000000055..."""
    return Fraction(str(value))


def _exceeds(value: int | Fraction, base: int | Fraction, increase: float) -> bool:
    """value > base x (1 + increase), exactly."""
    return Fraction(value) > Fraction(base) * (1 + _exact(increase))


def _increase_pct(value: int | Fraction, base: int | Fraction) -> int:
    """Percentage rise of value over base, rounded half up to a whole percent."""
    return math.floor(Fraction(value - base) * 100 / Fraction(base) + Fraction(1, 2))


def _round(value: float | Fraction, places: int) -> float:
    """Rounded half up to `places` decimals, as written: _round(2.675, 2) is 2.68."""
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        exact = Decimal(str(value))
    return float(exact.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))


def _whole(value: float) -> int:
    return int(Decimal(str(value)).quantize(Decimal(1), ROUND_HALF_UP))


# --- warnings -------------------------------------------------------------------------------

Number = int | float | str | None


@dataclass(frozen=True)
class LoadWarning:
    rule: str
    severity: str
    day: date  # local date of the session (session rules) or the evaluated day (window rules)
    session_id: int | None
    numbers: Mapping[str, Number] = field(hash=False)  # JSON-serialisable

    def __post_init__(self) -> None:
        severity_rank(self.rule, self.severity)  # raises on an unknown pair

    @property
    def is_alarm(self) -> bool:
        return self.rule in ALARM_RULES

    @property
    def risk_rank(self) -> int:
        """Position in RISK_ORDER, 0 for the highest risk."""
        return RISK_ORDER.index((self.rule, self.severity))

    def title(self) -> str:
        return _("%(rule)s: %(severity)s") % {
            "rule": _rule_name(self.rule),
            "severity": _severity_name(self.severity),
        }

    def message(self) -> str:
        return _MESSAGES[self.rule](self)

    def advice(self) -> str:
        return _ADVICE[self.rule](self)

    def source(self) -> str:
        return _source(self.rule)


def _rule_name(rule: str) -> str:
    names = {
        SINGLE_RUN_SPIKE: _("Single run longer than usual"),
        WEEKLY_INCREASE: _("Weekly distance up"),
        ACWR: _("Acute load above the recent average"),
        RETRO_INCREASE: _("Backward minutes up"),
        MONOTONY: _("Monotonous training load"),
        PAIN: _("Pain after a session"),
    }
    return names[rule]


def _severity_name(severity: str) -> str:
    names = {
        "small": pgettext("load warning severity", "small"),
        "moderate": pgettext("load warning severity", "moderate"),
        "large": pgettext("load warning severity", "large"),
        "caution": pgettext("load warning severity", "caution"),
        "warning": pgettext("load warning severity", "warning"),
        "high": pgettext("load warning severity", "high"),
        "sharp": pgettext("load warning severity", "sharp"),
    }
    return names[severity]


def _decimal(value: Number, places: int) -> str:
    """A number with a fixed count of decimals and the active language's decimal mark."""
    if value is None or isinstance(value, str):
        return str(value)
    text = f"{_round(value, places):.{places}f}"
    return text.replace(".", pgettext("decimal separator", "."))


def _km(metres: Number) -> str:
    if metres is None or isinstance(metres, str):
        return str(metres)
    return _decimal(metres / 1000, 1)


def _km_cap(metres: Number) -> str:
    """A limit in km, rounded down to 100 m so that the advice never exceeds it."""
    if metres is None or isinstance(metres, str):
        return str(metres)
    return _decimal((int(metres) // 100) / 10, 1)


def _spike_message(w: LoadWarning) -> str:
    n = w.numbers
    values = {
        "distance": _km(n["distance_m"]),
        "longest": _km(n["longest_m"]),
        "pct": n["increase_pct"],
    }
    if n.get("direction") == "backward":
        text = _(
            "%(distance)s km backward against a longest backward run of %(longest)s km "
            "in the 30 days before: +%(pct)s %%"
        )
    else:
        text = _(
            "%(distance)s km against a longest run of %(longest)s km "
            "in the 30 days before: +%(pct)s %%"
        )
    return text % values


def _spike_advice(w: LoadWarning) -> str:
    if w.numbers.get("direction") == "backward":
        text = _(
            "Keep your next backward run at or under %(cap)s km; backward running works "
            "best as a short finisher or short repeats."
        )
    else:
        text = _("Keep your next long run at or under %(cap)s km.")
    return text % {"cap": _km_cap(w.numbers["cap_m"])}


def _weekly_message(w: LoadWarning) -> str:
    return _(
        "%(last)s km of running in the last 7 days against %(prev)s km in the 7 days "
        "before: +%(pct)s %% (backward metres count extra)"
    ) % {
        "last": _km(w.numbers["last7_m"]),
        "prev": _km(w.numbers["prev7_m"]),
        "pct": w.numbers["increase_pct"],
    }


def _weekly_advice(w: LoadWarning) -> str:
    return _(
        "Hold next week's running at about this week's %(last)s km or less before building further."
    ) % {"last": _km(w.numbers["last7_m"])}


def _acwr_message(w: LoadWarning) -> str:
    return _(
        "Load of the last 7 days: %(acute)s, against a weekly average of %(chronic)s "
        "over the 21 days before: ratio %(ratio)s"
    ) % {
        "acute": _decimal(w.numbers["acute_load"], 1),
        "chronic": _decimal(w.numbers["chronic_weekly_load"], 1),
        "ratio": _decimal(w.numbers["ratio"], 2),
    }


def _acwr_advice(w: LoadWarning) -> str:
    return _(
        "Plan a few easier days so that your weekly load comes back towards its recent "
        "average of %(chronic)s."
    ) % {"chronic": _decimal(w.numbers["chronic_weekly_load"], 1)}


def _retro_message(w: LoadWarning) -> str:
    return _(
        "%(last)s minutes backward in the last 7 days against %(prev)s minutes in the "
        "7 days before: +%(pct)s %%"
    ) % {
        "last": _decimal(w.numbers["last7_min"], 1),
        "prev": _decimal(w.numbers["prev7_min"], 1),
        "pct": w.numbers["increase_pct"],
    }


def _retro_advice(w: LoadWarning) -> str:
    return _(
        "Keep next week's backward minutes at about this week's %(last)s minutes or less; "
        "backward running stays a short finisher or short repeats."
    ) % {"last": _decimal(w.numbers["last7_min"], 1)}


def _monotony_message(w: LoadWarning) -> str:
    n = w.numbers
    days = n["session_days"]
    count = days if isinstance(days, int) else 0
    values = {
        "mean": _decimal(n["mean_load"], 1),
        "sd": _decimal(n["sd_load"], 1),
        "monotony": _decimal(n["monotony"], 2),
        "days": days,
    }
    if n["monotony"] is None:
        return _(
            "The daily load was %(mean)s on each of the last 7 days: no variation from "
            "day to day at all"
        ) % {"mean": values["mean"]}
    return (
        ngettext(
            "Daily load over the last 7 days (%(days)s session day): average %(mean)s, "
            "standard deviation %(sd)s, monotony %(monotony)s",
            "Daily load over the last 7 days (%(days)s session days): average %(mean)s, "
            "standard deviation %(sd)s, monotony %(monotony)s",
            count,
        )
        % values
    )


def _monotony_advice(w: LoadWarning) -> str:
    return _("Vary the load from day to day: make easy days easier, or take a rest day.")


def _pain_message(w: LoadWarning) -> str:
    if w.severity == "sharp":
        if w.numbers.get("pain") is None:
            return _("Sharp pain recorded after this session")
        return _("Sharp pain recorded after this session (%(pain)s/10)") % {
            "pain": w.numbers["pain"]
        }
    return _("Pain of %(pain)s/10 recorded after this session") % {"pain": w.numbers["pain"]}


def _pain_advice(w: LoadWarning) -> str:
    return _(
        "Rest from running until the pain has settled and read the list of warning signs; "
        "if any of them applies, or the pain keeps coming back, see a physiotherapist or "
        "doctor."
    )


def _source(rule: str) -> str:
    sources = {
        # xgettext:no-python-format
        SINGLE_RUN_SPIKE: _(
            "Frandsen et al., British Journal of Sports Medicine 2025, 5,205 runners, "
            "doi:10.1136/bjsports-2024-109380: a single run more than 10 % longer than the "
            "longest run of the 30 days before was followed by more running injuries "
            "(hazard ratios 1.64, 1.52 and 2.28 for jumps over 10 %, 30 % and 100 %). The "
            "risk did not grow in step with the size of the jump: the severity names how "
            "big the jump was, not how risky it is."
        ),
        # xgettext:no-python-format
        WEEKLY_INCREASE: _(
            "A rule of thumb, not a proven limit; the 10 % figure comes from advice on "
            "building up backward walking. The evidence is mixed: Nielsen et al. 2014 found "
            "no significant overall link for novice runners raising their distance by more "
            "than 30 % over two weeks, and Frandsen et al., BJSM 2025 found no link for "
            "week-to-week change."
        ),
        ACWR: _(
            "Acute:chronic workload ratio, Gabbett, British Journal of Sports Medicine "
            "2016. The evidence is mixed: Frandsen et al., BJSM 2025 compared the same "
            "1-week to 3-week ratio in runners and found no positive link with injury."
        ),
        # xgettext:no-python-format
        RETRO_INCREASE: _(
            "Advice on building up backward walking (Dufek): at most about 10 % more a "
            "week. A rule of thumb rather than a tested limit."
        ),
        MONOTONY: _(
            "Training monotony (average daily load divided by its standard deviation), "
            "Foster, 1998. High monotony together with high load went with illness and poor "
            "form in athletes; it is a prompt to vary training, not an injury forecast."
        ),
        PAIN: _(
            "Light, nagging pain is acceptable, sharp pain is not (back-care advice for "
            "runners). This is a prompt to pause and check, not a diagnosis."
        ),
    }
    return sources[rule]


_MESSAGES = {
    SINGLE_RUN_SPIKE: _spike_message,
    WEEKLY_INCREASE: _weekly_message,
    ACWR: _acwr_message,
    RETRO_INCREASE: _retro_message,
    MONOTONY: _monotony_message,
    PAIN: _pain_message,
}

_ADVICE = {
    SINGLE_RUN_SPIKE: _spike_advice,
    WEEKLY_INCREASE: _weekly_advice,
    ACWR: _acwr_advice,
    RETRO_INCREASE: _retro_advice,
    MONOTONY: _monotony_advice,
    PAIN: _pain_advice,
}


# --- the rules ------------------------------------------------------------------------------


def _dated(sessions: Iterable[SessionFacts], tz: tzinfo) -> list[tuple[date, SessionFacts]]:
    return [(local_day(s.start, tz), s) for s in sessions]


def _in_days(
    dated: Iterable[tuple[date, SessionFacts]], first_day: date, last_day: date
) -> list[SessionFacts]:
    return [s for day, s in dated if first_day <= day <= last_day]


def single_run_spike(
    sessions: Sequence[SessionFacts], *, day: date, tz: tzinfo, thresholds: Thresholds
) -> list[LoadWarning]:
    """Each run of `day` against the longest run of its direction in the 30 x 24 h before."""
    warnings = []
    runs_today = sorted(
        (
            s
            for s in sessions
            if s.kind == RUN and _has_distance(s) and local_day(s.start, tz) == day
        ),
        key=lambda s: s.start,
    )
    for run in runs_today:
        backward = is_wholly_backward(run)
        earlier = longest_run_before(
            sessions,
            before=run.start,
            window_days=thresholds.spike_window_days,
            backward=backward,
            exclude_id=run.id,
        )
        if earlier is None or earlier.distance_m is None:
            continue
        distance, longest = run.distance_m or 0, earlier.distance_m
        if _exceeds(distance, longest, thresholds.spike_large):
            severity = "large"
        elif _exceeds(distance, longest, thresholds.spike_moderate):
            severity = "moderate"
        elif _exceeds(distance, longest, thresholds.spike_small):
            severity = "small"
        else:
            continue
        warnings.append(
            LoadWarning(
                rule=SINGLE_RUN_SPIKE,
                severity=severity,
                day=day,
                session_id=run.id,
                numbers={
                    "distance_m": distance,
                    "longest_m": longest,
                    "increase_pct": _increase_pct(distance, longest),
                    "cap_m": _floor_increase(longest, thresholds.spike_small),
                    "direction": "backward" if backward else "forward",
                },
            )
        )
    return warnings


def _two_weeks(day: date) -> tuple[tuple[date, date], tuple[date, date]]:
    last7 = (day - timedelta(days=WEEK_DAYS - 1), day)
    prev7 = (day - timedelta(days=2 * WEEK_DAYS - 1), day - timedelta(days=WEEK_DAYS))
    return last7, prev7


def weekly_increase(
    sessions: Sequence[SessionFacts], *, day: date, tz: tzinfo, thresholds: Thresholds
) -> list[LoadWarning]:
    """Equivalent running distance of the last 7 local days against the 7 before."""
    dated = [(d, s) for d, s in _dated(sessions, tz) if s.kind == RUN]
    last7, prev7 = _two_weeks(day)
    factor = thresholds.backward_factor
    last_m = _whole(sum(equivalent_distance_m(s, factor) for s in _in_days(dated, *last7)))
    prev_m = _whole(sum(equivalent_distance_m(s, factor) for s in _in_days(dated, *prev7)))
    if prev_m <= 0 or prev_m < thresholds.weekly_min_base_m:
        return []
    if _exceeds(last_m, prev_m, thresholds.weekly_warning):
        severity = "warning"
    elif _exceeds(last_m, prev_m, thresholds.weekly_caution):
        severity = "caution"
    else:
        return []
    numbers: dict[str, Number] = {
        "last7_m": last_m,
        "prev7_m": prev_m,
        "increase_pct": _increase_pct(last_m, prev_m),
    }
    return [LoadWarning(WEEKLY_INCREASE, severity, day, None, numbers)]


def acwr(
    sessions: Sequence[SessionFacts],
    *,
    day: date,
    tz: tzinfo,
    thresholds: Thresholds,
    first_session_day: date | None,
) -> list[LoadWarning]:
    """Load of the last 7 days against the weekly average of the 21 days before (uncoupled)."""
    if first_session_day is None:
        first_session_day = min((local_day(s.start, tz) for s in sessions), default=None)
    history_from = day - timedelta(days=thresholds.acwr_min_history_days - 1)
    if first_session_day is None or first_session_day > history_from:
        return []
    chronic_first = day - timedelta(days=WEEK_DAYS + ACWR_CHRONIC_DAYS - 1)
    loads = daily_loads(sessions, first_day=chronic_first, last_day=day, tz=tz)
    acute_from = day - timedelta(days=WEEK_DAYS - 1)
    acute = sum((_exact(v) for d, v in loads.items() if d >= acute_from), Fraction(0))
    chronic = sum((_exact(v) for d, v in loads.items() if d < acute_from), Fraction(0))
    if chronic <= 0:
        return []
    # acute / (chronic / 3) > t, without dividing.
    weeks = Fraction(ACWR_CHRONIC_DAYS, WEEK_DAYS)
    if acute * weeks > chronic * _exact(thresholds.acwr_high):
        severity = "high"
    elif acute * weeks > chronic * _exact(thresholds.acwr_caution):
        severity = "caution"
    else:
        return []
    chronic_weekly = chronic / weeks
    numbers: dict[str, Number] = {
        "acute_load": _round(acute, 1),
        "chronic_weekly_load": _round(chronic_weekly, 1),
        "ratio": _round(acute / chronic_weekly, 2),
    }
    return [LoadWarning(ACWR, severity, day, None, numbers)]


def retro_increase(
    sessions: Sequence[SessionFacts], *, day: date, tz: tzinfo, thresholds: Thresholds
) -> list[LoadWarning]:
    """Backward seconds (runs and walks) of the last 7 local days against the 7 before."""
    dated = [(d, s) for d, s in _dated(sessions, tz) if s.kind in (RUN, WALK)]
    last7, prev7 = _two_weeks(day)
    last_s = sum(s.backward_s for s in _in_days(dated, *last7))
    prev_s = sum(s.backward_s for s in _in_days(dated, *prev7))
    if prev_s <= 0 or prev_s < thresholds.retro_min_base_s:
        return []
    if not _exceeds(last_s, prev_s, thresholds.retro_caution):
        return []
    numbers: dict[str, Number] = {
        "last7_min": _round(Fraction(last_s, 60), 1),
        "prev7_min": _round(Fraction(prev_s, 60), 1),
        "increase_pct": _increase_pct(last_s, prev_s),
    }
    return [LoadWarning(RETRO_INCREASE, "caution", day, None, numbers)]


def monotony(
    sessions: Sequence[SessionFacts], *, day: date, tz: tzinfo, thresholds: Thresholds
) -> list[LoadWarning]:
    """Mean of the last 7 daily loads over their population standard deviation."""
    first_day = day - timedelta(days=WEEK_DAYS - 1)
    session_days = len({d for d, _s in _dated(sessions, tz) if first_day <= d <= day})
    if session_days < thresholds.monotony_min_session_days:
        return []
    loads = [
        _exact(v) for v in daily_loads(sessions, first_day=first_day, last_day=day, tz=tz).values()
    ]
    mean = sum(loads, Fraction(0)) / len(loads)
    variance = sum(((x - mean) ** 2 for x in loads), Fraction(0)) / len(loads)
    if mean <= 0:
        return []  # sessions without load: nothing to be monotonous about
    # mean / sd > t, kept exact by squaring both sides; sd 0 counts as above any threshold.
    if variance > 0 and mean**2 <= _exact(thresholds.monotony_caution) ** 2 * variance:
        return []
    sd = statistics.pstdev(float(x) for x in loads)
    numbers: dict[str, Number] = {
        "mean_load": _round(mean, 1),
        "sd_load": _round(sd, 1),
        "monotony": None if variance == 0 else _round(float(mean) / sd, 2),
        "session_days": session_days,
    }
    return [LoadWarning(MONOTONY, "caution", day, None, numbers)]


def pain(
    sessions: Sequence[SessionFacts], *, day: date, tz: tzinfo, thresholds: Thresholds
) -> list[LoadWarning]:
    """One warning per session of `day` with sharp pain ticked or pain at or above the limit."""
    warnings = []
    for s in sorted(sessions, key=lambda s: s.start):
        if local_day(s.start, tz) != day:
            continue
        if s.sharp_pain:
            severity = "sharp"
        elif s.pain is not None and s.pain >= thresholds.pain_high:
            severity = "high"
        else:
            continue
        warnings.append(LoadWarning(PAIN, severity, day, s.id, {"pain": s.pain}))
    return warnings


def evaluate_day(
    sessions: Sequence[SessionFacts],
    *,
    day: date,
    tz: tzinfo,
    thresholds: Thresholds,
    first_session_day: date | None,
) -> list[LoadWarning]:
    """Every rule for one local day; all warnings are collected, none stops the others.

    `first_session_day` is the runner's first session ever (acwr's history minimum); when
    None it is taken from `sessions`, which can only make it later, never earlier.
    """
    return [
        *single_run_spike(sessions, day=day, tz=tz, thresholds=thresholds),
        *weekly_increase(sessions, day=day, tz=tz, thresholds=thresholds),
        *acwr(sessions, day=day, tz=tz, thresholds=thresholds, first_session_day=first_session_day),
        *retro_increase(sessions, day=day, tz=tz, thresholds=thresholds),
        *monotony(sessions, day=day, tz=tz, thresholds=thresholds),
        *pain(sessions, day=day, tz=tz, thresholds=thresholds),
    ]


def window_needed(first_day: date, last_day: date, thresholds: Thresholds) -> tuple[date, date]:
    """The local days of sessions that `evaluate(first_day, last_day)` needs to see."""
    lookback_days = max(
        # 30 x 24 h before a run just after midnight, plus one day in case a daylight-saving
        # change in between moves that instant to the evening of the day before.
        thresholds.spike_window_days + 1,
        WEEK_DAYS + ACWR_CHRONIC_DAYS - 1,  # acwr: the 7 days and the 21 before
        2 * WEEK_DAYS - 1,  # weekly_increase, retro_increase
    )
    return first_day - timedelta(days=lookback_days), last_day


def evaluate(
    sessions: Sequence[SessionFacts],
    *,
    first_day: date,
    last_day: date,
    tz: tzinfo,
    thresholds: Thresholds,
    first_session_day: date | None,
    earlier: Sequence[LoadWarning] = (),
) -> list[LoadWarning]:
    """Every rule for each local day in [first_day, last_day], window rules thinned out.

    Pass the sessions of `window_needed(first_day, last_day, thresholds)`, and as `earlier`
    the warnings already stored for days before `first_day`, so a window warning is not
    repeated within `window_repeat_days` unless its severity rises.
    """
    candidates = [
        warning
        for day in _days(first_day, last_day)
        for warning in evaluate_day(
            sessions,
            day=day,
            tz=tz,
            thresholds=thresholds,
            first_session_day=first_session_day,
        )
    ]
    return select_window_warnings(
        candidates, earlier=earlier, repeat_days=thresholds.window_repeat_days
    )


def select_window_warnings(
    candidates: Sequence[LoadWarning], *, earlier: Sequence[LoadWarning], repeat_days: int
) -> list[LoadWarning]:
    """Keep a window-rule warning unless one of the same rule, at least as severe, was kept
    (or stored earlier) in the `repeat_days` - 1 days before it. Session rules pass through.

    The result keeps the order of `candidates`.
    """
    kept: dict[str, list[LoadWarning]] = {}
    for w in earlier:
        if w.rule in WINDOW_RULES:
            kept.setdefault(w.rule, []).append(w)
    dropped: set[int] = set()
    order = sorted(range(len(candidates)), key=lambda i: candidates[i].day)
    for i in order:
        w = candidates[i]
        if w.rule not in WINDOW_RULES:
            continue
        rank = severity_rank(w.rule, w.severity)
        repeated = any(
            0 <= (w.day - k.day).days < repeat_days and severity_rank(k.rule, k.severity) >= rank
            for k in kept.get(w.rule, [])
        )
        if repeated:
            dropped.add(i)
        else:
            kept.setdefault(w.rule, []).append(w)
    return [w for i, w in enumerate(candidates) if i not in dropped]

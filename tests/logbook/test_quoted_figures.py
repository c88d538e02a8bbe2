"""Every figure a warning quotes is worked from the exact values and rounded once, away
from its threshold, and `numbers` holds that same figure (DOMAIN.md section 2). The cases
are worked by hand in the comments."""

from __future__ import annotations

import importlib
import itertools
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import translation

from logbook.load import text as load_text
from logbook.load.acwr import Acwr
from logbook.load.core import LoadWarning, Rule
from logbook.load.facts import SessionFacts
from logbook.load.monotony import Monotony
from logbook.load.registry import Thresholds, facts_build
from logbook.load.retro import RetroIncrease
from logbook.load.spike import SingleRunSpike
from logbook.load.weekly import WeeklyIncrease

AMS = ZoneInfo("Europe/Amsterdam")
DAY = date(2025, 6, 16)  # a Monday
DEFAULT = Thresholds()
_ids = itertools.count(1)


def judge(
    rule: Rule, sessions: list[SessionFacts], first_session_day: date | None = None
) -> list[LoadWarning]:
    facts = facts_build(sessions, tz=AMS, first_session_day=first_session_day)
    return rule.evaluate(facts, DAY)


def days_before(n: int) -> date:
    return DAY - timedelta(days=n)


def session(kind: str, day: date, **kw: Any) -> SessionFacts:
    kw.setdefault("duration_s", 3600)
    start = datetime.combine(day, time(9), tzinfo=AMS)
    return SessionFacts(id=next(_ids), start=start, kind=kind, distance_m=kw.pop("m", None), **kw)


def daily(loads: list[float]) -> list[SessionFacts]:
    """One strength session a day on the 7 days ending with DAY, oldest first."""
    return [session("strength", days_before(6 - n), load=x) for n, x in enumerate(loads)]


def message(w: LoadWarning) -> str:
    with translation.override("en"):
        return w.message()


# --- monotony -----------------------------------------------------------------------------


def test_monotony_quotes_the_exact_ratio_408_25() -> None:
    # Loads 163.9, 162.7, 163.7, 162.9, 163.5, 163.1, 163.3: mean 1143.1 / 7 = 163.3; the
    # deviations (+0.6, -0.6, +0.4, -0.4, +0.2, -0.2, 0) give a variance of 1.12 / 7 = 0.16,
    # so sd = 0.4 and monotony = 163.3 / 0.4 = 408.25 exactly.
    loads = [163.9, 162.7, 163.7, 162.9, 163.5, 163.1, 163.3]
    [w] = judge(Monotony(), daily(loads))
    assert (w.numbers["mean_load"], w.numbers["sd_load"], w.numbers["monotony"]) == (
        163.3,
        0.4,
        408.25,
    )
    assert "average 163.3, standard deviation 0.4, monotony 408.25, above 2.0" in message(w)


def test_monotony_is_not_worked_from_the_rounded_mean_and_sd() -> None:
    # Loads 142.7 x 5, 142.8, 143.7: sum 1000.0, mean 142.857..., sd 0.3458...; in tenths
    # S = 10000 and 7 x sum(x^2) - S^2 = 586, so monotony = 10000 / sqrt(586) = 413.096...,
    # quoted 413.10 (up, away from 2.0). From the rounded 142.9 / 0.3 it would read 476.34.
    loads = [142.7] * 5 + [142.8, 143.7]
    [w] = judge(Monotony(), daily(loads))
    assert (w.numbers["mean_load"], w.numbers["sd_load"], w.numbers["monotony"]) == (
        142.9,
        0.3,
        413.1,
    )
    assert "monotony 413.10, above 2.0" in message(w)
    assert "476.34" not in message(w)


# --- acwr ---------------------------------------------------------------------------------


def test_acwr_of_exactly_one_and_a_half_reads_1_50() -> None:
    # 1000 load over the 21 days before (a session in each of the three weeks: 333.33... a
    # week) and 500 in the last 7: 500 / (1000 / 3) = 1.5 exactly, not above 1.5, so a
    # caution quoted "1.50", never "1.51" (500 / 333.3 from the rounded average).
    chronic = [
        session("strength", days_before(n), load=x)
        for n, x in ((27, 400.0), (20, 300.0), (10, 300.0))
    ]
    acute = [session("strength", days_before(2), load=500.0)]
    [w] = judge(Acwr(), chronic + acute)
    assert (w.severity, w.numbers["ratio"], w.numbers["chronic_weekly_load"]) == (
        "caution",
        1.5,
        333.3,
    )
    assert "ratio 1.50, above 1.3" in message(w)


# --- retro_increase -----------------------------------------------------------------------


def test_retro_rise_is_worked_from_the_seconds() -> None:
    # 331 s against 300 s: +31 / 300 = +10.333... %, quoted 10.4 (up, away from 10). From
    # the minutes shown (5.5 against 5.0) it would be exactly 10 % and read "+10.1 %".
    sessions = [
        session("walk", days_before(9), backward_s=300),
        session("walk", days_before(1), backward_s=331),
    ]
    [w] = judge(RetroIncrease(), sessions)
    assert (w.numbers["last7_min"], w.numbers["prev7_min"], w.numbers["increase_pct"]) == (
        5.5,
        5.0,
        10.4,
    )
    assert message(w) == (
        "5.5 minutes backward in the last 7 days against 5.0 minutes in the 7 days before: "
        "+10.4 %, more than 10 %"
    )


# --- numbers hold the figure the message shows ---------------------------------------------


def quoted(w: LoadWarning) -> str:
    """The figure `numbers` holds for the message, written as the message writes it."""
    figure = {"acwr": "ratio", "monotony": "monotony"}.get(w.rule, "increase_pct")
    places = 2 if figure in ("ratio", "monotony") else 1
    with translation.override("en"):
        return load_text.decimal(w.numbers[figure], places)


def test_numbers_hold_the_figure_each_message_quotes() -> None:
    warnings = [
        *judge(
            SingleRunSpike(),
            [session("run", days_before(10), m=10000), session("run", DAY, m=11001)],
        ),
        *judge(
            WeeklyIncrease(),
            [session("run", days_before(10), m=10000), session("run", days_before(2), m=13001)],
        ),
        *judge(
            RetroIncrease(),
            [
                session("walk", days_before(9), backward_s=300),
                session("walk", days_before(1), backward_s=331),
            ],
        ),
        *judge(Monotony(), daily([142.7] * 5 + [142.8, 143.7])),
    ]
    assert [quoted(w) for w in warnings] == ["10.1", "30.1", "10.4", "413.10"]
    for w in warnings:
        assert quoted(w) in message(w), w.rule
    # 11,001 m against 10,000 m: +10.01 %, stored as the 10.1 the message shows.
    assert warnings[0].numbers["increase_pct"] == 10.1


def test_warnings_stored_before_get_the_figure_their_message_showed() -> None:
    migration = importlib.import_module("logbook.migrations.0005_warning_numbers_as_quoted")
    spike = {"distance_m": 11001, "longest_m": 10000, "increase_pct": 10, "cap_m": 11000}
    assert migration._quoted("single_run_spike", "small", spike, DEFAULT) == {
        "distance_m": 11001,
        "longest_m": 10000,
        "increase_pct": 10.1,
        "cap_m": 12101,
    }
    retro = {"last7_min": 5.5, "prev7_min": 5.0, "increase_pct": 10}
    assert migration._quoted("retro_increase", "caution", retro, DEFAULT)["increase_pct"] == 10.1

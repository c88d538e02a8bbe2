"""The load rules as pluggable objects and the revised DOMAIN.md section 2: the break note,
the monotony gate, figures rounded away from their threshold, honest sources, the registry
built from LOAD_RULES, and the long-run cap shared by the spike advice and the dashboard."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from logbook import load
from logbook.load.acwr import Acwr, AcwrOptions, break_note, returning_after_break
from logbook.load.core import LoadWarning, Rule, Severity, Shared
from logbook.load.facts import SessionFacts
from logbook.load.registry import (
    BUILT_IN,
    DEFAULT_LOAD_RULES,
    evaluate,
    facts_build,
    registry_build,
)
from logbook.load.retro import RetroIncrease
from logbook.load.spike import SpikeOptions, long_run_cap
from tests.logbook.load_helpers import judge, monotonous, spike, weekly

AMS = ZoneInfo("Europe/Amsterdam")
DAY = date(2025, 6, 16)
DEFAULT = Shared()
_ids = itertools.count(1000)


def days_before(n: int) -> date:
    return DAY - timedelta(days=n)


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=AMS)


def run(day: date, distance_m: int, **kw: Any) -> SessionFacts:
    kw.setdefault("duration_s", 3600)
    return SessionFacts(id=next(_ids), start=at(day), kind="run", distance_m=distance_m, **kw)


def strength(day: date, load_: float) -> SessionFacts:
    return SessionFacts(
        id=next(_ids), start=at(day), kind="strength", duration_s=3600, distance_m=None, load=load_
    )


# --- acwr after a break -------------------------------------------------------------------


def history_with_empty_week() -> list[SessionFacts]:
    # Weeks before the acute week: days 27-21 and 13-7 hold sessions, days 20-14 none.
    chronic = [strength(days_before(n), 100.0) for n in (27, 24, 21, 11, 10, 8, 7)]
    return [*chronic, strength(days_before(3), 300.0), strength(DAY, 300.0)]


def test_acwr_after_an_empty_week_gives_no_warning() -> None:
    found = judge(Acwr(), history_with_empty_week(), DAY, first_session_day=days_before(27))
    assert found == []


def test_acwr_after_an_empty_week_is_a_returning_after_a_break_note() -> None:
    facts = facts_build(history_with_empty_week(), tz=AMS)
    assert returning_after_break(facts, DAY, AcwrOptions())
    with translation.override("en"):
        assert break_note() == "Returning after a break: build back gradually."


def test_no_break_note_when_each_week_before_holds_a_session() -> None:
    chronic = [strength(days_before(n), 100.0) for n in (27, 24, 21, 17, 14, 11, 10, 8, 7)]
    facts = facts_build([*chronic, strength(DAY, 600.0)], tz=AMS)
    assert not returning_after_break(facts, DAY, AcwrOptions())


def test_acwr_is_context_never_an_alarm() -> None:
    assert Acwr.kind == "window"
    assert "acwr" not in load.ALARM_RULES


# --- monotony gate ------------------------------------------------------------------------


def test_twenty_easy_minutes_every_day_do_not_warn_monotony() -> None:
    # A walk of 20 minutes at RPE 3 every day: load 60 a day, 420 a week, no variation.
    walks = [strength(days_before(n), 60.0) for n in range(7)]
    assert monotonous(walks) == []


def test_monotony_warns_from_the_minimum_weekly_load() -> None:
    steady = [strength(days_before(n), 1000 / 7) for n in range(7)]
    [w] = monotonous(steady)
    assert w.numbers["monotony"] is None


def test_monotony_text_speaks_of_little_variation() -> None:
    [w] = monotonous([strength(days_before(n), 200.0) for n in range(6)])
    with translation.override("en"):
        assert w.message().startswith("Little variation in daily load")
        assert "not an injury forecast" in w.source()


# --- rounding away from the threshold -----------------------------------------------------


def test_spike_just_over_ten_percent_reads_ten_point_one() -> None:
    # 11,001 m against 10,000 m is +10.01 %: stored as 10, shown as more than 10.
    [w] = spike([run(days_before(10), 10000), run(DAY, 11001)])
    with translation.override("en"):
        assert "+10.1 %, more than 10 %" in w.message()


def test_weekly_increase_just_over_thirty_percent_reads_thirty_point_one() -> None:
    [w] = weekly([run(days_before(10), 10000), run(days_before(2), 13001)])
    with translation.override("en"):
        assert "+30.1 %, more than 30 %" in w.message()


def test_rounding_uses_the_dutch_decimal_comma() -> None:
    [w] = spike([run(days_before(10), 10000), run(DAY, 11001)])
    with translation.override("nl"):
        assert "+10,1 %" in w.message()


# --- wording ------------------------------------------------------------------------------


def test_spike_source_is_an_association_with_its_population() -> None:
    [w] = spike([run(days_before(10), 10000), run(DAY, 13200)])
    with translation.override("en"):
        assert "5,205 recreational runners" in w.source()
        assert "not a forecast for you" in w.source()
        assert "borrowed" not in w.source()


def test_backward_spike_says_the_rule_is_borrowed() -> None:
    backward = {"backward_s": 3600}
    [w] = spike([run(days_before(10), 1000, **backward), run(DAY, 1500, **backward)])
    with translation.override("en"):
        assert "borrowed" in w.source()


def test_ten_percent_rules_cite_buist_2008() -> None:
    [found] = weekly([run(days_before(10), 10000), run(days_before(2), 12000)])
    with translation.override("en"):
        assert "Buist et al. 2008" in found.source()
        assert "Buist et al. 2008" in RetroIncrease.source(found)


def test_pain_thresholds_are_called_runningcoachs_own_choice() -> None:
    w = LoadWarning("pain", "high", DAY, 1, {"pain": 5})
    with translation.override("en"):
        assert "runningcoach's own cautious choice" in w.source()


# --- the long-run cap: one figure ---------------------------------------------------------


def test_long_run_cap_after_a_spike_is_the_spike_advice() -> None:
    sessions = [run(days_before(10), 10200), run(days_before(1), 14000)]
    [w] = spike(sessions, days_before(1))
    cap = long_run_cap(sessions, today=DAY, tz=AMS, thresholds=SpikeOptions())
    # The longest run the spike rule would not flag after the 14 km run: 15.4 km.
    assert (cap.longest_m, cap.base_m, cap.cap_m) == (14000, 14000, 15400)
    assert w.numbers["cap_m"] == cap.cap_m


def test_long_run_cap_grows_from_a_run_that_stayed_within_the_rule() -> None:
    sessions = [run(days_before(10), 10000), run(days_before(1), 11000)]
    assert long_run_cap(sessions, today=DAY, tz=AMS, thresholds=SpikeOptions()).cap_m == 12100


# --- the registry -------------------------------------------------------------------------


def test_default_registry_holds_every_rule_in_table_order() -> None:
    registry = registry_build(DEFAULT_LOAD_RULES)
    assert registry.codes == tuple(cls.code for cls in BUILT_IN)


def test_unknown_dotted_path_fails_with_a_clear_error() -> None:
    entries = [*DEFAULT_LOAD_RULES, {"NAME": "logbook.load.spike.SingleRunSpyke"}]
    with pytest.raises(ImproperlyConfigured, match=r"LOAD_RULES\[6\].*SingleRunSpyke"):
        registry_build(entries)


def test_unknown_option_fails_with_a_clear_error() -> None:
    entries = [{"NAME": "logbook.load.pain.Pain", "OPTIONS": {"spike_small": 0.2}}]
    with pytest.raises(ImproperlyConfigured, match="Pain has no option spike_small"):
        registry_build(entries)


def test_options_re_tune_a_rule() -> None:
    entries = [{"NAME": "logbook.load.pain.Pain", "OPTIONS": {"pain_high": 7}}]
    assert registry_build(entries).rule("pain").options.pain_high == 7


def test_leaving_a_rule_out_switches_it_off() -> None:
    registry = registry_build([e for e in DEFAULT_LOAD_RULES if not e["NAME"].endswith("Monotony")])
    every_day = [strength(days_before(n), 200.0) for n in range(7)]
    found = evaluate(
        every_day,
        first_day=DAY,
        last_day=DAY,
        tz=AMS,
        thresholds=registry.shared,
        first_session_day=days_before(6),
        rules=registry.rules,
    )
    assert found == []
    assert evaluate(
        every_day, first_day=DAY, last_day=DAY, tz=AMS, thresholds=DEFAULT, first_session_day=None
    )


def test_two_severities_of_one_rank_are_refused() -> None:
    entries = [*DEFAULT_LOAD_RULES, {"NAME": f"{__name__}._SameRankAsSharpPain"}]
    with pytest.raises(ImproperlyConfigured, match="share attention rank 10"):
        registry_build(entries)


class _SameRankAsSharpPain(Rule):
    code = "same_rank_test_rule"
    severities = (Severity("caution", 10, "caution"),)
    kind = "window"


# --- the registry through the settings ------------------------------------------------------


def test_unknown_dotted_path_in_settings_stops_the_rules(settings: Any) -> None:
    settings.LOAD_RULES = [{"NAME": "logbook.load.nowhere.Rule"}]
    with pytest.raises(ImproperlyConfigured, match=r"logbook\.load\.nowhere\.Rule"):
        load.active()


@pytest.mark.django_db
def test_settings_without_the_pain_rule_store_no_pain_warning(settings: Any, runner: Any) -> None:
    from django.utils import timezone

    from logbook import services
    from logbook.models import TrainingWarning

    settings.LOAD_RULES = [e for e in DEFAULT_LOAD_RULES if not e["NAME"].endswith(".Pain")]
    services.session_log(
        athlete=runner,
        start=timezone.now() - timedelta(hours=1),
        kind="run",
        duration_s=1800,
        distance_m=5000,
        pain=7,
    )
    assert not TrainingWarning.objects.filter(athlete=runner, rule="pain").exists()


def test_thresholds_given_as_the_old_dict_are_refused_with_the_new_layout() -> None:
    with pytest.raises(ImproperlyConfigured, match="LOAD_THRESHOLDS"):
        registry_build({"pain_high": 6})  # type: ignore[arg-type]

"""Running every rule: window warnings thinned out, evaluate, options, the attention
order, alarms and texts (no database)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.utils import translation

from logbook.load.core import LoadWarning, Shared, severity_rank
from logbook.load.facts import local_day, longest_run_before
from logbook.load.pain import Pain
from logbook.load.registry import (
    BUILT_IN,
    attention_order,
    evaluate,
    evaluate_day,
    select_window_warnings,
    window_needed,
)
from logbook.load.spike import SingleRunSpike
from tests.logbook.load_helpers import (
    AMS,
    DAY,
    at,
    chronic_load,
    days_before,
    pains,
    run,
    spike,
    strength,
    walk,
    warning,
)

DEFAULT = Shared()
RULES = tuple(cls.code for cls in BUILT_IN)
SEVERITIES = {cls.code: cls.severity_codes() for cls in BUILT_IN}


# --- select_window_warnings ---------------------------------------------------------------


def test_window_warning_is_not_repeated_within_seven_days() -> None:
    candidates = [warning("weekly_increase", "caution", days_before(n)) for n in (9, 8, 3, 2)]
    kept = select_window_warnings(candidates, earlier=[], repeat_days=7)
    assert [w.day for w in kept] == [days_before(9), days_before(2)]


def test_window_warning_repeats_when_severity_rises() -> None:
    candidates = [
        warning("weekly_increase", "caution", days_before(5)),
        warning("weekly_increase", "warning", days_before(3)),
        warning("weekly_increase", "warning", days_before(2)),
        warning("weekly_increase", "caution", days_before(1)),
    ]
    kept = select_window_warnings(candidates, earlier=[], repeat_days=7)
    assert [(w.day, w.severity) for w in kept] == [
        (days_before(5), "caution"),
        (days_before(3), "warning"),
    ]


def test_window_warning_already_stored_earlier_blocks_a_repeat() -> None:
    earlier = [warning("acwr", "high", days_before(8))]
    candidates = [warning("acwr", "caution", days_before(3)), warning("acwr", "high", DAY)]
    kept = select_window_warnings(candidates, earlier=earlier, repeat_days=7)
    assert [(w.day, w.severity) for w in kept] == [(DAY, "high")]


def test_window_rules_are_thinned_independently() -> None:
    candidates = [
        warning("monotony", "caution", days_before(1)),
        warning("retro_increase", "caution", days_before(1)),
        warning("monotony", "caution", DAY),
        warning("retro_increase", "caution", DAY),
    ]
    kept = select_window_warnings(candidates, earlier=[], repeat_days=7)
    assert [(w.rule, w.day) for w in kept] == [
        ("monotony", days_before(1)),
        ("retro_increase", days_before(1)),
    ]


def test_session_rule_warnings_pass_through_unthinned() -> None:
    candidates = [
        warning("pain", "high", days_before(1), session_id=1),
        warning("pain", "high", DAY, session_id=2),
        warning("single_run_spike", "small", DAY, session_id=2),
    ]
    assert select_window_warnings(candidates, earlier=candidates, repeat_days=7) == candidates


# --- evaluate -----------------------------------------------------------------------------


def test_evaluate_day_collects_every_warning_at_once() -> None:
    today = run(DAY, 13200, pain=6)
    sessions = [run(days_before(10), 10000), today]
    found = evaluate_day(
        sessions, day=DAY, tz=AMS, thresholds=DEFAULT, first_session_day=days_before(10)
    )
    assert [(w.rule, w.severity, w.session_id) for w in found] == [
        ("single_run_spike", "moderate", today.id),
        ("weekly_increase", "warning", None),
        ("pain", "high", today.id),
    ]


def test_evaluate_stores_a_lasting_window_warning_once_a_week() -> None:
    every_day = [strength(days_before(n), 200.0) for n in range(-10, 21)]
    found = evaluate(
        every_day,
        first_day=DAY,
        last_day=DAY + timedelta(days=9),
        tz=AMS,
        thresholds=DEFAULT,
        first_session_day=days_before(20),
    )
    assert [(w.rule, w.day) for w in found] == [
        ("monotony", DAY),
        ("monotony", DAY + timedelta(days=7)),
    ]


def test_evaluate_respects_earlier_stored_window_warnings() -> None:
    every_day = [strength(days_before(n), 200.0) for n in range(21)]
    found = evaluate(
        every_day,
        first_day=DAY,
        last_day=DAY,
        tz=AMS,
        thresholds=DEFAULT,
        first_session_day=days_before(20),
        earlier=[warning("monotony", "caution", days_before(2))],
    )
    assert found == []


def test_window_needed_covers_thirty_days_and_a_daylight_saving_change() -> None:
    # Summer time starts 2025-03-30: 30 x 24 h before 00:30 on 5 April is 23:30 on 5 March.
    first_day = date(2025, 4, 5)
    old = run(date(2025, 3, 5), 10000, hour=23, minute=45)
    found = longest_run_before(
        [old], before=at(first_day, 0, 30), window_days=30, backward=False, exclude_id=None
    )
    since, until = window_needed(first_day, date(2025, 4, 9), DEFAULT)
    assert found == old
    assert since <= local_day(old.start, AMS)
    assert until == date(2025, 4, 9)


# --- options ------------------------------------------------------------------------------


def test_options_default_to_domain_values() -> None:
    shared, spike_options = Shared(), SingleRunSpike().options
    assert (
        shared.default_rpe,
        shared.backward_factor,
        spike_options.spike_window_days,
        spike_options.spike_small,
    ) == (5, 1.3, 30, 0.10)


def test_options_override_and_accept_whole_numbers_for_factors() -> None:
    options = SingleRunSpike(spike_large=2, spike_window_days=28).options
    assert (options.spike_large, options.spike_window_days, options.spike_small) == (2.0, 28, 0.1)
    assert isinstance(options.spike_large, float)


def test_options_reject_unknown_names() -> None:
    with pytest.raises(ValueError, match="spike_smal"):
        SingleRunSpike(spike_smal=0.2)


def test_options_reject_non_numbers() -> None:
    with pytest.raises(ValueError):
        Pain(pain_high="5")
    with pytest.raises(ValueError):
        Pain(pain_high=5.5)


def test_shared_figures_reject_unknown_names() -> None:
    with pytest.raises(ValueError, match="pain_high"):
        Shared.from_mapping({"pain_high": 6})


def test_pain_threshold_override_changes_behaviour() -> None:
    assert pains([run(DAY, 8000, pain=5)], pain_high=6) == []


# --- warnings: order, alarms, texts -------------------------------------------------------


def test_rules_are_in_table_order() -> None:
    assert RULES == (
        "single_run_spike",
        "weekly_increase",
        "acwr",
        "retro_increase",
        "monotony",
        "pain",
    )


def test_attention_order_of_the_built_in_rules() -> None:
    # What a coach looks at first (DOMAIN.md): an order of attention, not a ranking of risk.
    assert attention_order(BUILT_IN) == [
        ("pain", "sharp"),
        ("single_run_spike", "large"),
        ("pain", "high"),
        ("single_run_spike", "moderate"),
        ("single_run_spike", "small"),
        ("weekly_increase", "warning"),
        ("acwr", "high"),
        ("retro_increase", "caution"),
        ("weekly_increase", "caution"),
        ("acwr", "caution"),
        ("monotony", "caution"),
    ]


def test_attention_order_covers_every_severity_once() -> None:
    pairs = {(rule, severity) for rule in RULES for severity in SEVERITIES[rule]}
    order = attention_order(BUILT_IN)
    assert sorted(order) == sorted(pairs)
    assert len(order) == len(pairs)


def test_risk_rank_puts_sharp_pain_first_and_monotony_last() -> None:
    ranked = sorted(
        [
            warning("monotony", "caution", DAY),
            warning("single_run_spike", "small", DAY),
            warning("pain", "sharp", DAY),
            warning("retro_increase", "caution", DAY),
            warning("pain", "high", DAY),
        ],
        key=lambda w: w.risk_rank,
    )
    assert [(w.rule, w.severity) for w in ranked] == [
        ("pain", "sharp"),
        ("pain", "high"),
        ("single_run_spike", "small"),
        ("retro_increase", "caution"),
        ("monotony", "caution"),
    ]


def test_severity_rank_counts_from_the_lowest() -> None:
    assert severity_rank("single_run_spike", "small") == 0
    assert severity_rank("single_run_spike", "large") == 2


def test_unknown_severity_is_rejected() -> None:
    with pytest.raises(ValueError):
        warning("acwr", "warning", DAY)


def test_spike_and_pain_are_alarms_window_rules_are_not() -> None:
    alarms = {rule for rule in RULES if warning(rule, SEVERITIES[rule][0], DAY).is_alarm}
    assert alarms == {"single_run_spike", "pain"}


def test_spike_message_and_advice_quote_the_numbers() -> None:
    [w] = spike([run(days_before(10), 10000), run(DAY, 13200)])
    with translation.override("en"):
        assert w.message() == (
            "13.2 km against a longest run of 10.0 km in the 30 days before: +32.0 %, "
            "more than 30 %"
        )
        assert w.advice().startswith("Keep your next long run at or under 14.5 km")
        assert "10.1136/bjsports-2024-109380" in w.source()


def sample_warnings() -> list[LoadWarning]:
    history = [
        *chronic_load(),
        run(days_before(10), 10000),
        walk(days_before(9), backward_s=600),
        run(days_before(2), 2000, backward_s=900),
        run(DAY, 20001, pain=5),
        walk(DAY, 3000, pain=1, sharp_pain=True),
        *[strength(days_before(n), 200.0) for n in range(7)],
    ]
    return evaluate_day(
        history, day=DAY, tz=AMS, thresholds=DEFAULT, first_session_day=days_before(27)
    )


def test_every_rule_renders_title_message_advice_and_source() -> None:
    found = sample_warnings()
    assert {w.rule for w in found} == set(RULES)
    with translation.override("en"):
        for w in found:
            assert w.title() and w.message() and w.advice() and w.source()


def test_warning_numbers_are_json_serialisable() -> None:
    for w in sample_warnings():
        assert json.loads(json.dumps(w.numbers)) == dict(w.numbers)

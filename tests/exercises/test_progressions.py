"""Which step comes next: hand-computed cases, no database."""

import pytest
from django.utils import translation

from exercises.progressions import (
    ADVANCE,
    START,
    STAY,
    TOP,
    WeekFacts,
    duration_text,
    hip_suggestion,
    long_run_suggestion,
    retro_suggestion,
    trail_step,
    trail_suggestion,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def weeks(*facts, start_week=10, year=2026):
    """Consecutive ISO weeks from `start_week`, one per dict of facts."""
    return [
        WeekFacts(iso_year=year, iso_week=start_week + i, **fields)
        for i, fields in enumerate(facts)
    ]


GOOD_HIP_WEEK = {"hip_sessions": 2, "max_pain": 1, "hip_level": 1}


def at_level(level, *facts):
    return [{**f, "hip_level": level} for f in facts]


# Hip ------------------------------------------------------------------------------------


def test_hip_advances_after_three_good_weeks_in_a_row():
    suggestion = hip_suggestion(weeks(*[GOOD_HIP_WEEK] * 3), current_level=1)
    assert (suggestion.action, suggestion.current, suggestion.next) == (ADVANCE, 1, 2)
    assert suggestion.numbers["weeks_in_a_row"] == 3
    assert "level 2 (strength)" in suggestion.reason
    assert "nothing changes by itself" in suggestion.reason


def test_hip_stays_with_two_good_weeks():
    suggestion = hip_suggestion(weeks(*[GOOD_HIP_WEEK] * 2), current_level=1)
    assert (suggestion.action, suggestion.next) == (STAY, 1)
    assert "2 of 3 weeks in a row" in suggestion.reason


def test_hip_stays_pain_above_2_of_10():
    suggestion = hip_suggestion(
        weeks(GOOD_HIP_WEEK, GOOD_HIP_WEEK, {"hip_sessions": 3, "max_pain": 3}), current_level=1
    )
    assert suggestion.action == STAY
    assert "pain of 3/10, above 2/10, runningcoach's own cautious line" in suggestion.reason
    assert suggestion.numbers["max_pain"] == 3


def test_hip_pain_of_exactly_2_of_10_still_counts_as_a_good_week():
    suggestion = hip_suggestion(
        weeks(*[{"hip_sessions": 2, "max_pain": 2, "hip_level": 1}] * 3), current_level=1
    )
    assert suggestion.action == ADVANCE


def test_hip_stays_fewer_than_two_hip_sessions_a_week():
    suggestion = hip_suggestion(
        weeks(GOOD_HIP_WEEK, GOOD_HIP_WEEK, {"hip_sessions": 1}), current_level=1
    )
    assert suggestion.action == STAY
    assert "had 1 hip session, fewer than two hip sessions a week" in suggestion.reason


def test_hip_pain_three_weeks_ago_restarts_the_count():
    suggestion = hip_suggestion(
        weeks({"hip_sessions": 2, "max_pain": 5}, GOOD_HIP_WEEK, GOOD_HIP_WEEK), current_level=1
    )
    assert (suggestion.action, suggestion.numbers["weeks_in_a_row"]) == (STAY, 2)


def test_hip_weeks_must_be_consecutive():
    gap = weeks(GOOD_HIP_WEEK, start_week=5) + weeks(GOOD_HIP_WEEK, GOOD_HIP_WEEK, start_week=7)
    suggestion = hip_suggestion(gap, current_level=1)
    assert (suggestion.action, suggestion.numbers["weeks_in_a_row"]) == (STAY, 2)


def test_hip_streak_crosses_the_new_year():
    facts = [
        WeekFacts(iso_year=2026, iso_week=52, **GOOD_HIP_WEEK),
        WeekFacts(iso_year=2026, iso_week=53, **GOOD_HIP_WEEK),
        WeekFacts(iso_year=2027, iso_week=1, **GOOD_HIP_WEEK),
    ]
    assert hip_suggestion(facts, current_level=1).action == ADVANCE


def test_hip_ignores_the_week_still_running():
    facts = weeks(GOOD_HIP_WEEK, GOOD_HIP_WEEK, {"hip_sessions": 0, "complete": False})
    suggestion = hip_suggestion(facts, current_level=1)
    assert (suggestion.action, suggestion.numbers["weeks_in_a_row"]) == (STAY, 2)


def test_hip_weeks_may_come_in_any_order():
    facts = list(reversed(weeks(GOOD_HIP_WEEK, GOOD_HIP_WEEK, {"hip_sessions": 0})))
    assert "had 0 hip sessions" in hip_suggestion(facts, current_level=1).reason


def test_hip_never_suggests_level_3_from_level_1():
    suggestion = hip_suggestion(weeks(*[GOOD_HIP_WEEK] * 12), current_level=1)
    assert suggestion.next == 2


def test_hip_suggests_level_3_only_after_the_level_2_gate():
    assert hip_suggestion(weeks(*at_level(2, *[GOOD_HIP_WEEK] * 2)), current_level=2).next == 2
    suggestion = hip_suggestion(weeks(*at_level(2, *[GOOD_HIP_WEEK] * 3)), current_level=2)
    assert (suggestion.action, suggestion.next) == (ADVANCE, 3)
    assert "Level-2 gate passed" in suggestion.reason


def test_hip_weeks_at_level_1_do_not_pass_the_level_2_gate():
    facts = weeks(
        {**GOOD_HIP_WEEK, "hip_level": 1},
        {**GOOD_HIP_WEEK, "hip_level": 1},
        {**GOOD_HIP_WEEK, "hip_level": 2},
    )
    suggestion = hip_suggestion(facts, current_level=2)
    assert (suggestion.action, suggestion.next, suggestion.numbers["weeks_in_a_row"]) == (
        STAY,
        2,
        1,
    )


def test_hip_week_of_unknown_level_never_counts_toward_the_gate():
    unknown = {"hip_sessions": 2, "max_pain": 1, "hip_level": None}
    suggestion = hip_suggestion(weeks(GOOD_HIP_WEEK, unknown, GOOD_HIP_WEEK), current_level=1)
    # Only the last week counts: the unknown one in the middle breaks the run of three.
    assert (suggestion.action, suggestion.numbers["weeks_in_a_row"]) == (STAY, 1)


def test_hip_three_weeks_of_unknown_level_suggest_no_step():
    unknown = {"hip_sessions": 3, "max_pain": 0, "hip_level": None}
    suggestion = hip_suggestion(weeks(unknown, unknown, unknown), current_level=1)
    assert (suggestion.action, suggestion.next) == (STAY, 1)


def test_hip_level_3_is_the_top():
    suggestion = hip_suggestion(weeks(*[GOOD_HIP_WEEK] * 3), current_level=3)
    assert (suggestion.action, suggestion.next) == (TOP, None)


def test_hip_without_any_session_suggests_starting():
    suggestion = hip_suggestion([], current_level=1)
    assert (suggestion.action, suggestion.next) == (START, 1)
    assert "two sessions of 20-30 minutes a week" in suggestion.reason


@pytest.mark.parametrize("level", [0, 4])
def test_hip_refuses_a_level_outside_1_to_3(level):
    with pytest.raises(ValueError):
        hip_suggestion([], current_level=level)


def test_hip_reason_is_translated():
    with translation.override("nl"):
        suggestion = hip_suggestion(weeks(*[GOOD_HIP_WEEK] * 3), current_level=1)
    assert "niveau 2 (kracht)" in suggestion.reason


# Retro ----------------------------------------------------------------------------------


def test_retro_walk_next_week_is_at_most_ten_percent_more():
    suggestion = retro_suggestion(weeks({"backward_walk_min": 20}), kind="walk")
    assert suggestion.action == ADVANCE
    assert (suggestion.numbers["this_week_s"], suggestion.numbers["next_week_max_s"]) == (
        1200,
        1320,
    )
    assert suggestion.next == 22
    assert "at most 22 min of walking backward in total" in suggestion.reason


def test_retro_ten_percent_rounds_down_to_whole_seconds():
    # 23 min = 1380 s; +10 % = 1518 s = 25 min 18 s. 7.5 min = 450 s -> 495 s.
    # 0.55 min = 33 s -> 36.3 s -> 36 s: never above +10 %.
    assert (
        retro_suggestion(weeks({"backward_walk_min": 23}), kind="walk").numbers["next_week_max_s"]
        == 1518
    )
    assert (
        retro_suggestion(weeks({"backward_walk_min": 7.5}), kind="walk").numbers["next_week_max_s"]
        == 495
    )
    run = retro_suggestion(weeks({"backward_run_min": 0.55}), kind="run")
    assert run.numbers["next_week_max_s"] == 36
    assert "at most 36 s of running backward" in run.reason


def test_retro_walk_caps_a_walk_at_60_minutes():
    suggestion = retro_suggestion(
        weeks({"backward_walk_min": 100, "longest_backward_walk_min": 58}), kind="walk"
    )
    assert suggestion.action == ADVANCE
    assert suggestion.numbers["longest_walk_max_s"] == 3600
    assert suggestion.numbers["next_week_max_s"] == 6600
    assert "no single walk longer than 60 min" in suggestion.reason


def test_retro_walk_of_60_minutes_is_the_ceiling():
    suggestion = retro_suggestion(weeks({"backward_walk_min": 60}), kind="walk")
    assert suggestion.action == TOP
    assert suggestion.numbers["longest_walk_max_s"] == 3600
    assert "keep every walk at or under 60 minutes" in suggestion.reason


def test_retro_walk_without_the_longest_walk_uses_the_week_total():
    suggestion = retro_suggestion(weeks({"backward_walk_min": 57}), kind="walk")
    assert suggestion.numbers["longest_walk_max_s"] == 3600


def test_retro_run_stays_a_short_finisher_or_repeats():
    suggestion = retro_suggestion(weeks({"backward_run_min": 2}), kind="run")
    assert (suggestion.action, suggestion.numbers["next_week_max_s"]) == (ADVANCE, 132)
    assert "at most 2 min 12 s of running backward" in suggestion.reason
    assert "never a whole session backward" in suggestion.reason


def test_retro_stays_after_pain_above_2_of_10():
    suggestion = retro_suggestion(weeks({"backward_walk_min": 20, "max_pain": 4}), kind="walk")
    assert (suggestion.action, suggestion.numbers["next_week_max_s"]) == (STAY, 1200)
    assert "above 2/10" in suggestion.reason


def test_retro_stays_after_an_alarm():
    suggestion = retro_suggestion(weeks({"backward_run_min": 1, "alarms": 1}), kind="run")
    assert suggestion.action == STAY
    assert "had 1 alarm" in suggestion.reason


def test_retro_walk_start_when_nothing_was_done():
    suggestion = retro_suggestion(weeks({"backward_run_min": 1}), kind="walk")
    assert suggestion.action == START
    assert "about 5 minutes" in suggestion.reason
    assert "at most 10 % a week" in suggestion.reason


def test_retro_run_start_is_a_30_to_40_second_finisher():
    suggestion = retro_suggestion([], kind="run")
    assert suggestion.action == START
    assert "30-40 seconds" in suggestion.reason


@pytest.mark.parametrize(
    ("seconds", "text"), [(44, "44 s"), (60, "1 min"), (132, "2 min 12 s"), (3600, "60 min")]
)
def test_duration_text(seconds, text):
    assert duration_text(seconds) == text


# Trail ----------------------------------------------------------------------------------

FOREST_ONCE = {"off_road_runs": 1, "hardest_surface_step": 1}
FOREST_TWICE = {"off_road_runs": 2, "hardest_surface_step": 1}
SAND_TWICE = {"off_road_runs": 2, "hardest_surface_step": 2}
SINGLETRACK = {"off_road_runs": 2, "hardest_surface_step": 3}


@pytest.mark.parametrize(
    ("facts", "step"),
    [({}, 0), (FOREST_ONCE, 1), (FOREST_TWICE, 2), (SAND_TWICE, 3), (SINGLETRACK, 4)],
)
def test_trail_step_of_a_week(facts, step):
    assert trail_step(WeekFacts(iso_year=2026, iso_week=10, **facts)) == step


def test_trail_starts_on_wide_forest_paths_once_a_week():
    suggestion = trail_suggestion(weeks({}))
    assert (suggestion.action, suggestion.next) == (START, 1)
    assert "one short off-road run a week on wide, clear forest paths" in suggestion.reason


def test_trail_goes_from_one_to_two_runs_after_two_clean_weeks():
    suggestion = trail_suggestion(weeks(FOREST_ONCE, FOREST_ONCE))
    assert (suggestion.action, suggestion.current, suggestion.next) == (ADVANCE, 1, 2)
    assert "two off-road runs a week on wide forest paths" in suggestion.reason


def test_trail_goes_from_forest_paths_to_sand_roads_and_heath():
    suggestion = trail_suggestion(weeks(FOREST_TWICE, FOREST_TWICE))
    assert (suggestion.action, suggestion.next) == (ADVANCE, 3)
    assert "sand roads and heath" in suggestion.reason


def test_trail_goes_to_singletracks_last():
    suggestion = trail_suggestion(weeks(SAND_TWICE, SAND_TWICE))
    assert (suggestion.action, suggestion.next) == (ADVANCE, 4)
    assert trail_suggestion(weeks(SINGLETRACK)).action == TOP


SAND_ONCE = {"off_road_runs": 1, "hardest_surface_step": 2}
SINGLETRACK_ONCE = {"off_road_runs": 1, "hardest_surface_step": 3}


@pytest.mark.parametrize("facts", [SAND_ONCE, SINGLETRACK_ONCE])
def test_trail_a_single_off_road_run_is_step_1_whatever_the_terrain(facts):
    assert trail_step(WeekFacts(iso_year=2026, iso_week=10, **facts)) == 1


def test_trail_one_sand_road_run_a_week_never_leads_to_singletracks():
    # Two weeks of one sand-road run each: step 1 twice, so the next step is two runs a
    # week on forest paths (step 2), not singletracks (step 4).
    suggestion = trail_suggestion(weeks(SAND_ONCE, SAND_ONCE))
    assert (suggestion.action, suggestion.current, suggestion.next) == (ADVANCE, 1, 2)


def test_trail_stays_after_one_clean_week():
    suggestion = trail_suggestion(weeks(FOREST_ONCE))
    assert (suggestion.action, suggestion.next) == (STAY, 1)
    assert "1 of 2 weeks in a row" in suggestion.reason


def test_trail_stays_when_the_step_was_not_free_of_pain():
    suggestion = trail_suggestion(weeks(FOREST_TWICE, {**FOREST_TWICE, "max_pain": 1}))
    assert (suggestion.action, suggestion.next) == (STAY, 2)
    assert "had pain (1/10)" in suggestion.reason


def test_trail_stays_after_an_alarm():
    suggestion = trail_suggestion(weeks(FOREST_TWICE, {**FOREST_TWICE, "alarms": 2}))
    assert (suggestion.action, suggestion.next) == (STAY, 2)
    assert "had 2 alarms" in suggestion.reason


def test_trail_pain_the_week_before_restarts_the_count():
    suggestion = trail_suggestion(weeks({**FOREST_TWICE, "max_pain": 3}, FOREST_TWICE))
    assert (suggestion.action, suggestion.numbers["weeks_in_a_row"]) == (STAY, 1)


# Long run -------------------------------------------------------------------------------


def test_long_run_cap_is_ten_percent_over_the_longest_of_30_days():
    suggestion = long_run_suggestion(12_000)
    assert (suggestion.action, suggestion.next) == (ADVANCE, 13_200)
    assert "at or under 13.2 km" in suggestion.reason


def test_long_run_cap_rounds_down_to_whole_metres_and_tenths_of_a_km():
    suggestion = long_run_suggestion(10_555)  # 11,610.5 m -> 11,610 m -> shown as 11.6 km
    assert suggestion.next == 11_610
    assert "11.6 km" in suggestion.reason


def test_long_run_without_a_run_in_30_days_starts_easy():
    assert long_run_suggestion(None).action == START
    assert long_run_suggestion(0).next is None


def test_long_run_after_a_jump_builds_on_the_jump():
    # 12 km after 10 km: the spike rule lets 13.2 km pass next (DOMAIN.md section 3).
    suggestion = long_run_suggestion(12_000)
    assert suggestion.next == 13_200
    assert "at or under 13.2 km (10 % more), the longest the spike rule" in suggestion.reason
    assert "A rule of thumb, not a proven limit (Buist et al. 2008)" in suggestion.reason

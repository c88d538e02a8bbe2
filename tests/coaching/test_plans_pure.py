"""The pure parts of training plans: bands, status, compliance and reading a plan file,
on hand-computed cases."""

from __future__ import annotations

from datetime import date

import pytest

from coaching import plans
from exercises.models import STEP_SURFACE_CHOICES
from logbook.models import Kind, Surface

TODAY = date(2026, 3, 11)  # a Wednesday
HEADER = "date,kind,duration_min,distance_km,rpe,backward_min,surface,notes\n"


def test_kind_and_surface_codes_are_the_logbook_ones() -> None:
    assert tuple(Kind.values) == plans.KINDS
    assert tuple(Surface.values) == plans.SURFACES
    assert tuple(code for code, _ in STEP_SURFACE_CHOICES) == plans.SURFACES


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (2400, "done"),  # 80 % of 50 min exactly
        (3600, "done"),  # 120 % exactly
        (2399, "partly"),  # just under 80 %
        (3601, "partly"),  # just over 120 %
        (1500, "partly"),  # 50 % exactly
        (4500, "partly"),  # 150 % exactly
        (1499, "off"),
        (4501, "off"),
        (0, "off"),
    ],
)
def test_band_of_a_fifty_minute_target(actual: int, expected: str) -> None:
    assert plans.band(target=3000, actual=actual) == expected


def _status(**kw: object) -> str:
    base: dict[str, object] = {
        "day": TODAY,
        "today": TODAY,
        "target_duration_s": None,
        "target_distance_m": None,
        "done_duration_s": None,
        "done_distance_m": None,
        "fulfilled": False,
    }
    base.update(kw)
    return plans.status(**base)  # type: ignore[arg-type]


def test_unfulfilled_today_is_planned_and_yesterday_missed() -> None:
    assert _status(target_duration_s=1800) == "planned"
    assert _status(day=date(2026, 3, 12), target_duration_s=1800) == "planned"
    assert _status(day=date(2026, 3, 10), target_duration_s=1800) == "missed"


def test_duration_decides_when_the_plan_gives_both() -> None:
    # 40 min of a 40 min plan is done although 6 km of a 10 km plan would be partly.
    assert (
        _status(
            fulfilled=True,
            target_duration_s=2400,
            target_distance_m=10000,
            done_duration_s=2400,
            done_distance_m=6000,
        )
        == "done"
    )


def test_distance_decides_when_the_plan_gives_only_a_distance() -> None:
    kw = {"fulfilled": True, "target_distance_m": 10000, "done_duration_s": 3600}
    assert _status(**kw, done_distance_m=12500) == "partly"  # 125 %
    assert _status(**kw, done_distance_m=None) == "off"


def test_a_plan_without_targets_is_done_once_fulfilled() -> None:
    assert _status(fulfilled=True, done_duration_s=600) == "done"


def test_compliance_counts_only_days_that_have_passed() -> None:
    week = [
        (date(2026, 3, 9), "done"),
        (date(2026, 3, 10), "partly"),
        (date(2026, 3, 10), "missed"),
        (date(2026, 3, 11), "done"),  # today: not yet counted
        (date(2026, 3, 13), "planned"),
    ]
    # (1 + 0.5) / 3 = 0.5
    assert plans.compliance(week, today=TODAY) == pytest.approx(0.5)
    assert plans.compliance_pct(plans.compliance(week, today=TODAY)) == 50
    assert plans.compliance(week[3:], today=TODAY) is None


def test_compliance_pct_rounds_half_up() -> None:
    assert plans.compliance_pct(2 / 3) == 67
    assert plans.compliance_pct(0.125) == 13
    assert plans.compliance_pct(None) is None


def test_a_good_file_reads_every_row_in_whole_seconds_and_metres() -> None:
    parsed = plans.parse_plan(
        HEADER
        + "2026-03-09,run,45,8.5,6,1.5,forest_path,easy\n"
        + "\n"
        + '2026-03-10,strength,25,,,,,"hip, level 1"\n'
        + "2026-03-12,walk,,3.25,,,,\n"
    )
    assert parsed.ok, parsed.errors
    first, second, third = parsed.rows
    assert (first.line, first.day, first.kind) == (2, date(2026, 3, 9), "run")
    assert (first.duration_s, first.distance_m, first.rpe, first.backward_s) == (2700, 8500, 6, 90)
    assert first.surface == "forest_path"
    assert (second.line, second.notes, second.distance_m) == (4, "hip, level 1", None)
    assert (third.line, third.duration_s, third.distance_m) == (5, None, 3250)


def test_columns_may_come_in_any_order_and_only_date_and_kind_are_needed() -> None:
    parsed = plans.parse_plan(b"\xef\xbb\xbfkind,date\r\nrun,2026-03-09\r\n")
    assert parsed.ok
    assert parsed.rows[0].kind == "run"


def test_every_bad_line_is_named_with_what_is_wrong() -> None:
    parsed = plans.parse_plan(
        HEADER
        + "2026-03-09,run,45,,,,,\n"
        + '2026-02-30,swim,45,"8,5",11,50,moon,\n'
        + ",,,,,,,\n"
        + "2026-03-10,run\n"
    )
    assert not parsed.ok
    lines = {e.line: str(e) for e in parsed.errors}
    assert set(lines) == {3, 5}
    for part in (
        "date 2026-02-30 does not exist",
        "kind swim",
        "decimal point",
        "rpe 11",
        "backward_min 50 is more than duration_min 45",
        "surface moon",
    ):
        assert part in lines[3], part
    assert lines[3].startswith("Line 3:")
    assert "2 cells where the header has 8" in lines[5]


def test_a_bad_header_is_line_one() -> None:
    parsed = plans.parse_plan("day,kind,pace\n2026-03-09,run,5\n")
    (error,) = parsed.errors
    assert error.line == 1
    assert "unknown column day" in str(error) and "column date is missing" in str(error)


def test_empty_and_header_only_files_are_refused() -> None:
    assert not plans.parse_plan("").ok
    assert not plans.parse_plan(HEADER).ok
    assert "UTF-8" in str(plans.parse_plan(b"\xff\xfe\x00d").errors[0])


def test_zero_duration_is_refused_but_zero_backward_is_fine() -> None:
    assert not plans.parse_plan(HEADER + "2026-03-09,run,0,,,,,\n").ok
    assert plans.parse_plan(HEADER + "2026-03-09,run,30,,,0,,\n").ok

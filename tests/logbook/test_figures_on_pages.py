"""The figures of the rules where runners read them: the export's `numbers` equal to what
the message quotes, and the long-run card after a jump (DOMAIN.md sections 2 and 3)."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from logbook import services
from logbook.models import Kind

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2025, 6, 11, 12, 0, tzinfo=AMSTERDAM)


def run(athlete: Any, day: date, metres: int) -> None:
    services.session_log(
        athlete=athlete,
        start=datetime.combine(day, time(8), tzinfo=AMSTERDAM),
        kind=Kind.RUN,
        duration_s=metres * 6 // 10,  # 6 min/km
        distance_m=metres,
        rpe=5,
    )


def test_export_numbers_hold_the_figure_the_spike_message_quotes(
    runner: Any, runner_client: Any
) -> None:
    with time_machine.travel(NOW, tick=False):
        run(runner, date(2025, 6, 1), 10000)
        run(runner, date(2025, 6, 10), 11001)  # +10.01 %
        document = runner_client.get(reverse("logbook:export_json")).json()
    [spike] = [w for w in document["warnings"] if w["rule"] == "single_run_spike"]
    assert spike["numbers"]["increase_pct"] == 10.1
    assert "+10.1 %, more than 10 %" in spike["message"]
    # The rest of the warning's shape is as before.
    assert set(spike["numbers"]) == {
        "distance_m",
        "longest_m",
        "increase_pct",
        "cap_m",
        "direction",
    }


def test_long_run_card_after_a_jump_from_10_to_12_km_says_13_2(
    runner: Any, runner_client: Any
) -> None:
    with time_machine.travel(NOW, tick=False):
        run(runner, date(2025, 6, 1), 10000)
        run(runner, date(2025, 6, 8), 12000)  # +20 %: a spike
        html = runner_client.get(reverse("logbook:dashboard"), HTTP_ACCEPT_LANGUAGE="en").text
        document = runner_client.get(reverse("logbook:export_json")).json()
    card = html[html.index('id="long-run"') :]
    card = card[: card.index("</section>")]
    assert re.search(r'id="long-run-cap">13\.2 km<', card)
    assert "rule of thumb" in card
    # The spike's advice names the same figure, from the same function.
    [spike] = [w for w in document["warnings"] if w["rule"] == "single_run_spike"]
    assert spike["numbers"]["cap_m"] == 13200
    assert "at or under 13.2 km" in spike["advice"]
    assert "11.0" not in card

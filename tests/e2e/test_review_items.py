"""Every item of the phone review (issue 13) checked in Chromium at 375 px and 1280 px, in
English and Dutch: one browser context per width and language, each item a subtest, so a
failure names the item, the width and the language.

| item | what a runner tripped on | checked by |
|---|---|---|
| 1 | Dutch date boxes empty: the edit round trip | check_dates_round_trip |
| 2 | retro walking pre-filled forward; no "Log this" per hip step | check_pre_fills |
| 3 | a GPX timed on a few points started near its end | check_gpx_start |
| 4 | "Rest" for days to come, "1200 s · 2500 m", "1 exercises", dates | check_wording |
| 5 | 599 time zones, everyone on Europe/Amsterdam | check_time_zones |
| 6 | verification e-mail: link broken, other host, not signed in | check_verification_email |
| 7 | identical sessions accepted without a word | check_duplicates |
| 8 | the first screen all warnings, old ones piling up | check_dashboard_order |
| 9 | nav without current page, Import, Your data; wide form fields | check_nav_and_widths |
| 10 | radio buttons and drop-downs for kind and effort | check_logging_controls |
| log | a run in a few taps, "same as Tuesday" in two, under 15 s | check_logging_path |

Dark mode and keyboard focus are in test_phone_flows.py, the accessibility of every page
in test_main_pages.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.pages import PHONE, WIDE, Browsing, browsing
from tests.e2e.review_logging import (
    check_dates_round_trip,
    check_duplicates,
    check_gpx_start,
    check_logging_controls,
    check_logging_path,
    check_pre_fills,
)
from tests.e2e.review_pages import (
    check_dashboard_order,
    check_nav_and_widths,
    check_time_zones,
    check_verification_email,
    check_wording,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


ITEMS: dict[str, Callable[[Browsing, int, str], None]] = {
    "01-dates": check_dates_round_trip,
    "02-pre-fills": check_pre_fills,
    "03-gpx-start": check_gpx_start,
    "04-wording": check_wording,
    "05-time-zones": check_time_zones,
    "06-verification-email": check_verification_email,
    "07-duplicates": check_duplicates,
    "08-dashboard-order": check_dashboard_order,
    "09-nav-and-widths": check_nav_and_widths,
    "10-logging-controls": check_logging_controls,
    "logging-path": check_logging_path,
}


@pytest.mark.parametrize(
    ("width", "language"),
    [
        pytest.param(PHONE, "en", id="375-en"),
        pytest.param(PHONE, "nl", id="375-nl"),
        pytest.param(WIDE, "en", id="1280-en"),
        pytest.param(WIDE, "nl", id="1280-nl"),
    ],
)
def test_review_items(
    browser: Any, live_server: Any, subtests: Any, width: int, language: str
) -> None:
    """One browser context per width and language for all the items, each a subtest that
    is reported on its own (`item=03-gpx-start` in the failure)."""
    with browsing(browser, live_server.url, width=width, language=language) as b:
        for item, check in ITEMS.items():
            with subtests.test(item=item):
                b.problems.clear()
                check(b, width, language)

"""A coach signs in and lands on their home, opens the athlete at the top, and reads the
athlete list: in Chromium at 375 and 1280 px, in English and Dutch, light and dark; no
serious axe-core finding, nothing scrolls sideways, a screenshot of each page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import PHONE, WIDE, Browsing, browsing
from tests.e2e.shots import not_kept, save_screenshot
from tests.factories import PASSWORD, make_coach, make_runner
from tests.logbook.helpers import days_ago, log_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {"home": "Who needs you today", "figures": "Figures", "spike": "Single run longer"},
    "nl": {"home": "Wie je vandaag nodig heeft", "figures": "Cijfers", "spike": "Eén loop"},
}


def squad() -> tuple[Any, Any]:
    bob = make_coach("bob@example.com", display_name="Bob")
    alice = make_runner("alice@example.com", display_name="Alice", coach=bob)
    carol = make_runner("carol@example.com", display_name="Carol", coach=bob)
    dora = make_runner("dora@example.com", display_name="Dora", coach=bob)
    log_run(carol, days_ago(2), 8, pain=3)
    log_run(dora, days_ago(20), 6)
    log_run(alice, days_ago(20), 10)
    log_run(alice, days_ago(1), 25, minutes=150)  # a large spike: Alice comes first
    return bob, alice


def fits_and_is_clean(b: Browsing, name: str, width: int) -> Path:
    assert b.scroll_width() <= width, f"{b.page.url} scrolls sideways: {b.widest()}"
    assert b.axe_violations() == [], b.page.url
    return save_screenshot(b.page, name)


@pytest.mark.parametrize(
    ("width", "language", "dark"),
    [
        pytest.param(PHONE, "nl", False, id="375-nl"),
        pytest.param(WIDE, "en", True, id="1280-en-dark"),
    ],
)
def test_a_coach_lands_on_the_home_and_opens_the_top_athlete(
    browser: Any, live_server: Any, width: int, language: str, dark: bool
) -> None:
    bob, alice = squad()
    words = WORDS[language]
    suffix = f"{width}-{language}{'-dark' if dark else ''}"
    with browsing(browser, live_server.url, width=width, language=language, dark=dark) as b:
        b.goto("/admin/")
        b.page.locator("#id_username").fill(bob.email)
        b.page.locator("#id_password").fill(PASSWORD)
        b.page.locator("input[type=submit]").click()
        expect(b.page.locator("h1")).to_have_text(words["home"])
        top = b.page.locator("#home-attention .home-athlete").first
        expect(top).to_contain_text("Alice")
        expect(top).to_contain_text(words["spike"])
        expect(b.page.locator("#home-sessions")).to_contain_text("Carol")
        shots = [fits_and_is_clean(b, f"coach-home-{suffix}", width)]

        top.get_by_role("link", name="Alice").click()
        b.page.wait_for_url(f"**/admin/coaching/athlete/{alice.pk}/change/")
        expect(b.page.locator("#load-chart")).to_be_visible()
        shots.append(fits_and_is_clean(b, f"coach-top-athlete-{suffix}", width))

        b.goto("/admin/coaching/athlete/")
        first = b.page.locator("#result_list tbody tr").first
        expect(first).to_contain_text("Alice")
        figures = first.locator("td.fig").first
        if width == PHONE:
            # Name and why first; the figures on demand.
            expect(figures).to_be_hidden()
            first.get_by_text(words["figures"]).click()
        expect(figures).to_be_visible()
        shots.append(fits_and_is_clean(b, f"coach-athletes-{suffix}", width))
        assert b.problems == []
    assert len(shots) == 3 and not_kept(shots) == []


def test_at_1280_px_the_athlete_table_shows_every_column_without_scrolling_in_its_box(
    browser: Any, live_server: Any
) -> None:
    """The table scrolls inside its own box, which the page's width never shows: the box
    itself must not scroll, with a long name and every reason to look, in both languages."""
    bob, _alice = squad()
    erin = make_runner(
        "erin.with.a.rather.long.address@example.com",
        display_name="Erin Vandenberghe-Achterberg",
        coach=bob,
    )
    log_run(erin, days_ago(10), 10)
    log_run(erin, days_ago(3), 14, pain=6, sharp_pain=True)
    for language in ("en", "nl"):
        with browsing(browser, live_server.url, width=WIDE, user=bob, language=language) as b:
            b.goto("/admin/coaching/athlete/")
            expect(b.page.locator("#result_list")).to_contain_text("Vandenberghe-Achterberg")
            box = b.page.locator(".athlete-table-box")
            scroll, client = box.evaluate("box => [box.scrollWidth, box.clientWidth]")
            assert scroll <= client, f"{language}: the table scrolls {scroll} px in {client} px"
            for heading in b.page.locator("#result_list thead th.fig").all():
                expect(heading).to_be_visible()
            assert b.scroll_width() <= WIDE, b.widest()
            save_screenshot(b.page, f"coach-athletes-long-name-1280-{language}")
            assert b.problems == []

